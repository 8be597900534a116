"""The page where a manager records a reference call: it records on an open check or one
closed as unreachable, and shows a finished check plainly, with no form to fill in."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import REFEREE_FORM, submitted_with_checks
from vetting.models import CheckStatus, ReferenceCheck
from vetting.services import (
    call_claim,
    call_close_unreachable,
    call_log_attempt,
)

pytestmark = pytest.mark.django_db

ANSWERS = {
    **REFEREE_FORM,
    "call_notes": "She called back on Monday and confirmed the programme.",
}


@pytest.fixture
def call(procurement, consultant, manager) -> ReferenceCheck:
    submitted = submitted_with_checks(consultant=consultant, owner=procurement, check_by_phone=True)
    check = submitted.reference_checks.first()
    call_claim(check=check, by=manager)
    return check


def closed_unreachable(call: ReferenceCheck, manager) -> None:
    for _ in range(3):
        call_log_attempt(check=call, by=manager, outcome="no_answer")
    call_close_unreachable(check=call, by=manager)


def test_a_call_is_recorded_on_a_check_closed_as_unreachable_in_another_tab(client, call, manager):
    client.force_login(manager)
    page = client.get(reverse("checks:record", args=[call.pk]))
    closed_unreachable(call, manager)

    response = client.post(
        reverse("checks:record", args=[call.pk]),
        {**ANSWERS, "version": page.context["form"]["version"].value()},
    )

    assert response.status_code == 302
    call.refresh_from_db()
    assert call.status == CheckStatus.COMPLETED
    assert [a.outcome for a in call.attempts.order_by("at", "pk")] == ["no_answer"] * 3 + [
        "reached"
    ]


def test_the_unreachable_check_offers_to_record_a_late_call(client, call, manager):
    closed_unreachable(call, manager)
    client.force_login(manager)

    detail = client.get(reverse("checks:detail", args=[call.pk])).content.decode()
    page = client.get(reverse("checks:record", args=[call.pk])).content.decode()

    assert reverse("checks:record", args=[call.pk]) in detail
    assert "closed as unreachable" in page
    assert 'data-testid="call-form"' in page


def test_a_finished_check_is_shown_plainly_without_a_form(client, call, manager):
    # The referee declined by email, say, and the owner closed the check.
    ReferenceCheck.objects.filter(pk=call.pk).update(status=CheckStatus.DECLINED)
    client.force_login(manager)

    response = client.get(reverse("checks:record", args=[call.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "This check is already finished: declined" in html
    assert 'data-testid="call-form"' not in html
    assert "Some answers need fixing" not in html


def test_recording_on_a_check_finished_meanwhile_keeps_the_notes_to_copy(client, call, manager):
    client.force_login(manager)
    client.post(reverse("checks:record", args=[call.pk]), ANSWERS)

    again = client.post(reverse("checks:record", args=[call.pk]), ANSWERS)

    html = again.content.decode()
    assert again.status_code == 409
    assert "This check is already finished: completed" in html
    assert "Some answers need fixing" not in html
    assert ANSWERS["call_notes"] in html
