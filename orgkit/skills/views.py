"""Skills pages: the catalogue, a skill, my levels, the coverage matrix, roles' coverage and
bus factor, succession alerts, and the CSV exports. The teaching log is in views_log.py.

Views read through selectors and write through services; ids a page posts are parsed by form
fields limited to the organization (forms.py).
"""

from __future__ import annotations

import csv

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from orgkit.core.forms import call_service, run_and_flash
from orgkit.organizations.tenancy import OrgPageMixin
from orgkit.skills import selectors, services
from orgkit.skills.forms import LevelForm, RequirementForm, RotationRuleForm, SkillForm
from orgkit.skills.models import Level


def _skill_or_404(request, skill_id):
    skill = selectors.skill_get(organization=request.organization, skill_id=skill_id)
    if skill is None:
        raise Http404
    return skill


class CatalogueView(OrgPageMixin, View):
    organizer_only = frozenset({"POST"})

    def _render(self, request, form, status=200):
        org = request.organization
        return render(
            request,
            "skills/catalogue.html",
            {
                "skills": selectors.skill_list(organization=org),
                "retired": selectors.skill_list(organization=org, retired=True),
                "form": form,
                "settings": services.skill_settings(org),
            },
            status=status,
        )

    def get(self, request, org_slug):
        return self._render(request, SkillForm())

    def post(self, request, org_slug):
        form = SkillForm(request.POST)
        if form.is_valid() and call_service(
            form,
            services.skill_add,
            actor=request.member,
            organization=request.organization,
            **form.cleaned_data,
        ):
            messages.success(request, _("Skill added to the catalogue."))
            return redirect("skills:catalogue", org_slug=org_slug)
        return self._render(request, form, status=400)


class BasicsView(OrgPageMixin, View):
    organizer_only = True

    def post(self, request, org_slug):
        run_and_flash(
            request,
            services.catalogue_add_basics,
            actor=request.member,
            organization=request.organization,
            success=_("The organizing basics are in the catalogue."),
        )
        return redirect("skills:catalogue", org_slug=org_slug)


class SettingsView(OrgPageMixin, View):
    organizer_only = True

    def post(self, request, org_slug):
        run_and_flash(
            request,
            services.settings_update,
            actor=request.member,
            organization=request.organization,
            require_sessions=request.POST.get("require_sessions") == "on",
            success=_("Settings saved."),
        )
        return redirect("skills:catalogue", org_slug=org_slug)


class SkillView(OrgPageMixin, View):
    """A skill: who holds it at which level, and its sessions; organizers rename it."""

    organizer_only = frozenset({"POST"})

    def _render(self, request, skill, form, status=200):
        org = request.organization
        matrix = selectors.skill_holders(organization=org, skill=skill)
        return render(
            request,
            "skills/skill.html",
            {
                "skill": skill,
                "holders": matrix,
                "sessions": selectors.session_list(organization=org).filter(skill=skill)[:50],
                "form": form,
            },
            status=status,
        )

    def get(self, request, org_slug, skill_id):
        skill = _skill_or_404(request, skill_id)
        form = SkillForm(initial={"name": skill.name, "description": skill.description})
        return self._render(request, skill, form)

    def post(self, request, org_slug, skill_id):
        skill = _skill_or_404(request, skill_id)
        form = SkillForm(request.POST)
        if form.is_valid() and call_service(
            form, services.skill_update, actor=request.member, skill=skill, **form.cleaned_data
        ):
            messages.success(request, _("Skill saved."))
            return redirect("skills:skill", org_slug=org_slug, skill_id=skill.pk)
        return self._render(request, skill, form, status=400)


class SkillRetireView(OrgPageMixin, View):
    organizer_only = True
    restore = False

    def post(self, request, org_slug, skill_id):
        skill = _skill_or_404(request, skill_id)
        if self.restore:
            run_and_flash(
                request,
                services.skill_restore,
                actor=request.member,
                skill=skill,
                success=_("The skill is back in the catalogue."),
            )
        else:
            run_and_flash(
                request,
                services.skill_retire,
                actor=request.member,
                skill=skill,
                success=_("Retired. Its sessions and levels stay on record."),
            )
        return redirect("skills:skill", org_slug=org_slug, skill_id=skill.pk)


class MineView(OrgPageMixin, View):
    """My levels (self-assessed, and what sessions confirmed) and sessions waiting for me."""

    def _render(self, request, form, status=200):
        org, me = request.organization, request.member
        return render(
            request,
            "skills/mine.html",
            {
                "levels": selectors.member_levels(organization=org, member=me),
                "history": selectors.level_history(organization=org, member=me),
                "waiting": selectors.signoffs_waiting(organization=org, member=me),
                "form": form,
                "settings": services.skill_settings(org),
            },
            status=status,
        )

    def get(self, request, org_slug):
        return self._render(
            request, LevelForm(skills=selectors.skill_choices(organization=request.organization))
        )

    def post(self, request, org_slug):
        form = LevelForm(
            request.POST, skills=selectors.skill_choices(organization=request.organization)
        )
        if form.is_valid() and call_service(
            form, services.level_set, actor=request.member, **form.cleaned_data
        ):
            messages.success(request, _("Your level is saved."))
            return redirect("skills:mine", org_slug=org_slug)
        return self._render(request, form, status=400)


class MatrixView(OrgPageMixin, View):
    def get(self, request, org_slug):
        return render(
            request,
            "skills/matrix.html",
            {
                "matrix": selectors.coverage_matrix(organization=request.organization),
                "levels": Level.choices,
            },
        )


