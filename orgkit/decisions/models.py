"""Meetings, motions and their votes, minority reports, appeals and the published record.

Every row carries an ``organization`` foreign key (DESIGN.md rule 4). Rules live in
``services/``; state changes go through the transition tables in ``lifecycle.py``. Once a
motion's record is published its content lives in :class:`RecordVersion` rows, a hash chain
per organization (``chain.py``): corrections are new versions, never edits.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from orgkit.organizations.models import Body, Member, Organization


class DecisionPolicy(models.Model):
    """A body's rules for meetings and decisions. A body without a row uses the defaults."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    body = models.OneToOneField(Body, on_delete=models.CASCADE, related_name="decision_policy")
    notice_days = models.PositiveSmallIntegerField(_("notice period (days)"), default=7)
    minority_window_days = models.PositiveSmallIntegerField(
        _("minority-report window (days)"), default=7
    )
    appeal_hearing_days = models.PositiveSmallIntegerField(
        _("appeals heard within (days)"), default=60
    )

    class Meta:
        verbose_name = _("decision policy")
        verbose_name_plural = _("decision policies")

    def __str__(self) -> str:
        return f"{self.body}: decision policy"


class Meeting(models.Model):
    class State(models.TextChoices):
        SCHEDULED = "scheduled", _("scheduled")
        HELD = "held", _("held")
        CANCELLED = "cancelled", _("cancelled")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    location = models.CharField(_("place"), max_length=200, blank=True)
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.SCHEDULED
    )
    # Called inside the notice period: only by an emergency decision with its reasons.
    emergency_reasons = models.TextField(_("emergency reasons"), blank=True)
    scheduled_by = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("scheduled on"), default=now)

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return self.title


class MeetingMove(models.Model):
    """A meeting's date changed. Moving it earlier needs an emergency decision (reasons)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="moves")
    from_starts_at = models.DateTimeField(_("was"))
    to_starts_at = models.DateTimeField(_("now"))
    emergency_reasons = models.TextField(_("emergency reasons"), blank=True)
    moved_by = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    moved_at = models.DateTimeField(_("moved on"), default=now)

    class Meta:
        ordering = ["moved_at", "id"]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.from_starts_at} → {self.to_starts_at}"


class AgendaItem(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    proposed_by = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("proposed on"), default=now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.title


class Motion(models.Model):
    """A motion before a body, its vote and its outcome: the decision."""

    class State(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        VOTING = "voting", _("voting online")
        DECIDED = "decided", _("decided")
        PUBLISHED = "published", _("published")

    class Outcome(models.TextChoices):
        CARRIED = "carried", _("carried")
        LOST = "lost", _("lost")

    class VoteMode(models.TextChoices):
        ROOM = "room", _("in the room")
        ONLINE = "online", _("online")

    class Action(models.TextChoices):
        NONE = "", _("a decision")
        REMOVE = "remove", _("removal of an elected holder")
        EXPEL = "expel", _("expulsion of a member")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="motions")
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="motions"
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    proposer = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    seconder = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.PROPOSED
    )
    # A removal or an expulsion: carried out when the motion carries (services/offices.py).
    action = models.CharField(
        _("what it decides"), max_length=8, choices=Action.choices, blank=True, default=""
    )
    subject = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    subject_role = models.ForeignKey(
        "organizations.Role", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    vote_mode = models.CharField(_("vote"), max_length=8, choices=VoteMode.choices, blank=True)
    roll_call = models.BooleanField(_("roll call"), default=False)
    voting_closes_at = models.DateTimeField(_("voting closes"), null=True, blank=True)
    votes_for = models.PositiveIntegerField(_("for"), default=0)
    votes_against = models.PositiveIntegerField(_("against"), default=0)
    abstentions = models.PositiveIntegerField(_("abstentions"), default=0)
    outcome = models.CharField(_("outcome"), max_length=8, choices=Outcome.choices, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    # The minority-report window: set when anyone voted against; only the minority extends it.
    window_closes_at = models.DateTimeField(_("minority reports until"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(_("proposed on"), default=now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("motion")
        verbose_name_plural = _("motions")
        indexes = [models.Index(fields=["state", "window_closes_at"])]

    def __str__(self) -> str:
        return self.title


class Vote(models.Model):
    """One member's vote: cast online, or recorded by the secretary at a roll call."""

    class Choice(models.TextChoices):
        FOR = "for", _("for")
        AGAINST = "against", _("against")
        ABSTAIN = "abstain", _("abstain")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(_("vote"), max_length=8, choices=Choice.choices)
    reason = models.CharField(_("reason"), max_length=1000, blank=True)
    cast_at = models.DateTimeField(_("cast"), default=now)

    class Meta:
        ordering = ["member__user__full_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["motion", "member"], name="one_vote_per_member"),
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.choice} on {self.motion}"


