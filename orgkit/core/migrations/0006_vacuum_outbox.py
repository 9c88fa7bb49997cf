"""PostgreSQL keeps the old version of an updated row until it is vacuumed: the clear-text
bodies that 0005 replaced would linger in the table's files. VACUUM FULL rewrites the table
without them. Outside a transaction (VACUUM cannot run in one); a no-op on other databases."""

from django.db import migrations


def vacuum_outbox(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("VACUUM FULL core_outboundemail")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("core", "0005_seal_and_scrub_outbox"),
    ]

    operations = [
        migrations.RunPython(vacuum_outbox, migrations.RunPython.noop),
    ]
