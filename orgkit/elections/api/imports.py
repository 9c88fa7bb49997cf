"""REST endpoints for imported elections: import a ballot file (or preview it), count an
imported election again under another preset, and read back the file's ballots."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from orgkit.core.errors import ServiceError
from orgkit.core.fields import PlausibleDate
from orgkit.elections import selectors, services
from orgkit.elections.api.serializers import ElectionOut
from orgkit.elections.counting.blt import write_blt
from orgkit.elections.forms_import import RANKED_RULES
from orgkit.elections.import_files import MAX_FILE_BYTES, MAX_SEATS
from orgkit.elections.models import Election
from orgkit.elections.services.imports import IMPORTED_NOTE
from orgkit.organizations.api.base import OrgAPIMixin
from orgkit.organizations.api.serializers import OrgScopedPrimaryKey
from orgkit.organizations.models import Body


class ImportIn(serializers.Serializer):
    file = serializers.FileField(
        required=False, help_text=_("The ballot file (.blt or .csv), as a multipart upload.")
    )
    content = serializers.CharField(
        required=False,
        allow_blank=True,
        trim_whitespace=False,
        max_length=MAX_FILE_BYTES,
        help_text=_("Or the file's text, in a JSON body (then name it in 'filename')."),
    )
    filename = serializers.CharField(required=False, max_length=200, default="ballots.blt")
    body = OrgScopedPrimaryKey(queryset=Body.objects.all())
    rule = serializers.ChoiceField(choices=RANKED_RULES, default="scottish")
    seats = serializers.IntegerField(min_value=1, max_value=MAX_SEATS, required=False)
    title = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    held_on = PlausibleDate(required=False, allow_null=True, default=None)
    preview = serializers.BooleanField(
        default=False, help_text=_("true: check the file and say what it holds; save nothing.")
    )

    def validate(self, attrs):
        if attrs.get("file") is None and attrs.get("content") is None:
            raise serializers.ValidationError({"file": _("Send a ballot file.")})
        return attrs


class ImportPreviewOut(serializers.Serializer):
    title = serializers.CharField()
    seats = serializers.IntegerField()
    rule = serializers.CharField()
    candidates = serializers.ListField(child=serializers.CharField())
    withdrawn = serializers.ListField(child=serializers.CharField())
    ballots = serializers.CharField()
    distinct_rankings = serializers.IntegerField()
    filename = serializers.CharField()
    format = serializers.CharField()
    sha256 = serializers.CharField()


class ImportedOut(serializers.Serializer):
    election = ElectionOut()
    imported = serializers.CharField()
    result = serializers.JSONField()


class RecountIn(serializers.Serializer):
    rule = serializers.ChoiceField(choices=RANKED_RULES)


class ImportFileOut(serializers.Serializer):
    filename = serializers.CharField()
    format = serializers.CharField()
    sha256 = serializers.CharField()
    held_on = serializers.DateField(allow_null=True)
    ballots = serializers.CharField()
    candidates = serializers.ListField(child=serializers.CharField())
    withdrawn = serializers.ListField(child=serializers.CharField())


class BallotsOut(serializers.Serializer):
    election = serializers.IntegerField()
    imported = serializers.BooleanField()
    note = serializers.CharField(allow_blank=True)
    file = ImportFileOut(allow_null=True)
    blt = serializers.CharField(help_text=_("The ballots as .blt text, grouped and sorted."))


def _election_or_404(request, election_id):
    election = selectors.election_get(organization=request.organization, election_id=election_id)
    if election is None:
        raise Http404
    return election


def _imported_out(election, result) -> dict:
    return {
        "election": ElectionOut(election).data,
        "imported": IMPORTED_NOTE,
        "result": result.data,
    }


class ElectionImportAPI(OrgAPIMixin, APIView):
    """Organizers: import the ballots of an election held elsewhere (.blt or CSV), counted
    under any preset — or, with ``preview``, only check the file and say what it holds."""

    @extend_schema(request=ImportIn, responses={200: ImportPreviewOut, 201: ImportedOut})
    def post(self, request, org_slug):
        data = ImportIn(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        v = data.validated_data
        upload = v.get("file")
        if upload is not None:
            content, filename = upload.read(MAX_FILE_BYTES + 1), upload.name
        else:
            content, filename = v["content"].encode("utf-8"), v["filename"]
        settings = {"rule": v["rule"], "seats": v.get("seats"), "title": v["title"]}
        if v["preview"]:
            preview = services.election_import_preview(
                actor=request.member, content=content, filename=filename, **settings
            )
            return Response(preview.as_dict())
        election = services.election_import(
            actor=request.member,
            body=v["body"],
            content=content,
            filename=filename,
            held_on=v["held_on"],
            **settings,
        )
        result = selectors.election_result(organization=request.organization, election=election)
        return Response(_imported_out(election, result), status=status.HTTP_201_CREATED)


class ImportRecountAPI(OrgAPIMixin, APIView):
    """Organizers: count an imported election's ballots again under another preset (a new
    count; the earlier ones stay, listed under ``recounts`` of the results)."""

    @extend_schema(request=RecountIn, responses={201: ImportedOut})
    def post(self, request, org_slug, election_id):
        election = _election_or_404(request, election_id)
        data = RecountIn(data=request.data)
        data.is_valid(raise_exception=True)
        result = services.election_import_recount(
            actor=request.member, election=election, rule=data.validated_data["rule"]
        )
        election.refresh_from_db()
        return Response(_imported_out(election, result), status=status.HTTP_201_CREATED)


class ElectionBallotsAPI(OrgAPIMixin, APIView):
    """The published ballots as .blt text (grouped by ranking and sorted, never in the order
    cast); for an imported election, also the file they came from."""

    @extend_schema(responses=BallotsOut)
    def get(self, request, org_slug, election_id):
        election = _election_or_404(request, election_id)
        if election.state != Election.State.PUBLISHED:
            raise ServiceError(_("The ballots are published with the results."))
        org = request.organization
        record = selectors.election_import_get(organization=org, election=election)
        file = None
        if record is not None:
            file = {
                "filename": record.filename,
                "format": record.file_format,
                "sha256": record.sha256,
                "held_on": record.held_on,
                "ballots": record.ballots,
                "candidates": record.candidates,
                "withdrawn": record.withdrawn,
            }
        ballots = selectors.published_ballots(organization=org, election=election)
        return Response(
            {
                "election": election.pk,
                "imported": election.imported,
                "note": IMPORTED_NOTE if election.imported else "",
                "file": file,
                "blt": write_blt(ballots),
            }
        )
