"""API tokens move from rest_framework.authtoken (plain text, no expiry) to django-rest-knox
(a digest, an expiry), each tied to the password it was made under (ApiTokenPassword).

Old tokens are not carried over: there is nothing to carry (only the plain token was stored,
and it must not be kept), so API clients sign in once more. The old table is dropped, because
it holds live tokens in plain text, and its migration records are forgotten.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0002_initial'),
        ('knox', '0009_extend_authtoken_field'),
    ]

    operations = [
        migrations.CreateModel(
            name='ApiTokenPassword',
            fields=[
                ('token', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='password', serialize=False, to='knox.authtoken')),
                ('fingerprint', models.CharField(max_length=64)),
            ],
            options={
                'verbose_name': "API token's password fingerprint",
            },
        ),
        migrations.RunSQL(
            sql=[
                "DROP TABLE IF EXISTS authtoken_token",
                "DELETE FROM django_migrations WHERE app = 'authtoken'",
            ],
            reverse_sql=migrations.RunSQL.noop,
        ),
    ]
