"""A reviewer declares no conflict, rates every criterion against its anchors, submits, and
then sees the other reviewer's review and the updated score; an incomplete submit marks
what is missing and keeps what was rated; autosaving applies no inline style (the CSP
would block it)."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.factories import (
    PASSWORD,
    EngagementFactory,
    UserFactory,
    submitted_quickly,
    submitted_review,
)
from vetting.models import EngagementStatus, Review, ScoreCard
from vetting.roles import Role
from vetting.scoring.rubric import CRITERION_KEYS
from vetting.services import scorecards_recompute

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NOTE = "Starts from the buyer's market; the references back the results."


def _leave_style_attributes(page: Page) -> None:
    """Do to the form what screenshot tools, password managers and other extensions do:
    touch a field's style through the CSSOM, which leaves a style attribute behind (an
    empty one here, as Playwright's own screenshots leave). htmx used to copy that
    attribute onto the version field it swaps in after each autosave: an inline style,
    which the CSP (style-src 'self') blocks and logs."""
    page.evaluate(
        """() => document.querySelectorAll("form input, form textarea").forEach((field) => {
            field.style.caretColor = "transparent";
            field.style.caretColor = "";
        })"""
    )


def _sign_in(page: Page, live_server, user) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_username").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_a_reviewer_rates_submits_and_then_sees_the_others_and_the_score(
    page: Page, live_server, console_errors
):
    owner = UserFactory(role=Role.PROCUREMENT, first_name="Priya")
    reviewer = UserFactory(email="marcus@northwind.example", first_name="Marcus", role=Role.MANAGER)
    engagement = EngagementFactory(
        owner=owner, status=EngagementStatus.OPEN, opened_at=timezone.now()
    )
    engagement.reviewers.add(reviewer)
    submission = submitted_quickly(engagement, name="Amara Lewis")
    submitted_review(submission, owner, dict.fromkeys(CRITERION_KEYS, 2), note=NOTE)
    scorecards_recompute([submission.pk])
    before = ScoreCard.objects.get(submission=submission).total

    _sign_in(page, live_server, reviewer)
    page.get_by_role("link", name="Reviews", exact=True).click()
    page.get_by_role("link", name="Review Amara Lewis").click()

    # The answers stay hidden until the conflict question is answered.
    expect(page.get_by_role("heading", name=re.compile("conflict of interest"))).to_be_visible()
    page.get_by_label("No conflict").check()
    page.get_by_role("button", name="Continue").click()

    form = page.get_by_test_id("review-form")
    expect(form).to_be_visible()
    expect(page.get_by_text(NOTE)).to_have_count(0)  # blind: the other review is not shown
    _leave_style_attributes(page)
    for key in CRITERION_KEYS:
        form.locator(f"input[name='rating_{key}'][value='5']").check()
    expect(page.locator("#review-status")).to_contain_text("Draft saved")
    form.get_by_label("Strong yes").check()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Submit review").click()

    expect(page.get_by_text("Your review is submitted.")).to_be_visible()
    expect(page.get_by_test_id("other-reviews")).to_contain_text(NOTE)
    page.get_by_role("link", name="Score").first.click()
    expect(page.get_by_test_id("total")).to_be_visible()
    ratings = page.get_by_test_id("ratings")
    expect(ratings).to_contain_text("Marcus")
    expect(ratings).to_contain_text("Priya")

    after = ScoreCard.objects.get(submission=submission).total
    assert after > before  # five-star ratings raised the score
    expect(page.get_by_test_id("total")).to_contain_text(f"{after:.0f}")
    assert Review.objects.get(submission=submission, reviewer=reviewer).is_submitted
    assert console_errors == []


def test_an_incomplete_submit_marks_what_is_missing_and_keeps_what_was_rated(
    page: Page, live_server, console_errors
):
    owner = UserFactory(role=Role.PROCUREMENT)
    engagement = EngagementFactory(
        owner=owner, status=EngagementStatus.OPEN, opened_at=timezone.now()
    )
    submission = submitted_quickly(engagement, name="Amara Lewis")
    _sign_in(page, live_server, owner)
    page.goto(f"{live_server.url}/submissions/{submission.pk}/review/")
    page.get_by_label("No conflict").check()
    page.get_by_role("button", name="Continue").click()

    form = page.get_by_test_id("review-form")
    _leave_style_attributes(page)
    for key in CRITERION_KEYS:
        if key not in ("accomplishments", "references"):
            form.locator(f"input[name='rating_{key}'][value='3']").check()
    expect(page.locator("#review-status")).to_contain_text("Draft saved")
    form.locator("textarea[name='note_references']").fill("Call the second referee.")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Submit review").click()

    summary = page.get_by_test_id("review-problems")
    expect(summary).to_be_focused()  # read first, and scrolled to
    expect(summary).to_contain_text("2 criteria still need a rating")
    expect(summary).to_contain_text("Your ratings so far are saved as a draft.")
    references = page.locator("#criterion-references")
    expect(references).to_contain_text("Rate this criterion to submit.")
    expect(references.locator("input.is-invalid")).to_have_count(5)
    expect(page.locator("#criterion-business_background input.is-invalid")).to_have_count(0)
    expect(form.locator("textarea[name='note_references']")).to_have_value(
        "Call the second referee."
    )
    expect(form.locator("input[name='rating_media_vs_marketing'][value='3']")).to_be_checked()

    summary.get_by_role("link", name="References").click()
    expect(references).to_be_in_viewport()
    references.locator("input[value='4']").check()
    form.locator("input[name='rating_accomplishments'][value='4']").check()
    form.get_by_label("Yes", exact=True).check()
    expect(page.locator("#review-status")).to_contain_text("Draft saved")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Submit review").click()

    expect(page.get_by_text("Your review is submitted.")).to_be_visible()
    review = Review.objects.get(submission=submission, reviewer=owner)
    assert review.is_submitted
    assert review.ratings.get(criterion="references").note == "Call the second referee."
    # The incomplete submit answers 422, which Chromium logs; a CSP violation it must not.
    assert [e for e in console_errors if "Content Security Policy" in e] == []
