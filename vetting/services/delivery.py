"""Promises checked after hiring: scheduling a selected consultant's delivery review (with a
snapshot of their own words and of their score card), rescheduling and assigning it,
rating it point by point and submitting it, the due reminders, and adopting the outcome
report's suggested weights as the organisation's weighting for its future rounds.

Every change is one transaction, asked of the access layer first; emails go through the
outbox in the same transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vetting import outbox
from vetting.access import can, owns_submission, require
from vetting.concurrency import claim_version
from vetting.models import (
    Answer,
    Decision,
    DeliveryPoint,
    DeliveryReview,
    DeliveryReviewStatus,
    Organisation,
    OutcomeWeighting,
    PointKind,
    PointRating,
    ScoreCard,
    Submission,
    User,
)
from vetting.models.delivery import DEFAULT_REVIEW_DAYS, NOTE_MAX, SUMMARY_MAX
from vetting.models.questionnaires import AccomplishmentArea
from vetting.scoring.outcomes import split_points
from vetting.scoring.rubric import CRITERION_KEYS
from vetting.services.errors import ServiceError
from vetting.tasks import send_delivery_review_due

FIRST_STEPS = "first_steps"
SCHEDULED = "Scheduled when the selection took effect"
RESCHEDULED = "Review date or assignee changed"
CANCELLED = "The selection it came from was changed"
SAVED = "Draft saved"
SUBMITTED = "Submitted"


# --- Scheduling, on a selection -------------------------------------------------------------


def _points_of(submission: Submission) -> list[DeliveryPoint]:
    """The consultant's own words as points to check: each sentence of their "first steps"
    answer, then each outcome they claimed (an accomplishment's measured result)."""
    points: list[tuple[str, str, str]] = []
    answers = Answer.objects.filter(submission=submission).select_related("question")
    for answer in answers:
        if answer.question.key == FIRST_STEPS and isinstance(answer.value, str):
            points += [(PointKind.FIRST_STEP, "First steps", p) for p in split_points(answer.value)]
    for answer in answers:
        if answer.question.kind == "accomplishments" and isinstance(answer.value, list):
            for item in answer.value:
                if not isinstance(item, dict) or not str(item.get("result") or "").strip():
                    continue
                area = str(item.get("area") or "")
                label = AccomplishmentArea(area).short_label if area in AccomplishmentArea else ""
                what = str(item.get("what") or "").strip()
                text = str(item["result"]).strip() + (f" ({what})" if what else "")
                source = f"Claimed outcome{f' ({label.lower()})' if label else ''}"
                points.append((PointKind.OUTCOME, source, text[:1500]))
    return [
        DeliveryPoint(position=i, kind=kind, source=source, text=text)
        for i, (kind, source, text) in enumerate(points, start=1)
    ]


def _card_snapshot(submission: Submission) -> dict[str, Any]:
    """What the score card said at the selection: each core criterion's value, the codes of
    the text signals that fired, the total, the rubric version."""
    card = ScoreCard.objects.filter(submission=submission).first()
    if card is None:
        return {"card_values": {}, "card_signals": [], "card_total": None, "rubric_version": ""}
    codes = sorted(
        {
            str(signal.get("code"))
            for signals in (card.data.get("signals") or {}).values()
            for signal in signals
            if signal.get("code") and not signal.get("via")
        }
    )
    return {
        "card_values": {key: getattr(card, key) for key in CRITERION_KEYS},
        "card_signals": codes,
        "card_total": card.total,
        "rubric_version": card.rubric_version,
    }


def delivery_review_schedule(*, decision: Decision, by: User) -> DeliveryReview:
    """A selection took effect (call in the transaction of the decision,
    `decision_take_effect`): the consultant's delivery review is scheduled DEFAULT_REVIEW_DAYS
    later, with the snapshot of their words and card taken now. A review submitted before
    (selected, changed, selected again) stays as it was; a cancelled one is scheduled again
    with a fresh snapshot."""
    # No permission asked here: an effect of a decision its caller was allowed to make.
    submission = decision.submission
    review = DeliveryReview.objects.select_for_update().filter(submission=submission).first()
    if review is not None and review.status == DeliveryReviewStatus.SUBMITTED:
        return review
    if review is None:
        review = DeliveryReview(submission=submission)
    else:
        review.version += 1
        review.points.all().delete()
    engagement = submission.engagement
    review.organisation_id = engagement.organisation_id
    review.decision = decision
    review.due_on = timezone.localdate() + timedelta(days=DEFAULT_REVIEW_DAYS)
    review.status = DeliveryReviewStatus.SCHEDULED
    review.overall_rating = None
    review.summary = ""
    review.cancelled_at = None
    review.weights = dict(engagement.weights)
    for field, value in _card_snapshot(submission).items():
        setattr(review, field, value)
    review._history_user = by  # type: ignore[attr-defined]
    review._change_reason = SCHEDULED  # type: ignore[attr-defined]
    review.save()
    points = _points_of(submission)
    for point in points:
        point.review = review
    DeliveryPoint.objects.bulk_create(points)
    return review


def delivery_review_cancel(*, decision: Decision, by: User) -> DeliveryReview | None:
    """The selection was changed to another outcome (call in the decision's transaction):
    its open delivery review is cancelled. A submitted one stays."""
    review = (
        DeliveryReview.objects.select_for_update()
        .filter(submission_id=decision.submission_id, status__in=DeliveryReviewStatus.values)
        .exclude(status__in=(DeliveryReviewStatus.SUBMITTED, DeliveryReviewStatus.CANCELLED))
        .first()
    )
    if review is None:
        return None
    review.status = DeliveryReviewStatus.CANCELLED
    review.cancelled_at = timezone.now()
    review.version += 1
    review._history_user = by  # type: ignore[attr-defined]
    review._change_reason = CANCELLED  # type: ignore[attr-defined]
    review.save()
    return review


# --- The owner's changes --------------------------------------------------------------------


def delivery_review_reschedule(
    *,
    review: DeliveryReview,
    by: User,
    due_on: date,
    assignee: User | None,
    expected_version: int | None = None,
) -> DeliveryReview:
    """The round's owner (or an admin) sets the review date and who completes it with them
    (a colleague of the organisation who may read it)."""
    require(
        by,
        "vetting.schedule_delivery_review",
        review,
        _("Only the round's owner and the organisation's admins set the review date."),
    )
    with transaction.atomic():
        review = DeliveryReview.objects.select_for_update().get(pk=review.pk)
        if not review.is_open:
            raise ServiceError(_("This delivery review is no longer open: its date is kept."))
        claim_version(review, expected_version)
        if assignee is not None and assignee.pk != review.assignee_id:
            in_organisation = review.organisation_id is not None and can(
                assignee, "vetting.view_organisation", review.organisation
            )
            if not in_organisation or owns_submission(assignee, review.submission):
                raise ServiceError(_("Assign a colleague of the round's organisation."))
        review.assignee = assignee
        review.due_on = due_on
        review._history_user = by  # type: ignore[attr-defined]
        review._change_reason = RESCHEDULED  # type: ignore[attr-defined]
        review.save()
    return review


def delivery_review_save(
    *,
    review: DeliveryReview,
    by: User,
    points: Mapping[int, tuple[str, str]],
    overall_rating: int | None,
    summary: str,
    submit: bool = False,
    expected_version: int | None = None,
) -> DeliveryReview:
    """Rate what was delivered: `points` maps a point's id to (rating, note); a draft keeps
    whatever is given, submitting asks for every point's rating and the overall rating.
    A submitted review is final (its history keeps every draft)."""
    require(
        by,
        "vetting.complete_delivery_review",
        review,
        _(
            "Only the round's owner, the colleague assigned and the organisation's admins "
            "rate this review."
        ),
    )
    with transaction.atomic():
        review = DeliveryReview.objects.select_for_update().get(pk=review.pk)
        if not review.is_open:
            raise ServiceError(_("This delivery review was already submitted: it is final."))
        claim_version(review, expected_version)
        stored = {p.pk: p for p in review.points.select_for_update()}
        if set(points) - set(stored):
            raise ServiceError(_("A point of this review does not exist any more: reload."))
        changed = []
        for pk, (rating, note) in points.items():
            if rating and rating not in PointRating.values:
                raise ServiceError(_("Rate each point: delivered, partly, not delivered or n/a."))
            point = stored[pk]
            if (point.rating, point.note) != (rating, note.strip()[:NOTE_MAX]):
                point.rating, point.note = rating, note.strip()[:NOTE_MAX]
                point._history_user = by  # type: ignore[attr-defined]
                point.save()
                changed.append(point)
        if overall_rating is not None and not 1 <= overall_rating <= 5:
            raise ServiceError(_("Rate the overall delivery from 1 to 5."))
        review.overall_rating = overall_rating
        review.summary = summary.strip()[:SUMMARY_MAX]
        if submit:
            unrated = [p for p in stored.values() if not p.rating]
            if unrated:
                raise ServiceError(
                    _("Rate every point before submitting (%(count)s not rated yet).")
                    % {"count": len(unrated)}
                )
            if review.overall_rating is None:
                raise ServiceError(_("Give the overall delivery rating (1-5) before submitting."))
            review.status = DeliveryReviewStatus.SUBMITTED
            review.submitted_at = timezone.now()
            review.submitted_by = by
        else:
            review.status = DeliveryReviewStatus.DRAFT
        review._history_user = by  # type: ignore[attr-defined]
        review._change_reason = SUBMITTED if submit else SAVED  # type: ignore[attr-defined]
        review.save()
    return review


# --- Reminders ------------------------------------------------------------------------------


def delivery_reminders_send(*, now: datetime | None = None) -> int:
    """Queue the email of each delivery review that fell due (once per review and review
    date; a review moved to a later date is announced again when that one comes). Returns
    how many were queued."""
    today = timezone.localdate(now or timezone.now())
    queued = 0
    for review in DeliveryReview.objects.due(today).only("pk", "due_on"):
        with transaction.atomic():
            queued += bool(
                outbox.enqueue(
                    send_delivery_review_due,
                    review.pk,
                    key=f"send_delivery_review_due:{review.pk}:{review.due_on.isoformat()}",
                )
            )
    return queued


# --- Adopting a weighting -------------------------------------------------------------------


def weighting_adopt(
    *, organisation: Organisation, by: User, name: str = "", expected_number: int | None = None
) -> OutcomeWeighting:
    """Adopt the outcome report's suggested weights as the organisation's weighting (the
    next number): its new rounds start from it; rounds already open keep theirs. Refused
    below the report's minimum sample or when nothing would change. `expected_number` is
    the latest weighting's number the page showed (0 for none): a second tab adopting the
    same suggestion is refused."""
    from vetting.selectors.delivery import outcome_report

    require(by, "vetting.adopt_weighting", organisation, _("Only the organisation's admins do."))
    with transaction.atomic():
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        latest = OutcomeWeighting.objects.filter(organisation=organisation).first()
        number = latest.number if latest else 0
        if expected_number is not None and expected_number != number:
            raise ServiceError(
                _(
                    "Someone adopted a weighting meanwhile: look at the report again before "
                    "adopting."
                )
            )
        report = outcome_report(organisation, by).report
        if not report.enough:
            raise ServiceError(
                _("Too few hires to tell (%(hires)s): the weights cannot be adopted yet.")
                % {"hires": report.hires}
            )
        if not report.suggests_change:
            raise ServiceError(_("The report suggests no change to the current weights."))
        weighting = OutcomeWeighting(
            organisation=organisation,
            number=number + 1,
            name=(name.strip() or f"{organisation.name} outcome weighting")[:120],
            weights={w.key: w.suggested for w in report.weights},
            previous={w.key: w.current for w in report.weights},
            hires=report.hires,
            adopted_by=by,
            adopted_at=timezone.now(),
        )
        weighting._history_user = by  # type: ignore[attr-defined]
        weighting.full_clean()
        weighting.save()
    return weighting


def weighting_of_round(
    organisation_id: int | None, weights: Mapping[str, int], current: OutcomeWeighting | None
) -> OutcomeWeighting | None:
    """The weighting a round's weights come from: its own (`current`) while the weights
    are still those, else, for a new round (`current` None and no pk), the organisation's
    latest when the weights are its. Rounds keep the one they started with."""
    if current is not None:
        return current if dict(current.weights) == _core(weights) else None
    if organisation_id is None:
        return None
    latest = OutcomeWeighting.objects.filter(organisation_id=organisation_id).first()
    return latest if latest is not None and dict(latest.weights) == _core(weights) else None


def _core(weights: Mapping[str, int]) -> dict[str, int]:
    return {k: int(v) for k, v in weights.items() if k in CRITERION_KEYS}
