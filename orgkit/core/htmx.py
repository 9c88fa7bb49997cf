"""One view, page or fragment (DESIGN.md rule 7)."""

from __future__ import annotations

from django.shortcuts import render


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def render_page_or_fragment(request, *, page: str, fragment: str, context: dict):
    """Render the whole page, or — for an htmx request — only the fragment it swaps in.

    The page template includes the fragment, so both paths render the same markup and the page
    works the same without JavaScript.
    """
    return render(request, fragment if is_htmx(request) else page, context)
