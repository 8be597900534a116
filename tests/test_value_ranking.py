"""The value page: the round's consultants by quality blended with price, at the round's
saved split or at a what-if split (nothing saved); converted currencies; a consultant
without a comparable price has no value while price counts; a viewer who may not see every
score and price learns nothing of them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.conftest import clear_cache
from tests.factories import EngagementFactory, submitted_quickly
from vetting.models import (
    CommercialProposal,
    Engagement,
    EngagementStatus,
    ExchangeRate,
    PriceVisibility,
    ScoreCard,
    Submission,
    User,
)
from vetting.services import scorecards_recompute

pytestmark = pytest.mark.django_db


def _propose(submission: Submission, amount: int, *, unit: str = "month", currency: str = "GBP"):
    proposal = CommercialProposal.objects.create(
        submission=submission,
        currency=currency,
        pricing_model="retainer" if unit == "month" else "day_rate",
    )
    proposal.lines.create(description="The work", quantity=1, unit_price=amount, unit=unit)
    return proposal


@pytest.fixture
def engagement(procurement: User, manager: User) -> Engagement:
    """Ada: better quality, dearer (a monthly retainer); Bram: weaker, cheaper (days)."""
    round_ = EngagementFactory(
        owner=procurement,
        status=EngagementStatus.OPEN,
        opened_at=timezone.now(),
        term_months=6,
        price_weight=20,
    )
    round_.reviewers.add(manager)
    ada = submitted_quickly(round_, name="Ada Quill", years_social=12, years_clients=9)
    bram = submitted_quickly(round_, name="Bram Holt", years_social=3, years_clients=2)
    scorecards_recompute([ada.pk, bram.pk])
    _propose(ada, 5000)  # 30,000 over six months
    _propose(bram, 600, unit="day")  # one day: 600
    return round_


def _order(client: Client, engagement: Engagement, query: str = "") -> list[str]:
    page = client.get(reverse("engagements:value", args=[engagement.pk]) + query).text
    rows = page.split('data-testid="value-row"')[1:]
    return [next(n for n in ("Ada Quill", "Bram Holt", "Cleo Marsh") if n in r) for r in rows]


def test_the_saved_split_ranks_by_value_and_a_what_if_split_changes_the_order_unsaved(
    client: Client, procurement: User, engagement: Engagement
) -> None:
    client.force_login(procurement)
    ada = ScoreCard.objects.get(submission__consultant__name="Ada Quill")
    bram = ScoreCard.objects.get(submission__consultant__name="Bram Holt")
    assert ada.total > bram.total

    quality_only = _order(client, engagement, "?split=0")
    price_only = _order(client, engagement, "?split=100")

    assert quality_only == ["Ada Quill", "Bram Holt"]
    assert price_only == ["Bram Holt", "Ada Quill"]
    engagement.refresh_from_db()
    assert engagement.price_weight == 20  # nothing saved


def test_the_value_is_the_documented_blend_of_quality_and_price_points(
    client: Client, procurement: User, engagement: Engagement
) -> None:
    client.force_login(procurement)
    ada = ScoreCard.objects.get(submission__consultant__name="Ada Quill")

    page = client.get(reverse("engagements:value", args=[engagement.pk])).text

    points = Decimal(600) / Decimal(30000)  # the lowest total over Ada's
    value = Decimal(str(ada.total)) * Decimal("0.8") + 100 * points * Decimal("0.2")
    ada_row = next(r for r in page.split('data-testid="value-row"') if "Ada Quill" in r)
    assert f">{value:.0f} <span" in ada_row
    assert "GBP 30,000" in ada_row and "0.02" in ada_row


def test_a_price_in_another_currency_is_converted_and_one_without_a_rate_has_no_value(
    client: Client, procurement: User, engagement: Engagement
) -> None:
    cleo = submitted_quickly(engagement, name="Cleo Marsh")
    scorecards_recompute([cleo.pk])
    _propose(cleo, 1000, currency="EUR")
    client.force_login(procurement)

    without_rate = client.get(reverse("engagements:value", args=[engagement.pk])).text
    ExchangeRate.objects.create(engagement=engagement, currency="EUR", rate=Decimal("0.85"))
    with_rate = client.get(reverse("engagements:value", args=[engagement.pk])).text

    cleo_row = next(r for r in without_rate.split('data-testid="value-row"') if "Cleo" in r)
    assert "no rate for its currency" in cleo_row and ">no price<" in cleo_row
    assert _order(client, engagement)[-1] == "Cleo Marsh" or "Cleo Marsh" in with_rate
    converted = next(r for r in with_rate.split('data-testid="value-row"') if "Cleo" in r)
    assert "GBP 5,100" in converted and "EUR 6,000" in converted


def test_a_consultant_without_a_proposal_has_no_value_while_price_counts(
    client: Client, procurement: User, engagement: Engagement
) -> None:
    cleo = submitted_quickly(engagement, name="Cleo Marsh", years_social=20, years_clients=15)
    scorecards_recompute([cleo.pk])
    client.force_login(procurement)

    priced = _order(client, engagement)
    quality_only = _order(client, engagement, "?split=0")

    assert priced[-1] == "Cleo Marsh"
    assert "Cleo Marsh" in quality_only[:2]


def test_a_reviewer_who_has_not_reviewed_everyone_sees_no_value_and_nothing_of_prices(
    client: Client, manager: User, engagement: Engagement
) -> None:
    client.force_login(manager)
    url = reverse("engagements:value", args=[engagement.pk])
    before = client.get(url).text
    CommercialProposal.objects.filter(
        submission__consultant__name="Ada Quill"
    ).first().lines.update(unit_price=9000)
    after = client.get(url).text

    assert 'data-testid="value-blind"' in after
    assert "30,000" not in before and "Ada Quill" not in after
    strip = lambda page: page.split("<main")[1].split("</main>")[0]  # noqa: E731
    assert strip(before) == strip(after)


def test_a_round_that_never_shows_prices_to_its_panel_says_so(
    client: Client, manager: User, engagement: Engagement
) -> None:
    engagement.price_visibility = PriceVisibility.NEVER
    engagement.save()
    client.force_login(manager)

    page = client.get(reverse("engagements:value", args=[engagement.pk])).text

    assert "does not show prices to its reviewers" in page


def test_the_value_page_costs_the_same_queries_with_2_or_20_consultants(
    client: Client, procurement: User
) -> None:
    def queries(count: int) -> int:
        round_ = EngagementFactory(owner=procurement, status=EngagementStatus.OPEN, price_weight=30)
        subs = [submitted_quickly(round_) for _ in range(count)]
        scorecards_recompute([s.pk for s in subs])
        for n, submission in enumerate(subs):
            _propose(submission, 1000 + 100 * n)
        url = reverse("engagements:value", args=[round_.pk])
        client.get(url)
        clear_cache()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).text.count('data-testid="value-row"') == count
        return len(captured)

    client.force_login(procurement)

    assert queries(2) == queries(20)
