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
from datetime import timedelta

from django.utils import timezone

from consultants.models import Consultant
from vetting.demo.rows import upsert
from vetting.models import (
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


def seed_delivery_history(
    *,
    organisation: Organisation,
    owner: User,
    hires: int = len(HIRES),
    prefix: str = "hire",
    consultants: Sequence[Consultant] = (),
) -> list[DeliveryReview]:
    """`hires` past hires of `organisation` (rounds owned by `owner`), each with a
    submitted delivery review; running it again resets them. The hires are `consultants`
    (the demo's own profiles) when given, else new profiles."""
    today = timezone.localdate()
    now = timezone.now()
    questionnaire = Questionnaire.objects.default()
    reviews = []
    for number, row in enumerate(HIRES[:hires], start=1):
        delivery, *_rest, red, green = row
        if number <= len(consultants):
            consultant = consultants[number - 1]
        else:
            consultant = upsert(
                Consultant,
                {"email": f"{prefix}{number}@past-hires.example"},
                {"name": f"Past hire {number}", "agency": f"Agency {number}"},
                by=owner,
            )
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
                "weights": dict(DEFAULT_WEIGHTS),
                "deadline": now - timedelta(days=130 + 30 * number),
                "status": EngagementStatus.DECIDED,
            },
            by=owner,
        )
        submission = Submission.objects.filter(
            engagement=engagement, consultant=consultant
        ).first() or Submission(engagement=engagement, consultant=consultant, invited_by=owner)
        submission.status = SubmissionStatus.SELECTED
        submission.submitted_at = now - timedelta(days=125 + 30 * number)
        submission.save()
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
        DeliveryPoint.objects.bulk_create(
            DeliveryPoint(
                review=review,
                position=position,
                kind=PointKind.FIRST_STEP,
                source="First steps",
                text=text,
                rating=RATINGS[delivery],
            )
            for position, text in enumerate(FIRST_STEPS, start=1)
        )
        reviews.append(review)
    return reviews
