"""The outbox: side effects recorded in the same transaction as the change that implies them.

A row is one Celery task to run (its name and JSON arguments) under an idempotency key. It
is written with the state change, so a broker outage can delay the task but never lose it;
`vetting.outbox` hands rows to the broker and notes when the task has run.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone


class OutboxMessage(models.Model):
    task = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    # What the effect is ("send_invitation:42"): a second enqueue with the same key is a no-op.
    key = models.CharField(max_length=200, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Not published before this moment: a publisher's lease, or the wait after a failure.
    available_at = models.DateTimeField(default=timezone.now)
    # Handed to the broker; done: the task ran to the end (in a worker, or inline).
    sent_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["pk"]
        indexes = [
            # The relay's question: what is unsent and due?
            models.Index(
                fields=["available_at"],
                condition=Q(sent_at__isnull=True),
                name="outbox_unsent_due",
            ),
            # The sweeper's: what was sent and has not run?
            models.Index(
                fields=["sent_at"],
                condition=Q(sent_at__isnull=False, done_at__isnull=True),
                name="outbox_sent_not_done",
            ),
        ]

    def __str__(self) -> str:
        return self.key
