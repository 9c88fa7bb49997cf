"""Template filters of the decisions pages."""

from django import template

from orgkit.core.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text: str):
    """Members' Markdown as sanitised HTML (orgkit.core.markdown)."""
    return render_markdown(text)
