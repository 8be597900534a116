"""Stored readings of answer texts (derived data: always recomputable)."""

from __future__ import annotations

from django.db import models


class TextReading(models.Model):
    """What the scoring service read in one answer text (its signals and its question's
    evidence, `vetting.scoring.readings`), so that a bulk recompute in another process does
    not read every text again. Keyed by the text's SHA-256, its question and the reader's
    version: readings of the old rules are never found once the rules change."""

    version = models.CharField(max_length=40)
    text_hash = models.CharField(max_length=64)
    question = models.CharField(max_length=60)
    reading = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["version", "text_hash", "question"], name="one_reading_per_text"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question} {self.text_hash[:12]} ({self.version[:8]})"
