"""Webhooks: events pushed to an organisation's endpoints (issue 18, part 5).

`emit(event_type, organisation=..., subject=..., data=...)` is called inside the
transaction of the change: it stores the event with its versioned JSON payload, one
delivery per active endpoint of that organisation subscribed to the event, and queues each
delivery through the outbox in the same transaction (a rolled-back change sends nothing; a
broker outage delays the delivery without losing it). Delivering, retrying, signing and
disabling live in `vetting.webhooks.delivery` and `vetting.webhooks.signing`.

The payload (API version `API_VERSION`):

    {"id": "evt_…", "type": "submission.submitted", "api_version": "2026-12-01",
     "created_at": "2026-12-05T14:00:00Z", "organisation": {"id": 3},
     "subject": {"kind": "submission", "id": 42}, "data": {...}}

`data` carries ids and what the organisation's admins may see on their pages; never a
referee's words, never anything of another organisation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy

API_VERSION = "2026-12-01"


@dataclass(frozen=True)
class EventType:
    name: str
    description: Any  # shown in the reader's language (gettext_lazy)


# The catalogue: what an endpoint can subscribe to (the pages, the API and docs/webhooks.md).
EVENTS: tuple[EventType, ...] = (
    EventType(
        "submission.submitted",
        gettext_lazy(
            "A consultant submitted their self-assessment to one of the organisation's rounds."
        ),
    ),
    EventType(
        "check.completed",
        gettext_lazy(
            "A reference check finished: the referee answered, declined, or a call was recorded."
        ),
    ),
    EventType(
        "flag.raised",
        gettext_lazy("A discrepancy or fraud signal was raised on a submission's reference check."),
    ),
    EventType(
        "decision.recorded",
        gettext_lazy("A decision (shortlist, select or reject) took effect on a submission."),
    ),
    EventType(
        "approval.completed",
        gettext_lazy(
            "A decision's approval route completed (approved or rejected at its last step)."
        ),
    ),
    EventType(
        "vendor.expiring",
        gettext_lazy("An approved vendor's review date is near: re-vetting is due."),
    ),
)
EVENT_NAMES = tuple(e.name for e in EVENTS)
# Sent only to the endpoint an admin tests, never subscribed to.
PING = "webhook.ping"


def event_choices() -> list[tuple[str, str]]:
    return [(e.name, e.name) for e in EVENTS]


def subject_kind(subject: Any) -> str:
    """ "submission", "reference_check", "decision"…: the model's name in snake case."""
    name = subject._meta.model_name if isinstance(subject, models.Model) else str(subject)
    return {
        "referencecheck": "reference_check",
        "webhookendpoint": "webhook_endpoint",
    }.get(name, name)


def payload(
    *, event_id: str, event_type: str, organisation: Any, subject: Any, data: dict, at: Any
) -> dict[str, Any]:
    return {
        "id": event_id,
        "type": event_type,
        "api_version": API_VERSION,
        "created_at": at.isoformat().replace("+00:00", "Z"),
        "organisation": {"id": getattr(organisation, "pk", organisation)},
        "subject": {"kind": subject_kind(subject), "id": subject.pk},
        "data": data,
    }


def emit(
    event_type: str, *, organisation: Any, subject: Any, data: dict | Callable[[], dict]
) -> None:
    """Record `event_type` about `subject` for `organisation`'s subscribed active endpoints
    and queue its deliveries, in the caller's transaction. `organisation`: the
    Organisation or its id. Nothing is stored when no endpoint wants it (or `organisation`
    is None: a round of no organisation). `data` may be a function returning the dict, so
    that nothing is read for it when no endpoint wants the event."""
    if event_type not in EVENT_NAMES:
        raise ValueError(f"Unknown webhook event {event_type!r}: add it to EVENTS.")
    if organisation is None:
        return
    from vetting.models import WebhookEndpoint

    endpoints = [
        e
        for e in WebhookEndpoint.objects.filter(organisation=organisation, active=True).only(
            "pk", "events"
        )
        if event_type in (e.events or [])
    ]
    if not endpoints:
        return
    if callable(data):
        data = data()
    record(event_type, organisation=organisation, subject=subject, data=data, endpoints=endpoints)


def record(
    event_type: str, *, organisation: Any, subject: Any, data: dict, endpoints: list[Any]
) -> list[Any]:
    """Store the event and one delivery per endpoint, and queue them (the transaction's
    outbox). Returns the deliveries."""
    from django.db import transaction

    from vetting import outbox
    from vetting.models import WebhookDelivery, WebhookEvent
    from vetting.tasks import deliver_webhook
    from vetting.webhooks.delivery import outbox_key

    now = timezone.now()
    event_id = WebhookEvent.new_id()
    with transaction.atomic():
        event = WebhookEvent.objects.create(
            id=event_id,
            organisation_id=getattr(organisation, "pk", organisation),
            type=event_type,
            subject_kind=subject_kind(subject),
            subject_id=str(subject.pk),
            payload=payload(
                event_id=event_id,
                event_type=event_type,
                organisation=organisation,
                subject=subject,
                data=data,
                at=now,
            ),
            created_at=now,
        )
        # Deliveries about one object go in order; a test ping is its own object, so that
        # it tries the receiver now instead of waiting behind a failing delivery.
        order_id = event.id if event_type == PING else event.subject_id
        deliveries = WebhookDelivery.objects.bulk_create(
            [
                WebhookDelivery(
                    endpoint=endpoint,
                    event=event,
                    subject_kind=event.subject_kind,
                    subject_id=order_id,
                    next_attempt_at=now,
                    created_at=now,
                )
                for endpoint in endpoints
            ]
        )
        for delivery in deliveries:
            outbox.enqueue(deliver_webhook, delivery.pk, key=outbox_key(delivery))
    return deliveries
