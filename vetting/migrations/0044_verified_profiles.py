"""Slot for verified profiles (issue 19, part 4): filled by that part, empty until then."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("vetting", "0043_delivery_reviews"),
    ]

    operations = []
