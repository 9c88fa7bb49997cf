from csp.decorators import csp_update
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from orgkit.core import views as core_views
from orgkit.core.auth_forms import (
    OutboxPasswordResetForm,
    TokenRevokingPasswordChangeForm,
)
from orgkit.organizations import views as org_views

handler403 = "orgkit.core.views.permission_denied"
handler404 = "orgkit.core.views.page_not_found"
handler500 = "orgkit.core.views.server_error"

# The Swagger UI is the one page the site-wide Content-Security-Policy does not fit: its
# stylesheet is an inline <style> and its widgets set style attributes and load data: images.
# The split view serves its start-up script as a separate file, so scripts stay 'self' only;
# this page alone may use inline styles and data: images.
api_docs_view = csp_update({"style-src": ["'unsafe-inline'"], "img-src": ["data:"]})(
    SpectacularSwaggerSplitView.as_view(url_name="api-schema")
)

urlpatterns = [
    path("", org_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("accounts/signup/", core_views.SignupView.as_view(), name="signup"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/change/",
        auth_views.PasswordChangeView.as_view(form_class=TokenRevokingPasswordChangeForm),
        name="password_change",
    ),
    path(
        "accounts/password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "accounts/password/reset/",
        auth_views.PasswordResetView.as_view(form_class=OutboxPasswordResetForm),
        name="password_reset",
    ),
    path(
        "accounts/password/reset/done/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        core_views.SealedPasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("orgs/new/", org_views.OrganizationCreateView.as_view(), name="org-create"),
    path("invite/<str:token>/", org_views.InvitationAcceptView.as_view(), name="invitation-accept"),
    path("o/<slug:org_slug>/rotations/", include("orgkit.rotations.urls")),
    path("o/<slug:org_slug>/elections/", include("orgkit.elections.urls")),
    path("o/<slug:org_slug>/case-studies/", include("orgkit.casestudies.urls")),
    path("o/<slug:org_slug>/health/", include("orgkit.health.urls")),
    path("o/<slug:org_slug>/skills/", include("orgkit.skills.urls")),
    path("o/<slug:org_slug>/decisions/", include("orgkit.decisions.urls")),
    path("o/<slug:org_slug>/", include("orgkit.organizations.urls")),
    path("api/v1/", include("config.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", api_docs_view, name="api-docs"),
    path("admin/", admin.site.urls),
]
