"""URL converters."""


class RowIdConverter:
    """A database id in a URL: digits, at most 18 of them.

    Django's ``int`` converter accepts any length, and a 25-digit id makes PostgreSQL raise
    "bigint out of range" — a 500 instead of a 404. Eighteen digits always fit a bigint.
    """

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(int(value))
