"""Password reset emails go through the outbox like every other email, so they are sent by a
worker after commit and retried if SMTP is down."""

from django.contrib.auth.forms import PasswordResetForm
from django.template import loader

from orgkit.core.emails import email_enqueue


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
        email_enqueue(organization=None, to=to_email, subject=subject, body=body, kind="core.password_reset")
