from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("vetting", "0017_decision_blocked"),
    ]

    operations = [
        migrations.CreateModel(
            name="TextReading",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("version", models.CharField(max_length=40)),
                ("text_hash", models.CharField(max_length=64)),
                ("question", models.CharField(max_length=60)),
                ("reading", models.JSONField()),
                ("created_at", models.DateTimeField(auto_now_add=True)),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("version", "text_hash", "question"), name="one_reading_per_text"
                    )
                ],
            },
        ),
    ]
