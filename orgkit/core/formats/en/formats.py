# English dates as orgkit prints them: day first, no full stops ("1 Dec 2026"). See
# orgkit/core/formats/__init__.py for the names.
DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y H:i"
LONG_DATE_FORMAT = "j F Y"
WEEKDAY_DATE_FORMAT = "D j M Y"
WEEKDAY_MONTH_DAY_FORMAT = "D j M"
LONG_WEEKDAY_DATE_FORMAT = "l j F Y"
LONG_WEEKDAY_DATETIME_FORMAT = "l j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
