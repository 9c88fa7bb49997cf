"""Template helpers for rotation pages."""

from __future__ import annotations

from django import template
from django.utils.translation import ngettext

from orgkit.rotations.explanations import reason_texts

register = template.Library()


@register.filter
def turn_reasons(turn) -> list[str]:
    """A turn's reasons as sentences in the page's language: ``{{ turn|turn_reasons|join:"; " }}``."""
    return reason_texts(turn.reasons, turn_start=turn.start)


@register.filter
def cadence_text(rotation) -> str:
    """How often the role changes hands, to follow "every": “week”, “4 weeks”, “month”."""
    every = rotation.cadence_every
    if rotation.cadence_unit == "months":
        return ngettext("month", "%(every)s months", every) % {"every": every}
    return ngettext("week", "%(every)s weeks", every) % {"every": every}
