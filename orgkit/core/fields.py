"""Date fields for forms and serializers that accept only plausible dates.

Use these instead of ``forms.DateField`` / ``serializers.DateField`` (and the DateTime ones)
for anything a user types: they add :func:`orgkit.core.bounds.validate_plausible_date`, so a
year 1 or 9999 is a form error or a 400 with a message, never an overflow further down. The
HTML date inputs also get ``min``/``max`` so browsers offer only the range.
"""

from __future__ import annotations

from django import forms
from rest_framework import serializers

from orgkit.core.bounds import EARLIEST_DATE, LATEST_DATE, validate_plausible_date


def _with_bounds(widget: forms.Widget, *, kind: str) -> forms.Widget:
    if kind == "date":
        widget.attrs.setdefault("min", EARLIEST_DATE.isoformat())
        widget.attrs.setdefault("max", LATEST_DATE.isoformat())
    elif kind == "datetime-local":
        widget.attrs.setdefault("min", f"{EARLIEST_DATE.isoformat()}T00:00")
        widget.attrs.setdefault("max", f"{LATEST_DATE.isoformat()}T23:59")
    return widget


class PlausibleDateField(forms.DateField):
    """A form date inside the plausible range, typed in an ``<input type="date">``."""

    default_validators = [validate_plausible_date]

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}))
        super().__init__(**kwargs)
        _with_bounds(self.widget, kind=getattr(self.widget, "input_type", ""))


class PlausibleDateTimeField(forms.DateTimeField):
    """A form date and time inside the plausible range."""

    default_validators = [validate_plausible_date]

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.DateTimeInput(attrs={"type": "datetime-local"}))
        super().__init__(**kwargs)
        _with_bounds(self.widget, kind=getattr(self.widget, "input_type", ""))


class PlausibleDate(serializers.DateField):
    """An API date inside the plausible range (400 with a message otherwise)."""

    def __init__(self, **kwargs):
        kwargs["validators"] = [*kwargs.get("validators", ()), validate_plausible_date]
        super().__init__(**kwargs)


class PlausibleDateTime(serializers.DateTimeField):
    """An API date and time inside the plausible range (400 with a message otherwise)."""

    def __init__(self, **kwargs):
        kwargs["validators"] = [*kwargs.get("validators", ()), validate_plausible_date]
        super().__init__(**kwargs)
