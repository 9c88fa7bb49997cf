"""Writes for case studies: loading the catalogue, and a member dismissing a prompt."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from orgkit.casestudies.catalogue import CatalogueError, Study, read_catalogue
from orgkit.casestudies.models import CaseStudy, PromptDismissal
from orgkit.casestudies.prompts import PROMPTS
from orgkit.casestudies.safeguards import SAFEGUARD_KEYS
from orgkit.core.errors import ServiceError

CATALOGUE_DIR = Path(settings.BASE_DIR) / "seeds" / "case_studies"


def _row_values(study: Study, at: datetime) -> dict:
    figures = [{"value": f.value, "label": f.label, "evidence": f.evidence} for f in study.figures]
    words = [study.title, study.place, study.date, study.account, *study.questions]
    words += [f"{f.value} {f.label}" for f in study.figures]
    return {
        "position": study.position,
        "title": study.title,
        "date_label": study.date,
        "year": study.year,
        "place": study.place,
        "account": study.account,
        "tactics": list(study.tactics),
        "themes": list(study.themes),
        "figures": figures,
        "sources": [{"text": s.text, "note": s.note} for s in study.sources],
        "questions": list(study.questions),
        "safeguard": study.safeguard,
        "replay": study.replay,
        "tags": " " + " ".join([*study.tactics, *study.themes]) + " ",
        "search_text": " ".join(words).lower(),
        "loaded_at": at,
    }


def case_studies_load(*, folder: Path = CATALOGUE_DIR, at: datetime | None = None) -> int:
    """Store every case study in ``folder`` (created or updated by slug; studies whose file is
    gone are removed) in one transaction; return how many there are.

    A bad file refuses the whole load with a :class:`ServiceError` naming it, so the database
    never holds half a catalogue.
    """
    at = at or timezone.now()
    try:
        studies = read_catalogue(folder, safeguards=SAFEGUARD_KEYS)
    except CatalogueError as exc:
        raise ServiceError(
            _("The case studies could not be loaded: %(reason)s") % {"reason": exc}
        ) from None
    with transaction.atomic():
        existing = {row.slug: row for row in CaseStudy.objects.select_for_update()}
        for study in studies:
            values = _row_values(study, at)
            row = existing.get(study.slug)
            if row is None:
                CaseStudy.objects.create(slug=study.slug, **values)
                continue
            changed = [k for k, v in values.items() if k != "loaded_at" and getattr(row, k) != v]
            if changed:  # an unchanged study is left as it is: loading twice changes nothing
                for key, value in values.items():
                    setattr(row, key, value)
                row.save()
        CaseStudy.objects.exclude(slug__in=[s.slug for s in studies]).delete()
    return len(studies)


def prompt_dismiss(*, actor, key: str, at: datetime | None = None) -> PromptDismissal:
    """Record that ``actor`` (a Member) closed the prompt ``key``; dismissing twice is harmless.

    Not audited: it is a member's own display preference, not an act of the organization."""
    if key not in PROMPTS:
        raise ServiceError(_("There is no such note."), field="key")
    existing = PromptDismissal.objects.filter(member=actor, key=key).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return PromptDismissal.objects.create(
                organization=actor.organization,
                member=actor,
                key=key,
                dismissed_at=at or timezone.now(),
            )
    except IntegrityError:  # the same member dismissed it in another tab at the same moment
        return PromptDismissal.objects.get(member=actor, key=key)
