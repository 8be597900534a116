"""Slot for delivery reviews and outcome weightings (issue 19, part 3): filled by that part, empty until then."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("vetting", "0042_claim_benchmarks"),
    ]

    operations = []
