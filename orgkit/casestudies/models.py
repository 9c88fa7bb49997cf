"""Case studies, kept in the database for search and linking, and members' dismissed prompts.

``CaseStudy`` is the same for every organization (history is not a tenant's data), so it has no
``organization`` key; it is written only by ``services.case_studies_load`` from the files in
``seeds/case_studies/``. ``PromptDismissal`` is a member's own row and is scoped like any tenant row.
"""

from __future__ import annotations

from django.db import models
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _


class CaseStudy(models.Model):
    slug = models.SlugField(_("web address"), max_length=80, unique=True)
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=200)
    date_label = models.CharField(_("date"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    place = models.CharField(_("place"), max_length=200)
    account = models.TextField(_("account"))
    # Lists of letters (a–k) and themes ("decades", "skills"), as written in the file.
    tactics = models.JSONField(_("tactics"), default=list)
    themes = models.JSONField(_("themes"), default=list)
    figures = models.JSONField(_("figures"), default=list)
    sources = models.JSONField(_("sources"), default=list)
    questions = models.JSONField(_("discussion questions"), default=list)
    safeguard = models.CharField(_("safeguard"), max_length=60)
    replay = models.CharField(_("replay"), max_length=60, blank=True)
    # Tactics and themes as " a f decades ": a text filter both SQLite and PostgreSQL can run.
    tags = models.CharField(max_length=100, blank=True)
    # The words of the study in one field, lower-cased, for the list page's search.
    search_text = models.TextField(blank=True)
    loaded_at = models.DateTimeField(_("loaded"), default=now)

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")

    def __str__(self) -> str:
        return self.title


class PromptDismissal(models.Model):
    """A member closed a "why this safeguard" prompt: it is not shown to them again."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+"
    )
    member = models.ForeignKey(
        "organizations.Member", on_delete=models.CASCADE, related_name="prompt_dismissals"
    )
    key = models.CharField(max_length=60)
    dismissed_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["-dismissed_at"]
        constraints = [
            models.UniqueConstraint(fields=["member", "key"], name="prompt_dismissed_once"),
        ]

    def __str__(self) -> str:
        return f"{self.member} dismissed {self.key}"
