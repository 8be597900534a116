"""Evidence files: what a consultant attaches to an answer (an accomplishment, later a file
question), kept in the private `evidence` storage and served only through a view that asks
the access layer (`vetting.view_evidence`).

The record holds what was checked when the file came in (vetting/evidence.py): the name as
sent (sanitised, shown to people), the random name it is stored under (never derived from
the sent name), its size, the type sniffed from its content, and its SHA-256.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from vetting.access import visible_evidence
from vetting.models.engagements import Submission
from vetting.models.questionnaires import Question

if TYPE_CHECKING:
    from vetting.models.accounts import User


class EvidenceFileQuerySet(models.QuerySet["EvidenceFile"]):
    def for_user(self, user: User) -> EvidenceFileQuerySet:
        """Files of the submissions whose answers the user may read (one SQL filter:
        `access.visible_evidence`)."""
        return visible_evidence(user, self)


class EvidenceFile(models.Model):
    """One file attached to one question's answer of one submission."""

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="evidence_files"
    )
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="evidence_files")
    original_name = models.CharField(max_length=200)
    stored_name = models.CharField(max_length=100, unique=True, editable=False)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=100)
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    # Files are added and removed, never edited: the history says who did which, and when.
    history = HistoricalRecords()
    objects = EvidenceFileQuerySet.as_manager()

    class Meta:
        ordering = ["uploaded_at", "pk"]
        indexes = [models.Index(fields=["submission", "question"], name="evidence_by_answer")]

    def __str__(self) -> str:
        return self.original_name
