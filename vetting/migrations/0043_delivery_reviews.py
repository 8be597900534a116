"""Delivery reviews and outcome weightings (issue 19, part 3): a selected consultant's
delivery review with its points, and the weightings an organisation adopts from its
outcome report (rounds record the one they use)."""

import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("vetting", "0042_claim_benchmarks"),
    ]

    operations = [
        migrations.CreateModel(
            name="DeliveryReview",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("due_on", models.DateField(verbose_name="review date")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("scheduled", "Scheduled"),
                            ("draft", "Draft"),
                            ("submitted", "Submitted"),
                            ("cancelled", "Cancelled"),
                        ],
                        default="scheduled",
                        max_length=10,
                    ),
                ),
                (
                    "overall_rating",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        help_text="1 (nothing delivered) to 5.",
                        null=True,
                        verbose_name="overall delivery",
                    ),
                ),
                ("summary", models.TextField(blank=True, max_length=4000)),
                ("card_values", models.JSONField(blank=True, default=dict)),
                ("card_signals", models.JSONField(blank=True, default=list)),
                ("card_total", models.FloatField(blank=True, null=True)),
                ("rubric_version", models.CharField(blank=True, max_length=20)),
                ("weights", models.JSONField(blank=True, default=dict)),
                ("submitted_at", models.DateTimeField(blank=True, null=True)),
                ("cancelled_at", models.DateTimeField(blank=True, null=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("version", models.PositiveIntegerField(default=1)),
                (
                    "assignee",
                    models.ForeignKey(
                        blank=True,
                        help_text="A colleague of the organisation who completes the review with the owner.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="assigned_delivery_reviews",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "decision",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="vetting.decision",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="delivery_reviews",
                        to="vetting.organisation",
                    ),
                ),
                (
                    "submission",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="delivery_review",
                        to="vetting.submission",
                    ),
                ),
                (
                    "submitted_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["due_on", "pk"],
            },
        ),
        migrations.CreateModel(
            name="DeliveryPoint",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("position", models.PositiveSmallIntegerField()),
                (
                    "kind",
                    models.CharField(
                        choices=[("first_step", "First step"), ("outcome", "Claimed outcome")],
                        max_length=12,
                    ),
                ),
                ("source", models.CharField(blank=True, max_length=120)),
                ("text", models.TextField(verbose_name="what they said")),
                (
                    "rating",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("delivered", "Delivered"),
                            ("partly", "Partly delivered"),
                            ("not_delivered", "Not delivered"),
                            ("not_applicable", "Not applicable"),
                        ],
                        max_length=16,
                    ),
                ),
                ("note", models.TextField(blank=True, max_length=2000)),
                (
                    "review",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="points",
                        to="vetting.deliveryreview",
                    ),
                ),
            ],
            options={
                "ordering": ["review", "position"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalDeliveryPoint",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("position", models.PositiveSmallIntegerField()),
                (
                    "kind",
                    models.CharField(
                        choices=[("first_step", "First step"), ("outcome", "Claimed outcome")],
                        max_length=12,
                    ),
                ),
                ("source", models.CharField(blank=True, max_length=120)),
                ("text", models.TextField(verbose_name="what they said")),
                (
                    "rating",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("delivered", "Delivered"),
                            ("partly", "Partly delivered"),
                            ("not_delivered", "Not delivered"),
                            ("not_applicable", "Not applicable"),
                        ],
                        max_length=16,
                    ),
                ),
                ("note", models.TextField(blank=True, max_length=2000)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "review",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="vetting.deliveryreview",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical delivery point",
                "verbose_name_plural": "historical delivery points",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalDeliveryReview",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("due_on", models.DateField(verbose_name="review date")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("scheduled", "Scheduled"),
                            ("draft", "Draft"),
                            ("submitted", "Submitted"),
                            ("cancelled", "Cancelled"),
                        ],
                        default="scheduled",
                        max_length=10,
                    ),
                ),
                (
                    "overall_rating",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        help_text="1 (nothing delivered) to 5.",
                        null=True,
                        verbose_name="overall delivery",
                    ),
                ),
                ("summary", models.TextField(blank=True, max_length=4000)),
                ("card_total", models.FloatField(blank=True, null=True)),
                ("rubric_version", models.CharField(blank=True, max_length=20)),
                ("submitted_at", models.DateTimeField(blank=True, null=True)),
                ("cancelled_at", models.DateTimeField(blank=True, null=True)),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                ("updated_at", models.DateTimeField(blank=True, editable=False)),
                ("version", models.PositiveIntegerField(default=1)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "assignee",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="A colleague of the organisation who completes the review with the owner.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "decision",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="vetting.decision",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="vetting.organisation",
                    ),
                ),
                (
                    "submission",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="vetting.submission",
                    ),
                ),
                (
                    "submitted_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical delivery review",
                "verbose_name_plural": "historical delivery reviews",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalOutcomeWeighting",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("number", models.PositiveIntegerField()),
                ("name", models.CharField(max_length=120)),
                (
                    "weights",
                    models.JSONField(help_text="Criterion key to weight in percent; totals 100."),
                ),
                ("previous", models.JSONField(default=dict, help_text="The weights it replaced.")),
                (
                    "hires",
                    models.PositiveIntegerField(
                        help_text="How many reviewed hires it was derived from."
                    ),
                ),
                ("adopted_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "adopted_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="vetting.organisation",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical outcome weighting",
                "verbose_name_plural": "historical outcome weightings",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="OutcomeWeighting",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("number", models.PositiveIntegerField()),
                ("name", models.CharField(max_length=120)),
                (
                    "weights",
                    models.JSONField(help_text="Criterion key to weight in percent; totals 100."),
                ),
                ("previous", models.JSONField(default=dict, help_text="The weights it replaced.")),
                (
                    "hires",
                    models.PositiveIntegerField(
                        help_text="How many reviewed hires it was derived from."
                    ),
                ),
                ("adopted_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "adopted_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="weightings",
                        to="vetting.organisation",
                    ),
                ),
            ],
            options={
                "ordering": ["organisation", "-number"],
            },
        ),
        migrations.AddField(
            model_name="engagement",
            name="weighting",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="engagements",
                to="vetting.outcomeweighting",
            ),
        ),
        migrations.AddField(
            model_name="historicalengagement",
            name="weighting",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="vetting.outcomeweighting",
            ),
        ),
        migrations.AddConstraint(
            model_name="deliveryreview",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("overall_rating__isnull", True),
                    models.Q(("overall_rating__gte", 1), ("overall_rating__lte", 5)),
                    _connector="OR",
                ),
                name="delivery_overall_rating_1_to_5",
            ),
        ),
        migrations.AddConstraint(
            model_name="deliverypoint",
            constraint=models.UniqueConstraint(
                fields=("review", "position"), name="one_point_per_position"
            ),
        ),
        migrations.AddConstraint(
            model_name="outcomeweighting",
            constraint=models.UniqueConstraint(
                fields=("organisation", "number"), name="one_weighting_per_number"
            ),
        ),
    ]
