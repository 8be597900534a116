"""Recompute score cards in bulk, in batches, with progress (percentage, cards per second
and time left: a bar on a terminal, a line per tenth otherwise).

Cards whose inputs did not change are not written, so running it twice is cheap. Cards
scored by an earlier rubric always change (the rubric version is part of the inputs hash):
this is how a new rubric reaches the cards already stored. Each engagement is ranked once,
after the last batch, and text readings stored under earlier reading rules are deleted.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from vetting.models import Engagement, ScoreCard, Submission
from vetting.models.engagements import SCORED_STATUSES
from vetting.scoring.inputs import RUBRIC_VERSION
from vetting.services import scorecards_recompute_all
from vetting.services.scoring import BULK_BATCH, readings_prune

BAR = 30


class Progress:
    """Reports a run of `total` submissions: a redrawn bar on a terminal, else one line
    each time another tenth is done (logs stay short)."""

    def __init__(self, command: BaseCommand, total: int) -> None:
        self.stream = command.stderr
        self.tty = command.stderr.isatty()
        self.total = total
        self.started = time.monotonic()
        self.reported = -1  # tenths already reported

    def __call__(self, done: int, written: int) -> None:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        rate = done / elapsed
        left = (self.total - done) / rate if rate else 0.0
        share = done / self.total if self.total else 1.0
        line = (
            f"{share:4.0%} {done}/{self.total} ({written} written), "
            f"{rate:,.0f} cards/s, {left:.0f} s left"
        )
        if self.tty:
            filled = int(BAR * share)
            self.stream.write(f"\r[{'#' * filled}{'.' * (BAR - filled)}] {line}", ending="")
            if done >= self.total:
                self.stream.write("")
        elif int(share * 10) > self.reported:
            self.reported = int(share * 10)
            self.stream.write(line)


class Command(BaseCommand):
    help = "Recompute the score cards of submitted self-assessments."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--engagement", type=int, help="Only this engagement's submissions.")
        parser.add_argument("--batch-size", type=int, default=BULK_BATCH)

    def handle(self, *args: Any, engagement: int | None, batch_size: int, **options: Any) -> None:
        submissions = Submission.objects.filter(status__in=SCORED_STATUSES)
        if engagement is not None:
            if not Engagement.objects.filter(pk=engagement).exists():
                raise CommandError(f"There is no engagement {engagement}.")
            submissions = submissions.filter(engagement_id=engagement)
        total = submissions.count()
        outdated = (
            ScoreCard.objects.filter(submission__in=submissions)
            .exclude(rubric_version=RUBRIC_VERSION)
            .count()
        )
        started = time.monotonic()
        written = scorecards_recompute_all(
            submissions, batch_size=batch_size, progress=Progress(self, total)
        )
        elapsed = time.monotonic() - started
        pruned = readings_prune()
        upgraded = f", {outdated} of them upgraded to rubric {RUBRIC_VERSION}" if outdated else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"{total} submission(s) scored in {elapsed:.1f} s: {written} card(s) written"
                f"{upgraded}, {total - written} unchanged."
                + (f" {pruned} reading(s) of earlier text rules deleted." if pruned else "")
            )
        )
