"""The compare page with money on it, in Chromium: the owner compares the four bids of
docs/scoring.md 7.1, reads each consultant's lines and totals side by side, and moves the
what-if split: the value scores and their ranks change in place, nothing is saved."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import sign_in
from vetting.models import Engagement, Submission, User

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results"


def value_of(page: Page, submission: Submission) -> str:
    return page.locator(f'[data-value-cell][data-for="{submission.pk}"]').inner_text()


def rank_of(page: Page, submission: Submission) -> str:
    return page.locator(f'[data-value-rank][data-for="{submission.pk}"]').inner_text()


def test_moving_the_split_on_the_compare_page_changes_values_and_ranks_in_place(
    page: Page, live_server, console_errors, owner: User, price_round: Engagement, bids
):
    sign_in(page, live_server.url, owner)
    query = "&".join(f"s={s.pk}" for s in bids.values())
    page.goto(f"{live_server.url}/engagements/{price_round.pk}/compare/?{query}")

    expect(page.locator("[data-value-split-label]")).to_have_text("80% quality, 20% price")
    totals = page.get_by_test_id("compare-price-total")
    expect(totals).to_contain_text("40,800.00 GBP")
    dee, ben = bids["Dee D"], bids["Ben B"]
    at_saved = value_of(page, dee)
    # At 20% price Dee's cheap bid ranks first on value (docs/scoring.md 7.1).
    expect(page.locator(f'[data-value-rank][data-for="{dee.pk}"]')).to_have_text("1")
    page.screenshot(path=SCREENSHOTS / "compare_prices.png", full_page=True)
    page.locator("[data-value-scope]").screenshot(path=SCREENSHOTS / "compare_prices_rows.png")

    page.locator("[data-value-split]").fill("0")

    expect(page.locator("[data-value-split-label]")).to_have_text("100% quality, 0% price")
    # quality alone: Ben, the most experienced, comes first; Dee's value is her score
    expect(page.locator(f'[data-value-rank][data-for="{ben.pk}"]')).to_have_text("1")
    assert value_of(page, dee) != at_saved
    assert re.fullmatch(r"\d+ \(\d+–\d+\)", value_of(page, dee))
    page.locator("[data-value-split]").fill("100")
    expect(page.locator(f'[data-value-cell][data-for="{dee.pk}"]')).to_have_text(
        re.compile(r"^100 ")
    )
    assert rank_of(page, dee) == "1"
    price_round.refresh_from_db()
    assert price_round.price_weight == 20  # nothing saved
    assert console_errors == []
