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
    E.SKILL_ADDED: _("added the skill {target} to the catalogue"),
    E.SKILL_UPDATED: _("changed the skill {target}"),
    E.SKILL_RETIRED: _("retired the skill {target}"),
    E.SKILL_RESTORED: _("put the skill {target} back in the catalogue"),
    E.REQUIREMENT_SET: _("said {target} needs {skill} at level {level}"),
    E.REQUIREMENT_REMOVED: _("said {target} no longer needs {skill}"),
    E.LEVEL_SET: _("set the level of {target} to {level}"),
    E.SESSION_LOGGED: _("logged a teaching session: {target} (learners: {learners})"),
    E.SIGNED_OFF: _("signed off the teaching session {target} as a learner"),
    E.DISPUTED: _("disputed the teaching session {target} as a learner"),
    E.ROTATION_REQUIREMENT_SET: _("said the rotation {target} asks for {skill} at level {level}"),
    E.ROTATION_REQUIREMENT_REMOVED: _("said the rotation {target} no longer asks for {skill}"),
    E.SETTINGS_CHANGED: _("changed the skill-sharing settings"),
    E.ALERT_RAISED: _("Succession alert: {target}"),
}
