"""Everything under /api/v1/. Later apps add their routes here (namespace ``api``)."""

from django.urls import include, path
from rest_framework.authtoken.views import obtain_auth_token

app_name = "api"

urlpatterns = [
    path("auth/token/", obtain_auth_token, name="auth-token"),
    path("", include("orgkit.organizations.api.urls")),
    path("", include("orgkit.rotations.api.urls")),
    path("", include("orgkit.elections.api.urls")),
]
