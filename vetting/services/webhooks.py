"""Webhook endpoints, as an organisation's admins manage them: create (the secret shown
once), change the URL, description and events, rotate the secret (the new one shown once),
disable and enable, send a test ping, redeliver one delivery. Each change is one
transaction; who may make it is the access layer's `vetting.manage_organisation` on the
endpoint's organisation. Delivering is `vetting.webhooks.delivery`'s.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vetting.access import require
from vetting.concurrency import claim_version
from vetting.models import (
    DeliveryState,
    Organisation,
    User,
    WebhookDelivery,
    WebhookEndpoint,
)
from vetting.services.errors import ServiceError
from vetting.webhooks import EVENT_NAMES, PING, record
from vetting.webhooks.delivery import enqueue, url_refusal
from vetting.webhooks.signing import new_secret

WHO = gettext_lazy("Only the organisation's admins manage its webhooks.")


def _clean(url: str, description: str, events: Iterable[str]) -> tuple[str, str, list[str]]:
    url = (url or "").strip()
    refusal = url_refusal(url)
    if refusal:
        raise ServiceError(refusal)
    events = list(dict.fromkeys(events))
    unknown = [e for e in events if e not in EVENT_NAMES]
    if unknown:
        raise ServiceError(_("Unknown event: %(events)s.") % {"events": ", ".join(unknown)})
    if not events:
        raise ServiceError(_("Choose at least one event to send to this endpoint."))
    # In the catalogue's order, so the page and the API list them alike.
    return url, (description or "").strip()[:200], [e for e in EVENT_NAMES if e in events]


def endpoint_create(
    *, organisation: Organisation, by: User, url: str, events: Iterable[str], description: str = ""
) -> tuple[WebhookEndpoint, str]:
    """A new active endpoint; returns it and its secret (to be shown once)."""
    require(by, "vetting.manage_organisation", organisation, str(WHO))
    url, description, events = _clean(url, description, events)
    secret = new_secret()
    with transaction.atomic():
        endpoint = WebhookEndpoint(
            organisation=organisation,
            url=url,
            description=description,
            events=events,
            secret=secret,
            created_by=by,
        )
        endpoint._history_user = by  # type: ignore[attr-defined]
        endpoint.save()
    return endpoint, secret


def endpoint_update(
    *,
    endpoint: WebhookEndpoint,
    by: User,
    url: str,
    events: Iterable[str],
    description: str = "",
    expected_version: int | None = None,
) -> WebhookEndpoint:
    """Change where and what is sent. Deliveries already recorded keep their events and
    go to the endpoint's URL as it is when they are attempted."""
    require(by, "vetting.manage_organisation", endpoint.organisation, str(WHO))
    url, description, events = _clean(url, description, events)
    with transaction.atomic():
        endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
        claim_version(endpoint, expected_version)
        endpoint.url, endpoint.description, endpoint.events = url, description, events
        endpoint._history_user = by  # type: ignore[attr-defined]
        endpoint.save()
    return endpoint


def endpoint_rotate_secret(*, endpoint: WebhookEndpoint, by: User) -> tuple[WebhookEndpoint, str]:
    """A new secret replaces the old one at once (requests from now on are signed with
    it); returns it to be shown once."""
    require(by, "vetting.manage_organisation", endpoint.organisation, str(WHO))
    secret = new_secret()
    with transaction.atomic():
        endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
        endpoint.secret = secret
        endpoint.secret_rotated_at = timezone.now()
        endpoint.version += 1
        endpoint._history_user = by  # type: ignore[attr-defined]
        endpoint._change_reason = "Secret rotated"  # type: ignore[attr-defined]
        endpoint.save()
    return endpoint, secret


def endpoint_disable(*, endpoint: WebhookEndpoint, by: User) -> WebhookEndpoint:
    """Stop sending: a disabled endpoint gets no new deliveries, and its open ones (still
    being retried) wait until it is enabled again."""
    require(by, "vetting.manage_organisation", endpoint.organisation, str(WHO))
    with transaction.atomic():
        endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
        if endpoint.active:
            endpoint.active = False
            endpoint.disabled_at = timezone.now()
            endpoint.disabled_reason = f"Disabled by {by.display_name}."
            endpoint.version += 1
            endpoint._history_user = by  # type: ignore[attr-defined]
            endpoint.save()
    return endpoint


def endpoint_enable(*, endpoint: WebhookEndpoint, by: User) -> WebhookEndpoint:
    """Send again: the failure count starts from zero and the open deliveries (those that
    waited while it was disabled) go now, in order per object."""
    require(by, "vetting.manage_organisation", endpoint.organisation, str(WHO))
    with transaction.atomic():
        endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
        if endpoint.active:
            return endpoint
        endpoint.active = True
        endpoint.disabled_at = None
        endpoint.disabled_reason = ""
        endpoint.consecutive_failures = 0
        endpoint.version += 1
        endpoint._history_user = by  # type: ignore[attr-defined]
        endpoint.save()
        now = timezone.now()
        waiting = WebhookDelivery.objects.filter(
            endpoint=endpoint, state__in=[DeliveryState.PENDING, DeliveryState.FAILED]
        )
        waiting.update(next_attempt_at=now)
        # The first open one of each subject; the rest follow as each is delivered.
        from vetting.webhooks.delivery import due

        for delivery in due(now).filter(endpoint=endpoint):
            enqueue(delivery)
    return endpoint


def endpoint_ping(*, endpoint: WebhookEndpoint, by: User) -> WebhookDelivery:
    """A `webhook.ping` event to this endpoint alone, to try the receiver and its check of
    the signature; it shows in the delivery log like any other."""
    require(by, "vetting.manage_organisation", endpoint.organisation, str(WHO))
    if not endpoint.active:
        raise ServiceError(_("Enable the endpoint before sending it a test ping."))
    with transaction.atomic():
        (delivery,) = record(
            PING,
            organisation=endpoint.organisation,
            subject=endpoint,
            data={"endpoint": {"id": endpoint.pk, "url": endpoint.url}, "by": by.display_name},
            endpoints=[endpoint],
        )
    return delivery


def delivery_redeliver(*, delivery: WebhookDelivery, by: User) -> WebhookDelivery:
    """Send one delivery again: one still being retried goes now; one delivered or given up
    is sent as a new delivery of the same event (the same `webhook-id`, so a receiver that
    already has it can tell), logged on its own."""
    endpoint = delivery.endpoint
    require(by, "vetting.manage_organisation", endpoint.organisation, str(WHO))
    if not endpoint.active:
        raise ServiceError(_("Enable the endpoint first: a disabled endpoint is sent nothing."))
    with transaction.atomic():
        delivery = WebhookDelivery.objects.select_for_update().get(pk=delivery.pk)
        now = timezone.now()
        if delivery.is_open:
            delivery.next_attempt_at = now
            delivery.save(update_fields=["next_attempt_at"])
            enqueue(delivery)
            return delivery
        again = WebhookDelivery.objects.create(
            endpoint=endpoint,
            event_id=delivery.event_id,
            subject_kind=delivery.subject_kind,
            subject_id=delivery.subject_id,
            next_attempt_at=now,
            redelivery_of=delivery,
            requested_by=by,
        )
        enqueue(again)
    return again


def endpoint_delete(*, endpoint: WebhookEndpoint, by: User) -> None:
    """Remove the endpoint with its deliveries and their log (its history keeps who
    registered and removed it, and when)."""
    require(by, "vetting.manage_organisation", endpoint.organisation, str(WHO))
    with transaction.atomic():
        endpoint._history_user = by  # type: ignore[attr-defined]
        endpoint.delete()
