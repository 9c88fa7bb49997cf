"""Rotating roles: the rotation's rules, its pool, its turns, leave, skips, swaps and feeds.

The planning itself is done by the pure engine in ``orgkit/rotations/engine``; these rows are
what it reads (pool, history, leave, skips, upcoming turns) and what it writes (turns).
"""

from __future__ import annotations

from datetime import time

from django.db import models
from django.db.models import F, Q
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _


class Rotation(models.Model):
    class Unit(models.TextChoices):
        WEEKS = "weeks", _("weeks")
        MONTHS = "months", _("months")

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="rotations"
    )
    role = models.ForeignKey(
        "organizations.Role", on_delete=models.CASCADE, related_name="rotations"
    )
    cadence_unit = models.CharField(max_length=10, choices=Unit.choices, default=Unit.WEEKS)
    cadence_every = models.PositiveSmallIntegerField(default=4)
    anchor = models.DateField(
        help_text=_("The first handover date; weekly rotations hand over on its weekday.")
    )
    handover_time = models.TimeField(default=time(18, 0))
    day_of_month = models.PositiveSmallIntegerField(null=True, blank=True)
    term_length = models.PositiveSmallIntegerField(default=1)
    max_consecutive_terms = models.PositiveSmallIntegerField(default=1)
    cooldown_turns = models.PositiveSmallIntegerField(default=0)
    max_terms_per_12_months = models.PositiveSmallIntegerField(null=True, blank=True)
    shadow_turns = models.BooleanField(default=True)
    confirmation_horizon = models.PositiveSmallIntegerField(default=4)
    plan_ahead_turns = models.PositiveSmallIntegerField(default=12)
    handover_checklist = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["role__body__name", "role__name"]
        constraints = [
            # Two live rotations for one role would plan two holders for the same days.
            models.UniqueConstraint(
                fields=["role"], condition=Q(is_active=True), name="one_active_rotation_per_role"
            ),
            models.CheckConstraint(
                condition=Q(cadence_every__gte=1), name="rotation_cadence_positive"
            ),
            models.CheckConstraint(condition=Q(term_length__gte=1), name="rotation_term_positive"),
        ]

    def __str__(self) -> str:
        # No words of its own: the audit log stores this label, and its phrases say "rotation"
        # in the reader's language.
        return str(self.role)


class PoolEntry(models.Model):
    """A member who opted in to take turns. Opting out sets ``left_at``; the row stays as history."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+"
    )
    rotation = models.ForeignKey(Rotation, on_delete=models.CASCADE, related_name="pool_entries")
    member = models.ForeignKey(
        "organizations.Member", on_delete=models.CASCADE, related_name="rotation_pools"
    )
    joined_at = models.DateTimeField(default=now)
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["joined_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["rotation", "member"],
                condition=Q(left_at__isnull=True),
                name="one_open_pool_entry",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} in {self.rotation}"


class Leave(models.Model):
    """A member is away from ``start`` to ``end`` (both included): no turns then."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+"
    )
    member = models.ForeignKey(
        "organizations.Member", on_delete=models.CASCADE, related_name="leave"
    )
    start = models.DateField()
    end = models.DateField()
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="leave_end_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.member} away {self.start}–{self.end}"


