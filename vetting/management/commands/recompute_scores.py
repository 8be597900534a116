"""Recompute score cards in bulk, in batches, with a progress bar.

Cards whose inputs did not change are not written, so running it twice is cheap. Cards
scored by an earlier rubric always change (the rubric version is part of the inputs hash):
this is how a new rubric reaches the cards already stored.
"""

from __future__ import annotations

import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from vetting.models import Engagement, ScoreCard, Submission
from vetting.models.engagements import SCORED_STATUSES
from vetting.scoring.inputs import RUBRIC_VERSION
from vetting.services import scorecards_recompute

BAR = 30


class Command(BaseCommand):
    help = "Recompute the score cards of submitted self-assessments."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--engagement", type=int, help="Only this engagement's submissions.")
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args: Any, engagement: int | None, batch_size: int, **options: Any) -> None:
        submissions = Submission.objects.filter(status__in=SCORED_STATUSES)
        if engagement is not None:
            if not Engagement.objects.filter(pk=engagement).exists():
                raise CommandError(f"There is no engagement {engagement}.")
            submissions = submissions.filter(engagement_id=engagement)
        ids = list(submissions.order_by("pk").values_list("pk", flat=True))
        outdated = (
            ScoreCard.objects.filter(submission__in=ids)
            .exclude(rubric_version=RUBRIC_VERSION)
            .count()
        )
        total, written, started = len(ids), 0, time.monotonic()
        for start in range(0, total, max(batch_size, 1)):
            written += scorecards_recompute(ids[start : start + batch_size])
            self._progress(min(start + batch_size, total), total, written)
        elapsed = time.monotonic() - started
        upgraded = f", {outdated} of them upgraded to rubric {RUBRIC_VERSION}" if outdated else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"{total} submission(s) scored in {elapsed:.1f} s: {written} card(s) written"
                f"{upgraded}, {total - written} unchanged."
            )
        )

    def _progress(self, done: int, total: int, written: int) -> None:
        filled = BAR * done // total if total else BAR
        line = f"[{'#' * filled}{'.' * (BAR - filled)}] {done}/{total} ({written} written)"
        stream = self.stderr
        if sys.stderr.isatty():
            stream.write("\r" + line, ending="")
            if done == total:
                stream.write("")
        else:
            stream.write(line)
