"""services.commercial: saving a proposal (locked with the submission, versioned, history on
every change), the owner's commercial settings and rate table, and the one price builder
the pages, the API and the exports share."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.factories import (
    EngagementFactory,
    SubmissionFactory,
    complete_answers,
    offer_references,
    submitted_quickly,
)
from vetting.concurrency import StaleVersionError
from vetting.models import (
    CommercialProposal,
    EngagementStatus,
    ExchangeRate,
    ProposalLine,
    Submission,
    SubmissionStatus,
    User,
)
from vetting.scoring.price import PriceFlag
from vetting.services import ServiceError, submission_submit
from vetting.services.commercial import (
    engagement_commercial_update,
    proposal_price,
    proposal_save,
    round_prices,
)

pytestmark = pytest.mark.django_db

MONTHLY = {
    "description": "Community manager",
    "quantity": Decimal(1),
    "unit_price": Decimal(2000),
    "unit": "month",
}


@pytest.fixture
def draft(consultant: User, owner: User) -> Submission:
    engagement = EngagementFactory(
        owner=owner, status=EngagementStatus.OPEN, opened_at=timezone.now(), term_months=6
    )
    return SubmissionFactory(engagement=engagement, consultant=consultant.consultant)


def test_saving_a_proposal_starts_the_self_assessment(draft, consultant):
    proposal_save(submission=draft, by=consultant, data={"currency": "GBP"}, lines=[MONTHLY])

    draft.refresh_from_db()
    assert draft.status == SubmissionStatus.IN_PROGRESS


def test_only_the_invited_consultant_saves_the_proposal(draft, owner, other_consultant):
    for person in (owner, other_consultant):
        with pytest.raises(PermissionDenied):
            proposal_save(submission=draft, by=person, data={}, lines=[MONTHLY])


def test_a_submitted_proposal_cannot_change(draft, consultant):
    proposal_save(submission=draft, by=consultant, data={"currency": "GBP"}, lines=[MONTHLY])
    complete_answers(draft, consultant)
    offer_references(draft, consultant, count=draft.engagement.references_required)
    submission_submit(submission=draft, by=consultant)

    with pytest.raises(ServiceError, match="can no longer change"):
        proposal_save(submission=draft, by=consultant, data={}, lines=[])
    assert ProposalLine.objects.filter(proposal__submission=draft).count() == 1


def test_a_stale_version_is_refused_and_nothing_changes(draft, consultant):
    proposal_save(submission=draft, by=consultant, data={"currency": "GBP"}, lines=[MONTHLY])

    with pytest.raises(StaleVersionError):
        proposal_save(
            submission=draft,
            by=consultant,
            data={"currency": "EUR"},
            lines=[],
            expected_version=0,
        )
    assert CommercialProposal.objects.get(submission=draft).currency == "GBP"


def test_every_change_of_a_proposal_and_its_lines_keeps_history(draft, consultant):
    proposal = proposal_save(
        submission=draft, by=consultant, data={"currency": "GBP"}, lines=[MONTHLY, MONTHLY]
    )
    proposal_save(
        submission=draft,
        by=consultant,
        data={"currency": "GBP"},
        lines=[{**MONTHLY, "unit_price": Decimal(1800)}],
        expected_version=proposal.version,
    )

    line_history = ProposalLine.history.filter(proposal_id=proposal.pk)
    assert sorted(line_history.values_list("history_type", flat=True)) == ["+", "+", "-", "~"]
    assert {h.history_user for h in line_history} == {consultant}
    assert proposal.history.count() == 2


def test_a_line_with_no_quantity_is_refused(draft, consultant):
    with pytest.raises(ValidationError):
        proposal_save(
            submission=draft,
            by=consultant,
            data={"currency": "GBP"},
            lines=[{**MONTHLY, "quantity": Decimal(0)}],
        )
    assert not CommercialProposal.objects.filter(submission=draft).exists()


def test_the_total_counts_monthly_lines_over_the_rounds_term_and_converts(draft, consultant, owner):
    engagement_commercial_update(
        engagement=draft.engagement,
        by=owner,
        data={"ad_spend_monthly": Decimal(1000)},
        rates={"EUR": Decimal("0.8")},
    )
    proposal = proposal_save(
        submission=draft,
        by=consultant,
        data={"currency": "EUR", "ad_spend_fee_percent": Decimal(10)},
        lines=[MONTHLY],
    )
    draft.engagement.refresh_from_db()

    price = proposal_price(proposal, draft.engagement)

    # 2,000 x 6 months + 10% of 1,000 x 6 months, in EUR; x 0.8 in GBP
    assert (price.total, price.fee, price.converted) == (
        Decimal("12600.00"),
        Decimal("600.00"),
        Decimal("10080.00"),
    )


def test_only_the_owner_changes_the_commercial_settings(draft, reviewer, consultant):
    draft.engagement.reviewers.add(reviewer)
    for person in (reviewer, consultant):
        with pytest.raises(PermissionDenied):
            engagement_commercial_update(
                engagement=draft.engagement, by=person, data={"price_weight": 50}, rates={}
            )


def test_a_price_weight_over_100_is_refused(draft, owner):
    with pytest.raises(ValidationError):
        engagement_commercial_update(
            engagement=draft.engagement, by=owner, data={"price_weight": 101}, rates={}
        )


def test_the_rate_table_is_replaced_and_keeps_history(draft, owner):
    engagement = draft.engagement
    engagement_commercial_update(
        engagement=engagement, by=owner, data={}, rates={"EUR": Decimal("0.85"), "USD": 1}
    )
    engagement_commercial_update(
        engagement=engagement, by=owner, data={}, rates={"eur": Decimal("0.86")}
    )

    assert dict(ExchangeRate.objects.values_list("currency", "rate")) == {"EUR": Decimal("0.86")}
    assert ExchangeRate.history.filter(history_type="-").get().currency == "USD"


def test_round_prices_give_the_lowest_full_points_and_flag_abnormally_low_bids(owner):
    engagement = EngagementFactory(owner=owner, status=EngagementStatus.OPEN, term_months=1)
    totals = {"A": 10000, "B": 12500, "C": 11000, "D": 3000}
    subs = {}
    for name, amount in totals.items():
        subs[name] = submitted_quickly(engagement, name=name)
        proposal = CommercialProposal.objects.create(submission=subs[name], currency="GBP")
        proposal.lines.create(description="All in", quantity=1, unit_price=amount, unit="month")

    priced = round_prices(engagement)

    assert priced[subs["D"].pk].points == 1
    assert priced[subs["D"].pk].flags == {PriceFlag.ABNORMALLY_LOW}
    assert priced[subs["A"].pk].points == Decimal("0.3")
