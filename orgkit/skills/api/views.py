"""REST endpoints for skills. Reads go through selectors, writes through services."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from orgkit.organizations.api.base import OrgAPIMixin, OrgListAPI
from orgkit.skills import selectors, services
from orgkit.skills.api import serializers as s
from orgkit.skills.models import (
    RoleSkillRequirement,
    RotationSkillRequirement,
    Skill,
    SuccessionAlert,
    TeachingSession,
)

MEMBERS_WRITE = frozenset()  # any member may POST (services check who may do what)


class SkillListAPI(OrgListAPI):
    """The catalogue; organizers POST to add a skill."""

    model = Skill
    serializer_class = s.SkillOut

    def org_queryset(self):
        return selectors.skill_choices(organization=self.request.organization)

    @extend_schema(request=s.SkillIn, responses={201: s.SkillOut})
    def post(self, request, org_slug):
        data = s.SkillIn(data=request.data)
        data.is_valid(raise_exception=True)
        skill = services.skill_add(
            actor=request.member, organization=request.organization, **data.validated_data
        )
        return Response(s.SkillOut(skill).data, status=status.HTTP_201_CREATED)


class SkillDetailAPI(OrgAPIMixin, APIView):
    """A skill; PATCH renames it or retires / restores it (organizers)."""

    def _skill(self, request, skill_id):
        skill = selectors.skill_get(organization=request.organization, skill_id=skill_id)
        if skill is None:
            raise Http404
        return skill

    @extend_schema(responses=s.SkillOut, operation_id="orgs_skill_detail")
    def get(self, request, org_slug, skill_id):
        return Response(s.SkillOut(self._skill(request, skill_id)).data)

    @extend_schema(request=s.SkillChangeIn, responses=s.SkillOut, operation_id="orgs_skill_change")
    def patch(self, request, org_slug, skill_id):
        skill = self._skill(request, skill_id)
        data = s.SkillChangeIn(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        if "name" in values or "description" in values:
            skill = services.skill_update(
                actor=request.member,
                skill=skill,
                name=values.get("name", skill.name),
                description=values.get("description", skill.description),
            )
        if values.get("retired") is True and skill.retired_at is None:
            skill = services.skill_retire(actor=request.member, skill=skill)
        elif values.get("retired") is False and skill.retired_at is not None:
            skill = services.skill_restore(actor=request.member, skill=skill)
        return Response(s.SkillOut(skill).data)


class SessionListAPI(OrgListAPI):
    """The teaching log, newest first; any member POSTs to log a session."""

    model = TeachingSession
    serializer_class = s.SessionOut
    organizer_only = MEMBERS_WRITE

    def org_queryset(self):
        return selectors.session_list(organization=self.request.organization)

    @extend_schema(request=s.SessionIn, responses={201: s.SessionOut})
    def post(self, request, org_slug):
        data = s.SessionIn(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        session = services.session_log(actor=request.member, **data.validated_data)
        session = selectors.session_get(organization=request.organization, session_id=session.pk)
        return Response(s.SessionOut(session).data, status=status.HTTP_201_CREATED)


class SignOffAPI(OrgAPIMixin, APIView):
    """The learner signs off (``confirm: true``, optionally at a lower ``level``) or disputes
    (``confirm: false`` with a ``comment``). Only the learner may answer."""

    organizer_only = MEMBERS_WRITE

    @extend_schema(request=s.SignOffIn, responses=s.SignOffOut)
    def post(self, request, org_slug, signoff_id):
        signoff = selectors.signoff_get(organization=request.organization, signoff_id=signoff_id)
        if signoff is None:
            raise Http404
        if signoff.learner_id != request.member.pk:
            raise PermissionDenied(_("Only the learner can sign off or dispute their own session."))
        data = s.SignOffIn(data=request.data)
        data.is_valid(raise_exception=True)
        signoff = services.signoff_answer(
            actor=request.member, signoff=signoff, **data.validated_data
        )
        return Response(s.SignOffOut(signoff).data)


class MyLevelsAPI(OrgAPIMixin, APIView):
    """My levels; POST assesses one (self-assessment)."""

    organizer_only = MEMBERS_WRITE

    @extend_schema(responses=s.LevelOut(many=True))
    def get(self, request, org_slug):
        levels = selectors.member_levels(organization=request.organization, member=request.member)
        return Response(s.LevelOut(levels, many=True).data)

    @extend_schema(request=s.LevelIn, responses=s.LevelOut)
    def post(self, request, org_slug):
        data = s.LevelIn(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        row = services.level_set(actor=request.member, **data.validated_data)
        return Response(s.LevelOut(row).data)


class MatrixAPI(OrgAPIMixin, APIView):
    """Members × skills: each member's level per skill id (skills without a level left out)."""

    @extend_schema(responses=s.MatrixOut)
    def get(self, request, org_slug):
        matrix = selectors.coverage_matrix(organization=request.organization)
        rows = [
            {
                "member": member.pk,
                "name": member.display_name,
                "levels": {
                    str(skill.pk): level
                    for skill, level in zip(matrix.skills, levels, strict=True)
                    if level
                },
            }
            for member, levels in matrix.rows
        ]
        return Response(s.MatrixOut({"skills": matrix.skills, "rows": rows}).data)


class CoverageAPI(OrgAPIMixin, APIView):
    """Per role: what it needs (skill id → level), its pool, who can hold it, bus factor."""

    @extend_schema(responses=s.CoverageOut(many=True))
    def get(self, request, org_slug):
        rows = [
            {
                "role": row.role.pk,
                "name": row.role.name,
                "requirements": {str(q.skill_id): q.level for q in row.requirements},
                "pool": [m.pk for m in row.pool],
                "able": [m.pk for m in row.able],
                "bus_factor": row.bus_factor,
                "team_bus_factor": row.team_bus_factor,
            }
            for row in selectors.role_coverage_list(organization=request.organization)
        ]
        return Response(s.CoverageOut(rows, many=True).data)


class AlertListAPI(OrgListAPI):
    """Open succession alerts."""

    model = SuccessionAlert
    serializer_class = s.AlertOut

    def org_queryset(self):
        return selectors.alerts_open(organization=self.request.organization)


class RequirementListAPI(OrgListAPI):
    """What each role needs; organizers POST to set a role's need for a skill (again: change
    its level)."""

    model = RoleSkillRequirement
    serializer_class = s.RequirementOut

    def org_queryset(self):
        return selectors.requirement_list(organization=self.request.organization)

    @extend_schema(request=s.RequirementIn, responses={201: s.RequirementOut})
    def post(self, request, org_slug):
        data = s.RequirementIn(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        requirement = services.requirement_set(actor=request.member, **data.validated_data)
        return Response(s.RequirementOut(requirement).data, status=status.HTTP_201_CREATED)


class RotationRuleListAPI(OrgListAPI):
    """Skill rules on rotations; organizers POST one (the rotation is replanned)."""

    model = RotationSkillRequirement
    serializer_class = s.RotationRuleOut

    def org_queryset(self):
        return selectors.rotation_requirements(organization=self.request.organization)

    @extend_schema(request=s.RotationRuleIn, responses={201: s.RotationRuleOut})
    def post(self, request, org_slug):
        data = s.RotationRuleIn(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        rule = services.rotation_requirement_set(actor=request.member, **data.validated_data)
        return Response(s.RotationRuleOut(rule).data, status=status.HTTP_201_CREATED)
