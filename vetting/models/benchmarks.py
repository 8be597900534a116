"""Claim-level reference benchmarks, kept as a summary table (issue 19, part 2).

One row per organisation, consultant, claim area and referee relationship: how many of
that consultant's claims of that kind the organisation's referees confirmed, partly
confirmed, did not confirm, or could not judge. Derived data, written only by
`services.benchmarks.claim_tallies_refresh` (in the transaction that completes a check)
and `claim_tallies_rebuild` (the `claim_benchmarks_rebuild` command): always recomputable,
so no history. Pages sum a few rows per organisation instead of reading every check
(NOTES.md: aggregate once, not per request); a consultant is kept apart so that their own
claims can be left out of the norm they are judged against.
"""

from __future__ import annotations

from django.db import models

from consultants.models import Consultant, Relationship
from vetting.models.organisations import Organisation


class ClaimTally(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="claim_tallies"
    )
    consultant = models.ForeignKey(
        Consultant, on_delete=models.CASCADE, related_name="claim_tallies"
    )
    # An `AccomplishmentArea` value, or a buyer's own criterion's key ("own_...").
    area = models.CharField(max_length=60)
    relationship = models.CharField(max_length=10, choices=Relationship.choices)
    confirmed = models.PositiveIntegerField(default=0)
    partly = models.PositiveIntegerField(default=0)
    not_confirmed = models.PositiveIntegerField(default=0)
    dont_know = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organisation", "area", "relationship", "consultant"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "consultant", "area", "relationship"],
                name="one_claim_tally_per_kind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.area} by {self.relationship}: {self.confirmed} confirmed"
