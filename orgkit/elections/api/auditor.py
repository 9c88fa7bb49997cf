"""For auditors, through the API: the official result sheet, the result's CSV tables and
the anonymised ballots (.blt, CSV) — the same files, under the same rules, as the pages.

Who voted is ``views_checks.WhoVotedAPI`` (paged). The ballots appear only once the result
is published (docs/elections.md, "Ballot secrecy"); before that the answer is a 409 that
says so. Files come as files whatever the client's Accept header asks for; errors as JSON.
"""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import APIException
from rest_framework.views import APIView

from orgkit.elections import selectors
from orgkit.elections.api.views import _election_or_404
from orgkit.elections.counting.blt import write_blt
from orgkit.elections.counting.csvballots import write_csv
from orgkit.elections.models import Election
from orgkit.elections.sheet import CSV_TABLES
from orgkit.elections.views_sheet import (
    CSV_TYPE,
    SHEET_TYPES,
    _attachment,
    results_csv_file,
    sheet_file,
)
from orgkit.organizations.api.base import OrgAPIMixin

BALLOT_TYPES = {"blt": "text/plain; charset=utf-8", "csv": CSV_TYPE}
NOT_YET = OpenApiResponse(description="Not yet: the election has no published result.")


class NotYet(APIException):
    status_code = 409
    default_detail = gettext_lazy("The election has no published result yet.")
    default_code = "not_yet"


class _FileAPI(OrgAPIMixin, APIView):
    def perform_content_negotiation(self, request, force=False):
        # "Accept: application/pdf" (or text/csv) is a fair thing to ask of a file route: answer
        # it rather than with a 406; error bodies fall back to JSON.
        return super().perform_content_negotiation(request, force=True)


def _fmt(name: str, values) -> OpenApiParameter:
    return OpenApiParameter(name, str, OpenApiParameter.PATH, enum=list(values))


class ResultSheetAPI(_FileAPI):
    """The official result sheet as PDF or Markdown, in your language."""

    @extend_schema(
        operation_id="orgs_election_result_sheet",
        parameters=[_fmt("sheet_format", SHEET_TYPES)],
        responses={
            (200, "application/pdf"): OpenApiTypes.BINARY,
            (200, "text/markdown"): OpenApiTypes.STR,
            409: NOT_YET,
        },
    )
    def get(self, request, org_slug, election_id, sheet_format):
        if sheet_format not in SHEET_TYPES:
            raise Http404
        election = _election_or_404(request, election_id)
        response = sheet_file(
            organization=request.organization, election=election, fmt=sheet_format
        )
        if response is None:
            raise NotYet
        return response


class ResultsCSVAPI(_FileAPI):
    """One table of the result as CSV: ``stages``, ``elected``, ``comparison`` (ranked
    ballots) or ``slates`` (seats per slate with the Gallagher index)."""

    @extend_schema(
        operation_id="orgs_election_results_csv",
        parameters=[_fmt("table", CSV_TABLES)],
        responses={(200, "text/csv"): OpenApiTypes.STR, 409: NOT_YET},
    )
    def get(self, request, org_slug, election_id, table):
        if table not in CSV_TABLES:
            raise Http404
        election = _election_or_404(request, election_id)
        if selectors.election_result(organization=request.organization, election=election) is None:
            raise NotYet
        response = results_csv_file(
            organization=request.organization, election=election, name=table
        )
        if response is None:
            raise Http404
        return response


class BallotsAPI(_FileAPI):
    """The anonymised ballots, grouped by ranking and sorted (never in the order cast), as
    .blt or CSV with a weight column — once the result is published."""

    @extend_schema(
        operation_id="orgs_election_ballots",
        parameters=[_fmt("fmt", BALLOT_TYPES)],
        responses={
            (200, "text/plain"): OpenApiTypes.STR,
            (200, "text/csv"): OpenApiTypes.STR,
            409: NOT_YET,
        },
    )
    def get(self, request, org_slug, election_id, fmt):
        if fmt not in BALLOT_TYPES:
            raise Http404
        election = _election_or_404(request, election_id)
        if election.state != Election.State.PUBLISHED:
            raise NotYet(_("The ballots are published with the results."))
        ballots = selectors.published_ballots(organization=request.organization, election=election)
        body = write_blt(ballots) if fmt == "blt" else write_csv(ballots, weights=True)
        return _attachment(body, BALLOT_TYPES[fmt], f"election-{election.pk}-ballots.{fmt}")