class WindowExtension(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="extensions")
    days = models.PositiveSmallIntegerField(_("days"))
    reason = models.CharField(_("reason"), max_length=1000, blank=True)
    extended_by = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    extended_at = models.DateTimeField(default=now)

    def __str__(self) -> str:
        return f"{self.motion}: +{self.days} days"


class MinorityReport(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="reports")
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text (Markdown)"))
    author = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    filed_at = models.DateTimeField(_("filed"), default=now)
    # Set when it became part of the published record (at publication, or on filing after).
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        ordering = ["filed_at", "id"]

    def __str__(self) -> str:
        return self.title


class Signature(models.Model):
    """A co-signature on a minority report."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    report = models.ForeignKey(MinorityReport, on_delete=models.CASCADE, related_name="signatures")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["signed_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "member"], name="sign_report_once"),
        ]

    def __str__(self) -> str:
        return f"{self.member} signed {self.report}"


class Rejoinder(models.Model):
    """The majority's response to a minority report, and the minority's reply to it."""

    class Kind(models.TextChoices):
        RESPONSE = "response", _("majority response")
        REPLY = "reply", _("minority reply")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    report = models.ForeignKey(MinorityReport, on_delete=models.CASCADE, related_name="rejoinders")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    text = models.TextField(_("text (Markdown)"))
    author = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["written_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "kind"], name="one_rejoinder_each_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.report}"


class Appeal(models.Model):
    class State(models.TextChoices):
        FILED = "filed", _("filed")
        LISTED = "listed", _("listed for a meeting")
        HEARD = "heard", _("heard")
        UPHELD = "upheld", _("decision upheld")
        OVERTURNED = "overturned", _("decision overturned")
        REFERRED_BACK = "referred_back", _("referred back")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    motion = models.ForeignKey(Motion, on_delete=models.PROTECT, related_name="appeals")
    to_body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="appeals_received")
    appellant = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    grounds = models.TextField(_("grounds (Markdown)"))
    state = models.CharField(_("state"), max_length=14, choices=State.choices, default="filed")
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="appeals"
    )
    hear_by = models.DateTimeField(_("to be heard by"))
    # The record as it stood when the appeal was filed: the digest of its latest version
    # (blank if it was not yet published), so the higher body hears exactly that record.
    record_digest = models.CharField(_("record at filing"), max_length=64, blank=True)
    finding = models.TextField(_("finding"), blank=True)
    filed_at = models.DateTimeField(_("filed"), default=now)

    class Meta:
        ordering = ["-filed_at", "-id"]

    def __str__(self) -> str:
        return f"Appeal: {self.motion}"


class RecordVersion(models.Model):
    """One version of a published decision record, a link in the organization's hash chain.

    ``content`` is the canonical JSON of the record; ``digest`` is SHA-256 over the previous
    link's digest and the content (``chain.link_digest``). Rows are only ever appended.
    """

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    motion = models.ForeignKey(Motion, on_delete=models.PROTECT, related_name="versions")
    seq = models.PositiveIntegerField()
    number = models.PositiveIntegerField()  # the version number of this motion's record
    reason = models.CharField(max_length=300)
    content = models.TextField()
    previous_digest = models.CharField(max_length=64)
    digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["seq"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "seq"], name="record_chain_seq"),
            models.UniqueConstraint(fields=["motion", "number"], name="record_version_number"),
            models.CheckConstraint(condition=Q(seq__gte=1), name="record_seq_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.motion} v{self.number}"

    def save(self, *args, **kwargs):
        # Append-only, like the audit log: a version is never rewritten through the ORM.
        if not self._state.adding:
            raise RuntimeError("A published record version is immutable; add a new version.")
        super().save(*args, **kwargs)
