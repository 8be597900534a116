"""Routed approvals of decisions: a round's approval route (ordered steps, each with a label
and an approver from the round's organisation), and the approvals a decision goes through
before it takes effect (services.approvals)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy
from simple_history.models import HistoricalRecords

from vetting.choices import TextChoices
from vetting.models.engagements import Engagement, Submission
from vetting.models.reviews import Decision, Outcome

LABEL_MAX = 80
NOTE_MAX = 2000


class ApprovalStep(models.Model):
    """One step of a round's approval route: who approves its decisions, in which order."""

    engagement = models.ForeignKey(
        Engagement, on_delete=models.CASCADE, related_name="approval_steps"
    )
    position = models.PositiveSmallIntegerField(help_text=gettext_lazy("1 for the first step."))
    label = models.CharField(
        max_length=LABEL_MAX,
        help_text=gettext_lazy('What this approver stands for, e.g. "Budget holder".'),
    )
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["engagement", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["engagement", "position"], name="approval_step_one_per_position"
            )
        ]

    def __str__(self) -> str:
        return f"Step {self.position} ({self.label})"


class ApprovalState(TextChoices):
    PENDING = "pending", gettext_lazy("Waiting for approval")
    CHANGES = "changes", gettext_lazy("Changes requested")
    APPROVED = "approved", gettext_lazy("Approved")
    REJECTED = "rejected", gettext_lazy("Rejected")


OPEN_STATES = (ApprovalState.PENDING, ApprovalState.CHANGES)


class ApprovalQuerySet(models.QuerySet["Approval"]):
    def open(self) -> ApprovalQuerySet:
        """Waiting on an approver, or on the decider's changes."""
        return self.filter(state__in=OPEN_STATES)

    def waiting_on(self, user: object) -> ApprovalQuerySet:
        """Pending approvals whose current step is `user`'s (the "My approvals" queue)."""
        current = ApprovalStep.objects.filter(
            engagement=models.OuterRef("submission__engagement"),
            position=models.OuterRef("step"),
            approver=user,
        )
        return self.filter(models.Exists(current), state=ApprovalState.PENDING)


class Approval(models.Model):
    """A decision recorded in a round with an approval route: what was decided, waiting
    on the route's steps in order. It takes effect (the Decision is written, the consultant
    told) only when the last step approves; a rejection ends it; "changes requested" sends
    it back to the decider, who amends it and starts the route again (a new `round`)."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="approvals")
    outcome = models.CharField(max_length=12, choices=Outcome.choices)
    rationale = models.TextField(max_length=4000)
    agreed_price = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField()
    state = models.CharField(max_length=10, choices=ApprovalState.choices)
    # The current step's position (1 first); the round of the route (1, then one more for
    # each resubmission after changes were requested).
    step = models.PositiveSmallIntegerField(default=1)
    round = models.PositiveSmallIntegerField(default=1)
    closed_at = models.DateTimeField(null=True, blank=True)
    decision = models.ForeignKey(
        Decision, on_delete=models.SET_NULL, null=True, blank=True, related_name="approvals"
    )
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()
    objects = ApprovalQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission"],
                condition=Q(state__in=["pending", "changes"]),
                name="approval_one_open_per_submission",
            ),
            models.CheckConstraint(
                condition=Q(agreed_price__isnull=True) | Q(agreed_price__gte=0),
                name="approval_agreed_price_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"Approval of {self.get_outcome_display().lower()}: {self.submission}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def route_blocked(self) -> bool:
        """A shortlist or selection waiting while a hold flag stands (read from the
        `on_hold` annotation of `selectors.approvals`): no step may approve it."""
        return (
            self.state == ApprovalState.PENDING
            and self.outcome in (Outcome.SHORTLIST, Outcome.SELECT)
            and bool(getattr(self, "on_hold", False))
        )


class ApprovalAnswer(TextChoices):
    APPROVED = "approved", gettext_lazy("Approved")
    REJECTED = "rejected", gettext_lazy("Rejected")
    CHANGES = "changes", gettext_lazy("Changes requested")


class ApprovalAction(models.Model):
    """One step's answer, kept for good (a later round does not erase it): who, which step
    (its label at the time), what they answered, their note."""

    approval = models.ForeignKey(Approval, on_delete=models.CASCADE, related_name="actions")
    round = models.PositiveSmallIntegerField()
    step = models.PositiveSmallIntegerField()
    label = models.CharField(max_length=LABEL_MAX)
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    answer = models.CharField(max_length=10, choices=ApprovalAnswer.choices)
    note = models.TextField(max_length=NOTE_MAX, blank=True)
    acted_at = models.DateTimeField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["acted_at", "pk"]

    def __str__(self) -> str:
        return f"Step {self.step} ({self.label}) {self.get_answer_display().lower()}"
