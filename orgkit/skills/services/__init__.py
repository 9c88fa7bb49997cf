"""Writes for skills: the catalogue, role needs, levels, the teaching log, sign-offs, the
rotation link and succession alerts. Keyword-only, one transaction each, audited."""

from orgkit.skills.services.alerts import alerts_check
from orgkit.skills.services.catalogue import (
    BASICS,
    catalogue_add_basics,
    requirement_remove,
    requirement_set,
    settings_update,
    skill_add,
    skill_restore,
    skill_retire,
    skill_settings,
    skill_update,
)
from orgkit.skills.services.levels import level_set
from orgkit.skills.services.rotation_link import (
    replan_rotations_needing,
    rotation_requirement_remove,
    rotation_requirement_set,
    shadow_turn_log,
)
from orgkit.skills.services.sessions import session_log, shadow_session_log, signoff_answer

__all__ = [
    "alerts_check",
    "BASICS",
    "catalogue_add_basics",
    "level_set",
    "replan_rotations_needing",
    "requirement_remove",
    "rotation_requirement_remove",
    "rotation_requirement_set",
    "requirement_set",
    "session_log",
    "settings_update",
    "shadow_session_log",
    "shadow_turn_log",
    "signoff_answer",
    "skill_add",
    "skill_restore",
    "skill_retire",
    "skill_settings",
    "skill_update",
]
