"""Vetting rounds: an engagement, the consultants invited to it and their answers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.models import HistoricalRecords

from consultants.models import Consultant
from vetting.access import visible_engagements, visible_submissions
from vetting.choices import TextChoices
from vetting.i18n import LANGUAGE_CHOICES, default_language
from vetting.models.commercial import MONEY, PriceVisibility
from vetting.models.questionnaires import Question, Questionnaire
from vetting.scoring.rubric import CRITERIA, DEFAULT_WEIGHTS, Criterion

if TYPE_CHECKING:
    from vetting.models.accounts import User


def default_weights() -> dict[str, int]:
    return dict(DEFAULT_WEIGHTS)


class EngagementStatus(TextChoices):
    DRAFT = "draft", gettext_lazy("Draft")
    OPEN = "open", gettext_lazy("Open")
    CLOSED = "closed", gettext_lazy("Closed")
    DECIDED = "decided", gettext_lazy("Decided")


# The brief and settings the owner writes, in the order the form shows them: the form, the
# API, the services and the audit trail read this one list (weights, reviewers and the
# deadline are handled beside it by each).
BRIEF_FIELDS = (
    "title",
    "target_market",
    "goals",
    "timing",
    "budget_min",
    "budget_max",
    "currency",
    "questionnaire",
    "references_required",
    "check_by_phone",
    "knockout_min_total",
    "knockout_min_criterion",
    "knockout_min_references",
)


class EngagementQuerySet(models.QuerySet["Engagement"]):
    def for_user(self, user: User) -> EngagementQuerySet:
        """Engagements the user runs or reviews (staff see all): `access.visible_engagements`."""
        return visible_engagements(user, self)

    def open(self) -> EngagementQuerySet:
        return self.filter(status=EngagementStatus.OPEN)


class Engagement(models.Model):
    """A vetting round run by a procurement team for one need."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_engagements"
    )
    # The buyer organisation the round belongs to: only its people may sit on its panel,
    # run its calls or see it (the access layer).
    organisation = models.ForeignKey(
        "vetting.Organisation",
        on_delete=models.PROTECT,
        null=True,
        related_name="engagements",
    )
    title = models.CharField(max_length=160)
    target_market = models.TextField(
        max_length=2000,
        help_text=gettext_lazy("Who the buyer wants to reach: customers, region, segment."),
    )
    goals = models.TextField(
        max_length=2000,
        help_text=gettext_lazy("What the buyer wants to achieve, and how it will be measured."),
    )
    timing = models.CharField(
        max_length=300,
        help_text=gettext_lazy("When the work should start and any dates that matter."),
    )
    budget_min = models.PositiveIntegerField(gettext_lazy("budget from"), null=True, blank=True)
    budget_max = models.PositiveIntegerField(gettext_lazy("budget up to"), null=True, blank=True)
    currency = models.CharField(max_length=3, default="GBP")
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="engagements"
    )
    weights = models.JSONField(
        default=default_weights,
        help_text=gettext_lazy("Criterion key to weight in percent; totals 100."),
    )
    # The organisation's adopted outcome weighting the round's weights came from (issue 19,
    # part 3): its cards say so. Empty when the weights are the defaults or the owner's own.
    weighting = models.ForeignKey(
        "vetting.OutcomeWeighting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="engagements",
    )
    reviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="reviewed_engagements"
    )
    references_required = models.PositiveSmallIntegerField(
        default=2, validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    deadline = models.DateTimeField()
    check_by_phone = models.BooleanField(
        gettext_lazy("check references by phone"),
        default=False,
        help_text=gettext_lazy(
            "Off: referees get a web form by email, and a manager calls those who have "
            "not answered after the second reminder. On: managers call every reference."
        ),
    )
    status = models.CharField(
        max_length=10, choices=EngagementStatus.choices, default=EngagementStatus.DRAFT
    )
    # The commercial settings (vetting/scoring/price.py): the term proposals are totalled
    # over, the monthly ad spend a management fee applies to, the share of the value score
    # that is price (0: price not scored) and when reviewers see prices.
    term_months = models.PositiveSmallIntegerField(
        gettext_lazy("term (months)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=gettext_lazy("The term every proposal is totalled over."),
    )
    ad_spend_monthly = models.DecimalField(
        gettext_lazy("ad spend per month"),
        **MONEY,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=gettext_lazy(
            "The ad spend a management fee applies to, in the engagement's currency."
        ),
    )
    price_weight = models.PositiveSmallIntegerField(
        gettext_lazy("price weight (%)"),
        default=0,
        validators=[MaxValueValidator(100)],
        help_text=gettext_lazy(
            "The share of the value score that is price; 0: price is not scored."
        ),
    )
    budget_is_ceiling = models.BooleanField(
        gettext_lazy("the budget is a ceiling"),
        default=False,
        help_text=gettext_lazy(
            "A total above the top of the budget gets no price points and is flagged."
        ),
    )
    price_visibility = models.CharField(
        gettext_lazy("reviewers see prices"),
        max_length=12,
        choices=PriceVisibility.choices,
        default=PriceVisibility.AFTER_REVIEW,
    )
    # Knockout criteria (vetting/knockouts.py): a consultant who falls short of any is
    # shown apart in the ranking with the reason (as one who answers a must-have "no").
    knockout_min_total = models.PositiveSmallIntegerField(
        gettext_lazy("lowest total score"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=gettext_lazy("Out of 100; empty: no minimum."),
    )
    knockout_min_criterion = models.PositiveSmallIntegerField(
        gettext_lazy("lowest score on any criterion (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=gettext_lazy("Each criterion with data must reach it; empty: no minimum."),
    )
    knockout_min_references = models.PositiveSmallIntegerField(
        gettext_lazy("fewest references checked"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(10)],
        help_text=gettext_lazy("Completed reference checks; empty: no minimum."),
    )
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)
    # Moves (in the same transaction) whenever something the round's shared pages show
    # changes: its submissions, answers, cards, reviews, checks, decisions, consultants or
    # panel. Pages cached for the round carry it in their key (vetting/freshness.py).
    data_version = models.PositiveBigIntegerField(default=0, editable=False)
    # The API's Idempotency-Key the engagement was created with: a retried create with
    # the same key returns this engagement instead of a copy (services.engagement_create).
    idempotency_key = models.CharField(max_length=255, blank=True, default="", editable=False)

    history = HistoricalRecords(
        m2m_fields=[reviewers], excluded_fields=["idempotency_key", "data_version"]
    )
    objects = EngagementQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(budget_min__isnull=True)
                | Q(budget_max__isnull=True)
                | Q(budget_max__gte=models.F("budget_min")),
                name="engagement_budget_in_order",
            ),
            models.CheckConstraint(
                condition=Q(price_weight__lte=100), name="engagement_price_weight_percent"
            ),
            models.UniqueConstraint(
                fields=["owner", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="one_engagement_per_idempotency_key",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("engagements:detail", args=[self.pk])

    def clean(self) -> None:
        low, high = self.budget_min, self.budget_max
        if low is not None and high is not None and high < low:
            raise ValidationError(
                {"budget_max": _("The top of the budget must be at least its bottom.")}
            )

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        """The criteria this round scores, in the order the pages show them: the core seven,
        then its template's own (reads `questionnaire`: select it with the engagement)."""
        return self.questionnaire.criteria if self.questionnaire_id else CRITERIA

    @property
    def criterion_weights(self) -> list[tuple[Criterion, int]]:
        """Each criterion of the round with its weight (percent), as the pages list them."""
        return [(c, self.weights.get(c.key, 0)) for c in self.criteria]

    @property
    def is_past_deadline(self) -> bool:
        return timezone.now() >= self.deadline

    @property
    def review_panel_size(self) -> int:
        """How many people review each consultant: the owner and the assigned reviewers.
        The owner counts: their review queue lists every submission and their review counts
        in the score like any other. Reads `reviewers` (prefetched by the pages)."""
        return len({self.owner_id, *(user.pk for user in self.reviewers.all())})

    @property
    def accepts_answers(self) -> bool:
        """Open and before the deadline: consultants may still change and submit."""
        return self.status == EngagementStatus.OPEN and not self.is_past_deadline

    @property
    def closed_reason(self) -> str:
        if self.status == EngagementStatus.DRAFT:
            return _("This engagement is not open yet.")
        if self.status != EngagementStatus.OPEN:
            return _("This engagement is closed: answers can no longer be changed or submitted.")
        if self.is_past_deadline:
            return _(
                "The deadline has passed: answers can no longer be changed or submitted. "
                "Ask the buyer if they can extend it."
            )
        return ""


class SubmissionStatus(TextChoices):
    INVITED = "invited", gettext_lazy("Invited")
    IN_PROGRESS = "in_progress", gettext_lazy("In progress")
    SUBMITTED = "submitted", gettext_lazy("Submitted")
    UNDER_REVIEW = "under_review", gettext_lazy("Under review")
    SHORTLISTED = "shortlisted", gettext_lazy("Shortlisted")
    SELECTED = "selected", gettext_lazy("Selected")
    REJECTED = "rejected", gettext_lazy("Rejected")
    WITHDRAWN = "withdrawn", gettext_lazy("Withdrawn")


EDITABLE_STATUSES = (SubmissionStatus.INVITED, SubmissionStatus.IN_PROGRESS)
# Handed in, so reviewed and scored (withdrawn ones are not).
SCORED_STATUSES = (
    SubmissionStatus.SUBMITTED,
    SubmissionStatus.UNDER_REVIEW,
    SubmissionStatus.SHORTLISTED,
    SubmissionStatus.SELECTED,
    SubmissionStatus.REJECTED,
)


# Why a locked self-assessment cannot change: one whole sentence per status (a status word
# put into a sentence agrees with nothing in German or Spanish).
# The answers page.
LOCKED_ANSWERS = {
    SubmissionStatus.SUBMITTED: gettext_lazy(
        "This self-assessment is submitted; the answers can no longer change."
    ),
    SubmissionStatus.UNDER_REVIEW: gettext_lazy(
        "This self-assessment is under review; the answers can no longer change."
    ),
    SubmissionStatus.SHORTLISTED: gettext_lazy(
        "This self-assessment is shortlisted; the answers can no longer change."
    ),
    SubmissionStatus.SELECTED: gettext_lazy(
        "This self-assessment is selected; the answers can no longer change."
    ),
    SubmissionStatus.REJECTED: gettext_lazy(
        "This self-assessment is rejected; the answers can no longer change."
    ),
    SubmissionStatus.WITHDRAWN: gettext_lazy(
        "This self-assessment is withdrawn; the answers can no longer change."
    ),
}
# The commercial proposal page.
LOCKED_PROPOSAL = {
    SubmissionStatus.SUBMITTED: gettext_lazy(
        "This self-assessment is submitted: your commercial proposal is locked with it."
    ),
    SubmissionStatus.UNDER_REVIEW: gettext_lazy(
        "This self-assessment is under review: your commercial proposal is locked with it."
    ),
    SubmissionStatus.SHORTLISTED: gettext_lazy(
        "This self-assessment is shortlisted: your commercial proposal is locked with it."
    ),
    SubmissionStatus.SELECTED: gettext_lazy(
        "This self-assessment is selected: your commercial proposal is locked with it."
    ),
    SubmissionStatus.REJECTED: gettext_lazy(
        "This self-assessment is rejected: your commercial proposal is locked with it."
    ),
    SubmissionStatus.WITHDRAWN: gettext_lazy(
        "This self-assessment is withdrawn: your commercial proposal is locked with it."
    ),
}
# A change the service refuses.
LOCKED_REFUSAL = {
    SubmissionStatus.SUBMITTED: gettext_lazy(
        "This self-assessment is submitted: its answers can no longer change."
    ),
    SubmissionStatus.UNDER_REVIEW: gettext_lazy(
        "This self-assessment is under review: its answers can no longer change."
    ),
    SubmissionStatus.SHORTLISTED: gettext_lazy(
        "This self-assessment is shortlisted: its answers can no longer change."
    ),
    SubmissionStatus.SELECTED: gettext_lazy(
        "This self-assessment is selected: its answers can no longer change."
    ),
    SubmissionStatus.REJECTED: gettext_lazy(
        "This self-assessment is rejected: its answers can no longer change."
    ),
    SubmissionStatus.WITHDRAWN: gettext_lazy(
        "This self-assessment is withdrawn: its answers can no longer change."
    ),
}


class SubmissionQuerySet(models.QuerySet["Submission"]):
    def for_user(self, user: User) -> SubmissionQuerySet:
        """A consultant's own submissions (once the round is open), and every submission of
        the engagements the user runs or reviews: `access.visible_submissions`."""
        return visible_submissions(user, self)

    def for_consultant_user(self, user: User) -> SubmissionQuerySet:
        return self.filter(consultant__user=user).exclude(engagement__status=EngagementStatus.DRAFT)

    def awaiting_submission(self) -> SubmissionQuerySet:
        return self.filter(status__in=EDITABLE_STATUSES)


class Submission(models.Model):
    """One consultant in one engagement: their answers and where they stand."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="submissions")
    consultant = models.ForeignKey(Consultant, on_delete=models.PROTECT, related_name="submissions")
    status = models.CharField(
        max_length=20, choices=SubmissionStatus.choices, default=SubmissionStatus.INVITED
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    invited_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    chosen_references = models.ManyToManyField(
        "consultants.Reference",
        blank=True,
        related_name="+",
        help_text=gettext_lazy("The references the consultant offers for this engagement."),
    )

    history = HistoricalRecords(m2m_fields=[chosen_references])
    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["engagement", "consultant__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["engagement", "consultant"], name="one_submission_per_consultant"
            )
        ]

    def __str__(self) -> str:
        return f"{self.consultant} in {self.engagement}"

    def get_absolute_url(self) -> str:
        return reverse("submissions:read", args=[self.pk])

    @property
    def is_locked(self) -> bool:
        """Submitted (or withdrawn, or decided): the answers can no longer change."""
        return self.status not in EDITABLE_STATUSES

    @property
    def locked_answers_text(self) -> str:
        """Why the answers cannot change, in the reader's language ("" while editable)."""
        return str(LOCKED_ANSWERS.get(self.status, ""))

    @property
    def locked_proposal_text(self) -> str:
        """Why the proposal cannot change, in the reader's language ("" while editable)."""
        return str(LOCKED_PROPOSAL.get(self.status, ""))

    @property
    def can_be_withdrawn(self) -> bool:
        return (
            self.status
            in (*EDITABLE_STATUSES, SubmissionStatus.SUBMITTED, SubmissionStatus.UNDER_REVIEW)
            and self.engagement.accepts_answers
        )


class Answer(models.Model):
    """One answer as typed (a draft until the submission is submitted)."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    # Numbers and texts as typed (str, or int once valid); accomplishments as a list of dicts.
    value = models.JSONField(null=True, blank=True)
    is_complete = models.BooleanField(
        default=False, help_text=gettext_lazy("The answer meets every limit of its question.")
    )
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking (vetting.concurrency): an autosave from a tab that loaded an older
    # version is refused instead of replacing what another tab saved.
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()

    class Meta:
        ordering = ["submission", "question__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "question"], name="one_answer_per_question"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question.key} for {self.submission}"


class Invitation(models.Model):
    """The private link an invited consultant receives by email.

    For someone with no account yet, the link carries a token (only its SHA-256 is stored)
    that binds the sign-up to this invitation; it works once and expires with the deadline.
    """

    submission = models.OneToOneField(
        Submission, on_delete=models.CASCADE, related_name="invitation"
    )
    name = models.CharField(max_length=120)
    email = models.EmailField(max_length=254)
    # The language of the invitation email (and of the sign-up page it opens), until the
    # invitee has an account with a language of their own.
    language = models.CharField(max_length=10, choices=LANGUAGE_CHOICES, default=default_language)
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    expires_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["token_hash"])

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation for {self.email} to {self.submission.engagement}"

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and timezone.now() < self.expires_at
