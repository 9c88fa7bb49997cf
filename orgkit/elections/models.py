"""Delegate elections: the election and its lifecycle, nominations, the voter roll, anonymous
ballots, receipts and results.

Secrecy lives in the shape of these tables (see docs/elections.md): ``Ballot`` and ``Receipt``
have no link to a voter, random ids and no timestamp; ``VoterRollEntry`` records only *that* a
member voted. Business rules live in ``services/``; these models hold none.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from orgkit.elections.fields import RankingField
from orgkit.organizations.models import Body, Member, Organization


class Apportionment(models.Model):
    """Delegate seats of a congress shared among branches by membership on a stated date.
    ``table`` holds every method's result so the page can show them side by side."""

    class Method(models.TextChoices):
        DHONDT = "dhondt", _("D'Hondt")
        SAINTE_LAGUE = "sainte-lague", _("Sainte-Laguë")
        HUNTINGTON_HILL = "huntington-hill", _("Huntington–Hill")
        HARE = "hare", _("largest remainder (Hare quota)")
        DROOP = "droop", _("largest remainder (Droop quota)")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    congress = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="apportionments")
    seats = models.PositiveSmallIntegerField()
    method = models.CharField(max_length=20, choices=Method.choices)
    min_one_seat = models.BooleanField(default=False)
    snapshot_date = models.DateField()
    table = models.JSONField()
    seed = models.CharField(max_length=64)
    created_by = models.ForeignKey(Member, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.seats} seats of {self.congress}"


