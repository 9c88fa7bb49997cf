"""Everything under /api/v1/. Later apps add their routes here (namespace ``api``)."""

from django.urls import include, path

from orgkit.core.token_views import TokenCreateView, TokenLogoutAllView, TokenLogoutView

app_name = "api"

urlpatterns = [
    path("auth/token/", TokenCreateView.as_view(), name="auth-token"),
    path("auth/logout/", TokenLogoutView.as_view(), name="auth-logout"),
    path("auth/logout-all/", TokenLogoutAllView.as_view(), name="auth-logout-all"),
    path("", include("orgkit.organizations.api.urls")),
    path("", include("orgkit.rotations.api.urls")),
    path("", include("orgkit.elections.api.urls")),
    path("", include("orgkit.casestudies.api.urls")),
    path("", include("orgkit.health.api.urls")),
    path("", include("orgkit.skills.api.urls")),
    path("", include("orgkit.decisions.api.urls")),
]
