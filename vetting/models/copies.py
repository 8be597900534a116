"""Copied and templated answers: each submitted long answer's fingerprint, the LSH band
table that finds its near-duplicates, how many consultants use each shingle, and the
matches found (`vetting.scoring.copies` reads the texts; `vetting.services.copies` writes
these rows).

Derived data, like the score card: recomputable from the submitted answers (the
`copies_backfill` command), never edited by people, so without history.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy

from consultants.models import Consultant
from vetting.access import visible_copy_matches
from vetting.models.engagements import Answer, Submission

if TYPE_CHECKING:
    from vetting.models.accounts import User


class AnswerPrint(models.Model):
    """One submitted long answer's shingles (sorted signed 64-bit hashes, packed)."""

    answer = models.OneToOneField(Answer, on_delete=models.CASCADE, related_name="print")
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="+")
    consultant = models.ForeignKey(Consultant, on_delete=models.CASCADE, related_name="+")
    question_key = models.CharField(max_length=80)
    submitted_at = models.DateTimeField()
    shingles = models.BinaryField()
    size = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"print of answer {self.answer_id}"


class AnswerBand(models.Model):
    """One LSH band of a print: prints that share a (band, hash) are candidates. In the
    database, not in a process: every web and worker process sees the same index."""

    print = models.ForeignKey(AnswerPrint, on_delete=models.CASCADE, related_name="bands")
    band = models.PositiveSmallIntegerField()
    hash = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["band", "hash"], name="answerband_band_hash")]

    def __str__(self) -> str:
        return f"band {self.band} of print {self.print_id}"


class ShingleCount(models.Model):
    """How many different consultants' answers hold a shingle: one used by many is a
    common phrase of the field, not a copy (`scoring.copies.COMMON_CONSULTANTS`)."""

    hash = models.BigIntegerField(primary_key=True)
    consultants = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"shingle {self.hash}: {self.consultants}"


class CopyMatchQuerySet(models.QuerySet["CopyMatch"]):
    def for_user(self, user: User) -> CopyMatchQuerySet:
        """The matches whose card the user may see (`access.visible_copy_matches`)."""
        return visible_copy_matches(user, self)


class CopyMatch(models.Model):
    """Part of a later answer found in an earlier answer of another consultant, or in a
    known boilerplate passage. The later submission is the one flagged."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="copy_matches")
    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="copy_matches"
    )
    question_key = models.CharField(max_length=80)
    share = models.FloatField(
        help_text=gettext_lazy("The share of this answer also in the other (0-1).")
    )
    # The earlier answer, or the boilerplate passage's name.
    source = models.ForeignKey(Answer, on_delete=models.CASCADE, null=True, related_name="+")
    source_submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, null=True, related_name="+"
    )
    source_question_key = models.CharField(max_length=80, blank=True)
    source_submitted_at = models.DateTimeField(null=True)
    boilerplate = models.CharField(max_length=80, blank=True)
    found_at = models.DateTimeField(auto_now_add=True)

    objects = CopyMatchQuerySet.as_manager()

    class Meta:
        ordering = ["submission", "question_key", "-share", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["answer", "source"],
                condition=Q(source__isnull=False),
                name="one_match_per_answer_pair",
            ),
            models.UniqueConstraint(
                fields=["answer", "boilerplate"],
                condition=Q(source__isnull=True),
                name="one_match_per_answer_passage",
            ),
            models.CheckConstraint(
                condition=Q(share__gte=0, share__lte=1), name="copy_match_share_0_1"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.share:.0%} of answer {self.answer_id}"

    @property
    def is_boilerplate(self) -> bool:
        return self.source_id is None

    @property
    def same_question(self) -> bool:
        return self.is_boilerplate or self.source_question_key == self.question_key
