"""Promises checked after hiring: a selection schedules a delivery review with the
consultant's own words; it is emailed when due (once), rated point by point in a draft,
submitted, refused from a stale tab; the outcome report's figures (recomputed here
independently), its warning below the minimum sample, adopting its weights for new
rounds, and the pinned query counts of the list and the report."""

from __future__ import annotations

import statistics
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.vendor_helpers import make_admin, select
from vetting.demo.delivery import GREEN_SIGNAL, HIRES, RED_SIGNAL, seed_delivery_history
from vetting.forms.engagements import EngagementForm
from vetting.models import (
    DeliveryReview,
    DeliveryReviewStatus,
    Membership,
    Organisation,
    OrganisationRole,
    Outcome,
    PointKind,
    Questionnaire,
    User,
)
from vetting.scoring.outcomes import MIN_SAMPLE, TOO_FEW
from vetting.scoring.rubric import DEFAULT_WEIGHTS
from vetting.services import decision_record
from vetting.services.delivery import (
    delivery_reminders_send,
    delivery_review_reschedule,
    weighting_adopt,
)
from vetting.services.engagements import engagement_create
from vetting.services.errors import ServiceError
from vetting.services.organisations import default_organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def selected(procurement: User, consultant: User) -> DeliveryReview:
    from tests.factories import submitted_with_checks

    submission = submitted_with_checks(consultant=consultant, owner=procurement)
    select(submission, procurement)
    return DeliveryReview.objects.get(submission=submission)


@pytest.fixture
def organisation(procurement: User) -> Organisation:
    organisation = default_organisation()
    Membership.objects.update_or_create(
        organisation=organisation, user=procurement, defaults={"role": OrganisationRole.ADMIN}
    )
    return organisation


def _rate_all(review: DeliveryReview, rating: str = "delivered") -> dict[str, str]:
    data = {f"rating_{p.pk}": rating for p in review.points.all()}
    data.update({f"note_{p.pk}": "" for p in review.points.all()})
    return data


def test_selecting_schedules_a_delivery_review_of_the_consultants_own_words(
    selected: DeliveryReview,
) -> None:
    review = selected
    submission = review.submission
    first_steps = submission.answers.get(question__key="first_steps").value
    points = list(review.points.all())

    assert review.status == DeliveryReviewStatus.SCHEDULED
    assert review.due_on == timezone.localdate() + timedelta(days=90)
    steps = [p.text for p in points if p.kind == PointKind.FIRST_STEP]
    assert steps and " ".join(steps).split() == first_steps.split()
    assert any(p.kind == PointKind.OUTCOME for p in points)
    card = submission.scorecard
    assert review.card_values["accomplishments"] == card.accomplishments
    assert review.card_total == card.total


def test_changing_the_selection_cancels_the_open_review(
    selected: DeliveryReview, procurement: User
) -> None:
    decision_record(
        submission=selected.submission,
        by=procurement,
        outcome=Outcome.REJECT,
        rationale="The budget went elsewhere.",
        expected_version=selected.submission.decision.version,
    )
    selected.refresh_from_db()
    assert selected.status == DeliveryReviewStatus.CANCELLED


