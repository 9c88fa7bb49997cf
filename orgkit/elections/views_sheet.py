"""The result as files: the official result sheet (PDF, Markdown) and CSV tables of the
result. The API serves the same files (``api/auditor.py``) through the helpers here."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View

from orgkit.elections import selectors
from orgkit.elections.models import Election
from orgkit.elections.sheet import CSV_TABLES, csv_table, sheet_blocks
from orgkit.elections.sheet_pdf import sheet_pdf
from orgkit.elections.sheet_render import csv_rows, to_markdown
from orgkit.elections.views import _election_or_404
from orgkit.organizations.tenancy import OrgPageMixin

SHEET_TYPES = {"md": "text/markdown; charset=utf-8", "pdf": "application/pdf"}
CSV_TYPE = "text/csv; charset=utf-8"


def _attachment(body, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def sheet_file(*, organization, election: Election, fmt: str) -> HttpResponse | None:
    """The result sheet as a download, or ``None`` before there is a result."""
    result = selectors.election_result(organization=organization, election=election)
    if result is None:
        return None
    blocks = sheet_blocks(
        election=election,
        result=result,
        protests=selectors.protest_list(organization=organization, election=election),
        recounts=result.recounts.all(),
    )
    if fmt == "md":
        body = to_markdown(blocks)
    else:
        footer = _("%(organization)s · official result of “%(title)s”") % {
            "organization": election.organization.name,
            "title": election.title,
        }
        body = sheet_pdf(blocks, title=election.title, footer=footer)
    return _attachment(body, SHEET_TYPES[fmt], f"election-{election.pk}-result.{fmt}")


def results_csv_file(*, organization, election: Election, name: str) -> HttpResponse | None:
    """One CSV table of the result (formula-safe cells), or ``None`` when there is no result
    or this election has no such table."""
    result = selectors.election_result(organization=organization, election=election)
    found = csv_table(result.data, name) if result is not None else None
    if found is None:
        return None
    out = io.StringIO()
    csv.writer(out).writerows(csv_rows(found))
    return _attachment(out.getvalue(), CSV_TYPE, f"election-{election.pk}-{name}.csv")


class ResultSheetView(OrgPageMixin, View):
    """The official result sheet, for whoever may see the results."""

    def get(self, request, org_slug, election_id, sheet_format):
        if sheet_format not in SHEET_TYPES:
            raise Http404
        election = _election_or_404(request, election_id)
        response = sheet_file(
            organization=request.organization, election=election, fmt=sheet_format
        )
        if response is None:
            messages.error(request, _("The result sheet is ready once the votes are counted."))
            return redirect("elections:results", org_slug=org_slug, election_id=election.pk)
        return response


class ResultsCSVView(OrgPageMixin, View):
    """A table of the result as CSV: the stages, the elected, the comparison, the slates."""

    def get(self, request, org_slug, election_id, table):
        if table not in CSV_TABLES:
            raise Http404
        election = _election_or_404(request, election_id)
        response = results_csv_file(
            organization=request.organization, election=election, name=table
        )
        if response is None:
            raise Http404
        return response
