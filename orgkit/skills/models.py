"""Skill-sharing: the catalogue, what roles need, members' levels (with their history),
teaching sessions with each learner's sign-off, rotation requirements and succession alerts.

Nothing is ever deleted: a skill is retired (``retired_at``), a level change appends a
``LevelChange`` row, a sign-off is answered once. Rules live in ``services/``.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from orgkit.organizations.models import Member, Organization, Role


class Level(models.IntegerChoices):
    """The same scale as :class:`orgkit.skills.coverage.Level` (the pure core's)."""

    LEARNING = 1, _("learning")
    WITH_SUPPORT = 2, _("can do with support")
    CAN_DO = 3, _("can do")
    CAN_TEACH = 4, _("can teach")


class SkillSettings(models.Model):
    """An organization's skill-sharing rules (one row, made on first use)."""

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="skill_settings"
    )
    require_sessions = models.BooleanField(
        _("levels need a session"),
        default=False,
        help_text=_(
            "A member may assess themself at most one level above what a signed-off session "
            "confirmed."
        ),
    )

    def __str__(self) -> str:
        return str(self.organization)


class Skill(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created"), default=now)
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="skill_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None


class RoleSkillRequirement(models.Model):
    """A role needs ``skill`` at ``level`` or above."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="skill_requirements")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="role_requirements")
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["skill__name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["role", "skill"], name="one_requirement_per_skill"),
        ]

    def __str__(self) -> str:
        return f"{self.role}: {self.skill}"


class MemberSkillLevel(models.Model):
    """A member's current level in a skill. ``confirmed_level`` is the highest level a
    signed-off session has given them (0: none)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="skill_levels")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="member_levels")
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    confirmed_level = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["skill__name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["member", "skill"], name="one_level_per_skill"),
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.skill}"


class TeachingSession(models.Model):
    class Source(models.TextChoices):
        LOGGED = "logged", _("logged by a member")
        SHADOW = "shadow", _("shadow turn")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="sessions")
    held_on = models.DateField(_("date"))
    minutes = models.PositiveIntegerField(_("duration (minutes)"))
    notes = models.TextField(_("notes"), blank=True)
    level_offered = models.PositiveSmallIntegerField(
        _("level a sign-off confirms"), choices=Level.choices, default=Level.WITH_SUPPORT
    )
    teachers = models.ManyToManyField(
        Member, through="SessionTeacher", related_name="sessions_taught"
    )
    logged_by = models.ForeignKey(Member, null=True, on_delete=models.SET_NULL, related_name="+")
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.LOGGED)
    # The shadow turn a session was made from (one per turn and skill); a plain id, so that the
    # record outlives the turn.
    turn_id = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("teaching session")
        verbose_name_plural = _("teaching sessions")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "turn_id", "skill"],
                condition=Q(turn_id__isnull=False),
                name="one_session_per_shadow_turn",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.skill} {self.held_on.isoformat()}"


class SessionTeacher(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    session = models.ForeignKey(TeachingSession, on_delete=models.CASCADE, related_name="+")
    teacher = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "teacher"], name="one_teacher_row"),
        ]

    def __str__(self) -> str:
        return f"{self.teacher} · {self.session}"


class SignOff(models.Model):
    """A learner's answer about a session: pending, signed off (confirmed) or disputed."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for the learner")
        CONFIRMED = "confirmed", _("signed off")
        DISPUTED = "disputed", _("disputed")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    session = models.ForeignKey(TeachingSession, on_delete=models.CASCADE, related_name="signoffs")
    learner = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="signoffs")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    level = models.PositiveSmallIntegerField(null=True, blank=True, choices=Level.choices)
    comment = models.TextField(blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "learner"], name="one_signoff_per_learner"),
        ]

    def __str__(self) -> str:
        return f"{self.learner} · {self.session}"


class LevelChange(models.Model):
    """Append-only history of every level a member has had in a skill."""

    class Source(models.TextChoices):
        SELF = "self", _("self-assessed")
        SESSION = "session", _("confirmed by a session")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="level_changes")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+")
    old_level = models.PositiveSmallIntegerField(default=0)
    new_level = models.PositiveSmallIntegerField(choices=Level.choices)
    source = models.CharField(max_length=10, choices=Source.choices)
    session = models.ForeignKey(
        TeachingSession, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.member}: {self.skill} {self.old_level}→{self.new_level}"


class RotationSkillRequirement(models.Model):
    """A rotation's skill rule, kept here (not in rotations) and given to its planning through
    ``orgkit.rotations.hooks``. ``required``: members below the level may not hold a turn;
    otherwise members at the level are only preferred (they win ties)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    rotation = models.ForeignKey(
        "rotations.Rotation", on_delete=models.CASCADE, related_name="skill_requirements"
    )
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    required = models.BooleanField(_("required to hold a turn"), default=True)

    class Meta:
        ordering = ["skill__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["rotation", "skill"], name="one_rotation_requirement_per_skill"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rotation}: {self.skill}"


class SuccessionAlert(models.Model):
    """An alert the weekly job raised; open while the job keeps finding it (same ``key``)."""

    class Kind(models.TextChoices):
        NO_SUCCESSOR = "no_successor", _("term ending with no trained successor")
        SINGLE_HOLDER = "single_holder", _("skill held by one person")
        TAUGHT_NOBODY = "taught_nobody", _("coordinator has taught nobody this term")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    key = models.CharField(max_length=200)
    role = models.ForeignKey(
        Role, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    skill = models.ForeignKey(
        Skill, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    member = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    on = models.DateField(null=True, blank=True)
    raised_at = models.DateTimeField(default=now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-raised_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "key"],
                condition=Q(resolved_at__isnull=True),
                name="one_open_alert_per_key",
            ),
        ]

    def __str__(self) -> str:
        # Read in the log ("skill held by one person: Bookkeeping, Olga Ivanova"): the key is a
        # machine code and means nothing to a member.
        subjects = [str(x) for x in (self.skill, self.role, self.member) if x is not None]
        kind = self.get_kind_display()
        return f"{kind}: {', '.join(subjects)}" if subjects else str(kind)
