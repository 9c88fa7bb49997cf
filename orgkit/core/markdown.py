"""Markdown that members write (minority reports, notes, case studies), rendered to safe HTML.

CommonMark through markdown-it-py with raw HTML switched off, then nh3 (a maintained HTML
sanitiser) keeps only an allow-list of tags and attributes, and forces ``rel`` on links: a
member's text can format itself, never run script, load images from elsewhere or restyle the
page (the Content-Security-Policy would block most of that too; this is the first door).
"""

from __future__ import annotations

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "h2",
    "h3",
    "h4",
    "a",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "del",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}
# Longer texts are refused by the services that store them; this is a backstop.
MAX_CHARS = 200_000

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
    ["table", "strikethrough"]
)


def render_markdown(text: str) -> SafeString:
    """Safe HTML for ``text`` (Markdown). Headings start at h2: the page owns h1."""
    html = _md.render((text or "")[:MAX_CHARS])
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="nofollow noopener noreferrer",
    )
    return mark_safe(clean)  # noqa: S308 (sanitised just above)
