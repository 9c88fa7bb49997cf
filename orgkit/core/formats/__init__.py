"""Date formats by language (``FORMAT_MODULE_PATH``): templates and code name a format —
``{{ day|date:"DATE_FORMAT" }}``, ``date_format(day, "WEEKDAY_DATE_FORMAT")`` — and each language
says how it reads: "1 Dec 2026" in English, "1 de diciembre de 2026" in Spanish.

Django's own names (``DATE_FORMAT``, ``DATETIME_FORMAT``, ``YEAR_MONTH_FORMAT``) come from
Django's locale where a module here does not set them; the others are orgkit's, and every
language in ``LANGUAGES`` must define each of ``NAMES`` (tests/unit/test_date_formats.py), or
Django would print the name itself as a format. A date that could fall in another year shows
its year (only a calendar cell under its month's heading leaves it out).
"""

NAMES = [
    "DATE_FORMAT",  # 1 Dec 2026
    "DATETIME_FORMAT",  # 1 Dec 2026 18:00
    "LONG_DATE_FORMAT",  # 1 December 2026
    "WEEKDAY_DATE_FORMAT",  # Tue 1 Dec 2026
    "WEEKDAY_MONTH_DAY_FORMAT",  # Tue 1 Dec: in a month's calendar, or days ahead
    "LONG_WEEKDAY_DATE_FORMAT",  # Tuesday 1 December 2026
    "LONG_WEEKDAY_DATETIME_FORMAT",  # Tuesday 1 December 2026, 18:00
    "YEAR_MONTH_FORMAT",  # December 2026
]
