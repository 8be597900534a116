"""Slot for copied answers (issue 19, part 1): filled by that part, empty until then."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("vetting", "0040_webhooks"),
    ]

    operations = []
