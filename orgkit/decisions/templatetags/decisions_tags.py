"""Template filters of the decisions pages."""

from django import template

from orgkit.core.markdown import render_markdown
from orgkit.decisions.services.record import reason_label

register = template.Library()


@register.filter
def markdown(text: str):
    """Members' Markdown as sanitised HTML (orgkit.core.markdown)."""
    return render_markdown(text)


@register.filter
def version_reason(code: str) -> str:
    """Why a record version was added, in the reader's language."""
    return reason_label(code)
