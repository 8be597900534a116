"""Internal comments: the buyer's people discussing a submission, a reference check or a
decision, with @mentions that notify. Never shown to consultants or referees (who may read
a thread is decided in `vetting.access`: `sees_comments_on_*`, `visible_comments`).

One model for the three kinds of thread: `submission` is always set (the consultant the
thread is about, so that every access rule is a filter on one path), and at most one of
`reference_check` and `decision` says that the thread is that object's rather than the
submission's own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy
from simple_history.models import HistoricalRecords

from vetting.access import visible_comments
from vetting.choices import TextChoices
from vetting.models.engagements import Submission
from vetting.models.references import ReferenceCheck
from vetting.models.reviews import Decision

if TYPE_CHECKING:
    from vetting.models.accounts import User

COMMENT_MAX = 4000


class ThreadKind(TextChoices):
    SUBMISSION = "submission", gettext_lazy("Submission")
    CHECK = "check", gettext_lazy("Reference check")
    DECISION = "decision", gettext_lazy("Decision")


class CommentQuerySet(models.QuerySet["Comment"]):
    def for_user(self, user: User) -> CommentQuerySet:
        """The comments of the threads the user may read: `access.visible_comments`."""
        return visible_comments(user, self)

    def on_submission(self, submission: Submission) -> CommentQuerySet:
        return self.filter(
            submission=submission, reference_check__isnull=True, decision__isnull=True
        )

    def on_check(self, check: ReferenceCheck) -> CommentQuerySet:
        return self.filter(reference_check=check)

    def on_decision(self, decision: Decision) -> CommentQuerySet:
        return self.filter(decision=decision)


class Comment(models.Model):
    """One comment in a thread. Edits keep their history; the author's removal leaves a
    "comment removed" line in the thread (the text stays in the history, for the audit)."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="comments")
    reference_check = models.ForeignKey(
        ReferenceCheck, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="comments"
    )
    body = models.TextField(max_length=COMMENT_MAX)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    mentions = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Mention", related_name="mentioned_in", blank=True
    )

    history = HistoricalRecords()
    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reference_check__isnull=True) | Q(decision__isnull=True),
                name="comment_on_one_thing",
            )
        ]
        indexes = [models.Index(fields=["submission", "created_at"], name="comment_thread")]

    def __str__(self) -> str:
        return f"Comment by {self.author} on {self.submission}"

    @property
    def kind(self) -> str:
        if self.reference_check_id is not None:
            return ThreadKind.CHECK
        if self.decision_id is not None:
            return ThreadKind.DECISION
        return ThreadKind.SUBMISSION

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None

    @property
    def anchor(self) -> str:
        return f"comment-{self.pk}"


class MentionQuerySet(models.QuerySet["Mention"]):
    def unread(self) -> MentionQuerySet:
        return self.filter(read_at__isnull=True)

    def for_user(self, user: User) -> MentionQuerySet:
        """The user's mentions in comments they may still read, not removed."""
        return self.filter(
            user=user,
            comment__in=visible_comments(user).filter(removed_at__isnull=True),
        )


class Mention(models.Model):
    """Someone named in a comment with @: told once by email, listed on their Mentions page
    until they open it."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="mention_rows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentions"
    )
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = MentionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["comment", "user"], name="one_mention_per_person")
        ]
        indexes = [models.Index(fields=["user", "read_at"], name="mention_inbox")]

    def __str__(self) -> str:
        return f"{self.user} in {self.comment_id}"
