"""Reviewer scorecards: conflicts of interest, blind ratings, submit, consensus."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vetting import outbox
from vetting.access import require
from vetting.concurrency import claim_version
from vetting.i18n import in_sentence
from vetting.models import (
    Consensus,
    Review,
    ReviewRating,
    ReviewStatus,
    Submission,
    SubmissionStatus,
    User,
)
from vetting.models.engagements import SCORED_STATUSES
from vetting.scoring.rubric import CRITERIA, Criterion
from vetting.services.errors import NotReady, ServiceError
from vetting.services.scoring import queue_recompute
from vetting.tasks import notify_conflict_declared, notify_conflict_overridden


def _by(instance: object, user: User) -> None:
    instance._history_user = user  # type: ignore[attr-defined]


def require_reviewer(*, submission: Submission, reviewer: User) -> None:
    """Refuse anyone who may not review this submission (yet). Writes nothing, so a page
    can check before showing the conflict question."""
    require(reviewer, "vetting.review_submission", submission)
    if submission.status not in SCORED_STATUSES:
        raise ServiceError(_("Submissions are reviewed once the consultant has submitted."))


def review_for(*, submission: Submission, reviewer: User) -> Review:
    """The reviewer's own review of this submission, started if need be."""
    require_reviewer(submission=submission, reviewer=reviewer)
    review, created = Review.objects.get_or_create(submission=submission, reviewer=reviewer)
    if created:
        ReviewRating.objects.bulk_create(
            ReviewRating(review=review, criterion=c.key) for c in submission.engagement.criteria
        )
    return review


def _locked(review: Review) -> Review:
    return (
        Review.objects.select_for_update(of=("self",))
        .select_related("submission__engagement")
        .get(pk=review.pk)
    )


def review_declare_conflict(
    *, review: Review, by: User, has_conflict: bool, note: str = ""
) -> Review:
    """Declared before the answers are shown. A conflict keeps the reviewer out of the
    score and tells the owner."""
    require(
        by, "vetting.change_review", review, _("Only the reviewer declares their own conflicts.")
    )
    if has_conflict and not note.strip():
        raise ServiceError(_("Say what the conflict is: the owner reads it."))
    with transaction.atomic():
        review = _locked(review)
        if review.has_conflict is not None:
            raise ServiceError(_("The conflict declaration is already made."))
        review.has_conflict = has_conflict
        review.conflict_note = note.strip()
        _by(review, by)
        review.full_clean()
        review.save()
        if has_conflict:
            outbox.enqueue(notify_conflict_declared, review.pk)
    return review


def review_start(*, submission: Submission, by: User, has_conflict: bool, note: str = "") -> Review:
    """Start one's review with its conflict declaration, in one transaction: merely opening
    a review writes nothing, so an untouched one still reads as not started."""
    with transaction.atomic():
        review = review_for(submission=submission, reviewer=by)
        return review_declare_conflict(review=review, by=by, has_conflict=has_conflict, note=note)


def conflict_override(*, review: Review, by: User, reason: str) -> Review:
    """The owner lets a reviewer with a declared conflict count after all, saying why."""
    require(
        by,
        "vetting.run_engagement",
        review.submission.engagement,
        _("Only the engagement's owner can override a conflict."),
    )
    if not reason.strip():
        raise ServiceError(_("Give the reason for the override: it is kept with the review."))
    with transaction.atomic():
        review = _locked(review)
        if not review.has_conflict:
            raise ServiceError(_("This reviewer declared no conflict."))
        review.conflict_overridden_by = by
        review.conflict_overridden_at = timezone.now()
        review.conflict_override_reason = reason.strip()
        _by(review, by)
        review.full_clean()
        review.save()
        queue_recompute([review.submission_id])
        outbox.enqueue(notify_conflict_overridden, review.pk)
    return review


