"""Accounts, the audit log and the email outbox."""

from __future__ import annotations

import uuid

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)

    def get_by_natural_key(self, username: str) -> User:
        # Emails are stored lower-cased, so logging in is case-insensitive.
        return self.get(email=username.lower())


class User(AbstractBaseUser, PermissionsMixin):
    """One account per person; a Member row ties it to each organization."""

    email = models.EmailField(_("email"), unique=True)
    full_name = models.CharField(_("name"), max_length=200)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("staff"), default=False)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name", "email"]
        verbose_name = _("account")
        verbose_name_plural = _("accounts")

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class AuditEvent(models.Model):
    """An append-only record of something that happened in an organization.

    Rows are never updated or deleted by the application; ``save()`` refuses updates so a bug
    cannot quietly rewrite history.
    """

    id = models.BigAutoField(primary_key=True)
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="audit_events"
    )
    actor = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verb = models.CharField(max_length=100, db_index=True)
    target_type = models.CharField(max_length=100, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    target_label = models.CharField(max_length=300, blank=True)
    data = models.JSONField(default=dict, blank=True)
    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [
            models.Index(fields=["organization", "-occurred_at"]),
            # An object's own log (an election's, a decision's) filters by its target.
            models.Index(fields=["organization", "target_type", "target_id"], name="audit_target"),
        ]

    def __str__(self) -> str:
        return f"{self.verb} {self.target_label}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise RuntimeError("Audit events are append-only.")
        super().save(*args, **kwargs)


class OutboundEmail(models.Model):
    """An email waiting to be sent, or sent. The outbox makes sending retryable and idempotent:
    the task sends only rows still pending, and marks them sent in the same transaction.

    The body is never stored in clear: ``sealed_body`` holds it sealed (``core.sealing``, bound
    to the row's id and recipient, so it opens neither in another row nor after ``to`` is
    changed). An email that carries a one-time secret (``carries_secret``: an invitation or
    password-reset link) loses its sealed body once sent; ``body`` then holds only a note.
    See orgkit/core/emails.py.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="outbound_emails",
    )
    to = models.EmailField()
    subject = models.CharField(max_length=300)
    # Only a note (blank while the sealed body is kept); never the text that was sent.
    body = models.TextField(blank=True)
    sealed_body = models.BinaryField(null=True, blank=True)
    carries_secret = models.BooleanField(default=False)
    kind = models.CharField(max_length=100)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("outbound email")
        verbose_name_plural = _("outbound emails")

    def __str__(self) -> str:
        return f"{self.kind} → {self.to} ({self.status})"


class ApiTokenPassword(models.Model):
    """Ties an API token (django-rest-knox's ``AuthToken``) to the password it was made under.

    knox stores, per token, a SHA-512 digest (the primary key), its first 15 characters (to find
    the row; the other 49 hex characters stay secret), its owner, creation and expiry — never
    the token. ``fingerprint`` is a digest of the owner's password hash when the token was made:
    after any password change — the form, a reset, the admin, ``changepassword`` — it no longer
    matches and the token is refused (orgkit/core/tokens.py). A token without this row is
    refused too.
    """

    token = models.OneToOneField(
        "knox.AuthToken", primary_key=True, on_delete=models.CASCADE, related_name="password"
    )
    fingerprint = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("API token's password fingerprint")

    def __str__(self) -> str:
        return f"password fingerprint of token {self.token_id[:8]}…"
