"""Reference checks (by web form or phone call), call attempts, and the flags they raise."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from simple_history.models import HistoricalRecords

from consultants.models import Consultant, Reference, Relationship
from vetting.access import visible_checks, visible_flags
from vetting.choices import TextChoices
from vetting.i18n import LANGUAGE_CHOICES, default_language
from vetting.models.engagements import Submission

if TYPE_CHECKING:
    from vetting.models.accounts import User

NOTES_MAX = 5000
TEXT_MAX = 2000


class Channel(TextChoices):
    WEB = "web", gettext_lazy("Web form")
    PHONE = "phone", gettext_lazy("Phone call")


class CheckStatus(TextChoices):
    REQUESTED = "requested", gettext_lazy("Requested")
    IN_PROGRESS = "in_progress", gettext_lazy("Call claimed")
    COMPLETED = "completed", gettext_lazy("Completed")
    DECLINED = "declined", gettext_lazy("Declined")
    UNREACHABLE = "unreachable", gettext_lazy("Unreachable")
    CANCELLED = "cancelled", gettext_lazy("Cancelled")


OPEN_CHECK_STATUSES = (CheckStatus.REQUESTED, CheckStatus.IN_PROGRESS)


class Verdict(TextChoices):
    CONFIRMED = "confirmed", gettext_lazy("Confirmed")
    PARTLY = "partly", gettext_lazy("Partly")
    NOT_CONFIRMED = "not_confirmed", gettext_lazy("Not confirmed")
    DONT_KNOW = "dont_know", gettext_lazy("Don't know")


class HireAgain(TextChoices):
    YES = "yes", gettext_lazy("Yes")
    MAYBE = "maybe", gettext_lazy("Maybe")
    NO = "no", gettext_lazy("No")


class ReferenceCheckQuerySet(models.QuerySet["ReferenceCheck"]):
    def for_user(self, user: User) -> ReferenceCheckQuerySet:
        """Managers see every check (they run the calls); owners and reviewers see their
        engagements' checks. Consultants see none: `access.visible_checks`."""
        return visible_checks(user, self)

    def open(self) -> ReferenceCheckQuerySet:
        return self.filter(status__in=OPEN_CHECK_STATUSES)

    def calls(self) -> ReferenceCheckQuerySet:
        return self.filter(channel=Channel.PHONE)

    def overdue(self, now: timezone.datetime | None = None) -> ReferenceCheckQuerySet:
        return self.open().filter(due_at__lt=now or timezone.now())


