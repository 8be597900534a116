"""Delivering webhook events: one attempt at a time, retried with growing waits, in order
per object, the endpoint disabled after repeated failures.

`deliver(delivery_id)` (the Celery task `deliver_webhook`) makes one attempt:

1. In a short transaction it takes the delivery if it is due, its endpoint active and no
   earlier delivery for the same endpoint and subject is still open (pending or failed:
   order per object); taking it counts the attempt and moves `next_attempt_at` a lease
   ahead, so a worker killed mid-request leaves a delivery that falls due again by itself.
2. Outside any transaction it POSTs the signed payload: short timeouts, redirects never
   followed (a 3xx is a failure), only to an address `url_refusal` accepts.
3. In a second transaction it logs the attempt and settles the delivery: 2xx delivered
   (and the next delivery for that subject is released at once), anything else retried
   after `RETRY_WAITS` with jitter, given up after the last. The endpoint counts failures
   in a row; `WEBHOOKS_DISABLE_AFTER` of them, or a delivery given up, disables it and
   its admins are emailed.

`dispatch()` (beat, every minute) queues what is due: retries, attempts whose worker died,
and deliveries that waited for an earlier one. Queuing goes through the outbox with a key
naming the delivery, its attempt count and its due time, so queuing twice is a no-op and a
new due time is a new message. Every copy of one event carries its id (`webhook-id`): a
receiver that sees it twice (a worker killed after the receiver answered) can tell.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import random
import socket
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from vetting.models import DeliveryState, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from vetting.webhooks.signing import headers_for

log = logging.getLogger(__name__)

# Waits after the 1st, 2nd… failed attempt; after the last one the delivery is given up.
RETRY_WAITS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=6),
    timedelta(hours=12),
    timedelta(hours=24),
)
MAX_ATTEMPTS = len(RETRY_WAITS) + 1
EXCERPT = 1000  # characters of the response kept per attempt
USER_AGENT = "Winnow-Webhooks/1"
OPEN = (DeliveryState.PENDING, DeliveryState.FAILED)


def _setting(name: str, default: Any) -> Any:
    return getattr(settings, name, default)


def lease() -> timedelta:
    """How long an attempt may take before the delivery falls due again: beyond the
    request's timeouts, so a live attempt is never doubled."""
    return timedelta(seconds=_setting("WEBHOOKS_LEASE_SECONDS", 60))


def outbox_key(delivery: WebhookDelivery) -> str:
    due = delivery.next_attempt_at or timezone.now()
    return f"deliver_webhook:{delivery.pk}:{delivery.attempts}:{due.timestamp():.6f}"


def retry_wait(attempts: int) -> timedelta:
    """The wait after `attempts` failed attempts, with up to 10% jitter either way."""
    base = RETRY_WAITS[min(attempts, len(RETRY_WAITS)) - 1]
    return base * random.uniform(0.9, 1.1)  # noqa: S311 (spreading retries, not a secret)


# --- Where we may send ------------------------------------------------------------------------


