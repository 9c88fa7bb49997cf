"""The skills app's audit verbs, and the phrase the log shows for each."""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class SkillEvent(StrEnum):
    SKILL_ADDED = "skills.skill.added"
    SKILL_UPDATED = "skills.skill.updated"
    SKILL_RETIRED = "skills.skill.retired"
    SKILL_RESTORED = "skills.skill.restored"
    REQUIREMENT_SET = "skills.requirement.set"
    REQUIREMENT_REMOVED = "skills.requirement.removed"
    LEVEL_SET = "skills.level.set"
    SESSION_LOGGED = "skills.session.logged"
    SIGNED_OFF = "skills.session.signed_off"
    DISPUTED = "skills.session.disputed"
    ROTATION_REQUIREMENT_SET = "skills.rotation_requirement.set"
    ROTATION_REQUIREMENT_REMOVED = "skills.rotation_requirement.removed"
    SETTINGS_CHANGED = "skills.settings.changed"
    ALERT_RAISED = "skills.alert.raised"


E = SkillEvent

PHRASES = {
    E.SKILL_ADDED: _("Skill added to the catalogue: {target}"),
    E.SKILL_UPDATED: _("Skill changed: {target}"),
    E.SKILL_RETIRED: _("Skill retired: {target}"),
    E.SKILL_RESTORED: _("Skill back in the catalogue: {target}"),
    E.REQUIREMENT_SET: _("{target} needs {skill} at level {level}"),
    E.REQUIREMENT_REMOVED: _("{target} no longer needs {skill}"),
    E.LEVEL_SET: _("{target}: level set to {level}"),
    E.SESSION_LOGGED: _("Teaching session logged: {target} ({learners} learners)"),
    E.SIGNED_OFF: _("A learner signed off the session {target}"),
    E.DISPUTED: _("A learner disputed the session {target}"),
    E.ROTATION_REQUIREMENT_SET: _("Rotation {target} asks for {skill} at level {level}"),
    E.ROTATION_REQUIREMENT_REMOVED: _("Rotation {target} no longer asks for {skill}"),
    E.SETTINGS_CHANGED: _("Skill-sharing settings changed"),
    E.ALERT_RAISED: _("Succession alert: {target}"),
}
