"""Recompute the claim-level reference benchmarks' summary table from the completed
reference checks (every organisation's, or `--organisation`'s): after a restore, an import
or a change of the counting rules. Idempotent: a second run writes the same rows. Completing
a check keeps the table in step by itself (`services.benchmarks.claim_tallies_refresh`)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from vetting.services.benchmarks import claim_tallies_rebuild


class Command(BaseCommand):
    help = "Recompute the claim-level reference benchmarks from the completed reference checks."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--organisation", type=int, help="Only this organisation (its id).")

    def handle(self, *args: Any, organisation: int | None = None, **options: Any) -> None:
        pairs = claim_tallies_rebuild(organisation_id=organisation)
        self.stdout.write(
            f"Recomputed the benchmarks of {pairs} consultant(s) and organisation(s)."
        )
