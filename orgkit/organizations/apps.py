from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "orgkit.organizations"
    label = "organizations"

    def ready(self) -> None:
        from orgkit.core.audit import register_event_phrases

        register_event_phrases(
            {
                "organizations.organization.created": "created the organization {target}",
                "organizations.organization.updated": "changed the organization's settings",
                "organizations.organizer.granted": "made {target} an organizer",
                "organizations.organizer.revoked": "revoked {target}'s organizer role",
                "organizations.organizer.stepped_down": "stepped down as organizer",
                "organizations.member.invited": "invited {email}",
                "organizations.invitation.revoked": "withdrew an invitation ({target})",
                "organizations.member.joined": "joined ({email})",
                "organizations.member.added": "added {target} to the roster",
                "organizations.member.left": "recorded that {target} left",
                "organizations.branch.created": "added the branch {target}",
                "organizations.body.created": "added the body {target}",
                "organizations.body.member_added": "seated {name} on {target} ({how}, from {start})",
                "organizations.role.created": "defined the role {target}",
                "organizations.role.assigned": "handed {target} to {name} ({how}, from {start})",
            }
        )
