"""Case-study pages under /o/<org_slug>/case-studies/ (namespace "casestudies")."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View

from orgkit.casestudies import selectors, services
from orgkit.casestudies.replays import replay_for
from orgkit.casestudies.safeguards import SAFEGUARDS, safeguard_available
from orgkit.casestudies.tactics import TACTIC_NAMES, tag_name
from orgkit.core.bounds import text_param
from orgkit.core.errors import ServiceError
from orgkit.core.markdown import render_markdown
from orgkit.organizations.tenancy import OrgPageMixin


def safeguard_link(key: str, org_slug: str) -> dict:
    """What a page shows of a safeguard: its words, and its page when its app is installed."""
    safeguard = SAFEGUARDS[key]
    url = None
    if safeguard_available(safeguard):
        try:
            url = reverse(safeguard.url_name, kwargs={"org_slug": org_slug})
        except NoReverseMatch:
            url = None
    return {"key": key, "title": safeguard.title, "summary": safeguard.summary, "url": url}


class CaseStudyListView(OrgPageMixin, View):
    def get(self, request, org_slug):
        tactic = text_param(request.GET.get("tactic"), max_length=10)
        query = text_param(request.GET.get("q"), max_length=100)
        if tactic not in TACTIC_NAMES:
            tactic = ""
        studies = [
            {"study": s, "tags": [(t, tag_name(t)) for t in [*s.tactics, *s.themes]]}
            for s in selectors.case_study_list(tactic=tactic, query=query)
        ]
        return render(
            request,
            "casestudies/list.html",
            {
                "studies": studies,
                "tactic": tactic,
                "query": query,
                "tactic_choices": list(TACTIC_NAMES.items()),
            },
        )


class CaseStudyDetailView(OrgPageMixin, View):
    def get(self, request, org_slug, study_slug):
        study = selectors.case_study_get(slug=study_slug)
        if study is None:
            raise Http404(_("No such case study."))
        replay = replay_for(study.replay)
        return render(
            request,
            "casestudies/detail.html",
            {
                "study": study,
                "account": render_markdown(study.account),
                "tags": [(t, tag_name(t)) for t in [*study.tactics, *study.themes]],
                "safeguard": safeguard_link(study.safeguard, org_slug),
                "replay": replay,
                "replay_context": replay.context(request.GET) if replay else None,
            },
        )


class PromptDismissView(OrgPageMixin, View):
    """Close a "why this safeguard" note for good (for this member). htmx gets an empty
    fragment; a plain form goes back where it came from."""

    def post(self, request, org_slug, key):
        try:
            services.prompt_dismiss(actor=request.member, key=key)
        except ServiceError as exc:
            if request.headers.get("HX-Request"):
                return HttpResponse(str(exc), status=400)
            messages.error(request, str(exc))
        if request.headers.get("HX-Request"):
            return HttpResponse("")
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            target = reverse("casestudies:list", kwargs={"org_slug": org_slug})
        return redirect(target)
