from django import template

from orgkit.core.audit import describe_event as describe

register = template.Library()


@register.filter
def describe_event(event, viewer_is_organizer=False) -> str:
    """The event's sentence; invitees' addresses only when the viewer is an organizer."""
    return describe(event, reveal_private=bool(viewer_is_organizer))


@register.filter
def at_most(value, limit) -> int:
    """The smaller of two integers, e.g. to cap a tree depth at the deepest CSS class."""
    try:
        return min(int(value), int(limit))
    except (TypeError, ValueError):
        return 0


@register.filter
def webcal(url) -> str:
    """A calendar feed's address with the ``webcal:`` scheme, which calendar apps open as a
    subscription (an http(s) link would download the file once instead)."""
    text = str(url or "")
    for scheme in ("https://", "http://"):
        if text.startswith(scheme):
            return "webcal://" + text[len(scheme) :]
    return text
