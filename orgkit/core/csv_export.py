"""CSV downloads that a spreadsheet opens safely: UTF-8 with a byte-order mark (so accents
survive Excel), and no cell that a spreadsheet would run as a formula ("CSV injection": a
member named ``=HYPERLINK(…)`` must stay text)."""

from __future__ import annotations

import csv
from collections.abc import Iterable

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """``value`` as text, with a leading apostrophe if a spreadsheet would read a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_download(filename: str) -> tuple[HttpResponse, csv.writer]:
    """An attachment response and a writer for it; write rows with :func:`safe_row`."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"  # member data: not for shared caches
    response.write("\ufeff")
    return response, csv.writer(response)


def safe_row(values: Iterable) -> list[str]:
    return [safe_cell(value) for value in values]
