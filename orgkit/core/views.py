"""Pages outside any organization: sign-up, the health check, error pages."""

from __future__ import annotations

import base64

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import INTERNAL_RESET_SESSION_TOKEN
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from orgkit.core.accounts import account_create
from orgkit.core.auth_forms import SignupForm, TokenRevokingSetPasswordForm
from orgkit.core.forms import call_service
from orgkit.core.sealing import SealError, seal, unseal


class SignupView(View):
    def dispatch(self, request, *args, **kwargs):
        if not settings.ORGKIT_SIGNUP_OPEN:
            raise Http404
        if request.user.is_authenticated:
            return redirect("home")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return render(request, "registration/signup.html", {"form": SignupForm()})

    def post(self, request):
        form = SignupForm(request.POST)
        if form.is_valid():
            user = call_service(
                form,
                account_create,
                email=form.cleaned_data["email"],
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password"],
            )
            if user is not None:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                messages.success(request, _("Welcome to orgkit. Create or join an organization."))
                return redirect("home")
        return render(request, "registration/signup.html", {"form": form}, status=400)


def healthz(request):
    """For load balancers and uptime checks: the process answers. Touches no database."""
    from django.http import HttpResponse

    return HttpResponse("ok", content_type="text/plain")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def permission_denied(request, exception=None):
    return render(request, "403.html", {"reason": str(exception or "")}, status=403)


def server_error(request):
    return render(request, "500.html", status=500)


class SealedPasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's reset view moves the link's token into the session and redirects to a URL
    without it (so it cannot leak through a Referer), until the new password is set. Sessions
    live in the database, and their data is signed, not encrypted: anyone with a copy could
    read the token and set the password. Here it is stored sealed (``core.sealing``, bound to
    the account's uidb64) and opened only while a request is handled."""

    form_class = TokenRevokingSetPasswordForm
    sealed_key = "_password_reset_token_sealed"

    def dispatch(self, request, *args, **kwargs):
        session = request.session
        context = f"password-reset:{kwargs.get('uidb64', '')}".encode()
        sealed = session.get(self.sealed_key)
        if sealed:
            try:
                token = unseal(base64.b64decode(sealed), context=context).decode()
            except (SealError, ValueError):
                token = None
            if token:
                session[INTERNAL_RESET_SESSION_TOKEN] = token
        try:
            return super().dispatch(request, *args, **kwargs)
        finally:
            token = session.pop(INTERNAL_RESET_SESSION_TOKEN, None)
            if token:
                blob = seal(token.encode(), context=context)
                session[self.sealed_key] = base64.b64encode(blob).decode()
            else:
                session.pop(self.sealed_key, None)
