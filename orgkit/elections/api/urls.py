"""API routes under /api/v1/ for elections (names join the \"api\" namespace)."""

urlpatterns: list = []
