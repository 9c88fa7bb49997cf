"""The rotation turns as a CSV download (organizers): rotation, dates, holder, status."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.views import View

from orgkit.core.bounds import row_id
from orgkit.core.csv_export import csv_download, safe_row
from orgkit.organizations.tenancy import OrgPageMixin
from orgkit.rotations.exports import turns_for_export


def _status(turn) -> str:
    if turn.status == turn.Status.PLANNED and turn.confirmed:
        return _("confirmed")
    return turn.get_status_display()


class TurnsCSVView(OrgPageMixin, View):
    """All turns of every rotation, or of one with ``?rotation=<id>``."""

    organizer_only = True

    def get(self, request, org_slug):
        org = request.organization
        turns = turns_for_export(organization=org, rotation_id=row_id(request.GET.get("rotation")))
        response, out = csv_download(f"{org.slug}-rotation-turns.csv")
        out.writerow([_("rotation"), _("body"), _("from"), _("to"), _("holder"), _("status")])
        for turn in turns.iterator(chunk_size=500):
            role = turn.rotation.role
            holder = turn.holder.display_name if turn.holder else _("open")
            out.writerow(
                safe_row(
                    [
                        role.name,
                        role.body.name,
                        turn.start.isoformat(),
                        turn.end.isoformat(),
                        holder,
                        _status(turn),
                    ]
                )
            )
        return response
