"""The reads behind verified profiles: the public page's content (one builder: the public
page and the consultant's preview both call `verified_profile`), the consultant's links with
their view counts, and a link's view log. A constant number of queries each.

What the public page may show is decided here, field by field: the consultant's own claims
that referees confirmed (never a referee's words, name or company), by what kind of referee
and in which month; each round's rubric version and month; the buyer's name only where the
buyer's organisation consented; a score only where the round's owner released it and the
link includes scores. Rows are read with `only()` so that nothing else is even loaded.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Max, QuerySet
from django.utils.translation import pgettext_lazy

from consultants.models import Consultant, Relationship
from vetting.models import (
    Answer,
    CheckStatus,
    ProfileLink,
    ProfileView,
    ReferenceCheck,
    ScoreRelease,
    Submission,
    User,
    Verdict,
)
from vetting.models.engagements import SCORED_STATUSES
from vetting.models.questionnaires import AccomplishmentArea

SHOWN_VERDICTS = (Verdict.CONFIRMED, Verdict.PARTLY)
REFEREE_KIND = {
    Relationship.CLIENT: pgettext_lazy("confirmed by", "a client"),
    Relationship.EMPLOYER: pgettext_lazy("confirmed by", "an employer"),
    Relationship.PEER: pgettext_lazy("confirmed by", "a peer"),
}
UNNAMED_BUYER = pgettext_lazy("vetted by", "a buyer")
RECENT_VIEWS = 20


@dataclass(frozen=True)
class Confirmation:
    partly: bool
    referee: str  # "a client", "an employer", "a peer"
    at: datetime  # shown as month and year only


@dataclass(frozen=True)
class ConfirmedClaim:
    area: str
    what: str
    result: str
    confirmations: tuple[Confirmation, ...]


@dataclass(frozen=True)
class ReleasedScore:
    total: float
    low: float
    high: float


@dataclass(frozen=True)
class VerifiedRound:
    buyer: str  # the organisation's name where it consented, else "a buyer"
    vetted_at: datetime  # when the consultant submitted (month and year shown)
    rubric_version: str
    score: ReleasedScore | None
    claims: tuple[ConfirmedClaim, ...]


@dataclass(frozen=True)
class VerifiedProfile:
    name: str
    headline: str
    rounds: tuple[VerifiedRound, ...]

    @property
    def confirmed_count(self) -> int:
        return sum(len(r.claims) for r in self.rounds)


def _rounds(consultant: Consultant) -> QuerySet[Submission]:
    """The consultant's scored submissions (a card says which rubric scored them)."""
    return Submission.objects.filter(
        consultant=consultant, status__in=SCORED_STATUSES, scorecard__isnull=False
    )


def _claims(
    submission_id: int,
    items: list,
    verdicts: dict[int, list[tuple[int, Confirmation]]],
) -> tuple[ConfirmedClaim, ...]:
    claims = []
    by_index: dict[int, list[Confirmation]] = defaultdict(list)
    for index, confirmation in verdicts.get(submission_id, []):
        by_index[index].append(confirmation)
    for index, confirmations in sorted(by_index.items()):
        if not 0 <= index < len(items) or not isinstance(items[index], dict):
            continue
        item = items[index]
        area = item.get("area", "")
        claims.append(
            ConfirmedClaim(
                area=AccomplishmentArea(area).short_label
                if area in AccomplishmentArea.values
                else "",
                what=str(item.get("what", "")),
                result=str(item.get("result", "")),
                confirmations=tuple(sorted(confirmations, key=lambda c: (c.at, c.partly))),
            )
        )
    return tuple(claims)


def verified_profile(consultant: Consultant, *, include_scores: bool) -> VerifiedProfile:
    """What a verified-profile link shows. Three queries: the rounds (with their
    organisation, card and release), the accomplishments answers, the completed checks'
    relationship, verdicts and date."""
    submissions = list(
        _rounds(consultant)
        .select_related("engagement__organisation", "scorecard", "score_release")
        .only(
            "pk",
            "submitted_at",
            "engagement__organisation__name",
            "engagement__organisation__name_on_verified_profiles",
            "scorecard__rubric_version",
            "score_release__total",
            "score_release__low",
            "score_release__high",
        )
        .order_by("-submitted_at", "-pk")
    )
    answers = {
        a.submission_id: a.value if isinstance(a.value, list) else []
        for a in Answer.objects.filter(
            submission__in=_rounds(consultant).values("pk"), question__key="accomplishments"
        ).only("submission_id", "value")
    }
    verdicts: dict[int, list[tuple[int, Confirmation]]] = defaultdict(list)
    checks = ReferenceCheck.objects.filter(
        submission__in=_rounds(consultant).values("pk"), status=CheckStatus.COMPLETED
    ).only("submission_id", "relationship", "claimed_relationship", "verdicts", "completed_at")
    for check in checks:
        kind = str(
            REFEREE_KIND.get(
                check.relationship or check.claimed_relationship,
                pgettext_lazy("confirmed by", "a referee"),
            )
        )
        for key, verdict in (check.verdicts or {}).items():
            if verdict in SHOWN_VERDICTS and str(key).isdigit() and check.completed_at:
                confirmation = Confirmation(verdict == Verdict.PARTLY, kind, check.completed_at)
                verdicts[check.submission_id].append((int(key), confirmation))
    rounds = []
    for submission in submissions:
        organisation = submission.engagement.organisation
        named = organisation is not None and organisation.name_on_verified_profiles
        release = getattr(submission, "score_release", None)
        score = (
            ReleasedScore(release.total, release.low, release.high)
            if include_scores and release is not None
            else None
        )
        rounds.append(
            VerifiedRound(
                buyer=organisation.name if named else str(UNNAMED_BUYER),
                vetted_at=submission.submitted_at,
                rubric_version=submission.scorecard.rubric_version,
                score=score,
                claims=_claims(submission.pk, answers.get(submission.pk, []), verdicts),
            )
        )
    return VerifiedProfile(name=consultant.name, headline=consultant.headline, rounds=tuple(rounds))


def profile_links(user: User) -> list[ProfileLink]:
    """The user's links, newest first, with how often and when last each was opened. One
    query."""
    return list(
        ProfileLink.objects.for_user(user)
        .annotate(view_count=Count("views"), last_view_at=Max("views__at"))
        .order_by("-created_at", "-pk")
    )


def profile_recent_views(user: User, limit: int = RECENT_VIEWS) -> list[ProfileView]:
    """The latest openings of any of the user's links, with the link. One query."""
    return list(
        ProfileView.objects.filter(link__in=ProfileLink.objects.for_user(user))
        .select_related("link")
        .order_by("-at", "-pk")[:limit]
    )


def profile_link_views(link: ProfileLink) -> QuerySet[ProfileView]:
    """Every opening of one link, newest first (paginated by the page and the API)."""
    return link.views.order_by("-at", "-pk")


def score_releases_for(consultant: Consultant) -> QuerySet[ScoreRelease]:
    """The scores released to the consultant, with their round (for their own pages)."""
    return (
        ScoreRelease.objects.filter(submission__consultant=consultant)
        .select_related("submission__engagement")
        .order_by("-released_at", "-pk")
    )
