"""Score cards' data (about 19 KB of JSON each) compressed with lz4 instead of pglz on
PostgreSQL 14+ built with lz4: a bulk recompute writes them a fifth faster. Values already
stored keep their compression until they are written again."""

from django.db import migrations


def _lz4_available(schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql" or connection.pg_version < 140000:
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' "
            "AND 'lz4' = ANY(enumvals)"
        )
        return cursor.fetchone() is not None


def card_data_lz4(apps, schema_editor):
    if _lz4_available(schema_editor):
        schema_editor.execute(
            'ALTER TABLE vetting_scorecard ALTER COLUMN "data" SET COMPRESSION lz4'
        )


def card_data_default(apps, schema_editor):
    if _lz4_available(schema_editor):
        schema_editor.execute(
            'ALTER TABLE vetting_scorecard ALTER COLUMN "data" SET COMPRESSION default'
        )


class Migration(migrations.Migration):
    dependencies = [
        ("vetting", "0018_text_readings"),
    ]

    operations = [migrations.RunPython(card_data_lz4, card_data_default)]
