"""Webhooks (issue 18, part 5): an organisation's admin registers an endpoint; the events
of its rounds reach it signed (Standard Webhooks), retried with growing waits when the
receiver fails, in order per object, logged per attempt; repeated failures disable the
endpoint and its admins are told. Delivered to a REAL HTTP receiver on 127.0.0.1."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from tests.factories import (
    EngagementFactory,
    UserFactory,
    consultant_user,
    submitted_quickly,
    submitted_with_checks,
)
from tests.webhook_receiver import Receiver, running_receiver
from vetting.audit import webhook_audit
from vetting.models import (
    DeliveryState,
    EngagementStatus,
    Membership,
    Organisation,
    OrganisationRole,
    User,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
)
from vetting.services import organisations as orgs
from vetting.services import webhooks as service
from vetting.services.decisions import decision_record
from vetting.services.errors import ServiceError
from vetting.services.references import referee_submit
from vetting.webhooks import emit
from vetting.webhooks.delivery import MAX_ATTEMPTS, deliver, dispatch, url_refusal
from vetting.webhooks.signing import WebhookVerificationError, headers_for, new_secret, verify

pytestmark = pytest.mark.django_db


@pytest.fixture
def northwind() -> Organisation:
    return orgs.organisation_create(
        name="Northwind Retail", by=UserFactory(email="priya@nw.example")
    )


@pytest.fixture
def harbour() -> Organisation:
    return orgs.organisation_create(name="Harbour Bank", by=UserFactory(email="bea@hb.example"))


def admin_of(organisation: Organisation) -> User:
    return Membership.objects.get(organisation=organisation, role=OrganisationRole.ADMIN).user


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with running_receiver() as running:
        yield running


def endpoint_for(
    organisation: Organisation, url: str, events: list[str] | None = None
) -> tuple[WebhookEndpoint, str]:
    return service.endpoint_create(
        organisation=organisation,
        by=admin_of(organisation),
        url=url,
        events=events or ["submission.submitted", "decision.recorded", "flag.raised"],
        description="CRM",
    )


def a_submission(organisation: Organisation):
    owner = admin_of(organisation)
    engagement = EngagementFactory(
        owner=owner, organisation=organisation, status=EngagementStatus.OPEN
    )
    return submitted_quickly(engagement, name="Clara Okafor")


def time_passes(*, minutes: int) -> None:
    """The waits of the open deliveries run out: their next attempts are due."""
    for delivery in WebhookDelivery.objects.filter(state__in=["pending", "failed"]):
        if delivery.next_attempt_at:
            delivery.next_attempt_at -= timedelta(minutes=minutes)
            delivery.save(update_fields=["next_attempt_at"])


# --- Signing -----------------------------------------------------------------------------


def test_a_signed_request_verifies_and_a_tampered_body_or_an_old_timestamp_is_refused() -> None:
    secret = new_secret()
    body = b'{"id":"evt_1","type":"submission.submitted"}'
    now = int(time.time())
    headers = headers_for(secret, "evt_1", now, body)
    assert headers["webhook-signature"].startswith("v1,")
    assert verify(secret, body, headers)["id"] == "evt_1"

    with pytest.raises(WebhookVerificationError):
        verify(secret, body.replace(b"submission", b"decision"), headers)
    with pytest.raises(WebhookVerificationError):
        verify(new_secret(), body, headers)
    old = headers_for(secret, "evt_1", now - 6 * 60, body)  # a replay, six minutes late
    with pytest.raises(WebhookVerificationError, match="too old"):
        verify(secret, body, old)
    # Within the five-minute window: accepted.
    assert verify(secret, body, headers_for(secret, "evt_1", now - 4 * 60, body))


# --- Emit ----------------------------------------------------------------------------------


def test_an_event_goes_only_to_subscribed_active_endpoints_of_its_organisation(
    northwind: Organisation, harbour: Organisation
) -> None:
    wanted, _ = endpoint_for(northwind, "http://127.0.0.1:9/a", ["submission.submitted"])
    endpoint_for(northwind, "http://127.0.0.1:9/b", ["decision.recorded"])  # not subscribed
    off, _ = endpoint_for(northwind, "http://127.0.0.1:9/c", ["submission.submitted"])
    service.endpoint_disable(endpoint=off, by=admin_of(northwind))
    endpoint_for(harbour, "http://127.0.0.1:9/d", ["submission.submitted"])  # other org
    submission = a_submission(northwind)

    emit("submission.submitted", organisation=northwind, subject=submission, data={"x": 1})

    delivery = WebhookDelivery.objects.get()
    assert delivery.endpoint == wanted
    event = delivery.event
    assert event.payload == {
        "id": event.id,
        "type": "submission.submitted",
        "api_version": "2026-12-01",
        "created_at": event.payload["created_at"],
        "organisation": {"id": northwind.pk},
        "subject": {"kind": "submission", "id": submission.pk},
        "data": {"x": 1},
    }
    assert event.id.startswith("evt_")


def test_nothing_is_recorded_when_no_endpoint_wants_the_event(northwind: Organisation) -> None:
    submission = a_submission(northwind)
    emit("decision.recorded", organisation=northwind, subject=submission, data={})
    assert not WebhookEvent.objects.exists()
    with pytest.raises(ValueError):
        emit("no.such.event", organisation=northwind, subject=submission, data={})


def test_submitting_sends_a_signed_event_to_the_organisations_receiver(
    northwind: Organisation, receiver: Receiver, django_capture_on_commit_callbacks
) -> None:
    endpoint, secret = endpoint_for(northwind, receiver.url, ["submission.submitted"])
    clara = consultant_user(email="clara@example.com", first_name="Clara", last_name="Okafor")
    with django_capture_on_commit_callbacks(execute=True):
        submission = submitted_with_checks(consultant=clara, owner=admin_of(northwind))

    (request,) = receiver.requests
    payload = verify(secret, request.body, request.headers)
    assert payload["type"] == "submission.submitted"
    assert request.webhook_id == payload["id"]
    assert payload["data"]["submission"]["id"] == submission.pk
    assert payload["data"]["submission"]["consultant"]["name"] == "Clara Okafor"
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    assert delivery.state == DeliveryState.DELIVERED
    assert delivery.last_status_code == 200
    assert delivery.log.get().succeeded


# --- Retries, order, disabling ---------------------------------------------------------------


def test_a_receiver_that_refuses_then_fails_then_recovers_gets_each_event_once_in_order(
    northwind: Organisation, django_capture_on_commit_callbacks
) -> None:
    submission = a_submission(northwind)
    with running_receiver() as first:
        port = first.port
        url = first.url
    # The receiver is down: connections are refused.
    endpoint, secret = endpoint_for(northwind, url, ["submission.submitted", "decision.recorded"])
    with django_capture_on_commit_callbacks(execute=True):
        emit("submission.submitted", organisation=northwind, subject=submission, data={"n": 1})
        emit("decision.recorded", organisation=northwind, subject=submission, data={"n": 2})
    first_delivery, second_delivery = WebhookDelivery.objects.order_by("pk")
    first_delivery.refresh_from_db()
    assert first_delivery.state == DeliveryState.FAILED
    assert "connect" in first_delivery.last_error.lower()
    # The second waits for the first (same endpoint, same submission): not attempted.
    second_delivery.refresh_from_db()
    assert second_delivery.attempts == 0

    with running_receiver(port=port, answers=[500]) as back:
        # Beat's dispatch before the retry is due sends nothing.
        with django_capture_on_commit_callbacks(execute=True):
            dispatch()
        assert back.requests == []
        time_passes(minutes=2)
        with django_capture_on_commit_callbacks(execute=True):
            dispatch()  # the retry: 500
        first_delivery.refresh_from_db()
        assert (first_delivery.state, first_delivery.last_status_code) == ("failed", 500)
        assert "receiver says no" in first_delivery.response_excerpt
        time_passes(minutes=10)
        with django_capture_on_commit_callbacks(execute=True):
            dispatch()  # 200, and the second follows at once

        assert back.types() == ["submission.submitted", "submission.submitted", "decision.recorded"]
        assert back.ids() == [
            first_delivery.event_id,
            first_delivery.event_id,
            second_delivery.event_id,
        ]
        for request in back.requests:
            verify(secret, request.body, request.headers)
    first_delivery.refresh_from_db()
    second_delivery.refresh_from_db()
    assert first_delivery.state == second_delivery.state == DeliveryState.DELIVERED
    assert [(a.number, a.status_code, a.succeeded) for a in first_delivery.log.all()] == [
        (1, None, False),
        (2, 500, False),
        (3, 200, True),
    ]
    endpoint.refresh_from_db()
    assert endpoint.consecutive_failures == 0


def test_deliveries_of_different_objects_do_not_wait_for_each_other(
    northwind: Organisation, django_capture_on_commit_callbacks
) -> None:
    with running_receiver(answers=[500]) as receiver:
        endpoint_for(northwind, receiver.url, ["submission.submitted"])
        with django_capture_on_commit_callbacks(execute=True):
            emit(
                "submission.submitted",
                organisation=northwind,
                subject=a_submission(northwind),
                data={},
            )
            emit(
                "submission.submitted",
                organisation=northwind,
                subject=a_submission(northwind),
                data={},
            )
        assert len(receiver.requests) == 2
    states = sorted(WebhookDelivery.objects.values_list("state", flat=True))
    assert states == ["delivered", "failed"]


def test_redirects_are_not_followed(
    northwind: Organisation, django_capture_on_commit_callbacks
) -> None:
    with running_receiver(answers=[302]) as receiver:
        endpoint_for(northwind, receiver.url, ["submission.submitted"])
        with django_capture_on_commit_callbacks(execute=True):
            emit(
                "submission.submitted",
                organisation=northwind,
                subject=a_submission(northwind),
                data={},
            )
        assert [r.path for r in receiver.requests] == ["/hooks/winnow"]  # never /elsewhere
    delivery = WebhookDelivery.objects.get()
    assert (delivery.state, delivery.last_status_code) == ("failed", 302)
    assert "Redirects are not followed" in delivery.last_error


def test_repeated_failures_disable_the_endpoint_and_its_admins_are_emailed(
    northwind: Organisation, settings, django_capture_on_commit_callbacks
) -> None:
    settings.WEBHOOKS_DISABLE_AFTER = 3
    with running_receiver(default=500) as receiver:
        endpoint, _ = endpoint_for(northwind, receiver.url, ["submission.submitted"])
        subjects = [a_submission(northwind) for _ in range(4)]
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            for subject in subjects:
                emit("submission.submitted", organisation=northwind, subject=subject, data={})
        assert len(receiver.requests) == 3  # the fourth found the endpoint disabled
    endpoint.refresh_from_db()
    assert not endpoint.active
    assert "3 delivery attempts failed in a row" in endpoint.disabled_reason
    assert webhook_audit(northwind)[0].sentence == (
        f"System disabled the webhook endpoint {endpoint.url}: 3 delivery attempts failed in a row."
    )
    (email,) = mail.outbox
    assert email.to == ["priya@nw.example"]
    assert endpoint.url in email.body and "/organisation/webhooks/" in email.body

    # Enabled again once the receiver works: the open deliveries go, each once.
    with running_receiver(port=int(endpoint.url.split(":")[2].split("/")[0])) as back:
        with django_capture_on_commit_callbacks(execute=True):
            service.endpoint_enable(endpoint=endpoint, by=admin_of(northwind))
        assert len(back.requests) == 4
    assert set(WebhookDelivery.objects.values_list("state", flat=True)) == {"delivered"}


def test_a_delivery_is_given_up_after_the_last_attempt_and_the_endpoint_disabled(
    northwind: Organisation, settings, django_capture_on_commit_callbacks
) -> None:
    settings.WEBHOOKS_DISABLE_AFTER = 100
    with running_receiver(default=503) as receiver:
        endpoint_for(northwind, receiver.url, ["submission.submitted"])
        with django_capture_on_commit_callbacks(execute=True):
            emit(
                "submission.submitted",
                organisation=northwind,
                subject=a_submission(northwind),
                data={},
            )
        delivery = WebhookDelivery.objects.get()
        for day in range(1, MAX_ATTEMPTS):  # a day passes between attempts: each is due
            deliver(delivery.pk, now=timezone.now() + timedelta(days=2 * day))
        assert len(receiver.requests) == MAX_ATTEMPTS
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.GIVEN_UP
    assert WebhookAttempt.objects.filter(delivery=delivery).count() == MAX_ATTEMPTS
    assert not delivery.endpoint.active and "given up" in delivery.endpoint.disabled_reason


def test_manual_redelivery_sends_the_same_event_again_with_its_id(
    northwind: Organisation, receiver: Receiver, django_capture_on_commit_callbacks
) -> None:
    endpoint_for(northwind, receiver.url, ["submission.submitted"])
    with django_capture_on_commit_callbacks(execute=True):
        emit(
            "submission.submitted", organisation=northwind, subject=a_submission(northwind), data={}
        )
    delivery = WebhookDelivery.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        again = service.delivery_redeliver(delivery=delivery, by=admin_of(northwind))
    assert again.pk != delivery.pk and again.redelivery_of == delivery
    assert receiver.ids() == [delivery.event_id, delivery.event_id]
    again.refresh_from_db()
    assert again.state == DeliveryState.DELIVERED


def test_a_test_ping_reaches_the_receiver_without_waiting_behind_a_failed_one(
    northwind: Organisation, django_capture_on_commit_callbacks
) -> None:
    with running_receiver(answers=[500]) as receiver:
        endpoint, secret = endpoint_for(northwind, receiver.url)
        with django_capture_on_commit_callbacks(execute=True):
            service.endpoint_ping(endpoint=endpoint, by=admin_of(northwind))  # 500
            service.endpoint_ping(endpoint=endpoint, by=admin_of(northwind))  # goes at once
        first, second = receiver.requests
    assert verify(secret, second.body, second.headers)["type"] == "webhook.ping"
    assert first.webhook_id != second.webhook_id
    states = list(WebhookDelivery.objects.order_by("pk").values_list("state", flat=True))
    assert states == ["failed", "delivered"]


def test_rotating_the_secret_signs_with_the_new_one(
    northwind: Organisation, receiver: Receiver, django_capture_on_commit_callbacks
) -> None:
    endpoint, old = endpoint_for(northwind, receiver.url)
    endpoint, new = service.endpoint_rotate_secret(endpoint=endpoint, by=admin_of(northwind))
    assert new != old
    with django_capture_on_commit_callbacks(execute=True):
        service.endpoint_ping(endpoint=endpoint, by=admin_of(northwind))
    (request,) = receiver.requests
    verify(new, request.body, request.headers)
    with pytest.raises(WebhookVerificationError):
        verify(old, request.body, request.headers)


# --- Where events may go ----------------------------------------------------------------------


def test_only_http_urls_and_no_private_addresses_unless_allowed(settings) -> None:
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    settings.WEBHOOKS_REQUIRE_HTTPS = False
    assert "http:// or https://" in url_refusal("ftp://example.com/hook")
    assert "private or local" in url_refusal("http://127.0.0.1:8000/hook")
    assert "private or local" in url_refusal("http://10.1.2.3/hook")
    assert "private or local" in url_refusal("http://169.254.169.254/latest/meta-data")
    assert "private or local" in url_refusal("http://[::1]/hook")
    assert url_refusal("http://93.184.215.14/hook") is None
    settings.WEBHOOKS_REQUIRE_HTTPS = True
    assert "https://" in url_refusal("http://93.184.215.14/hook")
    assert url_refusal("https://93.184.215.14/hook") is None


def test_an_admin_of_another_organisation_cannot_manage_the_endpoint(
    northwind: Organisation, harbour: Organisation
) -> None:
    endpoint, _ = endpoint_for(northwind, "http://127.0.0.1:9/a")
    with pytest.raises(Exception):  # noqa: B017 (PermissionDenied from the access layer)
        service.endpoint_disable(endpoint=endpoint, by=admin_of(harbour))
    with pytest.raises(ServiceError, match="at least one event"):
        service.endpoint_create(
            organisation=northwind, by=admin_of(northwind), url="http://127.0.0.1:9/", events=[]
        )


# --- The events of the vetting process ------------------------------------------------------

REFEREE_SAYS = {
    "relationship_confirmed": True,
    "relationship": "peer",  # the consultant claimed "client": a discrepancy, a flag
    "period_from": date(2021, 1, 1),
    "period_to": date(2023, 6, 30),
    "verdicts": {},
    "rating_relationships": 4,
    "rating_honesty": 4,
    "rating_results": 4,
    "would_hire_again": "yes",
    "strengths": "Quietly brilliant with our community managers.",
    "concerns": "Sometimes late with the monthly report.",
}


def test_a_check_a_flag_and_a_decision_each_reach_the_receiver_without_the_referees_words(
    northwind: Organisation,
    harbour: Organisation,
    receiver: Receiver,
    django_capture_on_commit_callbacks,
) -> None:
    _, secret = endpoint_for(
        northwind, receiver.url, ["check.completed", "flag.raised", "decision.recorded"]
    )
    elsewhere = []
    with running_receiver() as other:
        endpoint_for(harbour, other.url, ["check.completed", "flag.raised", "decision.recorded"])
        clara = consultant_user(email="clara@example.com", first_name="Clara", last_name="Okafor")
        owner = admin_of(northwind)
        submission = submitted_with_checks(consultant=clara, owner=owner, references=1)
        check = submission.reference_checks.get()
        with django_capture_on_commit_callbacks(execute=True):
            referee_submit(
                check=check,
                data=REFEREE_SAYS,
                ip="198.51.100.20",
                user_agent="Edge",
                opened_at=timezone.now() - timedelta(minutes=5),
            )
        with django_capture_on_commit_callbacks(execute=True):
            decision_record(
                submission=submission, by=owner, outcome="rejected", rationale="Too junior."
            )
        elsewhere = other.requests

    assert elsewhere == []  # nothing of Northwind reaches Harbour Bank's endpoint
    payloads = [verify(secret, r.body, r.headers) for r in receiver.requests]
    by_type = {p["type"]: p for p in payloads}
    assert set(by_type) == {"check.completed", "flag.raised", "decision.recorded"}
    # Ids and what the admins see on their pages; the decision comes last.
    assert by_type["check.completed"]["data"]["check"] == {
        "id": check.pk,
        "status": "completed",
        "channel": check.channel,
        "completed_at": by_type["check.completed"]["data"]["check"]["completed_at"],
    }
    flag = by_type["flag.raised"]["data"]["flag"]
    assert flag["check"] == {"id": check.pk} and flag["kind"] == "discrepancy"
    decision = by_type["decision.recorded"]["data"]
    assert decision["decision"]["outcome"] == "rejected"
    assert decision["submission"]["consultant"]["name"] == "Clara Okafor"
    assert payloads[-1]["type"] == "decision.recorded"
    everything = b"".join(r.body for r in receiver.requests)
    for words in ("Quietly brilliant", "monthly report", "Too junior", "peer"):
        assert words.encode() not in everything
