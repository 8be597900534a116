"""Promises checked after hiring, in a browser, with seeded history: the buyer finds a due
delivery review on their home page, rates what was delivered point by point against the
consultant's own first steps, submits it, opens the outcome report (figures with the
number of hires behind each), adopts the suggested weights, and a new round starts from
them."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.e2e.conftest import sign_in
from tests.factories import EngagementFactory, UserFactory, consultant_user, submitted_quickly
from vetting.demo.delivery import HIRES, seed_delivery_history
from vetting.models import DeliveryReview, EngagementStatus, Membership, OrganisationRole
from vetting.roles import Role
from vetting.services import scorecards_recompute
from vetting.services.delivery import delivery_review_reschedule
from vetting.services.organisations import default_organisation

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = "/tmp/p3"


def test_a_buyer_reviews_a_delivery_reads_the_report_and_adopts_its_weights(
    page: Page, live_server, console_errors
) -> None:
    owner = UserFactory(role=Role.PROCUREMENT, first_name="Priya", email="priya@acme.example")
    organisation = default_organisation()
    Membership.objects.update_or_create(
        organisation=organisation, user=owner, defaults={"role": OrganisationRole.ADMIN}
    )
    seed_delivery_history(organisation=organisation, owner=owner)
    engagement = EngagementFactory(
        owner=owner,
        organisation=organisation,
        status=EngagementStatus.OPEN,
        opened_at=timezone.now(),
    )
    consultant = consultant_user(email="clara@example.com", first_name="Clara")
    submission = submitted_quickly(engagement, consultant=consultant.consultant)
    scorecards_recompute([submission.pk])
    from tests.vendor_helpers import select

    select(submission, owner)
    review = DeliveryReview.objects.get(submission=submission)
    delivery_review_reschedule(review=review, by=owner, due_on=timezone.localdate(), assignee=None)
    points = review.points.count()
    assert points >= 2

    # The home page's to-do names the due review; it opens on the consultant's own words.
    sign_in(page, live_server.url, owner)
    page.goto(f"{live_server.url}/home/")
    due = page.get_by_test_id("delivery-due")
    expect(due).to_contain_text(consultant.consultant.name)
    due.get_by_role("link", name=consultant.consultant.name).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("What did")
    expect(page.get_by_test_id("review-state")).to_have_text("Due")

    # Submitting with nothing rated says what is missing beside each point.
    page.get_by_role("button", name="Submit the review").click()
    expect(page.get_by_test_id("point-1")).to_contain_text("Rate this point before submitting.")
    expect(page.get_by_test_id("overall-error")).to_be_visible()

    # Point by point: the first partly, the rest delivered, with a note; overall 4.
    first = page.get_by_test_id("point-1")
    first.get_by_label("Partly delivered").check()
    first.get_by_label("Note (optional)").fill("Three of the five interviews happened.")
    for position in range(2, points + 1):
        page.get_by_test_id(f"point-{position}").get_by_label("Delivered", exact=True).check()
    page.get_by_label("4: most of it").check()
    page.get_by_label("Summary").fill("Good listening work; the plan came two weeks late.")
    page.screenshot(path=f"{SCREENSHOTS}/delivery_review.png", full_page=True)
    page.get_by_role("button", name="Submit the review").click()
    expect(page.get_by_role("alert").first).to_contain_text("Delivery review submitted")
    expect(page.get_by_test_id("review-state")).to_have_text("Submitted")
    expect(page.get_by_test_id("delivery-points")).to_contain_text("Partly delivered")

    # The outcome report, from the navigation: figures with the hires behind each.
    page.get_by_role("button", name="More").click()  # the pages opened now and then
    page.get_by_role("link", name="Delivery reviews").first.click()
    page.get_by_role("link", name="Outcome report").first.click()
    hires = len(HIRES) + 1
    expect(page.get_by_test_id("report-hires")).to_have_text(f"{hires} hires")
    row = page.get_by_test_id("criterion-accomplishments")
    expect(row.get_by_test_id("n")).to_have_text(str(hires))
    expect(page.get_by_test_id("signals-table")).to_contain_text("hires")
    expect(page.locator("#outcome-chart")).to_be_visible()
    suggested = page.get_by_test_id("weight-accomplishments").get_by_test_id("suggested")
    weight = suggested.inner_text().rstrip("%")
    page.screenshot(path=f"{SCREENSHOTS}/outcome_report.png", full_page=True)

    # Adopting the suggestion names it; a new round starts from it.
    page.get_by_label("Name of the weighting").fill("Acme outcome weighting")
    page.get_by_role("button", name="Adopt for future rounds").click()
    expect(page.get_by_role("alert").first).to_contain_text("Acme outcome weighting v1")
    expect(page.get_by_test_id("current-weighting")).to_contain_text("v1")
    page.goto(f"{live_server.url}/engagements/new/")
    expect(page.get_by_test_id("weighting-prefill")).to_contain_text("Acme outcome weighting v1")
    expect(page.get_by_label("Accomplishments")).to_have_value(weight)
    # Only the refused submission's 422 (nothing rated yet) shows in the console.
    assert [e for e in console_errors if "422" not in e] == []
