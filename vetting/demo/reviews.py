"""Demo reviews and score cards for the seeded rounds, so a new user sees a ranking with
reviewers who mostly agree, one disagreement to calibrate, and reviews still to do."""

from __future__ import annotations

import zlib

from django.utils import timezone

from vetting.models import (
    Engagement,
    Review,
    ReviewRating,
    ReviewStatus,
    Submission,
    SubmissionStatus,
    User,
)
from vetting.models.engagements import SCORED_STATUSES
from vetting.scoring.rubric import CRITERION_KEYS
from vetting.services.scoring import scorecards_recompute

# Consultants whose answers show the real thing; the others show the warning signs.
STRONG = {
    "sofia@alvarez-consulting.example",
    "mei@tanaka-partners.example",
    "eleanor@whitfield.example",
    "priscilla@obigrowth.example",
    "consultant@winnow.test",
}
# Left unreviewed by the manager, so the demo shows "reviews to do".
MANAGER_SKIPS = {"priscilla@obigrowth.example", "hello@tweetstorm.example"}
# The owner reviews these too; Mei's media-vs-marketing rating disagrees by two points.
OWNER_REVIEWS = {
    "sofia@alvarez-consulting.example",
    "mei@tanaka-partners.example",
    "dan@buzzrocket.example",
}
DISAGREEMENT = ("mei@tanaka-partners.example", "media_vs_marketing")


def _rating(email: str, criterion: str, reviewer: User) -> int:
    """A repeatable rating: 4-5 for strong consultants, 1-2 for weak ones."""
    wobble = zlib.crc32(f"{email}{criterion}{reviewer.email}".encode()) % 2
    return 4 + wobble if email in STRONG else 1 + wobble


def _review(submission: Submission, reviewer: User, *, disagree: str | None = None) -> None:
    email = submission.consultant.email
    review, _ = Review.objects.update_or_create(
        submission=submission,
        reviewer=reviewer,
        defaults={
            "status": ReviewStatus.SUBMITTED,
            "has_conflict": False,
            "recommendation": "strong_yes" if email in STRONG else "no",
            "overall_note": (
                "Starts from our market and involves our people; references back it up."
                if email in STRONG
                else "Campaign-first and does-it-all; little evidence behind the claims."
            ),
            "submitted_at": timezone.now(),
        },
    )
    for key in CRITERION_KEYS:
        rating = _rating(email, key, reviewer)
        if key == disagree:
            rating = max(1, rating - 2)
        ReviewRating.objects.update_or_create(
            review=review,
            criterion=key,
            defaults={"rating": rating, "note": ""},
        )


def seed_reviews(engagements: list[Engagement], *, owner: User, reviewer: User) -> int:
    """Reviews in the open round, then score cards for every seeded round."""
    open_round = next((e for e in engagements if e.status == "open"), None)
    if open_round is not None:
        submitted = open_round.submissions.filter(status__in=SCORED_STATUSES).select_related(
            "consultant"
        )
        for submission in submitted:
            email = submission.consultant.email
            if email not in MANAGER_SKIPS:
                _review(submission, reviewer)
            if email in OWNER_REVIEWS:
                disagree = DISAGREEMENT[1] if email == DISAGREEMENT[0] else None
                _review(submission, owner, disagree=disagree)
        submitted.filter(status=SubmissionStatus.SUBMITTED, reviews__isnull=False).update(
            status=SubmissionStatus.UNDER_REVIEW
        )
    ids = Submission.objects.filter(
        engagement__in=engagements, status__in=SCORED_STATUSES
    ).values_list("pk", flat=True)
    return scorecards_recompute(ids)
