"""Template helpers for rotation pages."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from orgkit.rotations.explanations import cover_alarm, reason_texts

register = template.Library()


@register.filter
def turn_reasons(turn) -> list[str]:
    """A turn's reasons as sentences in the page's language: ``{{ turn|turn_reasons|join:"; " }}``."""
    return reason_texts(turn.reasons, turn_start=turn.start)


@register.filter
def cover_alarm_text(turn) -> str:
    """Why a confirmed turn needs cover: ``{{ turn|cover_alarm_text }}``."""
    return cover_alarm(turn)


@register.filter
def cadence_text(rotation) -> str:
    """How often the role changes hands, to follow "every": “week”, “4 weeks”, “month”."""
    every = rotation.cadence_every
    months = rotation.cadence_unit == "months"
    if every == 1:  # "every month", not "every 1 month"
        return _("month") if months else _("week")
    if months:
        return ngettext("%(every)s month", "%(every)s months", every) % {"every": every}
    return ngettext("%(every)s week", "%(every)s weeks", every) % {"every": every}
