"""Claim-level reference benchmarks (issue 19, part 2): the summary table of referees'
verdicts by organisation, consultant, claim area and relationship."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("consultants", "0004_organisations"),
        ("vetting", "0041_copied_answers"),
    ]

    operations = [
        migrations.CreateModel(
            name="ClaimTally",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("area", models.CharField(max_length=60)),
                (
                    "relationship",
                    models.CharField(
                        choices=[
                            ("client", "Client"),
                            ("employer", "Employer"),
                            ("peer", "Peer or partner"),
                        ],
                        max_length=10,
                    ),
                ),
                ("confirmed", models.PositiveIntegerField(default=0)),
                ("partly", models.PositiveIntegerField(default=0)),
                ("not_confirmed", models.PositiveIntegerField(default=0)),
                ("dont_know", models.PositiveIntegerField(default=0)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "consultant",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="claim_tallies",
                        to="consultants.consultant",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="claim_tallies",
                        to="vetting.organisation",
                    ),
                ),
            ],
            options={
                "ordering": ["organisation", "area", "relationship", "consultant"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("organisation", "consultant", "area", "relationship"),
                        name="one_claim_tally_per_kind",
                    )
                ],
            },
        ),
    ]
