"""Routes of the case-studies app."""

from tests.integration.routes import MEMBER, ORGANIZER, PUBLIC, SIGNED_IN  # noqa: F401

ROUTES: dict[str, dict[str, str]] = {
    "casestudies:list": {"GET": MEMBER},
    "casestudies:detail": {"GET": MEMBER},
    "casestudies:prompt-dismiss": {"POST": MEMBER},
    "api:case-study-list": {"GET": MEMBER},
    "api:case-study-detail": {"GET": MEMBER},
}

KWARGS: dict[str, list[str]] = {
    "casestudies:list": ["org_slug"],
    "casestudies:detail": ["org_slug", "study_slug"],
    "casestudies:prompt-dismiss": ["org_slug", "key"],
    "api:case-study-list": ["org_slug"],
    "api:case-study-detail": ["org_slug", "study_slug"],
}


def kwarg_values(world) -> dict:
    """The case studies loaded; the Metalworkers' congress (it has a replay) and a prompt."""
    from orgkit.casestudies.services import case_studies_load

    case_studies_load()
    return {"study_slug": "metalworkers-congress-1922", "key": "no-term-limit"}
