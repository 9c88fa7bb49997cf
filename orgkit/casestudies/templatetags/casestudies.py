"""Template tags other apps' pages use to show why a safeguard exists.

``{% load casestudies %}`` then
``{% why_safeguard "no-term-limit" %}`` — a dismissable note at a point of action (nothing if the
member closed it before, or outside an organization's pages), and
``{% safeguard_studies "proportional-elections" %}`` — links to the case studies behind a feature.
"""

from __future__ import annotations

from django import template

from orgkit.casestudies import selectors
from orgkit.casestudies.prompts import PROMPTS

register = template.Library()


@register.inclusion_tag("casestudies/_prompt.html", takes_context=True)
def why_safeguard(context, key: str) -> dict:
    request = context.get("request")
    member = getattr(request, "member", None)
    prompt = PROMPTS.get(key)
    if member is None or prompt is None:
        return {"prompt": None}
    if selectors.prompt_dismissed(organization=request.organization, member=member, key=key):
        return {"prompt": None}
    if selectors.case_study_get(slug=prompt.study) is None:  # not loaded: no link to a 404
        return {"prompt": None}
    return {
        "prompt": prompt,
        "request": request,
        "current_org": request.organization,
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("casestudies/_safeguard_studies.html", takes_context=True)
def safeguard_studies(context, key: str) -> dict:
    request = context.get("request")
    if getattr(request, "organization", None) is None:
        return {"studies": []}
    return {
        "studies": list(selectors.case_studies_for_safeguard(safeguard=key)),
        "current_org": request.organization,
    }
