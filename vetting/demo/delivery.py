"""Past hires with completed delivery reviews, so that a new user (and the tests) see an
outcome report with figures: each hire is a decided round of the organisation with one
selected consultant and a submitted delivery review (rows written straight, as the rest of
the demo's history: the card snapshot is what a card would have said then).

The pattern is deliberate and stated: accomplishments and media-vs-marketing predicted
delivery, years on social media did not, and the "platform campaign first" warning sign
went with poor delivery. The tests recompute the report's figures from these rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from django.utils import timezone

from consultants.models import Consultant
from vetting.demo.rows import upsert
from vetting.models import (
    Answer,
    DeliveryPoint,
    DeliveryReview,
    DeliveryReviewStatus,
    Engagement,
    EngagementStatus,
    Organisation,
    PointKind,
    PointRating,
    Questionnaire,
    Submission,
    SubmissionStatus,
    User,
)
from vetting.scoring.outcomes import split_points
from vetting.scoring.rubric import CRITERION_KEYS, DEFAULT_WEIGHTS

# (delivery 1-5, accomplishments, media_vs_marketing, experience_social, references, red
# "platform campaign first" fired, green "measurement" fired), one row per past hire.
HIRES: tuple[tuple[int, float, float, float, float, bool, bool], ...] = (
    (5, 0.92, 0.88, 0.40, 0.85, False, True),
    (4, 0.81, 0.75, 0.90, 0.70, False, True),
    (2, 0.35, 0.30, 0.85, 0.60, True, False),
    (5, 0.88, 0.91, 0.55, 0.90, False, True),
    (1, 0.22, 0.25, 0.70, 0.40, True, False),
    (3, 0.55, 0.60, 0.30, 0.65, False, False),
    (4, 0.70, 0.82, 0.65, 0.75, False, True),
    (2, 0.40, 0.45, 0.95, 0.55, True, False),
    (3, 0.62, 0.50, 0.20, 0.50, True, True),
    (4, 0.77, 0.70, 0.45, 0.80, False, False),
    (1, 0.30, 0.20, 0.60, 0.35, True, False),
    (5, 0.95, 0.85, 0.75, 0.95, False, True),
)
RED_SIGNAL, GREEN_SIGNAL = "platform_campaign_first", "measurement"
FIRST_STEPS = (
    "Weeks 1-2: interviews with your sales and support leads.",
    "Weeks 3-4: listening across the communities your buyers use.",
    "A measurement plan agreed with your marketing team.",
)
RATINGS = {
    5: PointRating.DELIVERED,
    4: PointRating.DELIVERED,
    3: PointRating.PARTLY,
    2: PointRating.PARTLY,
    1: PointRating.NOT_DELIVERED,
}


def _card(row: tuple[int, float, float, float, float, bool, bool]) -> dict[str, float | None]:
    _, accomplishments, media, social, references, _, _ = row
    values: dict[str, float | None] = dict.fromkeys(CRITERION_KEYS, 0.6)
    values.update(
        accomplishments=accomplishments,
        media_vs_marketing=media,
        experience_social=social,
        references=references,
    )
    return values


def _past_submission(
    engagement: Engagement,
    consultant: Consultant,
    owner: User,
    source: Submission | None,
    at: datetime,
) -> Submission:
    """The hire's submission in its past round: selected, with the answers and chosen
    references of `source` (the consultant's own complete submission in the demo) when
    given, so that it could really have been submitted."""
    submission = Submission.objects.filter(
        engagement=engagement, consultant=consultant
    ).first() or Submission(engagement=engagement, consultant=consultant, invited_by=owner)
    submission.status = SubmissionStatus.SELECTED
    submission.started_at = at - timedelta(days=3)
    submission.submitted_at = at
    submission.save()
    if source is not None:
        Answer.objects.filter(submission=submission).delete()
        Answer.objects.bulk_create(
            Answer(
                submission=submission,
                question_id=a.question_id,
                value=a.value,
                is_complete=a.is_complete,
            )
            for a in source.answers.all()
        )
        submission.chosen_references.set(source.chosen_references.all())
    return submission


def seed_delivery_history(
    *,
    organisation: Organisation,
    owner: User,
    hires: int = len(HIRES),
    prefix: str = "hire",
    sources: Sequence[Submission] = (),
) -> list[DeliveryReview]:
    """`hires` past hires of `organisation` (rounds owned by `owner`), each with a
    submitted delivery review; running it again resets them. With `sources` (complete
    submissions of the demo), the hires are their consultants in turn, with their answers;
    else new profiles without answers (enough for the report)."""
    today = timezone.localdate()
    now = timezone.now()
    reviews = []
    for number, row in enumerate(HIRES[:hires], start=1):
        delivery, *_rest, red, green = row
        source = sources[(number - 1) % len(sources)] if sources else None
        if source is not None:
            consultant = source.consultant
            questionnaire = source.engagement.questionnaire
            required = source.chosen_references.count()
        else:
            consultant = upsert(
                Consultant,
                {"email": f"{prefix}{number}@past-hires.example"},
                {"name": f"Past hire {number}", "agency": f"Agency {number}"},
                by=owner,
            )
            questionnaire, required = Questionnaire.objects.default(), 0
        decided_on = today - timedelta(days=120 + 30 * number)
        engagement = upsert(
            Engagement,
            {"title": f"Past round {number}: community for {organisation.name}"[:160]},
            {
                "owner": owner,
                "organisation": organisation,
                "target_market": "Operations leaders at mid-sized manufacturers.",
                "goals": "Qualified demo requests from the communities they trust.",
                "timing": "Last year.",
                "questionnaire": questionnaire,
                "references_required": required,
                "weights": dict(DEFAULT_WEIGHTS),
                "deadline": now - timedelta(days=130 + 30 * number),
                "status": EngagementStatus.DECIDED,
            },
            by=owner,
        )
        submission = _past_submission(
            engagement, consultant, owner, source, now - timedelta(days=125 + 30 * number)
        )
        review = upsert(
            DeliveryReview,
            {"submission": submission},
            {
                "organisation": organisation,
                "due_on": decided_on + timedelta(days=90),
                "status": DeliveryReviewStatus.SUBMITTED,
                "overall_rating": delivery,
                "summary": f"Delivered {delivery} out of 5 of what was promised.",
                "card_values": _card(row),
                "card_signals": sorted(
                    ([RED_SIGNAL] if red else []) + ([GREEN_SIGNAL] if green else [])
                ),
                "card_total": round(100 * sum(v or 0 for v in _card(row).values()) / 7, 1),
                "rubric_version": "",
                "weights": dict(DEFAULT_WEIGHTS),
                "submitted_at": now - timedelta(days=25 + 30 * number),
                "submitted_by": owner,
                "cancelled_at": None,
            },
            by=owner,
        )
        review.points.all().delete()
        own = Answer.objects.filter(submission=submission, question__key="first_steps").first()
        steps = split_points(own.value) if own and isinstance(own.value, str) else FIRST_STEPS
        DeliveryPoint.objects.bulk_create(
            DeliveryPoint(
                review=review,
                position=position,
                kind=PointKind.FIRST_STEP,
                source="First steps",
                text=text,
                rating=RATINGS[delivery],
            )
            for position, text in enumerate(steps, start=1)
        )
        reviews.append(review)
    return reviews