def test_a_due_review_emails_the_owner_and_the_assignee_once(
    selected: DeliveryReview, procurement: User, django_capture_on_commit_callbacks
) -> None:
    colleague = make_admin(selected.organisation, email="colleague@example.com")
    delivery_review_reschedule(
        review=selected, by=procurement, due_on=timezone.localdate(), assignee=colleague
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert delivery_reminders_send() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert delivery_reminders_send() == 0
    assert sorted(m.to[0] for m in mail.outbox) == sorted([procurement.email, colleague.email])
    assert "Delivery review due" in mail.outbox[0].subject


def test_an_outsider_cannot_be_assigned(selected: DeliveryReview, procurement: User) -> None:
    stranger = User.objects.create(email="stranger@example.com")
    with pytest.raises(ServiceError, match="colleague"):
        delivery_review_reschedule(
            review=selected,
            by=procurement,
            due_on=timezone.localdate(),
            assignee=stranger,
        )


def test_submitting_unrated_points_shows_the_errors_beside_them_keeping_what_was_typed(
    client, selected: DeliveryReview, procurement: User
) -> None:
    client.force_login(procurement)
    first = selected.points.first()
    response = client.post(
        selected.get_absolute_url(),
        {f"note_{first.pk}": "Two of five interviews happened.", "submit": "on", "version": 1},
    )
    assert response.status_code == 422
    html = response.text
    assert "Rate this point before submitting." in html
    assert "Give the overall rating before submitting." in html
    assert "Two of five interviews happened." in html
    selected.refresh_from_db()
    assert selected.status == DeliveryReviewStatus.SCHEDULED


def test_a_review_is_saved_as_a_draft_then_submitted_and_a_stale_tab_is_refused(
    client, selected: DeliveryReview, procurement: User
) -> None:
    client.force_login(procurement)
    url = selected.get_absolute_url()
    draft = {**_rate_all(selected, "partly"), "overall_rating": "3", "version": 1}
    assert client.post(url, draft).status_code == 302
    selected.refresh_from_db()
    assert selected.status == DeliveryReviewStatus.DRAFT

    stale = client.post(url, {**draft, "summary": "From the other tab."})  # version 1 again
    assert stale.status_code == 409
    assert "changed in another window" in stale.text
    assert "From the other tab." in stale.text

    final = {**_rate_all(selected), "overall_rating": "4", "submit": "on", "version": 2}
    assert client.post(url, final).status_code == 302
    selected.refresh_from_db()
    assert selected.status == DeliveryReviewStatus.SUBMITTED
    assert selected.overall_rating == 4
    assert {p.rating for p in selected.points.all()} == {"delivered"}
    assert selected.history.count() >= 3  # scheduled, draft, submitted


def test_the_api_rates_and_submits_through_the_same_rules(
    selected: DeliveryReview, procurement: User
) -> None:
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(procurement)
    url = f"/api/v1/delivery-reviews/{selected.pk}/"
    refused = api.patch(url, {"submit": True}, format="json")
    assert refused.status_code == 400
    assert "overall_rating" in refused.json()
    points = [{"id": p.pk, "rating": "delivered"} for p in selected.points.all()]
    done = api.patch(
        url, {"points": points, "overall_rating": 5, "submit": True, "version": 1}, format="json"
    )
    assert done.status_code == 200, done.json()
    assert done.json()["status"] == "submitted"
    assert api.patch(url, {"summary": "Late."}, format="json").status_code == 409


def _independent(hires: list[tuple]) -> dict[str, object]:
    """The report's figures computed another way: the standard library's correlation, and
    the halves by sorting the raw rows."""
    delivery = [float(h[0]) for h in hires]
    accomplishments = [h[1] for h in hires]
    order = sorted(range(len(hires)), key=lambda i: (accomplishments[i], i))
    half = len(hires) // 2
    return {
        "r": statistics.correlation(accomplishments, delivery),
        "bottom": statistics.fmean(delivery[i] for i in order[:half]),
        "top": statistics.fmean(delivery[i] for i in order[-half:]),
        "red": statistics.fmean(float(h[0]) for h in hires if h[5]),
        "not_red": statistics.fmean(float(h[0]) for h in hires if not h[5]),
    }


def test_the_report_figures_are_recomputed_independently(
    client, organisation: Organisation, procurement: User
) -> None:
    seed_delivery_history(organisation=organisation, owner=procurement)
    client.force_login(procurement)
    report = client.get("/api/v1/outcomes/report/").json()
    expected = _independent(list(HIRES))

    assert report["hires"] == len(HIRES) and report["warning"] is None
    criterion = next(c for c in report["criteria"] if c["key"] == "accomplishments")
    assert criterion["n"] == len(HIRES) and criterion["enough"]
    assert criterion["r"] == pytest.approx(expected["r"])
    assert criterion["top_mean"] == pytest.approx(expected["top"])
    assert criterion["bottom_mean"] == pytest.approx(expected["bottom"])
    red = next(s for s in report["signals"] if s["code"] == RED_SIGNAL)
    assert red["fired_mean"] == pytest.approx(expected["red"])
    assert red["not_mean"] == pytest.approx(expected["not_red"])
    assert red["fired_n"] + red["not_n"] == len(HIRES)
    assert any(s["code"] == GREEN_SIGNAL for s in report["signals"])
    weights = {w["key"]: w for w in report["weights"]}
    assert weights["accomplishments"]["suggested"] > weights["accomplishments"]["current"]
    assert sum(w["suggested"] for w in report["weights"]) == 100

    page = client.get(reverse("delivery:report")).text
    assert f"{len(HIRES)} hires" in page
    assert f"{expected['r']:.2f}" in page


def test_below_the_minimum_sample_the_report_warns_and_adopting_is_refused(
    client, organisation: Organisation, procurement: User
) -> None:
    seed_delivery_history(organisation=organisation, owner=procurement, hires=MIN_SAMPLE - 3)
    client.force_login(procurement)
    page = client.get(reverse("delivery:report")).text
    assert TOO_FEW in page
    assert "Adopting is possible once" in page
    with pytest.raises(ServiceError, match="Too few hires"):
        weighting_adopt(organisation=organisation, by=procurement)


def test_adopted_weights_prefill_new_rounds_and_the_round_records_them(
    client, organisation: Organisation, procurement: User
) -> None:
    seed_delivery_history(organisation=organisation, owner=procurement)
    weighting = weighting_adopt(organisation=organisation, by=procurement, expected_number=0)
    assert weighting.number == 1 and weighting.hires == len(HIRES)
    assert weighting.weights != DEFAULT_WEIGHTS and sum(weighting.weights.values()) == 100
    assert f"v1, adopted {timezone.localdate().strftime('%-d %b %Y')} from 12 hires" in (
        weighting.label
    )
    with pytest.raises(ServiceError, match="meanwhile"):
        weighting_adopt(organisation=organisation, by=procurement, expected_number=0)

    form = EngagementForm(owner=procurement, organisation=organisation)
    assert form["weight_accomplishments"].initial == weighting.weights["accomplishments"]
    engagement, _ = engagement_create(
        owner=procurement,
        organisation=organisation,
        data={
            "title": "New round",
            "target_market": "Finance teams.",
            "goals": "Demo requests.",
            "timing": "Spring.",
            "deadline": timezone.now() + timedelta(days=30),
            "weights": dict(weighting.weights),
            "questionnaire": Questionnaire.objects.default(),
        },
        reviewers=[],
    )
    assert engagement.weighting == weighting
    client.force_login(procurement)
    assert weighting.label in client.get(engagement.get_absolute_url()).text


def test_a_manager_reads_but_does_not_adopt(organisation: Organisation, manager: User) -> None:
    from django.core.exceptions import PermissionDenied

    Membership.objects.update_or_create(
        organisation=organisation, user=manager, defaults={"role": OrganisationRole.MANAGER}
    )
    with pytest.raises(PermissionDenied):
        weighting_adopt(organisation=organisation, by=manager)


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_list_and_the_report_cost_the_same_queries_with_few_and_many_hires(
    client, organisation: Organisation, procurement: User
) -> None:
    client.force_login(procurement)
    seed_delivery_history(organisation=organisation, owner=procurement, hires=2)
    list_url = reverse("delivery:list") + "?show=all"
    few = (_queries(client, list_url), _queries(client, reverse("delivery:report")))
    seed_delivery_history(organisation=organisation, owner=procurement)
    many = (_queries(client, list_url), _queries(client, reverse("delivery:report")))
    # The list: session, user, (navigation) and the reviews with their consultant, round and
    # owner in one query. The report: session, user, the organisation the user works in,
    # its reviews (one query) and its weightings (one).
    assert few == many


def test_the_api_list_costs_the_same_queries_with_few_and_many_reviews(
    client, organisation: Organisation, procurement: User
) -> None:
    client.force_login(procurement)
    seed_delivery_history(organisation=organisation, owner=procurement, hires=2)
    few = _queries(client, "/api/v1/delivery-reviews/")
    seed_delivery_history(organisation=organisation, owner=procurement)
    # Session, user, the reviews with their consultant and round, their points (one
    # prefetch), and the page's count.
    assert _queries(client, "/api/v1/delivery-reviews/") == few
