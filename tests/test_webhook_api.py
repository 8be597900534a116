"""Webhooks by the API (/api/v1/webhooks/...): an organisation's admin registers an endpoint
(its secret returned once), changes it, disables it, reads its deliveries with every
attempt, pings it and redelivers; someone who does not manage the organisation finds
nothing."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from tests.factories import UserFactory
from tests.test_webhooks import a_submission, admin_of
from tests.webhook_receiver import running_receiver
from vetting.models import Organisation, WebhookDelivery, WebhookEndpoint
from vetting.services import organisations as orgs
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


def api(user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_an_admin_registers_changes_and_reads_an_endpoint_by_the_api(
    northwind: Organisation, harbour: Organisation, django_capture_on_commit_callbacks
) -> None:
    client = api(admin_of(northwind))
    with running_receiver(answers=[503]) as receiver:
        created = client.post(
            "/api/v1/webhooks/endpoints/",
            {"url": receiver.url, "events": ["submission.submitted"], "description": "CRM"},
            format="json",
        )
        assert created.status_code == 201, created.json()
        secret = created.json()["secret"]
        endpoint = WebhookEndpoint.objects.get()
        assert secret == endpoint.secret and created.json()["organisation"] == northwind.pk
        read = client.get(f"/api/v1/webhooks/endpoints/{endpoint.pk}/").json()
        assert "secret" not in read and read["events"] == ["submission.submitted"]
        assert "secret" not in client.get("/api/v1/webhooks/endpoints/").json()["results"][0]

        with django_capture_on_commit_callbacks(execute=True):
            emit(
                "submission.submitted",
                organisation=northwind,
                subject=a_submission(northwind),
                data={},
            )
        deliveries = client.get(f"/api/v1/webhooks/endpoints/{endpoint.pk}/deliveries/").json()
        (delivery,) = deliveries["results"]
        assert delivery["state"] == "failed" and delivery["last_status_code"] == 503
        assert delivery["attempts_log"][0]["status_code"] == 503
        assert delivery["payload"]["id"] == delivery["event_id"]

        with django_capture_on_commit_callbacks(execute=True):
            again = client.post(f"/api/v1/webhooks/deliveries/{delivery['id']}/redeliver/")
        assert again.status_code == 202 and again.json()["id"] == delivery["id"]
        assert WebhookDelivery.objects.get(pk=delivery["id"]).state == "delivered"
        assert receiver.ids() == [delivery["event_id"]] * 2
        for request in receiver.requests:
            verify(secret, request.body, request.headers)

    changed = client.patch(
        f"/api/v1/webhooks/endpoints/{endpoint.pk}/",
        {"events": ["flag.raised"], "active": False},
        format="json",
    )
    assert changed.status_code == 200
    assert changed.json()["events"] == ["flag.raised"] and changed.json()["active"] is False
    refused = client.post(f"/api/v1/webhooks/deliveries/{delivery['id']}/redeliver/")
    assert refused.status_code == 409 and "Enable the endpoint" in refused.json()["detail"]
    bad = client.patch(
        f"/api/v1/webhooks/endpoints/{endpoint.pk}/", {"events": ["no.such"]}, format="json"
    )
    assert bad.status_code == 400 and "events" in bad.json()

    rotated = client.post(f"/api/v1/webhooks/endpoints/{endpoint.pk}/rotate-secret/").json()
    assert rotated["secret"] != secret

    # Another organisation's admin finds nothing.
    stranger = api(admin_of(harbour))
    assert stranger.get("/api/v1/webhooks/endpoints/").json()["results"] == []
    for path in ("", "deliveries/"):
        assert stranger.get(f"/api/v1/webhooks/endpoints/{endpoint.pk}/{path}").status_code == 404
    assert stranger.delete(f"/api/v1/webhooks/endpoints/{endpoint.pk}/").status_code == 404
    assert client.delete(f"/api/v1/webhooks/endpoints/{endpoint.pk}/").status_code == 204
    assert not WebhookDelivery.objects.exists()
