"""Slot for claim-level reference benchmarks (issue 19, part 2): filled by that part, empty until then."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("vetting", "0041_copied_answers"),
    ]

    operations = []
