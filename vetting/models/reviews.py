"""Reviewer scorecards, the owner's consensus ratings, and the computed score cards."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy
from simple_history.models import HistoricalRecords

from vetting.access import visible_scorecards
from vetting.choices import TextChoices
from vetting.models.engagements import Engagement, Submission
from vetting.scoring.rubric import CRITERIA_BY_KEY

if TYPE_CHECKING:
    from vetting.models.accounts import User

NOTE_MAX = 1000


class Recommendation(TextChoices):
    STRONG_NO = "strong_no", gettext_lazy("Strong no")
    NO = "no", gettext_lazy("No")
    YES = "yes", gettext_lazy("Yes")
    STRONG_YES = "strong_yes", gettext_lazy("Strong yes")


class ReviewStatus(TextChoices):
    DRAFT = "draft", gettext_lazy("Draft")
    SUBMITTED = "submitted", gettext_lazy("Submitted")


class ReviewQuerySet(models.QuerySet["Review"]):
    def counted(self) -> ReviewQuerySet:
        """Reviews that count in the score: submitted, without an unresolved conflict."""
        return self.filter(status=ReviewStatus.SUBMITTED).filter(
            Q(has_conflict=False) | Q(conflict_overridden_at__isnull=False)
        )


class Review(models.Model):
    """One reviewer's scorecard for one submission."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews"
    )
    status = models.CharField(
        max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT
    )
    # Declared before the answers are shown: None until declared.
    has_conflict = models.BooleanField(null=True, blank=True)
    conflict_note = models.TextField(max_length=NOTE_MAX, blank=True)
    conflict_overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    conflict_overridden_at = models.DateTimeField(null=True, blank=True)
    conflict_override_reason = models.TextField(max_length=NOTE_MAX, blank=True)
    recommendation = models.CharField(max_length=10, choices=Recommendation.choices, blank=True)
    overall_note = models.TextField(max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()
    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["submission", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "reviewer"], name="one_review_per_reviewer_per_submission"
            )
        ]

    def __str__(self) -> str:
        return f"Review by {self.reviewer} of {self.submission}"

    @property
    def is_submitted(self) -> bool:
        return self.status == ReviewStatus.SUBMITTED

    @property
    def counts(self) -> bool:
        return self.is_submitted and (
            self.has_conflict is False or self.conflict_overridden_at is not None
        )


class ReviewRating(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="ratings")
    # A key of the round's criteria (`Engagement.criteria`): a core one or the template's own.
    criterion = models.CharField(max_length=40)
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    note = models.TextField(max_length=NOTE_MAX, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["review", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "criterion"], name="one_rating_per_criterion"
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="review_rating_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.rating}"


class Consensus(models.Model):
    """The owner's rating for a criterion the reviewers disagree on: replaces their mean."""

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="consensus_ratings"
    )
    criterion = models.CharField(max_length=40)  # as ReviewRating.criterion
    rating = models.PositiveSmallIntegerField()
    reason = models.TextField(max_length=NOTE_MAX)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "criterion"], name="one_consensus_per_criterion"
            ),
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="consensus_rating_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"Consensus {self.criterion} = {self.rating}"


class ScoreCardQuerySet(models.QuerySet["ScoreCard"]):
    def for_user(self, user: User) -> ScoreCardQuerySet:
        """The cards whose scores the user may see (blind review included):
        `access.visible_scorecards`."""
        return visible_scorecards(user, self)


class ScoreCard(models.Model):
    """The scoring service's output for a submission. Derived data: always recomputable."""

    submission = models.OneToOneField(
        Submission, on_delete=models.CASCADE, related_name="scorecard"
    )
    # The submission's engagement, kept here so that a ranking page reads the first cards
    # of one engagement straight from an (engagement, rank) index.
    engagement = models.ForeignKey(
        Engagement, on_delete=models.CASCADE, null=True, related_name="scorecards"
    )
    rubric_version = models.CharField(max_length=20)
    inputs_hash = models.CharField(max_length=64)
    total = models.FloatField(db_index=True)
    # Position in the engagement by total (1 = best), kept by `rerank` after each recompute
    # so that the ranking page never ranks the whole round per request.
    rank = models.PositiveIntegerField(null=True, db_index=True)
    low = models.FloatField()
    high = models.FloatField()
    red_flags = models.PositiveSmallIntegerField(default=0)
    green_flags = models.PositiveSmallIntegerField(default=0)
    holds = models.PositiveSmallIntegerField(default=0)
    # Must-haves of the buyer's own questions answered "no" (vetting/scoring/buyer.py).
    knockouts = models.PositiveSmallIntegerField(default=0)
    # Counted at scoring time, so that the ranking never aggregates the round per request.
    references_done = models.PositiveSmallIntegerField(default=0)
    reviews_done = models.PositiveSmallIntegerField(default=0)
    # Each criterion's value (0-1, empty without data), as columns: the ranking sorts by
    # them and draws its mini bars without reading the whole card.
    experience_social = models.FloatField(null=True)
    experience_clients = models.FloatField(null=True)
    accomplishments = models.FloatField(null=True)
    business_background = models.FloatField(null=True)
    greatest_accomplishment = models.FloatField(null=True)
    media_vs_marketing = models.FloatField(null=True)
    references = models.FloatField(null=True)
    # The values of the template's own criteria, by key (the ranking's bars read them here).
    custom = models.JSONField(default=dict, blank=True)
    data = models.JSONField(
        help_text=gettext_lazy("The whole card: criteria, sources, explanations, flags.")
    )
    computed_at = models.DateTimeField(auto_now=True)

    objects = ScoreCardQuerySet.as_manager()

    class Meta:
        ordering = ["-total", "pk"]
        indexes = [models.Index(fields=["engagement", "rank"], name="scorecard_ranking")]

    def __str__(self) -> str:
        return f"{self.total:.0f} ({self.low:.0f}–{self.high:.0f}) for {self.submission}"

    def value(self, key: str) -> float | None:
        """A criterion's value (0-1; None without data): a core one's column, or one of the
        template's own from `custom`."""
        if key in CRITERIA_BY_KEY:
            return getattr(self, key)
        return (self.custom or {}).get(key)

    def criterion(self, key: str) -> dict | None:
        return next((c for c in self.data.get("criteria", []) if c["key"] == key), None)


class Outcome(TextChoices):
    SHORTLIST = "shortlisted", gettext_lazy("Shortlist")
    SELECT = "selected", gettext_lazy("Select")
    REJECT = "rejected", gettext_lazy("Reject")


class Decision(models.Model):
    """The engagement's outcome for one submission, with its rationale and approver."""

    submission = models.OneToOneField(Submission, on_delete=models.CASCADE, related_name="decision")
    outcome = models.CharField(max_length=12, choices=Outcome.choices)
    rationale = models.TextField(max_length=4000)
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)
    # Set when a hold (suspected reference fraud) is raised after a shortlist or selection,
    # cleared once a manager has cleared every hold: the outcome stands, but selecting
    # waits (services.decisions).
    blocked_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=gettext_lazy("A new hold was raised after this decision and is not cleared yet."),
    )
    # The price agreed with a shortlisted or selected consultant, in the round's currency
    # (`Engagement.currency`); empty when none was agreed (yet).
    agreed_price = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
        help_text=gettext_lazy("In the engagement's currency, for the engagement's term."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-decided_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(agreed_price__isnull=True) | Q(agreed_price__gte=0),
                name="decision_agreed_price_not_negative",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()}: {self.submission}"

    @property
    def is_blocked(self) -> bool:
        return self.blocked_at is not None
