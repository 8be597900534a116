"""Tables for clarification requests (issue 18, part 1)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("vetting", "0035_single_sign_on"),
    ]

    operations = []
