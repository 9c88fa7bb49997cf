"""Pages outside any organization: home, sign-up, error pages."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.views import View

from orgkit.core.models import User
from orgkit.organizations.forms import SignupForm
from orgkit.organizations.selectors import organizations_of_user


def home(request):
    """Signed in: the organizations you belong to. Otherwise: what orgkit is."""
    if not request.user.is_authenticated:
        return render(request, "core/welcome.html")
    organizations = organizations_of_user(user=request.user)
    return render(request, "core/home.html", {"organizations": organizations})


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
            email = form.cleaned_data["email"].strip().lower()
            name = form.cleaned_data["full_name"].strip()
            try:
                validate_password(form.cleaned_data["password"], User(email=email, full_name=name))
            except ValidationError as exc:
                form.add_error("password", exc)
            else:
                try:
                    with transaction.atomic():
                        user = User.objects.create_user(
                            email, form.cleaned_data["password"], full_name=name
                        )
                except IntegrityError:
                    form.add_error("email", "An account with this email exists. Sign in instead.")
                else:
                    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                    messages.success(request, "Welcome to orgkit. Create or join an organization.")
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
