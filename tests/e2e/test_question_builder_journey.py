"""A buyer builds a questionnaire of their own in the browser (a choice with points, a
must-have, a number with a unit: the builder shows each kind's settings only), is told what
to fix next to a field without losing what was typed, orders the questions, previews them
as a consultant will, and publishes; a consultant answers the buyer's questions in a round
that uses the template; the buyer's ranking marks the must-have the consultant missed and
the score page explains the points."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.e2e.conftest import htmx_settled, sign_in
from tests.factories import EngagementFactory, SubmissionFactory, consultant_user
from vetting.models import EngagementStatus, Questionnaire, SubmissionStatus, User
from vetting.services import scorecards_recompute

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _add_question(page: Page, base: str, template: Questionnaire, **fields: str) -> None:
    page.goto(f"{base}/questionnaires/{template.pk}/questions/new/")
    page.locator("#id_prompt").fill(fields["prompt"])
    page.locator("#id_kind").select_option(fields["kind"])
    if "section" in fields:
        page.locator("#id_section").fill(fields["section"])
    if "options" in fields:
        page.locator("#id_options").fill(fields["options"])
    if "unit" in fields:
        page.locator("#id_unit").fill(fields["unit"])
    if fields.get("must_have"):
        page.get_by_label("Must-have").check()
    page.get_by_role("button", name="Add the question").click()
    expect(page.get_by_text(f"Added: {fields['prompt']}")).to_be_visible()


def test_a_buyer_builds_a_template_and_a_consultant_answers_it(
    page: Page, live_server: object, procurement: User, console_errors: list[str]
) -> None:
    base = live_server.url  # type: ignore[attr-defined]
    sign_in(page, base, procurement)
    page.get_by_role("link", name="Questionnaires").click()
    page.get_by_label("Title").fill("Bank social media")
    page.get_by_role("button", name="Create the template").click()
    expect(page.get_by_text("Template created")).to_be_visible()
    template = Questionnaire.objects.get(title="Bank social media")

    # The builder shows the settings of the kind chosen only, and a problem is said next to
    # its field with what was typed kept.
    page.get_by_role("link", name="Add a question").click()
    page.locator("#id_prompt").fill("Your main channel?")
    page.locator("#id_kind").select_option("single_choice")
    expect(page.locator("#id_options")).to_be_visible()
    expect(page.locator("#id_unit")).to_be_hidden()
    page.locator("#id_options").fill("Instagram = 2")
    page.get_by_role("button", name="Add the question").click()
    expect(page.get_by_text("Give at least two options, one per line.")).to_be_visible()
    expect(page.locator("#id_prompt")).to_have_value("Your main channel?")
    page.locator("#id_options").fill("Instagram = 2\nTikTok = 1\nLinkedIn")
    page.locator("#id_section").fill("Channels")
    page.get_by_role("button", name="Add the question").click()
    expect(page.get_by_text("Added: Your main channel?")).to_be_visible()

    _add_question(
        page,
        base,
        template,
        prompt="Have you worked under financial promotion rules?",
        kind="yes_no",
        must_have="on",
    )
    _add_question(
        page,
        base,
        template,
        prompt="How many people would work on it?",
        kind="number",
        unit="people",
    )
    # The last one up one place, with the keyboard-reachable button.
    page.get_by_role("button", name="Move up: How many people would work on it?").click()
    own = page.locator("[data-testid^=question-]").all_inner_texts()[7:]
    assert [text.split("\n")[0].rstrip("*") for text in own] == [
        "Your main channel?",
        "How many people would work on it?",
        "Have you worked under financial promotion rules?",
    ]

    page.get_by_role("link", name="Preview").first.click()
    expect(page.get_by_role("heading", name="Channels")).to_be_visible()
    expect(page.get_by_label("TikTok")).to_be_disabled()
    page.go_back()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Published: you can now choose it")).to_be_visible()

    # A round on the template; the consultant answers the buyer's questions.
    round_ = EngagementFactory(
        owner=procurement,
        status=EngagementStatus.OPEN,
        opened_at=timezone.now(),
        questionnaire=template,
        title="Bank launch",
    )
    person = consultant_user(email="nadia@karim.example", first_name="Nadia", last_name="Karim")
    draft = SubmissionFactory(engagement=round_, consultant=person.consultant)
    other = page.context.browser.new_page()  # type: ignore[union-attr]
    sign_in(other, base, person)
    other.goto(f"{base}/submissions/{draft.pk}/answer/")
    htmx_settled(other)
    with other.expect_response(lambda r: r.url.endswith("/answers/your_main_channel/")):
        other.get_by_label("TikTok").check()
    with other.expect_response(
        lambda r: r.url.endswith("/answers/have_you_worked_under_financial_promotion_rules/")
    ):
        other.locator("#id_have_you_worked_under_financial_promotion_rules_no").check()
    expect(
        other.get_by_test_id("must-have-have_you_worked_under_financial_promotion_rules")
    ).to_be_visible()
    other.close()

    draft.status = SubmissionStatus.SUBMITTED
    draft.submitted_at = timezone.now()
    draft.save()
    scorecards_recompute([draft.pk])

    page.goto(f"{base}/engagements/{round_.pk}/ranking/")
    expect(page.get_by_test_id("knocked-out")).to_contain_text("Answered no to a must-have")
    page.goto(f"{base}/engagements/{round_.pk}/ranking/?flag=knockout")
    expect(page.get_by_test_id("ranking").get_by_text("misses a must-have")).to_be_visible()
    page.goto(f"{base}/submissions/{draft.pk}/score/")
    expect(page.get_by_text("Does not meet must-have").first).to_be_visible()
    # In the criterion's sources, folded until the buyer opens them.
    expect(page.get_by_text("TikTok, 1 of 2 points").first).to_be_attached()
    # The refused question answered 422 (the page says what to fix), which Chromium logs.
    assert [e for e in console_errors if "422" not in e] == []