def url_refusal(url: str, *, resolve: bool = True) -> str | None:
    """Why Winnow will not POST to `url`, or None. Only http(s); https when
    WEBHOOKS_REQUIRE_HTTPS (production); never a private, loopback, link-local or reserved
    address (the server's own network) unless WEBHOOKS_ALLOW_PRIVATE (development, tests).
    Asked when the URL is saved and again before each attempt (a name can move). In the
    active language: the reader's on a page, English for an attempt's log (stored)."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
        port = parts.port
    except ValueError:
        return _("This is not a valid URL.")
    if parts.scheme not in ("http", "https") or not host:
        return _("Use an http:// or https:// URL.")
    if parts.scheme != "https" and _setting("WEBHOOKS_REQUIRE_HTTPS", False):
        return _("Use an https:// URL: events are sent over TLS only.")
    if parts.username or parts.password:
        return _("Leave credentials out of the URL: every request is signed instead.")
    if _setting("WEBHOOKS_ALLOW_PRIVATE", False) or not resolve:
        return None
    try:
        infos = socket.getaddrinfo(host, port or 443, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        return _("%(host)s could not be found (DNS).") % {"host": host}
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%", 1)[0])
        if not address.is_global or address.is_multicast:
            return _(
                "%(host)s is a private or local address: Winnow sends events to the internet only."
            ) % {"host": host}
    return None


# --- One attempt -------------------------------------------------------------------------------


@dataclass
class _Taken:
    delivery_id: int
    number: int
    url: str
    secret: str
    event_id: str
    body: bytes


def _blocked(delivery: WebhookDelivery) -> bool:
    return WebhookDelivery.objects.filter(
        endpoint_id=delivery.endpoint_id,
        subject_kind=delivery.subject_kind,
        subject_id=delivery.subject_id,
        pk__lt=delivery.pk,
        state__in=OPEN,
    ).exists()


def _take(delivery_id: int, now: datetime) -> _Taken | str:
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update(of=("self",))
            .select_related("endpoint", "event")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None:
            return "gone"
        if not delivery.is_open:
            return "settled"
        if not delivery.endpoint.active:
            return "endpoint disabled"
        if delivery.next_attempt_at and delivery.next_attempt_at > now:
            return "not due"
        if _blocked(delivery):
            return "waiting for an earlier delivery"
        delivery.attempts += 1
        delivery.next_attempt_at = now + lease()
        delivery.save(update_fields=["attempts", "next_attempt_at"])
        body = json.dumps(delivery.event.payload, separators=(",", ":"), sort_keys=True).encode()
        return _Taken(
            delivery_id=delivery.pk,
            number=delivery.attempts,
            url=delivery.endpoint.url,
            secret=delivery.endpoint.secret,
            event_id=delivery.event_id,
            body=body,
        )


@dataclass
class _Outcome:
    status_code: int | None = None
    excerpt: str = ""
    error: str = ""
    duration_ms: int = 0

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def _post(taken: _Taken) -> _Outcome:
    with translation.override(None):  # the attempt's log is stored in English
        refusal = url_refusal(taken.url)
    if refusal:
        return _Outcome(error=refusal)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        **headers_for(taken.secret, taken.event_id, int(time.time()), taken.body),
    }
    started = time.monotonic()
    outcome = _Outcome()
    try:
        with requests.post(
            taken.url,
            data=taken.body,
            headers=headers,
            timeout=(
                _setting("WEBHOOKS_CONNECT_TIMEOUT", 3.0),
                _setting("WEBHOOKS_READ_TIMEOUT", 10.0),
            ),
            allow_redirects=False,
            stream=True,
        ) as response:
            outcome.status_code = response.status_code
            raw = response.raw.read(EXCERPT * 4, decode_content=True) or b""
            outcome.excerpt = raw.decode("utf-8", "replace")[:EXCERPT]
            if 300 <= response.status_code < 400:
                outcome.error = "Redirects are not followed: give the final URL."
    except requests.Timeout:
        outcome.error = "The receiver did not answer in time."
    except requests.ConnectionError as exc:
        outcome.error = f"Could not connect: {type(exc).__name__}."
    except requests.RequestException as exc:
        outcome.error = f"The request failed: {type(exc).__name__}."
    outcome.duration_ms = int((time.monotonic() - started) * 1000)
    return outcome


def _settle(taken: _Taken, outcome: _Outcome, now: datetime) -> str:
    from vetting import outbox
    from vetting.tasks import send_webhook_disabled_email

    with transaction.atomic():
        delivery = WebhookDelivery.objects.select_for_update().get(pk=taken.delivery_id)
        endpoint = WebhookEndpoint.objects.select_for_update().get(pk=delivery.endpoint_id)
        WebhookAttempt.objects.create(
            delivery=delivery,
            number=taken.number,
            at=now,
            status_code=outcome.status_code,
            error=outcome.error[:300],
            response_excerpt=outcome.excerpt,
            duration_ms=outcome.duration_ms,
            succeeded=outcome.ok,
        )
        delivery.last_status_code = outcome.status_code
        delivery.last_error = outcome.error[:300]
        delivery.response_excerpt = outcome.excerpt
        delivery.duration_ms = outcome.duration_ms
        if not delivery.is_open:
            # Settled meanwhile (an attempt whose lease ran out, taken again and answered):
            # the log keeps this one; the state stays.
            delivery.save()
            return "already settled"
        if outcome.ok:
            delivery.state = DeliveryState.DELIVERED
            delivery.delivered_at = now
            delivery.next_attempt_at = None
            delivery.save()
            if endpoint.consecutive_failures:
                endpoint.consecutive_failures = 0
                endpoint.save(update_fields=["consecutive_failures"])
            release_next(delivery, now)
            return "delivered"
        given_up = delivery.attempts >= MAX_ATTEMPTS
        if given_up:
            delivery.state = DeliveryState.GIVEN_UP
            delivery.next_attempt_at = None
        else:
            delivery.state = DeliveryState.FAILED
            delivery.next_attempt_at = now + retry_wait(delivery.attempts)
        delivery.save()
        WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
            consecutive_failures=F("consecutive_failures") + 1
        )
        endpoint.refresh_from_db(fields=["consecutive_failures"])
        limit = _setting("WEBHOOKS_DISABLE_AFTER", 10)
        if endpoint.active and (given_up or endpoint.consecutive_failures >= limit):
            endpoint.active = False
            endpoint.disabled_at = now
            endpoint.disabled_reason = (
                f"A delivery was given up after {MAX_ATTEMPTS} attempts."
                if given_up
                else f"{endpoint.consecutive_failures} delivery attempts failed in a row."
            )
            endpoint.version += 1
            endpoint._change_reason = "Disabled automatically"  # type: ignore[attr-defined]
            endpoint.save()
            outbox.enqueue(
                send_webhook_disabled_email,
                endpoint.pk,
                key=f"send_webhook_disabled_email:{endpoint.pk}:{now.timestamp():.6f}",
            )
        if given_up:
            release_next(delivery, now)
        return "given up" if given_up else "failed"


def deliver(delivery_id: int, *, now: datetime | None = None) -> str:
    """One attempt at this delivery, if it is due; returns what happened, in words."""
    taken = _take(delivery_id, now or timezone.now())
    if isinstance(taken, str):
        return taken
    outcome = _post(taken)
    return _settle(taken, outcome, timezone.now() if now is None else now)


# --- Queuing -----------------------------------------------------------------------------------


def enqueue(delivery: WebhookDelivery) -> bool:
    """Queue an attempt at `delivery` through the outbox (the caller's transaction)."""
    from vetting import outbox
    from vetting.tasks import deliver_webhook

    return outbox.enqueue(deliver_webhook, delivery.pk, key=outbox_key(delivery))


def release_next(delivery: WebhookDelivery, now: datetime) -> WebhookDelivery | None:
    """The delivery settled: the next open one for the same endpoint and subject goes now."""
    following = (
        WebhookDelivery.objects.filter(
            endpoint_id=delivery.endpoint_id,
            subject_kind=delivery.subject_kind,
            subject_id=delivery.subject_id,
            pk__gt=delivery.pk,
            state__in=OPEN,
        )
        .order_by("pk")
        .first()
    )
    if following is None:
        return None
    if following.next_attempt_at is None or following.next_attempt_at <= now:
        following.next_attempt_at = now
        following.save(update_fields=["next_attempt_at"])
        enqueue(following)
    return following


def due(now: datetime | None = None):
    """Open deliveries of active endpoints whose time has come and that wait for no
    earlier delivery of the same subject."""
    now = now or timezone.now()
    earlier_open = WebhookDelivery.objects.filter(
        endpoint_id=OuterRef("endpoint_id"),
        subject_kind=OuterRef("subject_kind"),
        subject_id=OuterRef("subject_id"),
        pk__lt=OuterRef("pk"),
        state__in=OPEN,
    )
    return (
        WebhookDelivery.objects.filter(
            state__in=OPEN, next_attempt_at__lte=now, endpoint__active=True
        )
        .exclude(Exists(earlier_open))
        .order_by("next_attempt_at", "pk")
    )


def dispatch(*, now: datetime | None = None, limit: int = 500) -> int:
    """Queue every due delivery (beat, every minute); returns how many were newly queued."""
    queued = 0
    with transaction.atomic():
        for delivery in due(now)[:limit]:
            queued += enqueue(delivery)
    return queued
