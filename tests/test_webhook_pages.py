"""The Webhooks pages of an organisation's admins: register an endpoint (the secret shown
once), see each endpoint's state and last delivery, read the delivery log with each
attempt's response, ping, rotate, disable and enable, redeliver. Another organisation's
admin finds nothing (404); a member who is not an admin is refused (403)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import UserFactory
from tests.test_webhooks import a_submission, admin_of, endpoint_for
from tests.webhook_receiver import Receiver, running_receiver
from vetting.audit import webhook_audit
from vetting.models import Organisation, OrganisationRole, WebhookDelivery, WebhookEndpoint
from vetting.services import organisations as orgs
from vetting.services import webhooks as service
from vetting.webhooks import emit
from vetting.webhooks.signing import verify

pytestmark = pytest.mark.django_db


@pytest.fixture
def northwind() -> Organisation:
    return orgs.organisation_create(
        name="Northwind Retail", by=UserFactory(email="priya@nw.example")
    )


@pytest.fixture
def harbour() -> Organisation:
    return orgs.organisation_create(name="Harbour Bank", by=UserFactory(email="bea@hb.example"))


@pytest.fixture
def receiver() -> Any:
    with running_receiver() as running:
        yield running


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_admin_registers_an_endpoint_and_sees_its_secret_once(
    northwind: Organisation, receiver: Receiver, django_capture_on_commit_callbacks
) -> None:
    client = signed_in(admin_of(northwind))
    members = client.get(reverse("organisation:members"))
    assert reverse("organisation:webhooks") in members.content.decode()
    page = client.get(reverse("organisation:webhooks"))
    assert "No endpoints yet" in page.content.decode()
    assert "vendor.expiring" in page.content.decode()  # the catalogue, described

    created = client.post(
        reverse("organisation:webhook_create"),
        {"url": receiver.url, "description": "Our CRM", "events": ["submission.submitted"]},
    )
    assert created.status_code == 200
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.secret in created.content.decode()
    assert "only time it is shown" in created.content.decode()
    # Never again: not on its page, not in the list.
    assert (
        endpoint.secret
        not in client.get(reverse("organisation:webhook", args=[endpoint.pk])).content.decode()
    )
    assert endpoint.secret not in client.get(reverse("organisation:webhooks")).content.decode()

    # A test ping reaches the receiver, signed with that secret, and shows in the log.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("organisation:webhook_ping", args=[endpoint.pk]))
    (request,) = receiver.requests
    assert verify(endpoint.secret, request.body, request.headers)["type"] == "webhook.ping"
    listing = client.get(reverse("organisation:webhooks")).content.decode()
    assert "webhook.ping" in listing and "delivered" in listing and "(200)" in listing


def test_bad_input_is_refused_next_to_the_field_keeping_what_was_typed(
    northwind: Organisation, settings
) -> None:
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    client = signed_in(admin_of(northwind))
    refused = client.post(
        reverse("organisation:webhook_create"),
        {"url": "http://127.0.0.1:8000/hook", "description": "Internal", "events": []},
    )
    assert refused.status_code == 422
    body = refused.content.decode()
    assert "private or local address" in body
    assert "Choose at least one event" in body
    assert 'value="Internal"' in body and 'value="http://127.0.0.1:8000/hook"' in body
    assert not WebhookEndpoint.objects.exists()


def test_the_delivery_log_shows_each_attempt_and_a_delivery_can_be_sent_again(
    northwind: Organisation, django_capture_on_commit_callbacks
) -> None:
    with running_receiver(answers=[500]) as receiver:
        endpoint, _ = endpoint_for(
            northwind, receiver.url, ["submission.submitted", "decision.recorded"]
        )
        submission = a_submission(northwind)
        with django_capture_on_commit_callbacks(execute=True):
            emit("submission.submitted", organisation=northwind, subject=submission, data={})
        delivery = WebhookDelivery.objects.get()
        client = signed_in(admin_of(northwind))
        page = client.get(reverse("organisation:webhook", args=[endpoint.pk])).content.decode()
        assert "Failed" in page and "HTTP 500" in page
        detail = client.get(
            reverse("organisation:webhook_delivery", args=[endpoint.pk, delivery.pk])
        ).content.decode()
        assert "Attempt 1" in detail and "receiver says no" in detail
        assert delivery.event_id in detail
        # A second event about the same submission waits for it, and the page says why.
        with django_capture_on_commit_callbacks(execute=True):
            emit("decision.recorded", organisation=northwind, subject=submission, data={})
        waiting = WebhookDelivery.objects.latest("pk")
        waiting_page = client.get(
            reverse("organisation:webhook_delivery", args=[endpoint.pk, waiting.pk])
        ).content.decode()
        assert "waits for an earlier delivery about the same object (submission" in waiting_page

        with django_capture_on_commit_callbacks(execute=True):
            answer = client.post(
                reverse("organisation:webhook_redeliver", args=[endpoint.pk, delivery.pk])
            )
        assert answer.status_code == 302
        # Delivered at last, and the one that waited follows at once.
        assert receiver.ids() == [delivery.event_id, delivery.event_id, waiting.event_id]
    delivery.refresh_from_db()
    assert delivery.state == "delivered" and delivery.attempts == 2


def test_an_admin_disables_and_enables_an_endpoint_and_edits_its_events(
    northwind: Organisation,
) -> None:
    endpoint, _ = endpoint_for(northwind, "http://127.0.0.1:9/hook", ["submission.submitted"])
    client = signed_in(admin_of(northwind))
    client.post(reverse("organisation:webhook_disable", args=[endpoint.pk]))
    endpoint.refresh_from_db()
    assert not endpoint.active
    page = client.get(reverse("organisation:webhook", args=[endpoint.pk])).content.decode()
    assert "Disabled" in page and "Enable" in page
    client.post(reverse("organisation:webhook_enable", args=[endpoint.pk]))
    endpoint.refresh_from_db()
    assert endpoint.active
    client.post(
        reverse("organisation:webhook", args=[endpoint.pk]),
        {
            "url": "http://127.0.0.1:9/other",
            "events": ["decision.recorded", "flag.raised"],
            "version": endpoint.version,
        },
    )
    endpoint.refresh_from_db()
    assert endpoint.url == "http://127.0.0.1:9/other"
    assert endpoint.events == ["flag.raised", "decision.recorded"]
    # A second tab saving over it is told, not silently overwriting.
    stale = client.post(
        reverse("organisation:webhook", args=[endpoint.pk]),
        {"url": "http://127.0.0.1:9/x", "events": ["flag.raised"], "version": 1},
    )
    assert stale.status_code == 422 and "changed meanwhile" in stale.content.decode()


def test_another_organisations_admin_finds_nothing_and_a_plain_member_is_refused(
    northwind: Organisation, harbour: Organisation
) -> None:
    endpoint, _ = endpoint_for(northwind, "http://127.0.0.1:9/hook")
    stranger = signed_in(admin_of(harbour))
    for name in ("webhook", "webhook_ping", "webhook_disable", "webhook_rotate"):
        method = stranger.get if name == "webhook" else stranger.post
        assert method(reverse(f"organisation:{name}", args=[endpoint.pk])).status_code == 404
    member = UserFactory(email="rae@nw.example")
    orgs._join(northwind, member, OrganisationRole.PROCUREMENT)
    assert signed_in(member).get(reverse("organisation:webhooks")).status_code == 403


def test_the_pages_cost_the_same_queries_with_few_or_many_endpoints_and_deliveries(
    northwind: Organisation, django_assert_num_queries
) -> None:
    client = signed_in(admin_of(northwind))

    def fill(count: int) -> WebhookEndpoint:
        first = None
        for n in range(count):
            endpoint, _ = endpoint_for(
                northwind, f"http://127.0.0.1:9/{n}", ["submission.submitted"]
            )
            first = first or endpoint
        for _ in range(count):
            emit(
                "submission.submitted",
                organisation=northwind,
                subject=a_submission(northwind),
                data={},
            )
        return first

    endpoint = fill(1)
    with CaptureQueriesContext(connection) as few_list:
        client.get(reverse("organisation:webhooks"))
    with CaptureQueriesContext(connection) as few_detail:
        client.get(reverse("organisation:webhook", args=[endpoint.pk]))
    fill(4)
    with django_assert_num_queries(len(few_list.captured_queries)):
        rows = client.get(reverse("organisation:webhooks")).content.count(b"<tr>")
    assert rows == 1 + 5  # the header, five endpoints
    with django_assert_num_queries(len(few_detail.captured_queries)):
        client.get(reverse("organisation:webhook", args=[endpoint.pk]))


def test_the_history_says_who_registered_changed_disabled_and_enabled_each_endpoint(
    northwind: Organisation,
) -> None:
    admin = admin_of(northwind)
    endpoint, _ = endpoint_for(northwind, "http://127.0.0.1:9/hook", ["submission.submitted"])
    service.endpoint_update(
        endpoint=endpoint, by=admin, url=endpoint.url, events=["flag.raised", "decision.recorded"]
    )
    service.endpoint_rotate_secret(endpoint=endpoint, by=admin)
    service.endpoint_disable(endpoint=endpoint, by=admin)
    service.endpoint_enable(endpoint=endpoint, by=admin)
    who = admin.display_name
    url = endpoint.url
    assert [e.sentence for e in webhook_audit(northwind)] == [
        f"{who} enabled the webhook endpoint {url} again.",
        f"{who} disabled the webhook endpoint {url}.",
        f"{who} rotated the signing secret of {url}.",
        f"{who} set the events of {url} to flag.raised and decision.recorded.",
        f"{who} registered the webhook endpoint {url} for submission.submitted.",
    ]
    page = signed_in(admin).get(reverse("organisation:webhooks")).content.decode()
    assert f"{who} registered the webhook endpoint" in page


def test_the_history_of_an_endpoint_reads_in_the_admins_language(
    northwind: Organisation,
) -> None:
    admin = admin_of(northwind)
    endpoint, _ = endpoint_for(northwind, "http://127.0.0.1:9/hook", ["submission.submitted"])
    service.endpoint_update(
        endpoint=endpoint, by=admin, url=endpoint.url, events=["flag.raised", "decision.recorded"]
    )
    service.endpoint_disable(endpoint=endpoint, by=admin)
    admin.language = "de"
    admin.save(update_fields=["language"])
    who, url = admin.display_name, endpoint.url

    page = signed_in(admin).get(reverse("organisation:webhooks")).content.decode()

    assert f"{who} hat den Webhook-Endpunkt {url} deaktiviert." in page
    assert (
        f"{who} hat die Ereignisse von {url} festgelegt: flag.raised und decision.recorded." in page
    )
    assert f"{who} hat den Webhook-Endpunkt {url} für submission.submitted registriert." in page
    assert "registered the webhook endpoint" not in page
