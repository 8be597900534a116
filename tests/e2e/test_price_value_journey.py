"""Price and value in the browser: two consultants hand in different pricing models (a
monthly retainer, a day rate); a reviewer sees no price before submitting their review and
sees it after; procurement moves the quality/price split and watches the value ranking
change in place; a knockout criterion takes one consultant out of the ranking, listed apart
with why."""

from __future__ import annotations

import math
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.e2e.conftest import htmx_settled, sign_in
from tests.factories import (
    VALID_ANSWERS,
    EngagementFactory,
    SubmissionFactory,
    UserFactory,
    consultant_user,
)
from vetting.models import Answer, EngagementStatus, ScoreCard, Submission
from vetting.roles import Role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results"


def _hand_in(page: Page, base: str, submission: Submission, model: str, lines: list) -> None:
    """The consultant fills in the commercial proposal, then submits the self-assessment
    (its answers are in already: another journey types them)."""
    page.goto(f"{base}/submissions/{submission.pk}/answer/")
    page.get_by_role("link", name="Commercial proposal").first.click()
    page.locator("#id_pricing_model").select_option(model)
    for index, (description, quantity, unit_price, unit) in enumerate(lines):
        if index:
            page.get_by_role("button", name="Add a line").click()
            htmx_settled(page)
        page.locator(f"#id_lines-{index}-description").fill(description)
        page.locator(f"#id_lines-{index}-quantity").fill(quantity)
        page.locator(f"#id_lines-{index}-unit_price").fill(unit_price)
        page.locator(f"#id_lines-{index}-unit").select_option(unit)
    page.get_by_role("button", name="Save proposal").click()
    expect(page.get_by_text("saved", exact=False).first).to_be_visible()
    page.goto(f"{base}/submissions/{submission.pk}/answer/")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Submit self-assessment").click()
    expect(page.get_by_text("Your self-assessment is submitted and locked.")).to_be_visible()


def _value_order(page: Page) -> list[str]:
    """The consultants' names in the value table's order, with the rank shown."""
    rows = page.get_by_test_id("value-ranking").locator("tbody tr")
    return [
        f"{row.locator('td').nth(0).inner_text()} {row.locator('a').first.inner_text()}"
        for row in rows.all()
    ]


def test_two_pricing_models_a_sealed_review_a_what_if_split_and_a_knockout(
    page: Page, live_server, console_errors
) -> None:
    base = live_server.url
    owner = UserFactory(role=Role.PROCUREMENT, first_name="Priya", last_name="Shah")
    reviewer = UserFactory(role=Role.MANAGER, first_name="Mo", last_name="Rahman")
    engagement = EngagementFactory(
        owner=owner,
        status=EngagementStatus.OPEN,
        opened_at=timezone.now(),
        deadline=timezone.now() + timedelta(days=10),
        references_required=0,
        term_months=6,
        price_weight=20,
        title="Savings launch",
    )
    engagement.reviewers.add(reviewer)
    people = {
        "Ada": consultant_user(email="ada@quill.example", first_name="Ada", last_name="Quill"),
        "Bram": consultant_user(email="bram@holt.example", first_name="Bram", last_name="Holt"),
    }
    years = {"Ada": (12, 9), "Bram": (3, 2)}
    drafts = {}
    for name, person in people.items():
        drafts[name] = SubmissionFactory(engagement=engagement, consultant=person.consultant)
        social, clients = years[name]
        values = {**VALID_ANSWERS, "years_social_media": social, "years_for_clients": clients}
        for question in engagement.questionnaire.questions.all():
            Answer.objects.create(
                submission=drafts[name], question=question, value=values[question.key],
                is_complete=True,
            )  # fmt: skip

    # Two pricing models: Ada a monthly retainer (6 months of 5,000), Bram days and a deliverable.
    for name, model, lines in (
        ("Ada", "retainer", [("Community manager", "1", "5000", "month")]),
        ("Bram", "mixed", [("Strategy days", "4", "700", "day"),
                           ("Launch kit", "1", "1800", "deliverable")]),
    ):  # fmt: skip
        consultant = page.context.browser.new_page()
        sign_in(consultant, base, people[name])
        _hand_in(consultant, base, drafts[name], model, lines)
        consultant.close()
    ada = ScoreCard.objects.get(submission=drafts["Ada"])
    bram = ScoreCard.objects.get(submission=drafts["Bram"])
    assert ada.total > bram.total

    # The reviewer: no price before their review, the proposal after it.
    panel = page.context.browser.new_page()
    sign_in(panel, base, reviewer)
    panel.goto(f"{base}/submissions/{drafts['Ada'].pk}/review/")
    panel.get_by_label("No conflict").check()
    panel.get_by_role("button", name="Continue").click()
    expect(panel.get_by_text("30,000")).to_have_count(0)
    expect(panel.get_by_text("Commercial proposal")).to_have_count(0)
    form = panel.locator("form").filter(has=panel.locator("input[name^='rating_']"))
    for radio in form.locator("input[name^='rating_'][value='4']").all():
        radio.check()
    form.get_by_label("Yes", exact=True).check()
    panel.once("dialog", lambda dialog: dialog.accept())
    panel.get_by_role("button", name="Submit review").click()
    expect(panel.get_by_text("Your review is submitted.")).to_be_visible()
    panel.goto(f"{base}/submissions/{drafts['Ada'].pk}/")
    expect(panel.get_by_text("Commercial proposal").first).to_be_visible()
    expect(panel.get_by_text("Community manager")).to_be_visible()
    panel.close()

    # Procurement: the value ranking changes in place as the split moves, nothing saved.
    sign_in(page, base, owner)
    page.goto(f"{base}/engagements/{engagement.pk}/value/")
    expect(page.locator("[data-value-split-label]")).to_have_text("80% quality, 20% price")
    split = page.locator("[data-value-split]")
    split.fill("0")  # quality alone: the better consultant first
    expect(page.locator("[data-value-split-label]")).to_have_text("100% quality, 0% price")
    assert _value_order(page) == ["1 Ada Quill", "2 Bram Holt"]
    split.fill("100")  # price alone: the cheaper one first (4,600 against 30,000)
    assert _value_order(page) == ["1 Bram Holt", "2 Ada Quill"]
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "value_ranking.png", full_page=True)
    engagement.refresh_from_db()
    assert engagement.price_weight == 20

    # A knockout: a total below the lowest takes Bram out of the ranking, with why.
    page.goto(f"{base}/engagements/{engagement.pk}/edit/")
    lowest = math.ceil(bram.total) + 1
    page.get_by_label("Lowest total score").fill(str(lowest))
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("The engagement is saved.")).to_be_visible()
    page.goto(f"{base}/engagements/{engagement.pk}/ranking/")
    expect(page.get_by_test_id("ranking").get_by_text("Ada Quill")).to_be_visible()
    expect(page.get_by_test_id("ranking").get_by_text("Bram Holt")).to_have_count(0)
    apart = page.get_by_test_id("knocked-out")
    expect(apart.get_by_text("Bram Holt")).to_be_visible()
    expect(apart).to_contain_text(f"Total {bram.total:.0f}, below {lowest}")
    page.screenshot(path=SCREENSHOTS / "ranking_knocked_out.png", full_page=True)
    assert console_errors == []
