"""API routes under /api/v1/ for rotations (names join the \"api\" namespace)."""

urlpatterns: list = []