class Election(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        NOMINATIONS = "nominations", _("nominations open")
        VOTING = "voting", _("voting open")
        CLOSED = "closed", _("voting closed")
        COUNTED = "counted", _("counted")
        PUBLISHED = "published", _("results published")
        CANCELLED = "cancelled", _("cancelled")

    class BallotKind(models.TextChoices):
        RANKED = "ranked", _("ranked ballot (single transferable vote)")
        SLATE = "slate", _("slate ballot (list proportional representation)")

    class Rule(models.TextChoices):
        SCOTTISH = "scottish", _("Scottish STV (2007 rules)")
        MEEK = "meek", _("Meek STV")
        WIGM = "wigm", _("Weighted inclusive Gregory STV")
        DHONDT = "dhondt", _("D'Hondt (slates)")
        SAINTE_LAGUE = "sainte-lague", _("Sainte-Laguë (slates)")

    class Secrecy(models.TextChoices):
        SECRET = "secret", _("secret ballot")
        OPEN = "open", _("open roll-call vote")

    class Weighting(models.TextChoices):
        EQUAL = "equal", _("one member, one vote")
        BRANCH_SIZE = "branch_size", _("each voter carries their branch's membership")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="elections")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    seats = models.PositiveSmallIntegerField()
    ballot_kind = models.CharField(
        max_length=10, choices=BallotKind.choices, default=BallotKind.RANKED
    )
    rule = models.CharField(max_length=20, choices=Rule.choices, default=Rule.SCOTTISH)
    secrecy = models.CharField(max_length=10, choices=Secrecy.choices, default=Secrecy.SECRET)
    # Delegate congresses: a delegate's ballot may weigh as much as their branch is large.
    weighting = models.CharField(max_length=12, choices=Weighting.choices, default=Weighting.EQUAL)
    requires_seconder = models.BooleanField(default=False)
    # A vote held in a meeting: the chair may close it once those present have voted. Any
    # other election runs its whole window, so nobody loses the chance to vote.
    in_meeting = models.BooleanField(default=False)

    class BallotOrder(models.TextChoices):
        SHUFFLED = "shuffled", _("a different random order for each voter")
        LISTED = "listed", _("the order of nomination, the same for everyone")

    # Being listed first wins votes; shuffling per voter cancels that advantage.
    ballot_order = models.CharField(
        max_length=10, choices=BallotOrder.choices, default=BallotOrder.SHUFFLED
    )
    nominations_open_at = models.DateTimeField()
    nominations_close_at = models.DateTimeField()
    voting_opens_at = models.DateTimeField()
    voting_closes_at = models.DateTimeField()
    state = models.CharField(max_length=12, choices=State.choices, default=State.DRAFT)
    # Fair-election rule (LMRDA Title IV style): a notice of nominations and of the election
    # reaches every eligible member at least this many days before voting opens.
    notice_days = models.PositiveSmallIntegerField(default=15)
    notice_sent_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    protest_days = models.PositiveSmallIntegerField(default=10)
    # Fixed when voting opens and used by every count and recount to draw any lot.
    seed = models.CharField(max_length=64, blank=True)
    roll_date = models.DateField(null=True, blank=True)
    # The ballot box (services/ballot_box.py): this election's data key, wrapped under the
    # master key, from the opening of voting until the mix destroys it.
    ballot_key = models.BinaryField(default=b"", blank=True)
    mixed_at = models.DateTimeField(null=True, blank=True)
    # A branch's share of a congress apportionment: its winners are seated on ``seat_body``.
    apportionment = models.ForeignKey(
        Apportionment, null=True, blank=True, on_delete=models.PROTECT, related_name="elections"
    )
    seat_body = models.ForeignKey(
        Body, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    delegates_seated_at = models.DateTimeField(null=True, blank=True)
    # Counted by orgkit from an uploaded ballot file (an ElectionImport), never voted here:
    # no roll, no ballot box, no notices.
    imported = models.BooleanField(default=False)
    created_by = models.ForeignKey(Member, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["-voting_opens_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(seats__gte=1), name="election_has_seats"),
            models.CheckConstraint(
                condition=Q(nominations_close_at__gte=models.F("nominations_open_at"))
                & Q(voting_opens_at__gte=models.F("nominations_close_at"))
                & Q(voting_closes_at__gt=models.F("voting_opens_at")),
                name="election_windows_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_ranked(self) -> bool:
        return self.ballot_kind == self.BallotKind.RANKED


class ElectionEvent(models.Model):
    """One move through the lifecycle, appended by the service that made it."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="events")
    from_state = models.CharField(max_length=12)
    to_state = models.CharField(max_length=12)
    actor = models.ForeignKey(Member, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=now)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_state} → {self.to_state}"

    @property
    def from_label(self) -> str:
        """The state left, in words (the timeline shows these)."""
        return _state_label(self.from_state)

    @property
    def to_label(self) -> str:
        return _state_label(self.to_state)


def _state_label(state: str) -> str:
    return str(Election.State(state).label) if state in Election.State.values else state


class Slate(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="slates")
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["election", "name"], name="slate_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Candidate(models.Model):
    """A nomination. It stands once seconded (when the election asks for a seconder)."""

    class Status(models.TextChoices):
        AWAITING_CONSENT = "consent", _("awaiting the nominee's consent")
        AWAITING_SECONDER = "awaiting", _("awaiting a seconder")
        STANDING = "standing", _("standing")
        WITHDRAWN = "withdrawn", _("withdrawn")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="candidates")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    nominated_by = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    seconded_by = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    slate = models.ForeignKey(
        Slate, null=True, blank=True, on_delete=models.PROTECT, related_name="candidates"
    )
    statement = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices)
    # Set when voting opens: the candidates printed on the ballot. A later withdrawal keeps
    # the candidate on the ballot and the count skips them.
    on_ballot = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["election", "member"], name="candidate_once"),
        ]

    def __str__(self) -> str:
        return self.member.display_name


class VoterRollEntry(models.Model):
    """The roll, fixed when voting opens. It records *that* a member voted, never how, and
    carries no time of voting."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="roll")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    weight = models.PositiveIntegerField(default=1)
    voted = models.BooleanField(default=False)

    class Meta:
        ordering = ["member__user__full_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["election", "member"], name="roll_entry_once"),
            models.CheckConstraint(condition=Q(weight__gte=1), name="roll_weight_positive"),
        ]

    def __str__(self) -> str:
        return f"roll entry {self.pk}"


class Ballot(models.Model):
    """One anonymous ballot. No voter, no time, a random id: nothing orders or names it.

    While voting is open only ``sealed`` is set (the ranking encrypted under the election's
    key); when the count starts the box is mixed and ``ranking`` is written in plaintext in a
    random order (services/ballot_box.py). Exactly one of the two is set."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="ballots")
    # Candidate ids (ranked) or one slate id (slate ballot), most preferred first.
    ranking = RankingField(null=True)
    sealed = models.BinaryField(null=True)
    weight = models.PositiveIntegerField(default=1)

    class Meta:
        # Never the order cast: by the random id.
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ranking__isnull=True) ^ Q(sealed__isnull=True),
                name="ballot_sealed_or_open",
            ),
        ]

    def __str__(self) -> str:
        return "ballot"  # deliberately says nothing about the ballot


class Receipt(models.Model):
    """A voter's receipt code. Kept apart from ballots and voters: it proves inclusion only.
    Sealed while voting is open and rewritten in plaintext, in a random order, by the mix —
    like ballots. (No uniqueness constraint: codes carry ~59 random bits, and a collision
    between two voters must not stop an election from being counted.)"""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="receipts")
    # NULL, not "", while sealed: the check constraint below needs exactly one of the two.
    code = models.CharField(max_length=20, null=True)  # noqa: DJ001
    sealed = models.BinaryField(null=True)

    class Meta:
        ordering = ["code"]
        indexes = [models.Index(fields=["election", "code"], name="receipt_lookup")]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__isnull=True) ^ Q(sealed__isnull=True),
                name="receipt_sealed_or_open",
            ),
        ]

    def __str__(self) -> str:
        return self.code


class RollCallVote(models.Model):
    """In an open (roll-call) election only: how each member voted, public by design."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="roll_calls")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    ranking = RankingField()

    class Meta:
        ordering = ["member__user__full_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["election", "member"], name="roll_call_once"),
        ]

    def __str__(self) -> str:
        return f"roll-call vote {self.pk}"


class ElectionResult(models.Model):
    """A stored count. Written once and never changed; a recount is a new row linked to the
    result it repeats."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="results")
    recount_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="recounts"
    )
    data = models.JSONField()
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            # One first count per election, however many times the task runs.
            models.UniqueConstraint(
                fields=["election"], condition=Q(recount_of__isnull=True), name="one_first_count"
            ),
        ]

    def __str__(self) -> str:
        return f"result {self.pk}" + (" (recount)" if self.recount_of_id else "")

    def save(self, *args, **kwargs):
        # Results are immutable, like the audit log: an update is a bug, never a feature.
        if not self._state.adding:
            raise ValueError("An election result cannot be changed; count again instead.")
        super().save(*args, **kwargs)


class Protest(models.Model):
    """A member's protest against an election, lodged within the protest period after the
    results, and recorded with its answer. Neither is ever edited away."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="protests")
    lodged_by = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    lodged_at = models.DateTimeField(default=now)
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["lodged_at", "id"]

    def __str__(self) -> str:
        return f"protest {self.pk} on {self.election}"


class Observer(models.Model):
    """A member a candidate names to follow the count and read the election's log."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="observers")
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="observers")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["election", "member"], name="observer_once"),
        ]

    def __str__(self) -> str:
        return f"observer {self.member} for {self.candidate}"


class ElectionImport(models.Model):
    """The ballots of an election held elsewhere (a paper count, an OpaVote or Loomio export),
    as uploaded: kept as normalised .blt text (grouped by ranking and sorted) so the election
    can be recounted under any preset and downloaded again. The ballots are the file's: no
    member of this organization voted them here."""

    class Format(models.TextChoices):
        BLT = "blt", _(".blt ballot file")
        CSV = "csv", _("CSV ranked ballots")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    election = models.OneToOneField(
        Election, on_delete=models.CASCADE, related_name="imported_file"
    )
    filename = models.CharField(max_length=200)
    file_format = models.CharField(max_length=3, choices=Format.choices)
    sha256 = models.CharField(max_length=64)
    blt = models.TextField()
    candidates = models.JSONField()
    withdrawn = models.JSONField(default=list)
    # Total ballot weight as the file writes it (weights may be decimals, e.g. "12.5").
    ballots = models.CharField(max_length=40)
    standing = models.PositiveSmallIntegerField()
    held_on = models.DateField(null=True, blank=True)
    imported_by = models.ForeignKey(Member, null=True, on_delete=models.SET_NULL, related_name="+")
    imported_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["-imported_at", "-id"]

    def __str__(self) -> str:
        return self.filename
