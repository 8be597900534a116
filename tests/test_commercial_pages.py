"""The commercial pages: the consultant's proposal beside their self-assessment (lines added
and removed, errors next to the fields, nothing typed lost, totals shown, locked once
submitted), the owner's commercial settings, and the sealed price on the submission page."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    EngagementFactory,
    SubmissionFactory,
    complete_answers,
    offer_references,
    submitted_review,
)
from vetting.models import (
    CommercialProposal,
    EngagementStatus,
    ExchangeRate,
    PriceVisibility,
    ProposalLine,
    Submission,
    User,
)
from vetting.services import submission_submit
from vetting.services.commercial import proposal_save

pytestmark = pytest.mark.django_db

RETAINER = {
    "description": "Community manager",
    "quantity": "1",
    "unit_price": "2500",
    "unit": "month",
}


def posted(lines: list[dict[str, str]], **terms: str) -> dict[str, str]:
    """The proposal form as a browser posts it."""
    data = {
        "pricing_model": "retainer",
        "currency": "GBP",
        "minimum_term_months": "3",
        "notice_period_days": "30",
        "ad_spend_fee_percent": "",
        "assumptions": "",
        "version": "0",
        "lines-TOTAL_FORMS": str(len(lines)),
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "40",
        **terms,
    }
    for index, line in enumerate(lines):
        for name, value in line.items():
            data[f"lines-{index}-{name}"] = value
    return data


@pytest.fixture
def draft(consultant: User, owner: User) -> Submission:
    engagement = EngagementFactory(
        owner=owner, status=EngagementStatus.OPEN, opened_at=timezone.now(), term_months=12
    )
    return SubmissionFactory(engagement=engagement, consultant=consultant.consultant)


def lines_of(submission: Submission) -> list[tuple[str, Decimal, Decimal, str]]:
    return list(
        ProposalLine.objects.filter(proposal__submission=submission)
        .order_by("position")
        .values_list("description", "quantity", "unit_price", "unit")
    )


def save(submission: Submission, by: User, *lines: dict[str, Any], **terms: Any) -> None:
    proposal_save(
        submission=submission,
        by=by,
        data={"currency": "GBP", **terms},
        lines=[
            {k: Decimal(v) if k in ("quantity", "unit_price") else v for k, v in line.items()}
            for line in lines
        ],
    )


# --- The consultant's page -------------------------------------------------------------------


def test_the_self_assessment_links_to_the_commercial_proposal(client, consultant, draft):
    client.force_login(consultant)

    page = client.get(reverse("submissions:answer", args=[draft.pk])).content.decode()

    assert reverse("submissions:proposal", args=[draft.pk]) in page


def test_saving_the_proposal_keeps_its_lines_and_shows_the_total_for_the_term(
    client, consultant, draft
):
    client.force_login(consultant)
    day = {"description": "Workshop", "quantity": "2", "unit_price": "800", "unit": "day"}

    response = client.post(
        reverse("submissions:proposal", args=[draft.pk]), posted([RETAINER, day]), follow=True
    )

    assert lines_of(draft) == [
        ("Community manager", Decimal(1), Decimal(2500), "month"),
        ("Workshop", Decimal(2), Decimal(800), "day"),
    ]
    # 1 x 2,500 x 12 months + 2 x 800
    assert "31,600.00 GBP" in response.content.decode()


def test_a_refused_line_is_marked_next_to_its_field_and_nothing_typed_is_lost(
    client, consultant, draft
):
    client.force_login(consultant)
    bad = {"description": "Ads set-up", "quantity": "0", "unit_price": "950", "unit": "deliverable"}

    response = client.post(
        reverse("submissions:proposal", args=[draft.pk]),
        posted([RETAINER, bad], assumptions="Two posts a week."),
    )

    page = response.content.decode()
    assert response.status_code == 422
    assert 'name="lines-1-quantity"' in page and "is-invalid" in page
    assert "Give a quantity above 0 (remove the line instead)." in page
    assert 'value="Ads set-up"' in page and 'value="950"' in page
    assert "Two posts a week." in page
    assert not CommercialProposal.objects.filter(submission=draft).exists()


def test_add_a_line_shows_one_more_row_and_saves_nothing(client, consultant, draft):
    client.force_login(consultant)

    response = client.post(
        reverse("submissions:proposal", args=[draft.pk]), {**posted([RETAINER]), "action": "add"}
    )

    page = response.content.decode()
    assert page.count('data-testid="proposal-line"') == 2
    assert 'value="Community manager"' in page
    assert "Totals as typed (not saved yet)" in page and "30,000.00 GBP" in page
    assert "is-invalid" not in page  # the new row is not marked as missing its fields
    assert not CommercialProposal.objects.filter(submission=draft).exists()


def test_a_line_ticked_for_removal_is_removed_on_save(client, consultant, draft):
    client.force_login(consultant)
    save(draft, consultant, RETAINER, {**RETAINER, "description": "Analyst"})
    data = posted([RETAINER, {**RETAINER, "description": "Analyst", "DELETE": "on"}])
    data["version"] = str(CommercialProposal.objects.get(submission=draft).version)

    client.post(reverse("submissions:proposal", args=[draft.pk]), data)

    assert [line[0] for line in lines_of(draft)] == ["Community manager"]


def test_a_proposal_saved_in_another_tab_is_not_overwritten(client, consultant, draft):
    client.force_login(consultant)
    save(draft, consultant, RETAINER)  # version 1, saved elsewhere after this tab loaded

    response = client.post(
        reverse("submissions:proposal", args=[draft.pk]),
        posted([{**RETAINER, "unit_price": "99"}], version="0"),
    )

    assert response.status_code == 409
    assert 'data-testid="stale-version"' in response.content.decode()
    assert lines_of(draft)[0][2] == Decimal(2500)


def _submittable(draft: Submission, consultant: User) -> None:
    complete_answers(draft, consultant)
    offer_references(draft, consultant, count=draft.engagement.references_required)


def test_submitting_locks_the_proposal_with_the_answers(client, consultant, draft):
    save(draft, consultant, RETAINER)
    _submittable(draft, consultant)
    submission_submit(submission=draft, by=consultant)
    client.force_login(consultant)

    response = client.post(
        reverse("submissions:proposal", args=[draft.pk]),
        posted([{**RETAINER, "unit_price": "1"}], version="1"),
        follow=True,
    )
    page = client.get(reverse("submissions:proposal", args=[draft.pk])).content.decode()

    assert "can no longer change" in response.content.decode()
    assert lines_of(draft)[0][2] == Decimal(2500)
    assert 'data-testid="proposal-form"' not in page
    assert 'data-testid="proposal-panel"' in page


def test_a_round_that_scores_price_needs_a_proposal_line_to_submit(client, consultant, draft):
    draft.engagement.price_weight = 20
    draft.engagement.save()
    _submittable(draft, consultant)
    client.force_login(consultant)

    response = client.post(reverse("submissions:submit", args=[draft.pk]))

    assert response.status_code == 422
    assert "This engagement asks for a price: fill in your commercial proposal" in (
        response.content.decode()
    )
    draft.refresh_from_db()
    assert not draft.is_locked


def test_a_round_that_does_not_score_price_submits_without_a_proposal(consultant, draft):
    _submittable(draft, consultant)

    submitted = submission_submit(submission=draft, by=consultant)

    assert submitted.is_locked


def test_the_proposal_page_costs_the_same_queries_with_few_and_many_lines(
    client, consultant, draft
):
    save(draft, consultant, RETAINER)
    other = SubmissionFactory(
        engagement=EngagementFactory(
            owner=draft.engagement.owner, status=EngagementStatus.OPEN, opened_at=timezone.now()
        ),
        consultant=consultant.consultant,
    )
    save(other, consultant, *[{**RETAINER, "description": f"Role {i}"} for i in range(25)])
    ExchangeRate.objects.create(engagement=other.engagement, currency="EUR", rate="0.85")
    client.force_login(consultant)

    def queries(submission: Submission) -> int:
        client.get(reverse("submissions:proposal", args=[submission.pk]))
        with CaptureQueriesContext(connection) as captured:
            assert (
                client.get(reverse("submissions:proposal", args=[submission.pk])).status_code == 200
            )
        return len(captured)

    # The user; the submission with its engagement, owner, consultant and proposal; the
    # round's rate table; the proposal's lines; the user's roles for the menu (the session
    # is read from the cache).
    assert queries(draft) == queries(other) == 5


# --- The owner's commercial settings ---------------------------------------------------------


def test_the_owner_sets_the_term_price_weight_visibility_and_rates(client, owner, draft):
    engagement = draft.engagement
    client.force_login(owner)
    data = {
        "term_months": "6",
        "ad_spend_monthly": "2000",
        "price_weight": "20",
        "budget_is_ceiling": "on",
        "price_visibility": "never",
        "version": str(engagement.version),
        "rates-TOTAL_FORMS": "2",
        "rates-INITIAL_FORMS": "0",
        "rates-MIN_NUM_FORMS": "0",
        "rates-MAX_NUM_FORMS": "20",
        "rates-0-currency": "eur",
        "rates-0-rate": "0.85",
        "rates-1-currency": "",
        "rates-1-rate": "",
    }

    response = client.post(reverse("engagements:commercial", args=[engagement.pk]), data)

    engagement.refresh_from_db()
    assert response.status_code == 302
    assert (engagement.term_months, engagement.price_weight, engagement.price_visibility) == (
        6,
        20,
        PriceVisibility.NEVER,
    )
    assert engagement.budget_is_ceiling and engagement.ad_spend_monthly == Decimal(2000)
    assert dict(engagement.exchange_rates.values_list("currency", "rate")) == {
        "EUR": Decimal("0.85")
    }
    assert engagement.history.first().history_user == owner


def test_a_rate_for_the_rounds_own_currency_is_refused_next_to_it(client, owner, draft):
    engagement = draft.engagement
    client.force_login(owner)
    data = {
        "term_months": "12",
        "price_weight": "0",
        "price_visibility": "after_review",
        "version": str(engagement.version),
        "rates-TOTAL_FORMS": "1",
        "rates-INITIAL_FORMS": "0",
        "rates-0-currency": engagement.currency,
        "rates-0-rate": "1",
    }

    response = client.post(reverse("engagements:commercial", args=[engagement.pk]), data)

    assert response.status_code == 422
    assert "This is the engagement&#x27;s own currency" in response.content.decode()
    assert not engagement.exchange_rates.exists()


def test_the_engagement_page_links_its_owner_to_the_commercial_settings(client, owner, draft):
    client.force_login(owner)

    page = client.get(reverse("engagements:detail", args=[draft.engagement.pk])).content.decode()

    assert reverse("engagements:commercial", args=[draft.engagement.pk]) in page


# --- Sealed prices on the submission page -----------------------------------------------------


@pytest.fixture
def priced_round(consultant: User, owner: User, reviewer: User) -> Submission:
    """A submitted self-assessment with a proposal of £1,000 a month, a reviewer on the
    panel who has not reviewed it yet."""
    engagement = EngagementFactory(
        owner=owner, status=EngagementStatus.OPEN, opened_at=timezone.now()
    )
    engagement.reviewers.add(reviewer)
    submission = SubmissionFactory(engagement=engagement, consultant=consultant.consultant)
    save(submission, consultant, {**RETAINER, "unit_price": "1000"})
    _submittable(submission, consultant)
    return submission_submit(submission=submission, by=consultant)


# Random per render: CSRF tokens (as in tests/test_blind_review.py).
CSRF = re.compile(
    r'(name="(?:csrfmiddlewaretoken|form_token)" value=")[^"]+"|("X-CSRFToken": ")[^"]+"'
)


def _read(client: Any, submission: Submission) -> str:
    page = client.get(reverse("submissions:read", args=[submission.pk])).content.decode()
    return CSRF.sub(r"\1\2", page)


def _reprice(submission: Submission, amount: str) -> None:
    ProposalLine.objects.filter(proposal__submission=submission).update(unit_price=amount)


def test_a_reviewer_before_their_review_gets_the_same_bytes_whatever_the_price(
    client, reviewer, priced_round
):
    client.force_login(reviewer)
    api = f"/api/v1/submissions/{priced_round.pk}/proposal/"

    before = _read(client, priced_round)
    api_before = client.get(api)
    _reprice(priced_round, "9000")
    after = _read(client, priced_round)
    api_after = client.get(api)

    assert before == after
    assert "Commercial proposal" not in before and "1,000" not in before
    assert api_before.status_code == api_after.status_code == 404
    assert api_before.content == api_after.content


def test_the_price_shows_to_the_reviewer_once_their_review_is_submitted(
    client, reviewer, priced_round
):
    submitted_review(priced_round, reviewer)
    client.force_login(reviewer)

    page = _read(client, priced_round)

    assert 'data-testid="proposal-panel"' in page and "12,000.00 GBP" in page


def test_the_owner_always_sees_the_price(client, owner, priced_round):
    client.force_login(owner)

    assert 'data-testid="proposal-panel"' in _read(client, priced_round)


def test_a_round_that_never_shows_prices_hides_them_after_the_review_too(
    client, reviewer, priced_round
):
    priced_round.engagement.price_visibility = PriceVisibility.NEVER
    priced_round.engagement.save()
    submitted_review(priced_round, reviewer)
    client.force_login(reviewer)

    assert "proposal-panel" not in _read(client, priced_round)


def test_a_round_that_always_shows_prices_shows_them_before_the_review(
    client, reviewer, priced_round
):
    priced_round.engagement.price_visibility = PriceVisibility.ALWAYS
    priced_round.engagement.save()
    client.force_login(reviewer)

    assert "proposal-panel" in _read(client, priced_round)


def test_the_consultant_sees_their_own_price_on_their_submission(client, consultant, priced_round):
    client.force_login(consultant)

    assert 'data-testid="proposal-panel"' in _read(client, priced_round)
