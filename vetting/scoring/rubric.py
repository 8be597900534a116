"""The criteria Winnow scores a consultant on, with their default weights (percent)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from vetting.scoring.said import gettext_noop, say


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str
    default_weight: int  # percent; the defaults total 100
    summary: str


CRITERIA: tuple[Criterion, ...] = (
    Criterion("experience_social", "Social media experience", 10, "Years practising social media."),
    Criterion(
        "experience_clients",
        "Experience for clients",
        15,
        "Years practising for clients or a business.",
    ),
    Criterion(
        "accomplishments",
        "Accomplishments",
        20,
        "Measured results in monetization, PR and database building, with evidence.",
    ),
    Criterion(
        "business_background",
        "Business background",
        10,
        "Background beyond social platforms: marketing, PR, sales, customer service.",
    ),
    Criterion(
        "greatest_accomplishment",
        "Greatest accomplishment",
        10,
        "How the greatest accomplishment was achieved.",
    ),
    Criterion(
        "media_vs_marketing",
        "Media vs marketing",
        15,
        "Tells social media from social marketing, and starts from the buyer's market.",
    ),
    Criterion("references", "References", 20, "What the references confirm when they are checked."),
)

CRITERIA_BY_KEY = {c.key: c for c in CRITERIA}
CRITERION_KEYS = tuple(c.key for c in CRITERIA)
DEFAULT_WEIGHTS = {c.key: c.default_weight for c in CRITERIA}

# A buyer's own criteria (a template's `custom_criteria`) have keys that start with this, so
# that they never meet a core criterion's key in weights, ratings and cards.
CUSTOM_PREFIX = "own_"
CUSTOM_MAX = 6


def custom_criterion(raw: Mapping[str, Any]) -> Criterion:
    """One of a template's own criteria ({"key", "label", "summary", "weight"}) as a
    Criterion: scored from the answers that feed it and the reviewers' ratings of it."""
    return Criterion(
        str(raw["key"]),
        str(raw.get("label") or raw["key"]),
        int(raw.get("weight") or 0),
        str(raw.get("summary") or ""),
    )


def criteria_of(custom: Sequence[Mapping[str, Any]] | None) -> tuple[Criterion, ...]:
    """The criteria a round scores, in the order every page shows them: the seven core
    criteria, then the template's own (`custom`, as stored on the template)."""
    if not custom:
        return CRITERIA
    return (*CRITERIA, *(custom_criterion(raw) for raw in custom))


def anchors_of(criterion: Criterion) -> dict[int, str]:
    """What a 1, a 3 and a 5 look like: the domain brief's for the core criteria; for a
    buyer's own, from what the buyer said the criterion covers."""
    if criterion.key in ANCHORS:
        return ANCHORS[criterion.key]
    covers = criterion.summary.rstrip(".") or criterion.label
    return {
        1: say(gettext_noop("No evidence of this: %(covers)s."), covers=covers.lower()),
        3: gettext_noop("Some evidence, partly specific or partly shown."),
        5: gettext_noop("Clear, specific evidence, shown in the answers or files and confirmed."),
    }


# What a 1, a 3 and a 5 look like for each criterion, from the domain brief. Reviewers rate
# against these anchors so that a 4 means the same thing from every reviewer.
ANCHORS: dict[str, dict[int, str]] = {
    "experience_social": {
        1: gettext_noop("Under a year, or only personal use of the platforms."),
        3: gettext_noop("Three to five years of purposeful practice across several networks."),
        5: gettext_noop("Eight years or more, across networks, through their changes."),
    },
    "experience_clients": {
        1: gettext_noop("No work that a client or employer relied on."),
        3: gettext_noop("A few years for clients, in one or two sectors."),
        5: gettext_noop("Many years for clients of different sizes, with lasting engagements."),
    },
    "accomplishments": {
        1: gettext_noop("Vague claims: followers, impressions, no results a business measures."),
        3: gettext_noop("Some results in revenue, PR or lists, partly measured or evidenced."),
        5: gettext_noop(
            "Measured results in monetization, PR and database building, with evidence "
            "and a reference who confirms them."
        ),
    },
    "business_background": {
        1: gettext_noop("Only social platforms; no business responsibility."),
        3: gettext_noop("Some marketing, PR, sales or customer-service experience."),
        5: gettext_noop(
            "Real business responsibility: marketing, PR, sales or service, with results."
        ),
    },
    "greatest_accomplishment": {
        1: gettext_noop("A story of luck or buzz, with no method and no result."),
        3: gettext_noop("A clear story with a result, but little about how or who."),
        5: gettext_noop(
            "A method you could repeat: listening, people involved, setbacks owned, a "
            "measured result."
        ),
    },
    "media_vs_marketing": {
        1: gettext_noop("Leads with a one-platform campaign, virality, or doing it all for you."),
        3: gettext_noop(
            "Knows the difference but talks about platforms more than the buyer's market."
        ),
        5: gettext_noop(
            "Starts from this buyer's market, timing and message; relationships over "
            "campaigns; the buyer's own people involved; measures."
        ),
    },
    "references": {
        1: gettext_noop(
            "References unreachable, contradicting the claims, or would not hire again."
        ),
        3: gettext_noop("References confirm the relationship, with reservations on results."),
        5: gettext_noop(
            "References confirm the results, describe relationships built and honesty with "
            "bad news, and would hire again."
        ),
    },
}