class RolesView(OrgPageMixin, View):
    """Every role's coverage and bus factor, and who taught the most / never."""

    def get(self, request, org_slug):
        org = request.organization
        return render(
            request,
            "skills/roles.html",
            {
                "rows": selectors.role_coverage_list(organization=org),
                "tally": selectors.teaching_tally(organization=org),
            },
        )


class RoleView(OrgPageMixin, View):
    """One role: what it needs, who can hold it, its bus factor; its rotation's skill rule."""

    organizer_only = frozenset({"POST"})

    def _render(self, request, row, form, rule_form, status=200):
        org = request.organization
        rotation = selectors.role_rotation(organization=org, role=row.role)
        return render(
            request,
            "skills/role.html",
            {
                "row": row,
                "form": form,
                "rotation": rotation,
                "rules": selectors.rotation_requirements(organization=org, rotation_id=rotation.pk)
                if rotation
                else [],
                "rule_form": rule_form,
            },
            status=status,
        )

    def _row(self, request, role_id):
        rows = selectors.role_coverage_list(organization=request.organization, role_id=role_id)
        if not rows:
            raise Http404
        return rows[0]

    def get(self, request, org_slug, role_id):
        skills = selectors.skill_choices(organization=request.organization)
        return self._render(
            request,
            self._row(request, role_id),
            RequirementForm(skills=skills, initial={"level": Level.CAN_DO}),
            RotationRuleForm(skills=skills, initial={"level": Level.CAN_DO}),
        )

    def post(self, request, org_slug, role_id):
        org = request.organization
        row = self._row(request, role_id)
        skills = selectors.skill_choices(organization=org)
        form = RequirementForm(skills=skills)
        rule_form = RotationRuleForm(skills=skills)
        if request.POST.get("form") == "rotation":
            rotation = selectors.role_rotation(organization=org, role=row.role)
            rule_form = RotationRuleForm(request.POST, skills=skills)
            if (
                rotation
                and rule_form.is_valid()
                and call_service(
                    rule_form,
                    services.rotation_requirement_set,
                    actor=request.member,
                    rotation=rotation,
                    **rule_form.cleaned_data,
                )
            ):
                messages.success(request, _("The rotation's rule is saved and its plan updated."))
                return redirect("skills:role", org_slug=org_slug, role_id=row.role.pk)
        else:
            form = RequirementForm(request.POST, skills=skills)
            if form.is_valid() and call_service(
                form,
                services.requirement_set,
                actor=request.member,
                role=row.role,
                **form.cleaned_data,
            ):
                messages.success(request, _("Saved."))
                return redirect("skills:role", org_slug=org_slug, role_id=row.role.pk)
        return self._render(request, row, form, rule_form, status=400)


class RequirementRemoveView(OrgPageMixin, View):
    organizer_only = True

    def post(self, request, org_slug, requirement_id):
        requirement = selectors.requirement_get(
            organization=request.organization, requirement_id=requirement_id
        )
        if requirement is None:
            raise Http404
        run_and_flash(
            request,
            services.requirement_remove,
            actor=request.member,
            requirement=requirement,
            success=_("Removed."),
        )
        return redirect("skills:role", org_slug=org_slug, role_id=requirement.role_id)


class RotationRuleRemoveView(OrgPageMixin, View):
    organizer_only = True

    def post(self, request, org_slug, rule_id):
        rule = selectors.rotation_requirement_get(
            organization=request.organization, requirement_id=rule_id
        )
        if rule is None:
            raise Http404
        run_and_flash(
            request,
            services.rotation_requirement_remove,
            actor=request.member,
            rule=rule,
            success=_("Removed; the rotation was replanned."),
        )
        return redirect("skills:role", org_slug=org_slug, role_id=rule.rotation.role_id)


class AlertsView(OrgPageMixin, View):
    def get(self, request, org_slug):
        return render(
            request,
            "skills/alerts.html",
            {"alerts": selectors.alerts_open(organization=request.organization)},
        )


def _csv_response(filename: str) -> tuple[HttpResponse, csv.writer]:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response, csv.writer(response)


def _safe(text: str) -> str:
    """A cell a spreadsheet will not run as a formula."""
    text = str(text)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class MatrixCSVView(OrgPageMixin, View):
    def get(self, request, org_slug):
        matrix = selectors.coverage_matrix(organization=request.organization)
        response, out = _csv_response(f"{org_slug}-skills-matrix.csv")
        out.writerow([_("member")] + [_safe(s.name) for s in matrix.skills])
        for member, levels in matrix.rows:
            out.writerow([_safe(member.display_name)] + [level or "" for level in levels])
        return response


class LogCSVView(OrgPageMixin, View):
    def get(self, request, org_slug):
        sessions = selectors.session_list(organization=request.organization)
        response, out = _csv_response(f"{org_slug}-teaching-log.csv")
        out.writerow(
            [
                _("date"),
                _("skill"),
                _("minutes"),
                _("teachers"),
                _("learner"),
                _("answer"),
                _("level"),
                _("source"),
            ]
        )
        for session in sessions.iterator(chunk_size=500):
            teachers = "; ".join(t.display_name for t in session.teachers.all())
            for signoff in session.signoffs.all():
                out.writerow(
                    [
                        session.held_on.isoformat(),
                        _safe(session.skill.name),
                        session.minutes,
                        _safe(teachers),
                        _safe(signoff.learner.display_name),
                        signoff.status,
                        signoff.level or "",
                        session.source,
                    ]
                )
        return response
