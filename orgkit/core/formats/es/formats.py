# Spanish dates: "1 de diciembre de 2026", "martes 1 de diciembre de 2026, 18:00". Month and
# weekday names come from Django's Spanish catalogue. See orgkit/core/formats/__init__.py.
DATE_FORMAT = r"j \d\e F \d\e Y"
DATETIME_FORMAT = r"j \d\e F \d\e Y, H:i"
LONG_DATE_FORMAT = r"j \d\e F \d\e Y"
WEEKDAY_DATE_FORMAT = r"D j \d\e F \d\e Y"
WEEKDAY_MONTH_DAY_FORMAT = r"D j \d\e b"
LONG_WEEKDAY_DATE_FORMAT = r"l j \d\e F \d\e Y"
LONG_WEEKDAY_DATETIME_FORMAT = r"l j \d\e F \d\e Y, H:i"
YEAR_MONTH_FORMAT = r"F \d\e Y"
