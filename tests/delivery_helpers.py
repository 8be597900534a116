"""Builders for the delivery reviews' tests: a review written straight for the permission
tests' world (tests/api_world.py)."""

from __future__ import annotations

from django.utils import timezone

from vetting.models import DeliveryPoint, DeliveryReview, PointKind, ScoreCard, Submission


def delivery_world(submission: Submission, *, with_card: bool = False) -> DeliveryReview:
    """A review due today with one point; `with_card`: with the submission's card as it
    is now (its total and the accomplishments' value)."""
    card = ScoreCard.objects.filter(submission=submission).first() if with_card else None
    review = DeliveryReview.objects.create(
        submission=submission,
        organisation_id=submission.engagement.organisation_id,
        due_on=timezone.localdate(),
        weights=dict(submission.engagement.weights),
        card_total=card.total if card else None,
        card_values={"accomplishments": card.accomplishments} if card else {},
    )
    DeliveryPoint.objects.create(
        review=review,
        position=1,
        kind=PointKind.FIRST_STEP,
        source="First steps",
        text="Weeks 1-2: interviews with your sales and support leads.",
    )
    return review
