"""Integer fixed-point arithmetic for official counts.

An official count must give the same figures on every machine and must round exactly where
the rules say. Binary floats do neither (0.1 has no exact binary form), so every vote total in
a count is an ``int`` holding the value multiplied by ``10**places``. Rounding is always
explicit: :func:`div_floor` truncates ("any remainder being ignored", as the Scottish rules put
it) and :func:`div_ceil` rounds up, which the Meek rules use for quotas and keep values.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from fractions import Fraction


def scale(places: int) -> int:
    """Return ``10**places``: the integer that stands for 1.0 at ``places`` decimals."""
    if places < 0:
        raise ValueError("places must be >= 0")
    return 10**places


def div_floor(numerator: int, denominator: int) -> int:
    """Integer division rounding toward minus infinity (truncation for non-negative values)."""
    return numerator // denominator


def div_ceil(numerator: int, denominator: int) -> int:
    """Integer division rounding up."""
    return -((-numerator) // denominator)


def to_fixed(value: int | Fraction | Decimal | str, places: int, *, exact: bool = True) -> int:
    """Convert ``value`` to a fixed-point integer at ``places`` decimals.

    With ``exact=True`` (the default) a value that cannot be held exactly raises
    ``ValueError`` -- a ballot weight of 1/3 must not be silently rounded. With
    ``exact=False`` the value is truncated.
    """
    if isinstance(value, str):
        try:
            value = Fraction(Decimal(value.strip()))
        except (InvalidOperation, ValueError) as exc:
            raise ValueError(f"not a decimal number: {value!r}") from exc
    elif isinstance(value, Decimal):
        value = Fraction(value)
    frac = Fraction(value)
    scaled = frac * scale(places)
    if scaled.denominator != 1:
        if exact:
            raise ValueError(f"{value} cannot be represented with {places} decimal places")
        return scaled.numerator // scaled.denominator
    return scaled.numerator


def format_fixed(value: int, places: int, display: int | None = None) -> str:
    """Render a fixed-point integer as a decimal string.

    ``display`` (default ``places``) is the number of decimals shown; extra digits are
    truncated, never rounded, so a displayed figure never exceeds the true one.
    """
    if display is None:
        display = places
    if display < places:
        value = (
            value // 10 ** (places - display)
            if value >= 0
            else -((-value) // 10 ** (places - display))
        )
        places = display
    elif display > places:
        value = value * 10 ** (display - places)
        places = display
    sign = "-" if value < 0 else ""
    value = abs(value)
    if places == 0:
        return f"{sign}{value}"
    whole, frac = divmod(value, 10**places)
    return f"{sign}{whole}.{frac:0{places}d}"


def parse_fixed(text: str, places: int) -> int:
    """Parse a decimal string into a fixed-point integer, truncating extra decimals."""
    return to_fixed(text, places, exact=False)
