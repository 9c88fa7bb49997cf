"""Importing an election held elsewhere: upload a ballot file, preview it, count and save it;
count an imported election again under another preset; its overview page.

Each view reads through selectors and writes through services/imports.py.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from orgkit.core.forms import call_service, run_and_flash
from orgkit.elections import selectors, services
from orgkit.elections.forms_import import (
    RANKED_RULES,
    ImportConfirmForm,
    ImportUploadForm,
    import_token,
)
from orgkit.elections.import_files import MAX_FILE_BYTES
from orgkit.elections.models import Election
from orgkit.organizations.tenancy import OrgPageMixin

SETTINGS = ("rule", "seats", "title")


def _election_or_404(request, election_id) -> Election:
    election = selectors.election_get(organization=request.organization, election_id=election_id)
    if election is None:
        raise Http404
    return election


def read_upload(upload) -> bytes:
    """At most one byte past the bound (so the service can say the file is too large) without
    reading a huge upload into memory."""
    return upload.read(MAX_FILE_BYTES + 1)


class ElectionImportView(OrgPageMixin, View):
    """Organizers: upload a .blt or CSV file (step 1), see what it holds (step 2, nothing
    saved yet), then count and save it as an imported election."""

    organizer_only = True
    template = "elections/import.html"

    def get(self, request, org_slug):
        form = ImportUploadForm(organization=request.organization)
        return render(request, self.template, {"form": form})

    def post(self, request, org_slug):
        if request.POST.get("step") == "save":
            return self._save(request, org_slug)
        form = ImportUploadForm(request.POST, request.FILES, organization=request.organization)
        if form.is_valid():
            content = read_upload(form.cleaned_data["file"])
            filename = form.cleaned_data["file"].name
            preview = call_service(
                form,
                services.election_import_preview,
                actor=request.member,
                content=content,
                filename=filename,
                **{k: form.cleaned_data[k] for k in SETTINGS},
            )
            if preview is not None:
                return render(
                    request,
                    "elections/import_preview.html",
                    {
                        "preview": preview.as_dict(),
                        "settings": form.cleaned_data,
                        "rule_label": dict(RANKED_RULES)[preview.rule],
                        "token": import_token(filename=preview.file.filename, content=content),
                    },
                )
        return render(request, self.template, {"form": form}, status=400)

    def _save(self, request, org_slug):
        form = ImportConfirmForm(request.POST, organization=request.organization)
        if form.is_valid():
            token = form.cleaned_data["token"]
            election = call_service(
                form,
                services.election_import,
                actor=request.member,
                body=form.cleaned_data["body"],
                content=token["text"].encode("utf-8"),
                filename=token["name"],
                held_on=form.cleaned_data["held_on"],
                **{k: form.cleaned_data[k] for k in SETTINGS},
            )
            if election is not None:
                messages.success(
                    request,
                    _("“%(title)s” is imported and counted.") % {"title": election.title},
                )
                return redirect("elections:results", org_slug=org_slug, election_id=election.pk)
        # The token expired or was tampered with, or a setting no longer holds: start again.
        problems = [message for errors in form.errors.values() for message in errors]
        upload = ImportUploadForm(organization=request.organization)
        return render(request, self.template, {"form": upload, "problems": problems}, status=400)


class ImportRecountView(OrgPageMixin, View):
    """Organizers: count an imported election's ballots again under another preset."""

    organizer_only = True

    def post(self, request, org_slug, election_id):
        election = _election_or_404(request, election_id)
        rule = request.POST.get("rule", "")[:20]
        label = dict(RANKED_RULES).get(rule, rule)
        run_and_flash(
            request,
            services.election_import_recount,
            actor=request.member,
            election=election,
            rule=rule,
            success=_("Counted again with %(rule)s; every earlier count stays listed below.")
            % {"rule": label},
        )
        return redirect("elections:results", org_slug=org_slug, election_id=election.pk)


def imported_detail(request, election: Election):
    """The overview page of an imported election: where it came from and who stood."""
    org = request.organization
    record = selectors.election_import_get(organization=org, election=election)
    withdrawn = set(record.withdrawn) if record else set()
    return render(
        request,
        "elections/imported_detail.html",
        {
            "election": election,
            "record": record,
            "candidates": [
                {"name": name, "withdrawn": name in withdrawn}
                for name in (record.candidates if record else [])
            ],
        },
    )


def imported_results_context(request, election: Election, result) -> dict:
    """For an imported election's results page: the count shown (the latest: an organizer may
    have counted it again under another preset), every count, and the rules to choose from."""
    counts = selectors.election_counts(organization=request.organization, election=election)
    shown = counts[-1] if counts else result
    return {
        "shown": shown,
        "counts": [
            {"result": r, "rule": dict(RANKED_RULES).get(r.data.get("rule"), r.data.get("rule"))}
            for r in counts
        ],
        "rules": RANKED_RULES,
        "record": selectors.election_import_get(
            organization=request.organization, election=election
        ),
    }