class ReferenceCheck(models.Model):
    """One reference checked for one submission."""

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="reference_checks"
    )
    reference = models.ForeignKey(
        Reference, on_delete=models.SET_NULL, null=True, related_name="checks"
    )
    # What the consultant claimed when the check was requested, kept even if they later edit
    # or remove the reference: the check is judged against it.
    referee_name = models.CharField(max_length=120)
    referee_email = models.EmailField(max_length=254)
    referee_phone = models.CharField(max_length=30, blank=True)
    referee_company = models.CharField(max_length=120)
    referee_role = models.CharField(max_length=120)
    claimed_relationship = models.CharField(max_length=10, choices=Relationship.choices)
    claimed_from = models.DateField()
    claimed_to = models.DateField(null=True, blank=True)
    claimed_confirm = models.TextField(blank=True)
    # The language of the referee's emails and form: the reference's when the check began.
    language = models.CharField(max_length=10, choices=LANGUAGE_CHOICES, default=default_language)

    channel = models.CharField(max_length=5, choices=Channel.choices, default=Channel.WEB)
    status = models.CharField(
        max_length=12, choices=CheckStatus.choices, default=CheckStatus.REQUESTED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    due_at = models.DateTimeField(help_text=gettext_lazy("When the check counts as overdue."))
    phone_fallback_at = models.DateTimeField(null=True, blank=True)

    # Web form: a private link of which only the SHA-256 is stored.
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    token_expires_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    form_opened_at = models.DateTimeField(null=True, blank=True)
    referee_ip = models.GenericIPAddressField(null=True, blank=True)
    referee_user_agent = models.CharField(max_length=300, blank=True)
    form_seconds = models.FloatField(null=True, blank=True)

    # Call channel.
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_calls",
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    call_notes = models.TextField(max_length=NOTES_MAX, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    notes_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    notes_reviewed_at = models.DateTimeField(null=True, blank=True)
    notes_review_comment = models.TextField(max_length=TEXT_MAX, blank=True)

    # The structured answers, the same from the web form and from a call.
    relationship_confirmed = models.BooleanField(null=True, blank=True)
    relationship = models.CharField(max_length=10, choices=Relationship.choices, blank=True)
    period_from = models.DateField(null=True, blank=True)
    period_to = models.DateField(null=True, blank=True)
    verdicts = models.JSONField(
        default=dict, blank=True, help_text=gettext_lazy("Accomplishment index to verdict.")
    )
    rating_relationships = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    rating_honesty = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    rating_results = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    would_hire_again = models.CharField(max_length=5, choices=HireAgain.choices, blank=True)
    strengths = models.TextField(max_length=TEXT_MAX, blank=True)
    concerns = models.TextField(max_length=TEXT_MAX, blank=True)
    decline_reason = models.TextField(max_length=TEXT_MAX, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords(excluded_fields=["token_hash"])
    objects = ReferenceCheckQuerySet.as_manager()

    class Meta:
        ordering = ["due_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating_relationships__isnull=True)
                | Q(rating_relationships__gte=1, rating_relationships__lte=5),
                name="check_rating_relationships_1_5",
            ),
            models.CheckConstraint(
                condition=Q(rating_honesty__isnull=True)
                | Q(rating_honesty__gte=1, rating_honesty__lte=5),
                name="check_rating_honesty_1_5",
            ),
            models.CheckConstraint(
                condition=Q(rating_results__isnull=True)
                | Q(rating_results__gte=1, rating_results__lte=5),
                name="check_rating_results_1_5",
            ),
        ]
        indexes = [models.Index(fields=["channel", "status", "due_at"])]

    def __str__(self) -> str:
        return f"{self.referee_name} for {self.submission.consultant}"

    def get_absolute_url(self) -> str:
        return reverse("checks:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_CHECK_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and timezone.now() > self.due_at

    @property
    def referee_replied(self) -> bool:
        """Answered or declined (by the referee through the link, or on a call)."""
        return self.status in (CheckStatus.COMPLETED, CheckStatus.DECLINED)

    @property
    def link_is_usable(self) -> bool:
        return (
            self.status == CheckStatus.REQUESTED
            and self.token_expires_at is not None
            and timezone.now() < self.token_expires_at
        )


class CallOutcome(TextChoices):
    REACHED = "reached", gettext_lazy("Reached")
    VOICEMAIL = "voicemail", gettext_lazy("Voicemail")
    NO_ANSWER = "no_answer", gettext_lazy("No answer")
    WRONG_NUMBER = "wrong_number", gettext_lazy("Wrong number")


FAILED_OUTCOMES = (CallOutcome.VOICEMAIL, CallOutcome.NO_ANSWER, CallOutcome.WRONG_NUMBER)
UNREACHABLE_AFTER = 3


class CallAttempt(models.Model):
    reference_check = models.ForeignKey(
        ReferenceCheck, on_delete=models.CASCADE, related_name="attempts"
    )
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    outcome = models.CharField(max_length=12, choices=CallOutcome.choices)
    note = models.CharField(max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} at {self.at:%Y-%m-%d %H:%M}"


class ConsultantFingerprint(models.Model):
    """An address and browser a consultant used while answering: compared with referees'."""

    consultant = models.ForeignKey(
        Consultant, on_delete=models.CASCADE, related_name="fingerprints"
    )
    ip = models.GenericIPAddressField()
    user_agent = models.CharField(max_length=300)
    last_seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["consultant", "ip", "user_agent"], name="one_fingerprint_per_device"
            )
        ]

    def __str__(self) -> str:
        return f"{self.ip} for {self.consultant}"


class FlagKind(TextChoices):
    DISCREPANCY = "discrepancy", gettext_lazy("Discrepancy")
    FRAUD = "fraud", gettext_lazy("Fraud signal")


class FlagQuerySet(models.QuerySet["Flag"]):
    def for_user(self, user: User) -> FlagQuerySet:
        """Callers see every flag; others where the scores are shown: `access.visible_flags`."""
        return visible_flags(user, self)

    def holds(self) -> FlagQuerySet:
        return self.filter(hold=True, cleared_at__isnull=True)


class Flag(models.Model):
    """A discrepancy or fraud signal raised by a reference check, with its evidence."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="flags")
    reference_check = models.ForeignKey(
        ReferenceCheck, on_delete=models.CASCADE, null=True, blank=True, related_name="flags"
    )
    kind = models.CharField(max_length=12, choices=FlagKind.choices)
    code = models.CharField(max_length=60)
    severity = models.CharField(
        max_length=6,
        choices=[
            ("low", gettext_lazy("Low")),
            ("medium", gettext_lazy("Medium")),
            ("high", gettext_lazy("High")),
        ],
    )
    message = models.CharField(max_length=300)
    # What the message says (`vetting.scoring.said`), for the reader's language; empty for a
    # fixed message (translated as it is) and for flags raised before it was kept.
    message_said = models.JSONField(default=dict, blank=True)
    evidence = models.JSONField(default=dict, blank=True)
    hold = models.BooleanField(
        default=False,
        help_text=gettext_lazy("Suspected fraud: blocks selecting the consultant until cleared."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cleared_at = models.DateTimeField(null=True, blank=True)
    cleared_note = models.TextField(max_length=TEXT_MAX, blank=True)

    history = HistoricalRecords()
    objects = FlagQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["reference_check", "code"],
                condition=Q(reference_check__isnull=False),
                name="one_flag_per_code_per_check",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.message}"
