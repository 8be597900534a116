"""Builders for the delivery reviews' tests: a review written straight for the permission
tests' world (tests/api_world.py)."""

from __future__ import annotations

from django.utils import timezone

from vetting.models import DeliveryPoint, DeliveryReview, PointKind, Submission


def delivery_world(submission: Submission) -> DeliveryReview:
    review = DeliveryReview.objects.create(
        submission=submission,
        organisation_id=submission.engagement.organisation_id,
        due_on=timezone.localdate(),
        weights=dict(submission.engagement.weights),
    )
    DeliveryPoint.objects.create(
        review=review,
        position=1,
        kind=PointKind.FIRST_STEP,
        source="First steps",
        text="Weeks 1-2: interviews with your sales and support leads.",
    )
    return review
