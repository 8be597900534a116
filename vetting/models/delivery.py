"""Promises checked after hiring (issue 19, part 3): delivery reviews and outcome weightings.

When a selection takes effect (`services.decisions.decision_take_effect`) a delivery review
is scheduled for the consultant (`DeliveryReview`), by default 90 days later. It snapshots,
then and there, the consultant's own words as points to check (`DeliveryPoint`: each
sentence of their "first steps" answer and each outcome they claimed) and what their score
card said (each criterion's value, the text signals that fired, the weights): later edits
and recomputes change nothing of it. When it is due, the buyer rates each point (delivered,
partly, not delivered, not applicable, with a note), gives an overall delivery rating
(1-5) and a summary, and submits it.

The submitted reviews of an organisation feed its outcome-validation report
(`selectors.delivery.outcome_report`), whose suggested weights the buyer may adopt as a
named, numbered weighting (`OutcomeWeighting`): the organisation's new rounds start from
the latest one, and a round that uses it says so on its cards.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from simple_history.models import HistoricalRecords

from vetting.access import visible_delivery_reviews
from vetting.choices import TextChoices

if TYPE_CHECKING:
    from vetting.models.accounts import User

# A delivery review is due this many days after the selection, unless the buyer says.
DEFAULT_REVIEW_DAYS = 90
SUMMARY_MAX = 4000
NOTE_MAX = 2000


class DeliveryReviewStatus(TextChoices):
    SCHEDULED = "scheduled", gettext_lazy("Scheduled")
    DRAFT = "draft", gettext_lazy("Draft")
    SUBMITTED = "submitted", gettext_lazy("Submitted")
    CANCELLED = "cancelled", gettext_lazy("Cancelled")


# Waiting for the buyer (scheduled, or started as a draft).
OPEN_STATUSES = (DeliveryReviewStatus.SCHEDULED, DeliveryReviewStatus.DRAFT)


class PointKind(TextChoices):
    FIRST_STEP = "first_step", gettext_lazy("First step")
    OUTCOME = "outcome", gettext_lazy("Claimed outcome")


class PointRating(TextChoices):
    DELIVERED = "delivered", gettext_lazy("Delivered")
    PARTLY = "partly", gettext_lazy("Partly delivered")
    NOT_DELIVERED = "not_delivered", gettext_lazy("Not delivered")
    NOT_APPLICABLE = "not_applicable", gettext_lazy("Not applicable")


class DeliveryReviewQuerySet(models.QuerySet["DeliveryReview"]):
    def for_user(self, user: User) -> DeliveryReviewQuerySet:
        """The reviews the user may see (`access.visible_delivery_reviews`)."""
        return visible_delivery_reviews(user, self)

    def open(self) -> DeliveryReviewQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def due(self, today: date | None = None) -> DeliveryReviewQuerySet:
        return self.open().filter(due_on__lte=today or timezone.localdate())

    def submitted(self) -> DeliveryReviewQuerySet:
        return self.filter(status=DeliveryReviewStatus.SUBMITTED)


class DeliveryReview(models.Model):
    """The buyer's check, after hiring, of what a selected consultant delivered."""

    submission = models.OneToOneField(
        "vetting.Submission", on_delete=models.CASCADE, related_name="delivery_review"
    )
    # The round's organisation (None for a round of none): the report reads its reviews.
    organisation = models.ForeignKey(
        "vetting.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="delivery_reviews",
    )
    decision = models.ForeignKey(
        "vetting.Decision", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    due_on = models.DateField(gettext_lazy("review date"))
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_delivery_reviews",
        help_text=gettext_lazy(
            "A colleague of the organisation who completes the review with the owner."
        ),
    )
    status = models.CharField(
        max_length=10,
        choices=DeliveryReviewStatus.choices,
        default=DeliveryReviewStatus.SCHEDULED,
    )
    overall_rating = models.PositiveSmallIntegerField(
        gettext_lazy("overall delivery"),
        null=True,
        blank=True,
        help_text=gettext_lazy("1 (nothing delivered) to 5."),
    )
    summary = models.TextField(max_length=SUMMARY_MAX, blank=True)
    # The score card at the selection: criterion key -> value (0-1 or None), the text
    # signal codes that fired, the total, the rubric version and the round's weights.
    card_values = models.JSONField(default=dict, blank=True)
    card_signals = models.JSONField(default=list, blank=True)
    card_total = models.FloatField(null=True, blank=True)
    rubric_version = models.CharField(max_length=20, blank=True)
    weights = models.JSONField(default=dict, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords(excluded_fields=["card_values", "card_signals", "weights"])
    objects = DeliveryReviewQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(overall_rating__isnull=True)
                | Q(overall_rating__gte=1, overall_rating__lte=5),
                name="delivery_overall_rating_1_to_5",
            )
        ]

    def __str__(self) -> str:
        return f"Delivery review of {self.submission.consultant}"

    def get_absolute_url(self) -> str:
        return reverse("delivery:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_due(self) -> bool:
        return self.is_open and self.due_on <= timezone.localdate()

    @property
    def state_label(self) -> str:
        if self.is_due:
            return _("Due")
        return DeliveryReviewStatus(self.status).label


class DeliveryPoint(models.Model):
    """One thing the consultant said they would do or claimed, and what was delivered."""

    review = models.ForeignKey(DeliveryReview, on_delete=models.CASCADE, related_name="points")
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=12, choices=PointKind.choices)
    # Where it comes from, for the page: "First steps", "Accomplishment (monetization)".
    source = models.CharField(max_length=120, blank=True)
    text = models.TextField(gettext_lazy("what they said"))
    rating = models.CharField(max_length=16, choices=PointRating.choices, blank=True)
    note = models.TextField(max_length=NOTE_MAX, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["review", "position"]
        constraints = [
            models.UniqueConstraint(fields=["review", "position"], name="one_point_per_position")
        ]

    def __str__(self) -> str:
        return self.text[:60]


class OutcomeWeighting(models.Model):
    """Criterion weights an organisation adopted from its outcome-validation report: its
    new rounds start from the latest (`number` counts them: v1, v2, ...)."""

    organisation = models.ForeignKey(
        "vetting.Organisation", on_delete=models.CASCADE, related_name="weightings"
    )
    number = models.PositiveIntegerField()
    name = models.CharField(max_length=120)
    weights = models.JSONField(
        help_text=gettext_lazy("Criterion key to weight in percent; totals 100.")
    )
    previous = models.JSONField(default=dict, help_text=gettext_lazy("The weights it replaced."))
    hires = models.PositiveIntegerField(
        help_text=gettext_lazy("How many reviewed hires it was derived from.")
    )
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    adopted_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "number"], name="one_weighting_per_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.number}"

    @property
    def label(self) -> str:
        """As the cards say it: "Acme outcome weighting v2, adopted 5 Dec 2026 from 11 hires"."""
        day = date_format(timezone.localtime(self.adopted_at), "SHORT_DATE_FORMAT")
        return ngettext(
            "%(name)s v%(number)s, adopted %(day)s from %(hires)s hire",
            "%(name)s v%(number)s, adopted %(day)s from %(hires)s hires",
            self.hires,
        ) % {"name": self.name, "number": self.number, "day": day, "hires": self.hires}
