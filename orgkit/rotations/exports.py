"""Reads for the rotation turns download (kept apart from selectors.py: one read, one page)."""

from __future__ import annotations

from django.db.models import QuerySet

from orgkit.rotations.models import Turn


def turns_for_export(*, organization, rotation_id: int | None = None) -> QuerySet[Turn]:
    """Every turn of the organization's rotations (or of one), oldest first, with the role,
    body and holder loaded in the same query."""
    turns = Turn.objects.filter(organization=organization).select_related(
        "rotation__role__body", "holder__user"
    )
    if rotation_id is not None:
        turns = turns.filter(rotation_id=rotation_id)
    return turns.order_by("rotation__role__body__name", "rotation__role__name", "start", "id")
