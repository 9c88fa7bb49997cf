"""Decision API shapes. Output serializers shape responses; input serializers check shape;
rules stay in services. A decision's minority reports are nested beside it — equal prominence
in the API too."""

from __future__ import annotations

from rest_framework import serializers

from orgkit.core.fields import PlausibleDateTime
from orgkit.core.markdown import render_markdown
from orgkit.decisions.models import (
    Appeal,
    Meeting,
    MinorityReport,
    Motion,
    RecordVersion,
    Rejoinder,
    Vote,
)
from orgkit.organizations.api.serializers import OrgScopedPrimaryKey
from orgkit.organizations.models import Body, Member


class DecisionNameField(serializers.CharField):
    """A member shown by name."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return value.display_name if value is not None else None


class DecisionMeetingOut(serializers.ModelSerializer):
    body = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Meeting
        fields = ["id", "title", "body", "starts_at", "location", "state", "emergency_reasons"]


class DecisionMeetingIn(serializers.Serializer):
    body = OrgScopedPrimaryKey(queryset=Body.objects.all())
    title = serializers.CharField(max_length=200)
    starts_at = PlausibleDateTime()
    location = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    emergency_reasons = serializers.CharField(
        max_length=5000, required=False, allow_blank=True, default=""
    )


class DecisionRejoinderOut(serializers.ModelSerializer):
    author = DecisionNameField()
    html = serializers.SerializerMethodField()

    class Meta:
        model = Rejoinder
        fields = ["kind", "author", "text", "html", "written_at"]

    def get_html(self, obj) -> str:
        return str(render_markdown(obj.text))


class DecisionReportOut(serializers.ModelSerializer):
    author = DecisionNameField()
    signatories = serializers.SerializerMethodField()
    rejoinders = DecisionRejoinderOut(many=True, read_only=True)
    html = serializers.SerializerMethodField()

    class Meta:
        model = MinorityReport
        fields = [
            "id",
            "title",
            "text",
            "html",
            "author",
            "signatories",
            "filed_at",
            "published_at",
            "rejoinders",
        ]

    def get_signatories(self, obj) -> list[str]:
        return [s.member.display_name for s in obj.signatures.all()]

    def get_html(self, obj) -> str:
        return str(render_markdown(obj.text))


class DecisionReportIn(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    text = serializers.CharField(max_length=50_000)


class DecisionVoteOut(serializers.ModelSerializer):
    member = DecisionNameField()

    class Meta:
        model = Vote
        fields = ["member", "choice", "reason"]


class DecisionVoteIn(serializers.Serializer):
    choice = serializers.ChoiceField(choices=Vote.Choice.choices)
    reason = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")


class DecisionAppealOut(serializers.ModelSerializer):
    to_body = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    appellant = DecisionNameField()

    class Meta:
        model = Appeal
        fields = [
            "id",
            "motion",
            "to_body",
            "appellant",
            "grounds",
            "state",
            "hear_by",
            "finding",
            "record_digest",
        ]


class DecisionAppealIn(serializers.Serializer):
    grounds = serializers.CharField(max_length=50_000)


class DecisionVersionOut(serializers.ModelSerializer):
    class Meta:
        model = RecordVersion
        fields = ["number", "seq", "reason", "previous_digest", "digest", "created_at"]


class MotionOut(serializers.ModelSerializer):
    body = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    proposer = DecisionNameField()
    seconder = DecisionNameField()

    class Meta:
        model = Motion
        fields = [
            "id",
            "title",
            "text",
            "body",
            "meeting",
            "proposer",
            "seconder",
            "state",
            "vote_mode",
            "roll_call",
            "voting_closes_at",
            "votes_for",
            "votes_against",
            "abstentions",
            "outcome",
            "decided_at",
            "window_closes_at",
            "published_at",
        ]


class MotionDetailOut(MotionOut):
    """The decision with its minority reports, votes, appeals and record versions."""

    minority_reports = DecisionReportOut(source="reports", many=True, read_only=True)
    votes = DecisionVoteOut(many=True, read_only=True)
    appeals = DecisionAppealOut(many=True, read_only=True)
    versions = DecisionVersionOut(many=True, read_only=True)

    class Meta(MotionOut.Meta):
        fields = [*MotionOut.Meta.fields, "minority_reports", "votes", "appeals", "versions"]


class MotionIn(serializers.Serializer):
    body = OrgScopedPrimaryKey(queryset=Body.objects.all())
    title = serializers.CharField(max_length=200)
    text = serializers.CharField(max_length=50_000)
    seconder = OrgScopedPrimaryKey(queryset=Member.objects.all(), required=False, allow_null=True)
    meeting = OrgScopedPrimaryKey(queryset=Meeting.objects.all(), required=False, allow_null=True)
