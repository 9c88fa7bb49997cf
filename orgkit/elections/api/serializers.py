"""Election API shapes. Output serializers shape responses; input serializers check shape;
rules stay in services. Related ids are looked up inside the request's organization only."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from orgkit.core.bounds import MAX_BIGINT
from orgkit.core.fields import PlausibleDate, PlausibleDateTime
from orgkit.elections.models import Apportionment, Candidate, Election, Protest
from orgkit.organizations.api.serializers import OrgScopedPrimaryKey
from orgkit.organizations.models import Body, Member


class ElectionOut(serializers.ModelSerializer):
    body = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Election
        fields = [
            "id",
            "title",
            "description",
            "body",
            "seats",
            "ballot_kind",
            "rule",
            "secrecy",
            "weighting",
            "requires_seconder",
            "in_meeting",
            "ballot_order",
            "notice_days",
            "notice_sent_at",
            "state",
            "nominations_open_at",
            "nominations_close_at",
            "voting_opens_at",
            "voting_closes_at",
            "seed",
            "roll_date",
            "imported",
        ]


class ElectionIn(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    body = OrgScopedPrimaryKey(queryset=Body.objects.all())
    seats = serializers.IntegerField(min_value=1, max_value=200)
    ballot_kind = serializers.ChoiceField(choices=Election.BallotKind.choices, default="ranked")
    rule = serializers.ChoiceField(choices=Election.Rule.choices, default="scottish")
    secrecy = serializers.ChoiceField(choices=Election.Secrecy.choices, default="secret")
    weighting = serializers.ChoiceField(choices=Election.Weighting.choices, default="equal")
    requires_seconder = serializers.BooleanField(default=False)
    ballot_order = serializers.ChoiceField(
        choices=Election.BallotOrder.choices, default=Election.BallotOrder.SHUFFLED
    )
    in_meeting = serializers.BooleanField(
        default=False,
        help_text=_("A vote held in a meeting: the chair may close it once those present voted."),
    )
    notice_days = serializers.IntegerField(min_value=0, max_value=120, default=15)
    nominations_open_at = PlausibleDateTime()
    nominations_close_at = PlausibleDateTime()
    voting_opens_at = PlausibleDateTime()
    voting_closes_at = PlausibleDateTime()
    description = serializers.CharField(required=False, allow_blank=True, default="")


class ElectionChangeIn(ElectionIn):
    """A draft's settings to change: send only those that change (the electorate is fixed)."""

    body = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False


class MoveIn(serializers.Serializer):
    to = serializers.ChoiceField(choices=["nominations", "voting", "closed"])
    reason = serializers.CharField(
        max_length=300,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Closing a vote held in a meeting early: why (recorded)."),
    )


class CancelIn(serializers.Serializer):
    reason = serializers.CharField(
        max_length=300, help_text=_("Why the election is called off; members read it.")
    )


class CandidateOut(serializers.ModelSerializer):
    name = serializers.CharField(source="member.display_name")
    member = serializers.IntegerField(source="member_id")
    nominated_by = serializers.CharField(source="nominated_by.display_name")
    seconded_by = serializers.CharField(
        source="seconded_by.display_name", allow_null=True, default=None
    )
    slate = serializers.CharField(source="slate.name", allow_null=True, default=None)

    class Meta:
        model = Candidate
        fields = [
            "id",
            "name",
            "member",
            "nominated_by",
            "seconded_by",
            "slate",
            "statement",
            "status",
            "on_ballot",
        ]


class NominationIn(serializers.Serializer):
    member = OrgScopedPrimaryKey(queryset=Member.objects.all())
    statement = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    slate_name = serializers.CharField(required=False, allow_blank=True, default="", max_length=120)


class VoteIn(serializers.Serializer):
    ranking = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_BIGINT),
        allow_empty=False,
        max_length=500,
        help_text=_(
            "Candidate ids (ranked ballot) or one slate id (slate ballot), most preferred first."
        ),
    )


class ReceiptOut(serializers.Serializer):
    receipt = serializers.CharField(
        help_text=_("Shown once: keep it to find it in the published list.")
    )


class ResultOut(serializers.Serializer):
    election = serializers.IntegerField()
    state = serializers.CharField()
    imported = serializers.BooleanField()
    result = serializers.JSONField(allow_null=True)
    recounts = serializers.JSONField()


class ReceiptListOut(serializers.Serializer):
    codes = serializers.ListField(child=serializers.CharField())


class ProtestOut(serializers.ModelSerializer):
    lodged_by = serializers.CharField(source="lodged_by.display_name")
    answered_by = serializers.CharField(
        source="answered_by.display_name", allow_null=True, default=None
    )

    class Meta:
        model = Protest
        fields = ["id", "lodged_by", "text", "lodged_at", "answer", "answered_by", "answered_at"]


class ProtestIn(serializers.Serializer):
    text = serializers.CharField(max_length=10_000)


class AnswerIn(serializers.Serializer):
    answer = serializers.CharField(max_length=10_000)


class SeatIn(serializers.Serializer):
    end = PlausibleDate(required=False, allow_null=True, default=None)


class SeatOut(serializers.Serializer):
    seated = serializers.ListField(child=serializers.CharField())


class WhoVotedOut(serializers.Serializer):
    member = serializers.IntegerField(source="member_id")
    name = serializers.CharField(source="member.display_name")
    voted = serializers.BooleanField()


class ApportionmentOut(serializers.ModelSerializer):
    congress = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    elections = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Apportionment
        fields = [
            "id",
            "congress",
            "seats",
            "method",
            "min_one_seat",
            "snapshot_date",
            "seed",
            "table",
            "elections",
        ]


class ApportionmentIn(serializers.Serializer):
    congress = OrgScopedPrimaryKey(queryset=Body.objects.all())
    seats = serializers.IntegerField(min_value=1, max_value=1000)
    method = serializers.ChoiceField(choices=Apportionment.Method.choices)
    min_one_seat = serializers.BooleanField(default=False)
    snapshot_date = PlausibleDate()
    rule = serializers.ChoiceField(choices=Election.Rule.choices, default="scottish")
    notice_days = serializers.IntegerField(min_value=0, max_value=120, default=15)
    nominations_open_at = PlausibleDateTime()
    nominations_close_at = PlausibleDateTime()
    voting_opens_at = PlausibleDateTime()
    voting_closes_at = PlausibleDateTime()
