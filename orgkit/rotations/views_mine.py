"""A member's own rotation page: their turns and swaps, leave, calendar feeds and reminders;
and the public iCal feed (by secret token)."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from orgkit.core.forms import call_service, run_and_flash
from orgkit.organizations.tenancy import OrgPageMixin
from orgkit.rotations import selectors, services
from orgkit.rotations.forms import FeedForm, LeaveForm, ReminderForm
from orgkit.rotations.ical import render_feed
from orgkit.rotations.mailing import recipient_language
from orgkit.rotations.views import member_named, safe_next


class MyTurnsView(OrgPageMixin, View):
    def get(self, request, org_slug, **context):
        org, me = request.organization, request.member
        today = timezone.localdate()  # the organization's zone is active
        preference = selectors.reminder_preference_get(organization=org, member=me)
        return render(
            request,
            "rotations/mine.html",
            {
                "turns": selectors.member_turns(organization=org, member=me, since=today),
                "swaps": selectors.open_swaps_for(organization=org, member=me),
                "leave": selectors.member_leave(organization=org, member=me, since=today),
                "earlier_leave": selectors.member_earlier_leave(
                    organization=org, member=me, before=today
                ),
                "feeds": selectors.member_feeds(organization=org, member=me),
                "leave_form": context.get("leave_form") or LeaveForm(),
                "feed_form": FeedForm(organization=org),
                "reminder_form": ReminderForm(
                    initial={
                        "days_before": preference.days_before if preference else 3,
                        "enabled": preference.enabled if preference else True,
                    }
                ),
                "new_feed_url": context.get("new_feed_url"),
            },
            status=context.get("status", 200),
        )


def _leave_recorded_message(leave, member) -> str:
    # Leave that has already ended moves no turn: saying "replanned" would be untrue, and the
    # page lists it under earlier leave, not with the leave to come.
    if leave.end < timezone.localdate():
        return _(
            "Leave recorded for %(name)s. It has already ended, so no plan changed; it is "
            "listed under earlier leave."
        ) % {"name": member.display_name}
    return _("Leave recorded for %(name)s; rotations were replanned around it.") % {
        "name": member.display_name
    }


class LeaveAddView(MyTurnsView):
    """Record leave: your own, or (organizers) a member's, named by ``member``."""

    def post(self, request, org_slug):
        form = LeaveForm(request.POST)
        member = member_named(request)
        mine = reverse("rotations:mine", kwargs={"org_slug": org_slug})
        leave = form.is_valid() and call_service(
            form, services.leave_add, actor=request.member, member=member, **form.cleaned_data
        )
        if leave:
            messages.success(request, _leave_recorded_message(leave, member))
            return redirect(safe_next(request) or mine)
        if member.pk != request.member.pk:
            errors = "; ".join(str(e) for errors in form.errors.values() for e in errors)
            messages.error(
                request, _("Could not record the leave: %(errors)s") % {"errors": errors}
            )
            return redirect(safe_next(request) or mine)
        return self.get(request, org_slug, leave_form=form, status=400)


class LeaveDeleteView(OrgPageMixin, View):
    def post(self, request, org_slug, leave_id):
        leave = selectors.leave_get(organization=request.organization, leave_id=leave_id)
        if leave is None:
            raise Http404
        run_and_flash(
            request,
            services.leave_delete,
            actor=request.member,
            leave=leave,
            success=_("Leave removed."),
        )
        return redirect("rotations:mine", org_slug=org_slug)


class FeedCreateView(MyTurnsView):
    def post(self, request, org_slug):
        form = FeedForm(request.POST, organization=request.organization)
        if form.is_valid():
            created = call_service(
                form, services.feed_create, actor=request.member, **form.cleaned_data
            )
            if created is not None:
                url = request.build_absolute_uri(
                    reverse(
                        "rotations:ical", kwargs={"org_slug": org_slug, "feed_token": created[1]}
                    )
                )
                messages.success(
                    request, _("Calendar address made. Copy it now: it is shown only once.")
                )
                return self.get(request, org_slug, new_feed_url=url)
        messages.error(
            request, "; ".join(str(e) for errors in form.errors.values() for e in errors)
        )
        return redirect("rotations:mine", org_slug=org_slug)


class FeedRevokeView(OrgPageMixin, View):
    def post(self, request, org_slug, feed_id):
        feed = selectors.feed_get(
            organization=request.organization, member=request.member, feed_id=feed_id
        )
        if feed is None:
            raise Http404
        run_and_flash(
            request,
            services.feed_revoke,
            actor=request.member,
            feed=feed,
            success=_("Calendar address revoked: it stops working now."),
        )
        return redirect("rotations:mine", org_slug=org_slug)


class ReminderView(OrgPageMixin, View):
    def post(self, request, org_slug):
        form = ReminderForm(request.POST)
        if form.is_valid():
            call_service(
                form, services.reminder_preference_set, actor=request.member, **form.cleaned_data
            )
            messages.success(request, _("Reminder setting saved."))
        else:
            messages.error(request, _("Choose between 0 and 60 days."))
        return redirect("rotations:mine", org_slug=org_slug)


def ical_feed(request, org_slug, feed_token):
    """Public by secret token (calendar apps cannot sign in). Unknown or revoked → 404.
    Written in the feed owner's language (a calendar app sends no useful one)."""
    feed = selectors.feed_for_token(
        org_slug=org_slug, token_hash=services.feed_token_hash(feed_token)
    )
    if feed is None:
        raise Http404
    body = render_feed(
        feed,
        since=timezone.localdate() - timedelta(days=400),
        language=recipient_language(feed.member),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="orgkit-turns.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response
