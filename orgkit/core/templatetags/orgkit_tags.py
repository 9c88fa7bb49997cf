from django import template

from orgkit.core.audit import describe_event as describe

register = template.Library()


@register.filter
def describe_event(event) -> str:
    return describe(event)
