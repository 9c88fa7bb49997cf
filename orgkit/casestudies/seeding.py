"""Demo data: the case studies, loaded from ``seeds/case_studies/`` through the service.

The studies are shared by every organization, so loading them for the demo loads them for all.
"""

from __future__ import annotations

from orgkit.casestudies.models import CaseStudy
from orgkit.casestudies.services import case_studies_load


def seed_demo(*, organization) -> bool:
    """Load the case studies if none are there; return whether anything was added."""
    if CaseStudy.objects.exists():
        return False
    return case_studies_load() > 0
