"""The database made unreachable (a TCP proxy in front of PostgreSQL, cut): pages answer a
clean 503 with Retry-After, the API JSON 503, a change cut off mid-transaction leaves
nothing behind, and after recovery the same change goes through with its email once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import connection
from django.urls import reverse

from tests.factories import EngagementFactory
from tests.faults.conftest import Stack, Visits, report
from tests.faults.stack import Proxy, wait_for
from vetting import outbox
from vetting.models import EngagementStatus, Invitation, OutboxMessage, SentEmail, Submission, User

pytestmark = [
    pytest.mark.faults,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def proxy(stack: Stack) -> Iterator[Proxy]:
    """This process (the web server) reaches PostgreSQL through a proxy; the worker does not."""
    db = connection.settings_dict
    proxy = Proxy((db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432)))
    proxy.restore()
    direct = db["HOST"], db["PORT"]
    connection.close()
    db["HOST"], db["PORT"] = "127.0.0.1", proxy.port
    yield proxy
    if proxy.listener is None:
        proxy.restore()
    connection.close()
    db["HOST"], db["PORT"] = direct
    proxy.cut()


def test_with_the_database_unreachable_pages_and_api_say_503_and_a_cut_change_leaves_nothing(
    stack: Stack, visits: Visits, proxy: Proxy, procurement: User
):
    round_ = EngagementFactory(owner=procurement, status=EngagementStatus.OPEN)
    visits.client.force_login(procurement)
    invite = reverse("engagements:invite", args=[round_.pk])
    nina = {"invite_new": "1", "name": "Nina Newcomer", "email": "nina@x.example"}

    proxy.cut()
    report("Database unreachable: cut the proxy between this web process and PostgreSQL")
    page = visits.get(reverse("engagements:detail", args=[round_.pk]))
    api = visits.get("/api/v1/engagements/")

    assert (page.status_code, page["Retry-After"]) == (503, "30")
    assert "Winnow is unavailable for a moment" in page.text
    assert (api.status_code, api["Retry-After"]) == (503, "30")
    assert api.json()["detail"].startswith("The service is unavailable for a moment")

    proxy.restore()
    enqueue = outbox.enqueue

    def cut_mid_transaction(*args, **kwargs):
        proxy.cut()  # after the submission and the invitation rows, before the outbox row
        return enqueue(*args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(outbox, "enqueue", cut_mid_transaction)
        cut_off = visits.post(invite, nina)
    report("  cut it again in the middle of an invitation's transaction")
    proxy.restore()

    assert cut_off.status_code == 503
    assert not Submission.objects.exists()  # nothing half-written
    assert not Invitation.objects.exists()
    assert not OutboxMessage.objects.exists()

    again = visits.post(invite, nina)

    assert again.status_code == 302
    wait_for(
        lambda: OutboxMessage.objects.filter(done_at__isnull=False).exists(),
        timeout=60,
        what="the invitation to be sent",
    )
    assert stack.mailbox.to() == ["nina@x.example"]
    assert SentEmail.objects.count() == 1
    report("  after recovery the invitation went through: 1 email, to nina@x.example")
    assert visits.statuses() == [503, 503, 503, 302]
