"""The time zone picker: the likely zones first, then every zone grouped by region — instead
of ~600 raw names, half of them legacy aliases ("US/Eastern", "Etc/GMT+5", "GB").

The browser's own zone is preselected by js/organization-form.js; without JavaScript the
server's ``TIME_ZONE`` is.
"""

from __future__ import annotations

import zoneinfo
from functools import cache

from django.utils.translation import gettext_lazy as _

# Where most organizations using orgkit are likely to be: one zone per populous region.
LIKELY = [
    "UTC",
    "Europe/London",
    "Europe/Madrid",
    "Europe/Paris",
    "Europe/Berlin",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Mexico_City",
    "America/Bogota",
    "America/Lima",
    "America/Santiago",
    "America/Argentina/Buenos_Aires",
    "America/Sao_Paulo",
    "Africa/Lagos",
    "Africa/Nairobi",
    "Africa/Johannesburg",
    "Asia/Kolkata",
    "Asia/Manila",
    "Asia/Tokyo",
    "Australia/Sydney",
]

REGIONS = {
    "Africa": _("Africa"),
    "America": _("Americas"),
    "Antarctica": _("Antarctica"),
    "Arctic": _("Arctic"),
    "Asia": _("Asia"),
    "Atlantic": _("Atlantic"),
    "Australia": _("Australia"),
    "Europe": _("Europe"),
    "Indian": _("Indian Ocean"),
    "Pacific": _("Pacific"),
}


def zone_label(name: str) -> str:
    """``America/Argentina/Buenos_Aires`` → ``Argentina / Buenos Aires`` (the region is the
    group's label)."""
    parts = name.split("/")
    place = parts[1:] if len(parts) > 1 else parts
    return " / ".join(part.replace("_", " ") for part in place)


@cache
def _zones_by_region() -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {region: [] for region in REGIONS}
    for name in zoneinfo.available_timezones():
        region = name.split("/", 1)[0]
        if region in grouped and "/" in name:
            grouped[region].append(name)
    return {region: sorted(names, key=zone_label) for region, names in grouped.items()}


def timezone_choices(current: str = "") -> list:
    """Grouped choices for a form's select: likely zones, then each region's zones.

    ``current`` (an organization's saved zone) is kept selectable even when it is a legacy
    alias outside the groups.
    """
    available = zoneinfo.available_timezones()
    likely = [(name, name.replace("_", " ")) for name in LIKELY if name in available]
    choices: list = [(_("Likely"), likely)]
    for region, names in _zones_by_region().items():
        if names:
            choices.append((REGIONS[region], [(name, zone_label(name)) for name in names]))
    listed = {value for _group, options in choices for value, _label in options}
    if current and current not in listed:
        choices.insert(0, (current, current))
    return choices
