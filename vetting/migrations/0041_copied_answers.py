"""Copied and templated answers (issue 19, part 1): answer prints, their LSH bands, how many
consultants use each shingle, and the matches found."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("consultants", "0004_organisations"),
        ("vetting", "0040_webhooks"),
    ]

    operations = [
        migrations.CreateModel(
            name="ShingleCount",
            fields=[
                ("hash", models.BigIntegerField(primary_key=True, serialize=False)),
                ("consultants", models.PositiveIntegerField(default=0)),
            ],
        ),
        migrations.CreateModel(
            name="AnswerPrint",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("question_key", models.CharField(max_length=80)),
                ("submitted_at", models.DateTimeField()),
                ("shingles", models.BinaryField()),
                ("size", models.PositiveIntegerField()),
                (
                    "answer",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="print",
                        to="vetting.answer",
                    ),
                ),
                (
                    "consultant",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="consultants.consultant",
                    ),
                ),
                (
                    "submission",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="vetting.submission",
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="AnswerBand",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("band", models.PositiveSmallIntegerField()),
                ("hash", models.BigIntegerField()),
                (
                    "print",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="bands",
                        to="vetting.answerprint",
                    ),
                ),
            ],
            options={
                "indexes": [models.Index(fields=["band", "hash"], name="answerband_band_hash")],
            },
        ),
        migrations.CreateModel(
            name="CopyMatch",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("question_key", models.CharField(max_length=80)),
                (
                    "share",
                    models.FloatField(
                        help_text="The share of this answer also in the other (0-1)."
                    ),
                ),
                ("source_question_key", models.CharField(blank=True, max_length=80)),
                ("source_submitted_at", models.DateTimeField(null=True)),
                ("boilerplate", models.CharField(blank=True, max_length=80)),
                ("found_at", models.DateTimeField(auto_now_add=True)),
                (
                    "answer",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="copy_matches",
                        to="vetting.answer",
                    ),
                ),
                (
                    "source",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="vetting.answer",
                    ),
                ),
                (
                    "source_submission",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="vetting.submission",
                    ),
                ),
                (
                    "submission",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="copy_matches",
                        to="vetting.submission",
                    ),
                ),
            ],
            options={
                "ordering": ["submission", "question_key", "-share", "pk"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("source__isnull", False)),
                        fields=("answer", "source"),
                        name="one_match_per_answer_pair",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("source__isnull", True)),
                        fields=("answer", "boilerplate"),
                        name="one_match_per_answer_passage",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("share__gte", 0), ("share__lte", 1)),
                        name="copy_match_share_0_1",
                    ),
                ],
            },
        ),
    ]
