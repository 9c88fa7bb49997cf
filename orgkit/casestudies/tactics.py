"""The names of the article's tactics (a–k) and closing themes, for pages in any language.

Public: the health dashboard names its panels with these.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

TACTIC_NAMES = {
    "a": _("Transfers to keep critics away"),
    "b": _("Elected representatives removed"),
    "c": _("Minority views delayed or unanswered"),
    "d": _("Meetings moved earlier"),
    "e": _("Votes overturned, proportional representation refused"),
    "f": _("Rules applied to the minority only"),
    "g": _("Not allowed to resign"),
    "h": _("No proposal, no appeal"),
    "i": _("Critics called counter-revolutionaries"),
    "j": _("Secret police against critics"),
    "k": _("Expelled for disagreeing"),
    "decades": _("Leaders for decades"),
    "skills": _("Skills not taught"),
}


def tag_name(key: str) -> str:
    """The name of a tactic letter or theme (the key itself if unknown)."""
    return str(TACTIC_NAMES.get(key, key))
