"""The demo's copied answer: every submitted self-assessment is checked, earliest first, as
`copies_backfill` does, so that Tweetstorm's greatest accomplishment (a light edit of Clara
Okafor's, from the earlier round) carries its flag on the card when the app first opens."""

from __future__ import annotations

from vetting.models import Engagement, Submission
from vetting.services.copies import submission_copies_check
from vetting.services.scoring import scorecards_recompute


def seed_copies(engagements: list[Engagement]) -> int:
    """Check the rounds' submitted self-assessments; the number of matches found."""
    submissions = Submission.objects.filter(
        engagement__in=engagements, submitted_at__isnull=False
    ).order_by("submitted_at", "pk")
    changed: set[int] = set()
    found = 0
    for submission in submissions:
        result = submission_copies_check(submission=submission)
        changed.update(result.changed)
        found += result.matches
    scorecards_recompute(sorted(changed))
    return found
