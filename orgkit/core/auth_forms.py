"""Password reset emails go through the outbox like every other email, so they are sent by a
worker after commit and retried if SMTP is down."""

from django import forms
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from orgkit.core.emails import email_enqueue_template
from orgkit.core.tokens import account_password_set


class OutboxPasswordResetForm(PasswordResetForm):
    """Written from ``emails/core.password_reset.txt`` (subject and body; Django's template
    names are not used). An account belongs to no one organization, so the email is in the
    language of the page the reset was asked from — the asker's browser's."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        email_enqueue_template(
            organization=None,
            to=to_email,
            kind="core.password_reset",
            context=context,
            language=translation.get_language() or "en",
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
