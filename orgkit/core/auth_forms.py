"""Password reset emails go through the outbox like every other email, so they are sent by a
worker after commit and retried if SMTP is down."""

from django import forms
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.template import loader
from django.utils.translation import gettext_lazy as _

from orgkit.core.emails import email_enqueue
from orgkit.core.tokens import account_password_set


class OutboxPasswordResetForm(PasswordResetForm):
    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        email_enqueue(
            organization=None,
            to=to_email,
            subject=subject,
            body=body,
            kind="core.password_reset",
            secret=True,  # the reset link: scrubbed from the outbox once sent
        )


class TokenRevokingPasswordChangeForm(PasswordChangeForm):
    """Changing the password also revokes every API token made under the old one."""

    def save(self, commit: bool = True):
        return account_password_set(user=self.user, password=self.cleaned_data["new_password1"])


class TokenRevokingSetPasswordForm(SetPasswordForm):
    """A password set through a reset link revokes the API tokens, and lifts a sign-in lockout
    (the person has just proved they read the account's mailbox)."""

    def save(self, commit: bool = True):
        return account_password_set(
            user=self.user, password=self.cleaned_data["new_password1"], via_reset=True
        )


class SignupForm(forms.Form):
    full_name = forms.CharField(max_length=200, label=_("Your name"))
    email = forms.EmailField(label=_("Email"))
    password = forms.CharField(widget=forms.PasswordInput, label=_("Password"))
