"""Clarification requests: a panel member asks the consultant to clarify one locked answer,
the commercial proposal, or a reference's claim; the consultant replies beside it.

A thread is a chain of requests on one subject: the first request, then a follow-up asked
when a reply did not satisfy (`follow_up_of`). Each request has at most one reply, which the
consultant may revise (its history keeps every version) until the request is settled:
accepted, followed up or withdrawn. The submitted answer itself never changes.
"""

from __future__ import annotations

from datetime import datetime, time
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.models import HistoricalRecords

from vetting.access import visible_clarifications
from vetting.choices import TextChoices
from vetting.models.engagements import Submission
from vetting.models.questionnaires import Question

if TYPE_CHECKING:
    from vetting.models.accounts import User

TEXT_MAX = 2000
REPLY_MAX = 4000


class ClarificationAbout(TextChoices):
    ANSWER = "answer", gettext_lazy("An answer")
    PROPOSAL = "proposal", gettext_lazy("The commercial proposal")
    REFERENCE = "reference", gettext_lazy("A reference's claim")


class ClarificationStatus(TextChoices):
    OPEN = "open", gettext_lazy("Open")
    ANSWERED = "answered", gettext_lazy("Answered")
    ACCEPTED = "accepted", gettext_lazy("Accepted")
    FOLLOW_UP = "follow_up", gettext_lazy("Follow-up asked")
    WITHDRAWN = "withdrawn", gettext_lazy("Withdrawn")


# Waiting for the consultant's reply, or for the panel to settle it.
LIVE_STATUSES = (ClarificationStatus.OPEN, ClarificationStatus.ANSWERED)


class ClarificationQuerySet(models.QuerySet["Clarification"]):
    def for_user(self, user: User) -> ClarificationQuerySet:
        """The clarifications the user may read (`access.visible_clarifications`)."""
        return visible_clarifications(user, self)

    def awaiting_reply(self) -> ClarificationQuerySet:
        return self.filter(status=ClarificationStatus.OPEN)


class Clarification(models.Model):
    """One request in a clarification thread, with what it is about."""

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="clarifications"
    )
    about = models.CharField(max_length=10, choices=ClarificationAbout.choices)
    # The answer's question (about an answer) or the reference (about its claim).
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reference = models.ForeignKey(
        "consultants.Reference", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(gettext_lazy("your question"), max_length=TEXT_MAX)
    due_on = models.DateField(gettext_lazy("reply by"))
    status = models.CharField(
        max_length=10, choices=ClarificationStatus.choices, default=ClarificationStatus.OPEN
    )
    # The request this one follows up (same subject, same thread); None for a first request.
    follow_up_of = models.OneToOneField(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="follow_up"
    )
    # The thread's first request (None for the first request itself): a thread is listed
    # by one query on it.
    root = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    settled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()
    objects = ClarificationQuerySet.as_manager()

    class Meta:
        ordering = ["submission", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(about="answer", question__isnull=False, reference__isnull=True)
                    | Q(about="proposal", question__isnull=True, reference__isnull=True)
                    | Q(about="reference", question__isnull=True, reference__isnull=False)
                ),
                name="clarification_names_its_subject",
            )
        ]

    def __str__(self) -> str:
        return f"Clarification on {self.subject_label} of {self.submission}"

    @property
    def thread_id(self) -> int:
        return self.root_id or self.pk

    @property
    def subject_label(self) -> str:
        """What the request is about, in the words a reader knows."""
        if self.about == ClarificationAbout.ANSWER:
            if self.question_id:
                return _("“%(prompt)s”") % {"prompt": self.question.prompt}
            return _("an answer")
        if self.about == ClarificationAbout.REFERENCE:
            if self.reference_id:
                return _("%(name)s's claim") % {"name": self.reference.name}
            return _("a reference")
        return _("the commercial proposal")

    @property
    def subject_key(self) -> str:
        """The subject as one string: the question's key, "proposal" or "reference:<id>"."""
        if self.about == ClarificationAbout.ANSWER:
            return self.question.key
        if self.about == ClarificationAbout.REFERENCE:
            return f"reference:{self.reference_id}"
        return "proposal"

    @property
    def due_at(self) -> datetime:
        """The end of the due day, in the site's time zone."""
        return timezone.make_aware(datetime.combine(self.due_on, time(23, 59)))

    @property
    def is_overdue(self) -> bool:
        return self.status == ClarificationStatus.OPEN and timezone.now() > self.due_at

    @property
    def is_live(self) -> bool:
        return self.status in LIVE_STATUSES


class ClarificationReply(models.Model):
    """The consultant's reply to one request: revised in place until the request is settled;
    its history keeps every version."""

    clarification = models.OneToOneField(
        Clarification, on_delete=models.CASCADE, related_name="reply"
    )
    text = models.TextField(gettext_lazy("your reply"), max_length=REPLY_MAX)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()

    class Meta:
        ordering = ["clarification", "pk"]

    def __str__(self) -> str:
        return f"Reply to {self.clarification}"
