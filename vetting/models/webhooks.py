"""Webhooks: an organisation's endpoints, the events that happened and their deliveries.

An organisation's admin registers an endpoint (a URL and the events it wants); each event
(`vetting.webhooks.emit`, in the transaction of the change) is stored once with its
versioned JSON payload, and one delivery per active subscribed endpoint of that
organisation. A delivery is retried with growing waits until the receiver answers 2xx or
it is given up; each attempt is logged. The event's id is the idempotency key the receiver
sees (the `webhook-id` header and the payload's `id`): every copy of one event, retried or
redelivered, carries it.
"""

from __future__ import annotations

import json
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.models import HistoricalRecords

from vetting.choices import TextChoices
from vetting.models.organisations import Organisation


class WebhookEndpoint(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="webhook_endpoints"
    )
    url = models.URLField(max_length=500, help_text=gettext_lazy("Where Winnow POSTs the events."))
    description = models.CharField(max_length=200, blank=True)
    # Event types (vetting.webhooks.EVENTS) this endpoint receives.
    events = models.JSONField(default=list)
    # Signs each request (Standard Webhooks: "whsec_" + base64). Shown once, on creation and
    # on rotation; never in a list or the API's reads.
    secret = models.CharField(max_length=100, editable=False)
    active = models.BooleanField(default=True)
    disabled_at = models.DateTimeField(null=True, blank=True)
    disabled_reason = models.CharField(max_length=300, blank=True)
    # Failed attempts in a row (any delivery); a success resets it.
    consecutive_failures = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    secret_rotated_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    # The failure count moves with every attempt: bookkeeping, not a change worth a row.
    history = HistoricalRecords(excluded_fields=["consecutive_failures", "secret"])

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.url


class WebhookEvent(models.Model):
    # The idempotency key: the payload's `id` and the `webhook-id` header.
    id = models.CharField(primary_key=True, max_length=40, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="webhook_events"
    )
    type = models.CharField(max_length=60)
    subject_kind = models.CharField(max_length=40)
    subject_id = models.CharField(max_length=40)
    payload = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["organisation", "-created_at"], name="webhook_event_org")]

    def __str__(self) -> str:
        return f"{self.type} {self.id}"

    @staticmethod
    def new_id() -> str:
        return f"evt_{uuid.uuid4().hex}"

    @property
    def pretty_payload(self) -> str:
        return json.dumps(self.payload, indent=2, sort_keys=True)


class DeliveryState(TextChoices):
    PENDING = "pending", gettext_lazy("Pending")
    DELIVERED = "delivered", gettext_lazy("Delivered")
    FAILED = "failed", gettext_lazy("Failed, will retry")
    GIVEN_UP = "given_up", gettext_lazy("Given up")


class WebhookDelivery(models.Model):
    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.ForeignKey(WebhookEvent, on_delete=models.CASCADE, related_name="deliveries")
    # The event's subject, copied here: deliveries for one endpoint and subject go in order.
    subject_kind = models.CharField(max_length=40)
    subject_id = models.CharField(max_length=40)
    state = models.CharField(
        max_length=10, choices=DeliveryState.choices, default=DeliveryState.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    # Due then: the first try, a retry, or (while an attempt runs) when a lost attempt is
    # tried again. Beat hands out what is due, so a lost broker message loses no retry.
    next_attempt_at = models.DateTimeField(null=True, blank=True, default=timezone.now)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    response_excerpt = models.TextField(blank=True)
    duration_ms = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    delivered_at = models.DateTimeField(null=True, blank=True)
    # A manual redelivery of an earlier delivery (same event, so the same webhook-id).
    redelivery_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            # Beat's question: what is due?
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(state__in=["pending", "failed"]),
                name="webhook_delivery_due",
            ),
            # The order per object: an earlier undelivered one for this endpoint and subject?
            models.Index(
                fields=["endpoint", "subject_kind", "subject_id", "id"],
                name="webhook_delivery_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event_id} to {self.endpoint_id} ({self.state})"

    @property
    def is_open(self) -> bool:
        return self.state in (DeliveryState.PENDING, DeliveryState.FAILED)

    @property
    def subject_label(self) -> str:
        """ "Submission 42", "Reference check 7"; a test ping says so."""
        if self.subject_kind == "webhook_endpoint":
            return _("Test ping")
        return f"{self.subject_kind.replace('_', ' ').capitalize()} {self.subject_id}"


class WebhookAttempt(models.Model):
    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="log")
    number = models.PositiveIntegerField()
    at = models.DateTimeField(default=timezone.now)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    response_excerpt = models.TextField(blank=True)
    duration_ms = models.PositiveIntegerField(default=0)
    succeeded = models.BooleanField(default=False)

    class Meta:
        ordering = ["delivery", "number", "pk"]

    def __str__(self) -> str:
        return f"attempt {self.number} of {self.delivery_id}"
