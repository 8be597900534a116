"""Fingerprint already-submitted self-assessments for copied and templated answers (the
submissions made before the check existed, or after a new boilerplate passage with
`--recheck`), earliest submitted first so that the earlier answer of a pair stays the
original, with progress. Idempotent: an answer already fingerprinted is not read again, a
match is recorded once; cards that gain a match are recomputed (through the outbox)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from vetting.models import AnswerPrint, Submission
from vetting.services.copies import submission_copies_check


class Command(BaseCommand):
    help = "Fingerprint submitted long answers and record copied or templated ones."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--recheck",
            action="store_true",
            help="Read every answer again (after a new boilerplate passage or rule).",
        )

    def handle(self, *args: Any, recheck: bool = False, **options: Any) -> None:
        submissions = Submission.objects.filter(submitted_at__isnull=False)
        if not recheck:  # those with a long answer not fingerprinted yet
            submissions = submissions.exclude(pk__in=AnswerPrint.objects.values("submission_id"))
        ids = list(submissions.order_by("submitted_at", "pk").values_list("pk", flat=True))
        printed = matches = reported = 0
        started = time.monotonic()
        for done, pk in enumerate(ids, start=1):
            result = submission_copies_check(submission=Submission(pk=pk), recheck=recheck)
            printed += result.printed
            matches += result.matches
            if int(10 * done / len(ids)) > reported or done == len(ids):  # a line per tenth
                reported = int(10 * done / len(ids))
                rate = done / max(time.monotonic() - started, 1e-9)
                self.stderr.write(
                    f"{done / len(ids):4.0%} {done}/{len(ids)} submissions, {matches} match(es), "
                    f"{rate:,.1f}/s, {(len(ids) - done) / rate:.0f} s left"
                )
        self.stdout.write(
            f"{len(ids)} submissions checked: {printed} answers fingerprinted, "
            f"{matches} match(es) found."
        )
