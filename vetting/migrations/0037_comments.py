"""Tables for internal comments and @mentions (issue 18, part 2)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("vetting", "0036_clarifications"),
    ]

    operations = []
