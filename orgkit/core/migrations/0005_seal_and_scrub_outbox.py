"""Emails queued before bodies were sealed: seal them, and scrub the one-time links of those
already sent (invitation and password-reset emails kept their working links in clear).

Sealing uses the running key (ORGKIT_SEALING_KEY, or one derived from SECRET_KEY): set the key
you mean to keep before migrating. The constants are copied here on purpose: a migration must
keep meaning what it meant when it was written.
"""

from django.db import migrations

SECRET_KINDS = ("organizations.invitation", "core.password_reset")
SCRUBBED_NOTE = "[one-time link removed after sending]"


def seal_and_scrub(apps, schema_editor):
    from orgkit.core.sealing import seal

    OutboundEmail = apps.get_model("core", "OutboundEmail")
    unsealed = OutboundEmail.objects.filter(sealed_body__isnull=True).exclude(body=SCRUBBED_NOTE)
    for email in unsealed.iterator(chunk_size=500):
        secret = email.kind in SECRET_KINDS
        if secret and email.status == "sent":
            email.body, email.sealed_body = SCRUBBED_NOTE, None
        else:
            context = f"outbound-email:{email.pk}:{email.to}".encode()
            email.sealed_body = seal(email.body.encode(), context=context)
            email.body = ""
        email.carries_secret = secret
        email.save(update_fields=["body", "sealed_body", "carries_secret"])


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0004_outbound_email_sealed"),
    ]

    operations = [
        migrations.RunPython(seal_and_scrub, migrations.RunPython.noop),
    ]
