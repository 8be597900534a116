"""A webhook delivery whose worker is killed mid-request (the receiver holds the request
open until the worker is SIGKILLed): a new worker delivers the event, and every copy the
receiver got carries the same webhook-id, so it can tell a copy it already has. No event
is lost."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import transaction

from tests.faults.conftest import Stack, report
from tests.faults.stack import wait_for
from tests.webhook_receiver import running_receiver
from vetting.models import DeliveryState, WebhookDelivery
from vetting.services import organisations as orgs
from vetting.services import webhooks as service
from vetting.webhooks import emit
from vetting.webhooks.delivery import dispatch
from vetting.webhooks.signing import verify

pytestmark = [
    pytest.mark.faults,
    pytest.mark.django_db(transaction=True),
]

# How long an attempt whose worker died holds its delivery (60 s in production).
LEASE_SECONDS = 2


def test_a_delivery_whose_worker_was_killed_mid_request_reaches_the_receiver_with_its_id(
    stack: Stack,
) -> None:
    from tests.factories import UserFactory

    if stack.worker.env.get("WEBHOOKS_LEASE_SECONDS") != str(LEASE_SECONDS):
        stack.worker.env["WEBHOOKS_LEASE_SECONDS"] = str(LEASE_SECONDS)
        stack.worker.stop()
        stack.worker.start()
    admin = UserFactory(email="priya@nw.example")
    northwind = orgs.organisation_create(name="Northwind Retail", by=admin)
    with running_receiver(hold=threading.Event()) as receiver:
        endpoint, secret = service.endpoint_create(
            organisation=northwind, by=admin, url=receiver.url, events=["decision.recorded"]
        )
        with transaction.atomic():
            emit("decision.recorded", organisation=northwind, subject=endpoint, data={"n": 1})
        wait_for(receiver.arrived.is_set, timeout=30, what="the worker's request to arrive")
        pids = stack.worker.kill()
        killed_at = time.monotonic()
        report(
            f"Webhook mid-request: killed the worker's main process and pool child {pids} "
            "(SIGKILL) while the receiver held its request"
        )
        receiver.hold.set()  # the receiver answers at once from now on
        delivery = WebhookDelivery.objects.get()
        assert delivery.state == DeliveryState.PENDING  # the attempt died with the worker
        assert not delivery.log.exists()

        stack.worker.start()

        def delivered() -> bool:
            # Beat's dispatch, as it runs every minute: queues the delivery once its lost
            # attempt's lease is over (the broker may also hand the message back).
            with transaction.atomic():
                dispatch()
            delivery.refresh_from_db()
            return delivery.state == DeliveryState.DELIVERED

        wait_for(delivered, timeout=60, what="the delivery to be made again")
        report(f"  delivered {time.monotonic() - killed_at:.1f} s after the kill")
        time.sleep(1)  # room for a further copy, which must carry the same id too

        ids = receiver.ids()
        assert len(ids) >= 2
        assert set(ids) == {delivery.event_id}
        for request in receiver.requests:
            assert verify(secret, request.body, request.headers)["id"] == delivery.event_id
    report(f"  the receiver got {len(ids)} copies, all with webhook-id {delivery.event_id}")
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.DELIVERED
    assert [(a.succeeded, a.status_code) for a in delivery.log.all()] == [(True, 200)]
