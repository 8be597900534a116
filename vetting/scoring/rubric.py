"""The criteria Winnow scores a consultant on, with their default weights (percent)."""

from __future__ import annotations

from dataclasses import dataclass


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