def review_missing(
    *,
    ratings: Mapping[str, int | None],
    recommendation: str,
    criteria: Sequence[Criterion] = CRITERIA,
) -> list[str]:
    """What a review still needs before it can be submitted: the keys of the `criteria`
    (the round's) not rated yet, in their order, then "recommendation" if none is chosen."""
    missing = [c.key for c in criteria if not ratings.get(c.key)]
    return missing + ([] if recommendation else ["recommendation"])


def _problem(missing: str, criteria: Sequence[Criterion]) -> str:
    if missing == "recommendation":
        return _("Give an overall recommendation.")
    label = next((c.label for c in criteria if c.key == missing), missing)
    return _("Rate %(criterion)s.") % {"criterion": in_sentence(label)}


def review_save(
    *,
    review: Review,
    by: User,
    ratings: Mapping[str, int | None],
    notes: Mapping[str, str],
    recommendation: str,
    overall_note: str,
    expected_version: int | None,
    submit: bool = False,
) -> Review:
    """Save the draft (or submit it). A stale version from another tab is refused."""
    require(by, "vetting.change_review", review, _("Only the reviewer edits their review."))
    with transaction.atomic():
        review = _locked(review)
        if review.has_conflict is None:
            raise ServiceError(_("Declare any conflict of interest before rating."))
        if review.has_conflict and review.conflict_overridden_at is None:
            raise ServiceError(
                _(
                    "You declared a conflict of interest: your review does not count unless "
                    "the engagement's owner overrides it."
                )
            )
        if review.is_submitted:
            raise ServiceError(_("This review is submitted and can no longer change."))
        claim_version(review, expected_version)
        criteria = review.submission.engagement.criteria
        rated = set(review.ratings.values_list("criterion", flat=True))
        ReviewRating.objects.bulk_create(  # a criterion the review has no row for yet
            ReviewRating(review=review, criterion=c.key) for c in criteria if c.key not in rated
        )
        for row in review.ratings.select_for_update():
            row.rating = ratings.get(row.criterion)
            row.note = notes.get(row.criterion, "")
            _by(row, by)
            row.full_clean()
            row.save()
        review.recommendation = recommendation
        review.overall_note = overall_note
        if submit:
            missing = review_missing(
                ratings=ratings, recommendation=recommendation, criteria=criteria
            )
            if missing:
                raise NotReady(
                    _("The review is not complete."), [_problem(m, criteria) for m in missing]
                )
            review.status = ReviewStatus.SUBMITTED
            review.submitted_at = timezone.now()
            submission = Submission.objects.select_for_update().get(pk=review.submission_id)
            if submission.status == SubmissionStatus.SUBMITTED:
                submission.status = SubmissionStatus.UNDER_REVIEW
                _by(submission, by)
                submission.save()
            queue_recompute([review.submission_id])
        _by(review, by)
        review.full_clean()
        review.save()
    return review


def consensus_set(
    *, submission: Submission, by: User, criterion: str, rating: int, reason: str
) -> Consensus:
    """The owner records the rating the panel agreed on; it replaces the reviewers' mean."""
    require(
        by,
        "vetting.run_engagement",
        submission.engagement,
        _("Only the engagement's owner records a consensus."),
    )
    if criterion not in {c.key for c in submission.engagement.criteria}:
        raise ServiceError(_("Unknown criterion."))
    if not 1 <= rating <= 5:
        raise ServiceError(_("A consensus rating is between 1 and 5."))
    if not reason.strip():
        raise ServiceError(_("Say how the panel reached this rating."))
    with transaction.atomic():
        consensus = Consensus.objects.filter(submission=submission, criterion=criterion).first()
        consensus = consensus or Consensus(submission=submission, criterion=criterion)
        consensus.rating = rating
        consensus.reason = reason.strip()
        consensus.by = by
        _by(consensus, by)
        consensus.full_clean()
        consensus.save()
        queue_recompute([submission.pk])
    return consensus
