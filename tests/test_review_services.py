"""Reviewer scorecards through their services: who reviews, conflicts first, complete
submits, no lost updates between tabs, calibration and consensus, and a score card that is
recomputed only when its inputs change."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    ALL_FOURS,
    EngagementFactory,
    SubmissionFactory,
    UserFactory,
    submitted_review,
    submitted_with_checks,
)
from vetting.concurrency import StaleVersionError
from vetting.models import (
    EngagementStatus,
    Review,
    ReviewRating,
    ScoreCard,
    Submission,
    SubmissionStatus,
    User,
)
from vetting.roles import Role
from vetting.services import (
    NotReady,
    ServiceError,
    conflict_override,
    consensus_set,
    engagement_update,
    require_reviewer,
    review_declare_conflict,
    review_for,
    review_missing,
    review_save,
    review_start,
    scorecard_recompute,
)
from vetting.tasks import notify_conflict_overridden

pytestmark = pytest.mark.django_db


@pytest.fixture
def submission(procurement: User, manager: User, consultant: User) -> Submission:
    """Submitted to a round owned by `procurement`, with `manager` assigned as reviewer."""
    submission = submitted_with_checks(consultant=consultant, owner=procurement)
    submission.engagement.reviewers.add(manager)
    return submission


def _declared(submission: Submission, reviewer: User, **conflict: object) -> Review:
    review = review_for(submission=submission, reviewer=reviewer)
    conflict.setdefault("has_conflict", False)
    return review_declare_conflict(review=review, by=reviewer, **conflict)


def _save(review: Review, by: User, *, version: int | None = None, **changes: object) -> Review:
    fields = {
        "ratings": {},
        "notes": {},
        "recommendation": "",
        "overall_note": "",
        "expected_version": version,
        **changes,
    }
    return review_save(review=review, by=by, **fields)


def _card(submission: Submission) -> ScoreCard:
    return ScoreCard.objects.get(submission=submission)


def _source(card: ScoreCard, criterion: str, kind: str) -> dict:
    return next(s for s in card.criterion(criterion)["sources"] if s["kind"] == kind)


# --- Who reviews ---------------------------------------------------------------------------


def test_the_owner_and_assigned_reviewers_start_a_review_with_seven_empty_ratings(
    submission, procurement, manager
):
    for reviewer in (procurement, manager):
        review = review_for(submission=submission, reviewer=reviewer)

        assert review.reviewer == reviewer
        assert review.has_conflict is None
        assert sorted(r.criterion for r in review.ratings.all()) == sorted(ALL_FOURS)
        assert {r.rating for r in review.ratings.all()} == {None}
    assert review_for(submission=submission, reviewer=manager) == review  # the same one


@pytest.mark.parametrize(
    "who", ["consultant", "other_consultant", "outsider", "unassigned_manager", "other_buyer"]
)
def test_nobody_else_may_review(submission, request, who):
    users = {
        "unassigned_manager": lambda: UserFactory(role=Role.MANAGER),
        "other_buyer": lambda: UserFactory(role=Role.PROCUREMENT),
    }
    user = users[who]() if who in users else request.getfixturevalue(who)

    with pytest.raises(PermissionDenied):
        review_for(submission=submission, reviewer=user)
    assert not Review.objects.exists()


def test_a_submission_is_reviewed_only_once_submitted(procurement):
    engagement = EngagementFactory(owner=procurement, status=EngagementStatus.OPEN)
    invited = SubmissionFactory(engagement=engagement)

    with pytest.raises(ServiceError, match="once the consultant has submitted"):
        review_for(submission=invited, reviewer=procurement)


def test_checking_who_may_review_writes_nothing(submission, manager, outsider):
    require_reviewer(submission=submission, reviewer=manager)

    with pytest.raises(PermissionDenied):
        require_reviewer(submission=submission, reviewer=outsider)
    assert not Review.objects.exists()


def test_a_review_starts_with_its_conflict_declaration(submission, manager):
    review = review_start(submission=submission, by=manager, has_conflict=False)

    assert review.reviewer == manager and review.has_conflict is False
    assert {r.rating for r in review.ratings.all()} == {None}
    assert review.ratings.count() == len(ALL_FOURS)


def test_a_review_started_without_a_declaration_is_declared_on_start(submission, manager):
    started = review_for(submission=submission, reviewer=manager)  # as the API starts one

    review = review_start(submission=submission, by=manager, has_conflict=True, note="Ex-partner")

    assert review.pk == started.pk and review.has_conflict is True


def test_starting_with_a_conflict_but_no_note_leaves_no_review(submission, manager):
    with pytest.raises(ServiceError, match="Say what the conflict is"):
        review_start(submission=submission, by=manager, has_conflict=True, note=" ")

    assert not Review.objects.exists()


def test_outsiders_cannot_start_a_review(submission, outsider):
    with pytest.raises(PermissionDenied):
        review_start(submission=submission, by=outsider, has_conflict=False)
    assert not Review.objects.exists()


# --- Conflicts of interest -----------------------------------------------------------------


def test_rating_before_declaring_a_conflict_is_refused(submission, manager):
    review = review_for(submission=submission, reviewer=manager)

    with pytest.raises(ServiceError, match="Declare any conflict"):
        _save(review, manager, ratings={"references": 4})
    assert not ReviewRating.objects.filter(rating__isnull=False).exists()


def test_a_declared_conflict_needs_a_note(submission, manager):
    review = review_for(submission=submission, reviewer=manager)

    with pytest.raises(ServiceError, match="Say what the conflict is"):
        review_declare_conflict(review=review, by=manager, has_conflict=True, note="  ")
    review.refresh_from_db()
    assert review.has_conflict is None


def test_only_the_reviewer_declares_their_conflict_and_only_once(submission, manager, procurement):
    review = review_for(submission=submission, reviewer=manager)

    with pytest.raises(PermissionDenied):
        review_declare_conflict(review=review, by=procurement, has_conflict=False)
    review_declare_conflict(review=review, by=manager, has_conflict=False)
    with pytest.raises(ServiceError, match="already made"):
        review_declare_conflict(review=review, by=manager, has_conflict=True, note="Oops")


def test_a_declared_conflict_emails_the_owner(
    submission, manager, procurement, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _declared(submission, manager, has_conflict=True, note="I worked with her at Acme.")

    [email] = mail.outbox
    assert email.to == [procurement.email]
    assert "I worked with her at Acme." in email.body


def test_declaring_no_conflict_emails_nobody(
    submission, manager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _declared(submission, manager)

    assert mail.outbox == []


def test_a_conflicted_reviewer_rates_only_once_the_owner_overrides_with_a_reason(
    submission, manager, procurement, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submitted_review(submission, procurement, dict.fromkeys(ALL_FOURS, 5))
        conflicted = _declared(submission, manager, has_conflict=True, note="Former colleague.")
    with pytest.raises(ServiceError, match="declared a conflict"):
        _save(conflicted, manager, ratings=dict.fromkeys(ALL_FOURS, 1), recommendation="no")
    assert _source(_card(submission), "references", "reviews")["value"] == 1.0  # owner only

    with pytest.raises(PermissionDenied):
        conflict_override(review=conflicted, by=manager, reason="I am fair.")
    with pytest.raises(ServiceError, match="reason"):
        conflict_override(review=conflicted, by=procurement, reason=" ")
    with django_capture_on_commit_callbacks(execute=True):
        conflict_override(review=conflicted, by=procurement, reason="Ten years ago; fine.")
        conflicted.refresh_from_db()
        _save(
            conflicted,
            manager,
            ratings=dict.fromkeys(ALL_FOURS, 1),
            recommendation="strong_no",
            submit=True,
        )

    conflicted.refresh_from_db()
    assert conflicted.conflict_overridden_by == procurement
    assert conflicted.conflict_override_reason == "Ten years ago; fine."
    assert _source(_card(submission), "references", "reviews")["value"] == 0.5  # mean of 5, 1


def test_overriding_a_conflict_emails_the_reviewer_once_after_the_commit(
    submission, manager, procurement, django_capture_on_commit_callbacks
):
    conflicted = _declared(submission, manager, has_conflict=True, note="Former colleague.")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=False) as pending:
        conflict_override(review=conflicted, by=procurement, reason="Ten years ago; fine.")
    assert mail.outbox == []  # nothing before the commit
    for callback in pending:
        callback()

    [email] = mail.outbox
    assert email.to == [manager.email]
    assert "Ten years ago; fine." in email.body
    assert procurement.display_name in email.body
    assert reverse("submissions:review", args=[submission.pk]) in email.body
    assert notify_conflict_overridden(conflicted.pk) is False  # a retry sends nothing more
    assert len(mail.outbox) == 1


def test_a_review_without_a_conflict_cannot_be_overridden(submission, manager, procurement):
    review = _declared(submission, manager)

    with pytest.raises(ServiceError, match="no conflict"):
        conflict_override(review=review, by=procurement, reason="Just in case.")


# --- Saving and submitting -----------------------------------------------------------------


def test_submitting_needs_all_seven_ratings_and_a_recommendation(submission, manager):
    review = _declared(submission, manager)
    partial = {k: v for k, v in ALL_FOURS.items() if k != "references"}

    with pytest.raises(NotReady) as refused:
        _save(review, manager, ratings=partial, submit=True)

    assert refused.value.problems == ["Rate references.", "Give an overall recommendation."]
    review.refresh_from_db()
    assert not review.is_submitted


def test_what_a_review_still_needs_is_listed_in_rubric_order():
    rated = {**ALL_FOURS, "experience_social": None, "references": None}

    assert review_missing(ratings=rated, recommendation="") == [
        "experience_social",
        "references",
        "recommendation",
    ]
    assert review_missing(ratings=ALL_FOURS, recommendation="yes") == []


def test_an_incomplete_submit_names_the_criteria_as_reviewers_read_them(submission, manager):
    review = _declared(submission, manager)
    partial = {k: v for k, v in ALL_FOURS.items() if k != "experience_social"}

    with pytest.raises(NotReady) as refused:
        _save(review, manager, ratings=partial, recommendation="yes", submit=True)

    assert refused.value.problems == ["Rate social media experience."]


def test_a_submitted_review_can_no_longer_change(submission, manager):
    review = submitted_review(submission, manager)

    with pytest.raises(ServiceError, match="submitted"):
        _save(review, manager, ratings={**ALL_FOURS, "references": 1}, recommendation="no")
    assert review.ratings.get(criterion="references").rating == 4


def test_only_the_reviewer_edits_their_review(submission, manager, procurement):
    review = _declared(submission, manager)

    with pytest.raises(PermissionDenied):
        _save(review, procurement, ratings=ALL_FOURS)


def test_a_save_from_a_stale_tab_is_refused_and_overwrites_nothing(submission, manager):
    review = _declared(submission, manager)
    opened = review.version  # both tabs render this version

    _save(review, manager, version=opened, ratings={"references": 5}, overall_note="Tab one")
    with pytest.raises(StaleVersionError):
        _save(review, manager, version=opened, ratings={"references": 1}, overall_note="Tab two")

    review.refresh_from_db()
    assert review.version == opened + 1
    assert review.overall_note == "Tab one"
    assert review.ratings.get(criterion="references").rating == 5


def test_submitting_puts_the_submission_under_review_and_scores_it(
    submission, manager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        review = submitted_review(submission, manager, {"references": 5})

    submission.refresh_from_db()
    assert review.is_submitted and review.submitted_at is not None
    assert submission.status == SubmissionStatus.UNDER_REVIEW
    source = _source(_card(submission), "references", "reviews")
    assert source["value"] == 1.0
    assert "from 1 review(s)" in source["explanation"]


# --- Calibration and consensus -------------------------------------------------------------


@pytest.fixture
def disagreement(submission, procurement, manager, django_capture_on_commit_callbacks):
    """The owner rates media vs marketing 5, the reviewer 3; everything else 4."""
    with django_capture_on_commit_callbacks(execute=True):
        submitted_review(submission, procurement, {"media_vs_marketing": 5})
        submitted_review(submission, manager, {"media_vs_marketing": 3})
    return submission


def test_ratings_two_points_apart_mark_the_criterion_for_calibration(disagreement):
    card = _card(disagreement)

    assert card.criterion("media_vs_marketing")["needs_calibration"] is True
    assert card.criterion("accomplishments")["needs_calibration"] is False
    assert "calibrate_media_vs_marketing" in {f["code"] for f in card.data["flags"]}


def test_the_owners_consensus_replaces_the_mean(
    disagreement, procurement, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        consensus_set(
            submission=disagreement,
            by=procurement,
            criterion="media_vs_marketing",
            rating=4,
            reason="We read the plan again together.",
        )

    row = _card(disagreement).criterion("media_vs_marketing")
    assert [s["kind"] for s in row["sources"]] == ["auto", "consensus"]
    assert row["sources"][1]["value"] == 0.75
    assert "We read the plan again together." in row["sources"][1]["explanation"]
    assert row["needs_calibration"] is False


@pytest.mark.parametrize(
    ("rating", "reason", "problem"),
    [(6, "Agreed.", "between 1 and 5"), (3, " ", "how the panel")],
)
def test_a_consensus_needs_a_rating_from_1_to_5_and_a_reason(
    disagreement, procurement, rating, reason, problem
):
    with pytest.raises(ServiceError, match=problem):
        consensus_set(
            submission=disagreement,
            by=procurement,
            criterion="media_vs_marketing",
            rating=rating,
            reason=reason,
        )


def test_only_the_owner_records_a_consensus(disagreement, manager):
    with pytest.raises(PermissionDenied):
        consensus_set(
            submission=disagreement,
            by=manager,
            criterion="media_vs_marketing",
            rating=4,
            reason="I decide.",
        )


# --- Recomputing ---------------------------------------------------------------------------


def test_recomputing_unchanged_inputs_writes_nothing(submission, manager):
    submitted_review(submission, manager)
    assert scorecard_recompute(submission.pk) is True
    before = _card(submission)

    with CaptureQueriesContext(connection) as queries:
        changed = scorecard_recompute(submission.pk)

    assert changed is False
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UP"))]
    assert writes == []
    after = _card(submission)
    assert (after.computed_at, after.inputs_hash) == (before.computed_at, before.inputs_hash)


def test_changing_a_weight_rewrites_the_card(
    submission, procurement, manager, django_capture_on_commit_callbacks
):
    submitted_review(submission, manager)
    scorecard_recompute(submission.pk)
    before = _card(submission)
    engagement = submission.engagement
    weights = {**engagement.weights, "references": 40, "experience_social": 0}

    with django_capture_on_commit_callbacks(execute=True):
        engagement_update(
            engagement=engagement,
            by=procurement,
            data={"weights": weights},
            reviewers=[manager],
            expected_version=None,
        )

    after = _card(submission)
    assert after.inputs_hash != before.inputs_hash
    assert after.computed_at > before.computed_at
    assert after.criterion("references")["weight"] == 40
    assert after.criterion("experience_social")["effective_weight"] == 0


# --- Database constraints ------------------------------------------------------------------


def test_the_database_refuses_a_rating_of_6(submission, manager):
    review = review_for(submission=submission, reviewer=manager)
    row = review.ratings.get(criterion="references")

    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewRating.objects.filter(pk=row.pk).update(rating=6)

    row.refresh_from_db()
    assert row.rating is None


def test_one_review_per_reviewer_per_submission(submission, manager):
    review_for(submission=submission, reviewer=manager)

    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.create(submission=submission, reviewer=manager)
