"""Exports of an engagement's ranking that are too large to build during the request."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy

from vetting.access import visible_exports
from vetting.choices import TextChoices
from vetting.models.engagements import Engagement

if TYPE_CHECKING:
    from vetting.models.accounts import User


class ExportFormat(TextChoices):
    CSV = "csv", gettext_lazy("CSV")
    XLSX = "xlsx", gettext_lazy("Excel (XLSX)")


CONTENT_TYPES = {
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class ExportStatus(TextChoices):
    QUEUED = "queued", gettext_lazy("Queued")
    RUNNING = "running", gettext_lazy("Running")
    DONE = "done", gettext_lazy("Done")
    FAILED = "failed", gettext_lazy("Failed")


def ranking_filename(engagement: Engagement, fmt: str) -> str:
    """`<slug>-ranking.csv`: what the browser saves the download as."""
    slug = slugify(engagement.title) or f"engagement-{engagement.pk}"
    return f"{slug}-ranking.{fmt}"


class ExportQuerySet(models.QuerySet["Export"]):
    def for_user(self, user: User) -> ExportQuerySet:
        """The user's own exports, while they still run or review the engagement (staff:
        all). An export holds the scores its requester may see, so it is never shared. One
        SQL filter."""
        return visible_exports(user, self)


class Export(models.Model):
    """One background export of an engagement's ranking, with its progress and its file.

    The file lives under MEDIA_ROOT/exports/ and is only ever served by the download view,
    which checks that the user may see the engagement.
    """

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="exports")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    format = models.CharField(max_length=4, choices=ExportFormat.choices)
    status = models.CharField(
        max_length=8, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="exports/", blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ExportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rows_done__lte=models.F("rows_total")),
                name="export_rows_done_within_total",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_format_display()} export of {self.engagement_id} ({self.status})"

    def get_absolute_url(self) -> str:
        return reverse("engagements:export_status", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        """Done or failed: the progress page stops polling."""
        return self.status in (ExportStatus.DONE, ExportStatus.FAILED)

    @property
    def percent(self) -> int:
        if self.status == ExportStatus.DONE:
            return 100
        if not self.rows_total:
            return 0
        return min(100, self.rows_done * 100 // self.rows_total)

    @property
    def expires_on(self) -> datetime:
        """When the nightly purge deletes it (`EXPORT_KEEP_DAYS` after it was asked for)."""
        return self.created_at + timedelta(days=settings.EXPORT_KEEP_DAYS)

    @property
    def filename(self) -> str:
        return ranking_filename(self.engagement, self.format)

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[ExportFormat(self.format)]