class Turn(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        SERVED = "served", _("served")
        COVERED = "covered", _("covered")
        SWAPPED = "swapped", _("swapped")
        SKIPPED = "skipped", _("skipped")

    #: A one-off override: ``holder`` serves this turn in place of ``covered_for`` (the member
    #: the rotation has here), whose other turns stay theirs.
    OVERRIDES = frozenset({Status.COVERED, Status.SWAPPED})

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+"
    )
    rotation = models.ForeignKey(Rotation, on_delete=models.CASCADE, related_name="turns")
    index = models.PositiveIntegerField()
    start = models.DateField()
    end = models.DateField()
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    holder = models.ForeignKey(
        "organizations.Member",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="turns",
    )
    shadow = models.ForeignKey(
        "organizations.Member",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="shadow_turns",
    )
    covered_for = models.ForeignKey(
        "organizations.Member", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    confirmed = models.BooleanField(default=False)
    accepted_at = models.DateTimeField(null=True, blank=True)
    reasons = models.JSONField(default=list, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    handed_over_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["start"]
        constraints = [
            # One turn per slot: a turn can never be double-booked, whatever races happen.
            models.UniqueConstraint(fields=["rotation", "start"], name="one_turn_per_slot"),
            models.UniqueConstraint(fields=["rotation", "index"], name="one_turn_per_index"),
        ]

    def __str__(self) -> str:
        return f"{self.rotation.role.name} {self.start}"

    @property
    def rostered_id(self) -> int | None:
        """The member the rotation has at this turn: the one covered for (or swapped with) in a
        one-off override, otherwise the holder."""
        if self.status in self.OVERRIDES and self.covered_for_id is not None:
            return self.covered_for_id
        return self.holder_id

    @property
    def is_swapped(self) -> bool:
        return self.status == self.Status.SWAPPED and self.covered_for_id is not None

    @property
    def is_covered(self) -> bool:
        return self.status == self.Status.COVERED and self.covered_for_id is not None

    @property
    def is_open(self) -> bool:
        return self.holder_id is None

    #: Reason codes (engine.ReasonCode values) the planner gives a confirmed turn whose holder
    #: cannot serve it.
    UNSERVABLE_CODES = frozenset({"confirmed_on_leave", "confirmed_not_in_pool"})

    @property
    def needs_cover(self) -> bool:
        """A confirmed, still-planned turn nobody will serve: it has no holder, or the last plan
        found its holder on leave (or out of the pool). Confirmed turns never move on their
        own, so this is an alarm: someone must cover it, or the holder skip it."""
        if not self.confirmed or self.status != self.Status.PLANNED:
            return False
        return self.holder_id is None or any(
            row.get("code") in self.UNSERVABLE_CODES for row in self.reasons or ()
        )


class Skip(models.Model):
    """A member skipped a turn: they keep their place and come up at their next available turn."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+"
    )
    rotation = models.ForeignKey(Rotation, on_delete=models.CASCADE, related_name="skips")
    member = models.ForeignKey("organizations.Member", on_delete=models.CASCADE, related_name="+")
    turn_start = models.DateField()
    turn_end = models.DateField()
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["turn_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["rotation", "member", "turn_start"], name="one_skip_per_turn"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} skipped {self.turn_start}"


class Swap(models.Model):
    """Two members exchange turns: requested by one, accepted by the other."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("requested")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        CANCELLED = "cancelled", _("cancelled")
        UNDONE = "undone", _("undone")
        #: Closed on its own: a turn it names changed hands, was skipped, or has started.
        LAPSED = "lapsed", _("closed: no longer possible")

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+"
    )
    rotation = models.ForeignKey(Rotation, on_delete=models.CASCADE, related_name="swaps")
    offered_turn = models.ForeignKey(Turn, on_delete=models.CASCADE, related_name="+")
    wanted_turn = models.ForeignKey(Turn, on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(
        "organizations.Member", on_delete=models.CASCADE, related_name="+"
    )
    counterpart = models.ForeignKey(
        "organizations.Member", on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.REQUESTED)
    created_at = models.DateTimeField(default=now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        # Dates only (the audit log stores this label; its phrases say "swap").
        return f"{self.offered_turn.start} ↔ {self.wanted_turn.start}"


class CalendarFeed(models.Model):
    """A secret, revocable iCal subscription: a member's own turns, or a whole body's."""

    class Kind(models.TextChoices):
        PERSONAL = "personal", _("my turns")
        BODY = "body", _("a body's rotations")

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+"
    )
    member = models.ForeignKey(
        "organizations.Member", on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    body = models.ForeignKey(
        "organizations.Body", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="personal") | Q(body__isnull=False), name="body_feed_has_body"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} feed of {self.member}"


class ReminderPreference(models.Model):
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+"
    )
    member = models.OneToOneField(
        "organizations.Member", on_delete=models.CASCADE, related_name="reminder_preference"
    )
    days_before = models.PositiveSmallIntegerField(default=3)
    enabled = models.BooleanField(default=True)

    def __str__(self) -> str:
        return f"reminders for {self.member}"
