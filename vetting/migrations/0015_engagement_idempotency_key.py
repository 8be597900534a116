from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("vetting", "0014_answer_version"),
    ]

    operations = [
        migrations.AddField(
            model_name="engagement",
            name="idempotency_key",
            field=models.CharField(blank=True, default="", editable=False, max_length=255),
        ),
        migrations.AddConstraint(
            model_name="engagement",
            constraint=models.UniqueConstraint(
                condition=models.Q(("idempotency_key", ""), _negated=True),
                fields=("owner", "idempotency_key"),
                name="one_engagement_per_idempotency_key",
            ),
        ),
    ]
