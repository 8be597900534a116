"""Decisions record the agreed price: optional with a shortlist or a selection, 0 or more,
prefilled with the proposal's total in the round's currency for whoever may see it, kept in
the history, in the API (sealed as prices are) and in the audit trail."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests.factories import submitted_review
from vetting.models import Decision, Engagement, PriceVisibility, Submission, User
from vetting.services import decision_record

pytestmark = pytest.mark.django_db


def decide_url(submission: Submission) -> str:
    return reverse("submissions:decide", args=[submission.pk])


def api(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def shortlist(submission: Submission, by: User, price: str | None) -> Decision:
    return decision_record(
        submission=submission,
        by=by,
        outcome="shortlisted",
        rationale="Clear plan.",
        agreed_price=None if price is None else Decimal(price),
    )


def test_the_decide_form_starts_at_the_proposals_total_in_the_rounds_currency(client, owner, bids):
    client.force_login(owner)

    page = client.get(decide_url(bids["Ben B"])).content.decode()

    # €48,000 at 0.85
    assert 'name="agreed_price" value="40800.00"' in page
    assert "Agreed price (GBP)" in page
    assert "48,000.00 EUR for 12 months, 40,800.00 GBP" in page


def test_shortlisting_with_an_agreed_price_keeps_it_and_its_history(client, owner, bids):
    client.force_login(owner)
    ada = bids["Ada A"]
    form = {"outcome": "shortlisted", "rationale": "Strong plan.", "approver": owner.pk}

    client.post(decide_url(ada), {**form, "agreed_price": "30000"})
    client.post(decide_url(ada), {**form, "agreed_price": "31500.50", "version": "1"})

    decision = Decision.objects.get(submission=ada)
    assert decision.agreed_price == Decimal("31500.50")
    assert [h.agreed_price for h in decision.history.order_by("history_id")] == [
        Decimal("30000.00"),
        Decimal("31500.50"),
    ]
    assert "31,500.50 GBP" in client.get(decide_url(ada)).content.decode()


def test_a_negative_agreed_price_is_refused_next_to_the_field_and_nothing_typed_is_lost(
    client, owner, bids
):
    client.force_login(owner)

    response = client.post(
        decide_url(bids["Ada A"]),
        {
            "outcome": "selected",
            "rationale": "Typed with care.",
            "approver": owner.pk,
            "agreed_price": "-5",
        },
    )

    page = response.content.decode()
    assert response.status_code == 422
    field = page.split('data-testid="agreed-price"')[1]
    assert "A price cannot be negative: give 0 or more." in field.split("</div>\n  </div>")[0]
    assert 'value="-5"' in page and "Typed with care." in page
    assert not Decision.objects.filter(submission=bids["Ada A"]).exists()


def test_the_agreed_price_may_be_left_empty(client, owner, bids):
    client.force_login(owner)

    client.post(
        decide_url(bids["Ada A"]),
        {"outcome": "selected", "rationale": "Fine.", "approver": owner.pk, "agreed_price": ""},
    )

    assert Decision.objects.get(submission=bids["Ada A"]).agreed_price is None


def test_a_rejection_keeps_no_agreed_price(owner, bids):
    shortlist(bids["Ada A"], owner, "30000")

    decision = decision_record(
        submission=bids["Ada A"],
        by=owner,
        outcome="rejected",
        rationale="Changed our mind.",
        agreed_price=Decimal(30000),
    )

    assert decision.agreed_price is None


def test_the_decide_page_does_not_prefill_a_price_nobody_proposed(client, owner, bids):
    bids["Ada A"].proposal.delete()
    client.force_login(owner)

    page = client.get(decide_url(bids["Ada A"])).content.decode()

    assert 'name="agreed_price"' in page and 'name="agreed_price" value=' not in page


# --- The API -------------------------------------------------------------------------------


def test_the_api_records_and_shows_the_agreed_price(owner, bids):
    response = api(owner).post(
        "/api/v1/decisions/",
        {
            "submission": bids["Cal C"].pk,
            "outcome": "selected",
            "rationale": "Best value.",
            "agreed_price": "21000.00",
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    assert response.json()["agreed_price"] == "21000.00"


def test_the_api_refuses_a_negative_agreed_price(owner, bids):
    response = api(owner).post(
        "/api/v1/decisions/",
        {
            "submission": bids["Cal C"].pk,
            "outcome": "selected",
            "rationale": "x",
            "agreed_price": -1,
        },
        format="json",
    )

    assert response.status_code == 400
    assert "agreed_price" in response.json()


@pytest.mark.parametrize(
    ("visibility", "reviewed", "shown"),
    [
        (PriceVisibility.AFTER_REVIEW, False, False),
        (PriceVisibility.AFTER_REVIEW, True, True),
        (PriceVisibility.NEVER, True, False),
        (PriceVisibility.ALWAYS, False, True),
    ],
)
def test_a_reviewer_reads_the_agreed_price_only_where_the_price_is_shown(
    owner, reviewer, price_round: Engagement, bids, visibility, reviewed, shown
):
    price_round.price_visibility = visibility
    price_round.save()
    decision = shortlist(bids["Ada A"], owner, "30000")
    if reviewed:
        submitted_review(bids["Ada A"], reviewer)

    body = api(reviewer).get(f"/api/v1/decisions/{decision.pk}/").json()

    assert body["agreed_price"] == ("30000.00" if shown else None)


# --- The audit trail -----------------------------------------------------------------------


def test_the_audit_trail_names_the_agreed_price_and_its_change_to_the_owner(client, owner, bids):
    shortlist(bids["Ada A"], owner, "30000")
    decision = Decision.objects.get(submission=bids["Ada A"])
    decision_record(
        submission=bids["Ada A"],
        by=owner,
        outcome="shortlisted",
        rationale="Clear plan.",
        agreed_price=Decimal(28000),
        expected_version=decision.version,
    )
    client.force_login(owner)

    page = client.get(reverse("engagements:audit", args=[bids["Ada A"].engagement_id])).text

    assert "at an agreed price of 30,000.00 GBP" in page
    assert "changed the agreed price on Ada A from 30,000.00 GBP to 28,000.00 GBP" in page


def test_the_audit_trail_keeps_the_agreed_price_from_a_reviewer_who_may_not_see_prices(
    client, owner, reviewer, price_round: Engagement, bids
):
    price_round.price_visibility = PriceVisibility.NEVER
    price_round.save()
    for submission in bids.values():
        submitted_review(submission, reviewer)
    shortlist(bids["Ada A"], owner, "30000")
    client.force_login(reviewer)

    page = client.get(reverse("engagements:audit", args=[price_round.pk])).text

    assert "Ada A, approved by" in page
    assert "30,000" not in page


def test_staff_read_every_agreed_price_through_the_api(owner, staff, bids):
    decision = shortlist(bids["Ada A"], owner, "30000")

    body = api(staff).get(f"/api/v1/decisions/{decision.pk}/").json()

    assert body["agreed_price"] == "30000.00"
