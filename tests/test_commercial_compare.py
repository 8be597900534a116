"""The compare page with money on it: each consultant's proposal lines and totals side by
side, the total in the round's currency, price points, flags and value scores, and the
what-if split (static/js/value.js), shown only as the access layer lets the viewer see
prices; a column whose price is sealed says nothing of it."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import submitted_review
from vetting.models import (
    CommercialProposal,
    Engagement,
    PriceVisibility,
    ProposalLine,
    Submission,
)
from vetting.services import decision_record, scorecards_recompute

pytestmark = pytest.mark.django_db

# Random per render: CSRF tokens (as in tests/test_blind_review.py).
CSRF = re.compile(
    r'(name="(?:csrfmiddlewaretoken|form_token)" value=")[^"]+"|("X-CSRFToken": ")[^"]+"'
)


def compare_page(client: Any, engagement: Engagement, *submissions: Submission) -> str:
    response = client.get(
        reverse("engagements:compare", args=[engagement.pk]),
        {"s": [str(s.pk) for s in submissions]},
    )
    assert response.status_code == 200
    return CSRF.sub(r"\1\2", response.content.decode())


def row(page: str, testid: str) -> str:
    """The cells of one price row."""
    return page.split(f'data-testid="{testid}"')[1].split("\n</tr>")[0]


def test_the_owner_sees_each_consultants_lines_and_totals_side_by_side(
    client, owner, price_round, bids
):
    client.force_login(owner)

    page = compare_page(client, price_round, *bids.values())

    lines = row(page, "compare-price-lines")
    assert "Community manager" in lines and "Strategy days" in lines and "Video" in lines
    assert "36,000.00 GBP" in lines and "48,000.00 EUR" in lines
    assert "6,000.00" in lines  # A's fee on the stated ad spend
    totals = row(page, "compare-price-total")
    assert re.findall(r"[\d,]+\.\d\d GBP", totals) == [
        "36,000.00 GBP",
        "40,800.00 GBP",
        "22,000.00 GBP",
        "9,000.00 GBP",
    ]
    assert "Mixed in GBP" in row(page, "compare-price-model")


def test_the_owner_sees_points_flags_and_the_value_at_the_rounds_split(
    client, owner, price_round, bids
):
    client.force_login(owner)

    page = compare_page(client, price_round, *bids.values())

    assert re.findall(r"<td>([\d.]+)</td>", row(page, "compare-price-points")) == [
        "0.25",
        "0.00",
        "0.41",
        "1.00",
    ]
    flags = row(page, "compare-price-flags").split("<td")[1:]
    assert "Over budget" in flags[1] and "Abnormally low" in flags[3]
    assert "None" in flags[0] and "None" in flags[2]
    value = row(page, "compare-value")
    assert value.count("data-value-cell") == 4
    ranks = re.findall(r'data-for="(\d+)">(\d|–)</td>', row(page, "compare-value-rank"))
    assert sorted(rank for _, rank in ranks) == ["1", "2", "3", "4"]


def test_the_what_if_slider_starts_at_the_rounds_split_and_carries_each_score(
    client, owner, price_round, bids
):
    client.force_login(owner)

    page = compare_page(client, price_round, bids["Ada A"], bids["Dee D"])

    assert 'data-testid="compare-whatif"' in page
    assert re.search(r'<input type="range"[^>]* value="20" data-value-split', page)
    assert "80% quality, 20% price" in page
    assert "js/value.js" in page
    ada = re.search(rf'data-value-item="{bids["Ada A"].pk}"([^>]*)>', page).group(1)
    assert 'data-points="0.25"' in ada
    quality = bids["Ada A"].scorecard.total
    assert f'data-quality="{quality}"' in ada


def test_a_consultant_without_a_proposal_shows_no_price_and_no_value(
    client, owner, price_round, bids
):
    CommercialProposal.objects.filter(submission=bids["Cal C"]).delete()
    client.force_login(owner)

    page = compare_page(client, price_round, bids["Ada A"], bids["Cal C"])

    assert "No commercial proposal" in row(page, "compare-price-model")
    assert "no price" in row(page, "compare-value")


def test_the_agreed_price_of_a_decision_is_on_the_page(client, owner, price_round, bids):
    decision_record(
        submission=bids["Cal C"],
        by=owner,
        outcome="shortlisted",
        rationale="Best value.",
        agreed_price=Decimal("21000"),
    )
    client.force_login(owner)

    page = compare_page(client, price_round, bids["Ada A"], bids["Cal C"])

    assert "21,000.00 GBP" in row(page, "compare-agreed-price")


# --- Sealed prices ---------------------------------------------------------------------------


def _reprice(submission: Submission, amount: str) -> None:
    ProposalLine.objects.filter(proposal__submission=submission).update(unit_price=amount)


def test_a_reviewer_before_their_reviews_gets_the_same_bytes_whatever_the_prices(
    client, reviewer, price_round, bids
):
    client.force_login(reviewer)
    shown = (bids["Ada A"], bids["Ben B"], bids["Cal C"])

    before = compare_page(client, price_round, *shown)
    for submission in shown:
        _reprice(submission, "1")
    CommercialProposal.objects.filter(submission=bids["Cal C"]).delete()
    after = compare_page(client, price_round, *shown)

    assert before == after
    assert not re.search(r"\d GBP|\d EUR", before)
    assert before.count('data-testid="price-sealed"') == 3
    assert "data-value" not in before and "js/value.js" not in before


def test_a_reviewer_sees_the_price_they_may_and_nothing_relative_to_the_others(
    client, reviewer, price_round, bids
):
    """After reviewing Ada the reviewer sees her price, but not her points or whether she
    is abnormally low: both would tell them of the bids they may not see yet."""
    submitted_review(bids["Ada A"], reviewer)
    client.force_login(reviewer)

    before = compare_page(client, price_round, bids["Ada A"], bids["Dee D"])
    _reprice(bids["Dee D"], "100000")  # Dee is now dearest: Ada's points would change
    after = compare_page(client, price_round, bids["Ada A"], bids["Dee D"])

    assert before == after
    assert "36,000.00 GBP" in row(before, "compare-price-total")
    assert before.count('data-testid="price-sealed"') == 1
    assert "compare-price-points" not in before and "compare-value" not in before
    assert "compare-whatif" not in before


def test_a_reviewer_who_reviewed_everyone_sees_the_value_and_the_what_if(
    client, reviewer, price_round, bids
):
    for submission in bids.values():
        submitted_review(submission, reviewer)
    scorecards_recompute([s.pk for s in bids.values()])
    client.force_login(reviewer)

    page = compare_page(client, price_round, bids["Ada A"], bids["Dee D"])

    assert "compare-whatif" in page and "compare-price-points" in page


def test_a_price_roundthat_never_shows_prices_seals_them_after_the_review_too(
    client, reviewer, price_round, bids
):
    price_round.price_visibility = PriceVisibility.NEVER
    price_round.save()
    submitted_review(bids["Ada A"], reviewer)
    client.force_login(reviewer)

    page = compare_page(client, price_round, bids["Ada A"], bids["Dee D"])

    assert page.count("Prices are not shown to reviewers in this round.") == 2
    assert "36,000.00" not in page


def test_a_price_roundthat_scores_no_price_and_has_no_proposal_shows_no_price_rows(
    client, owner, price_round, bids
):
    price_round.price_weight = 0
    price_round.save()
    CommercialProposal.objects.filter(submission__engagement=price_round).delete()
    client.force_login(owner)

    page = compare_page(client, price_round, bids["Ada A"], bids["Dee D"])

    assert "compare-price-model" not in page


# --- Queries -----------------------------------------------------------------------------------


def _queries(client: Any, engagement: Engagement, submissions: list[Submission]) -> int:
    with CaptureQueriesContext(connection) as queries:
        compare_page(client, engagement, *submissions)
    return len(queries)


def test_comparing_two_or_four_costs_the_same_queries(client, owner, price_round, bids):
    client.force_login(owner)
    people = list(bids.values())

    two = _queries(client, price_round, people[:2])
    four = _queries(client, price_round, people)

    # user, engagement, its reviewers; the submissions with consultant, card, decision and
    # proposal; their proposal lines, answers, reviews, reference checks, flags; the round's
    # rate table, which prices the viewer sees, the round's proposals and their lines (for
    # the points); the user's groups (the menu)
    assert two == four == 14


def test_few_or_many_proposal_lines_cost_the_same_queries(client, owner, price_round, bids):
    client.force_login(owner)
    people = list(bids.values())
    few = _queries(client, price_round, people)
    for submission in people:
        priced_lines = [
            ProposalLine(
                proposal=submission.proposal,
                position=10 + i,
                description=f"Extra {i}",
                quantity=Decimal(1),
                unit_price=Decimal(10),
                unit="deliverable",
            )
            for i in range(12)
        ]
        ProposalLine.objects.bulk_create(priced_lines)

    many = _queries(client, price_round, people)

    assert few == many


def test_a_reviewers_page_costs_the_same_queries_for_two_or_four(
    client, reviewer, price_round, bids
):
    submitted_review(bids["Ada A"], reviewer)
    client.force_login(reviewer)
    people = list(bids.values())

    assert _queries(client, price_round, people[:2]) == _queries(client, price_round, people)
