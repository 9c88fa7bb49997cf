"""Demo data: the case studies, loaded from ``seeds/case_studies/`` through the service.

The studies are shared by every organization, so loading them for the demo loads them for all.
"""

from __future__ import annotations

from orgkit.casestudies.models import CaseStudy
from orgkit.casestudies.services import case_studies_load


def seed_demo(*, organization) -> bool:
    """Load (or refresh) the case studies; return whether any study was added."""
    before = CaseStudy.objects.count()
    return case_studies_load() > before
