"""Claim-level reference benchmarks: how often referees confirm a kind of claim.

Pure functions (no Django): the counting rules and the interval, so the summary table's
writer (`services.benchmarks`), the selectors that read it and the tests share one
definition. docs/scoring.md ("Claim-level reference benchmarks") states the rules:

- a claim is one accomplishment a referee gave a verdict on; its area is the area the
  consultant put it under (monetization, PR, database building, or a buyer's own
  criterion), its relationship the one the referee stated when they did not confirm the
  claimed one, else the claimed one (`claim_relationship`);
- "confirmed" counts 1, "partly" 1/2, "not confirmed" 0; "don't know" is left out of the
  denominator (the referee could not judge it, which says nothing about the claim);
- the rate is shown only from `min_sample` judged claims on; below it, only how many there
  are, so a reader cannot take a handful of claims for a norm.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

CONFIRMED, PARTLY, NOT_CONFIRMED, DONT_KNOW = "confirmed", "partly", "not_confirmed", "dont_know"
VERDICTS = (CONFIRMED, PARTLY, NOT_CONFIRMED, DONT_KNOW)
PARTLY_WEIGHT = 0.5
# 95% two-sided: the Wilson score interval's z.
Z_95 = 1.959964


@dataclass(frozen=True)
class Tally:
    """Verdicts on claims of one kind (one area, one relationship)."""

    confirmed: int = 0
    partly: int = 0
    not_confirmed: int = 0
    dont_know: int = 0

    @property
    def judged(self) -> int:
        """The denominator: claims the referee judged ("don't know" left out)."""
        return self.confirmed + self.partly + self.not_confirmed

    @property
    def successes(self) -> float:
        return self.confirmed + PARTLY_WEIGHT * self.partly

    @property
    def rate(self) -> float | None:
        return self.successes / self.judged if self.judged else None

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.confirmed + other.confirmed,
            self.partly + other.partly,
            self.not_confirmed + other.not_confirmed,
            self.dont_know + other.dont_know,
        )

    def with_verdict(self, verdict: str) -> Tally:
        """This tally and one more verdict (an unknown verdict counts as none)."""
        if verdict not in VERDICTS:
            return self
        return self + Tally(*(int(verdict == v) for v in VERDICTS))


def claim_relationship(*, claimed: str, confirmed: bool | None, stated: str) -> str:
    """The relationship a claim is filed under: the one the referee stated when they did
    not confirm the claimed one, else the claimed one (also when they left it unsaid)."""
    if confirmed is False and stated:
        return stated
    return claimed


def tally_claims(
    areas: Sequence[str], verdicts: Mapping[int, str], relationship: str
) -> dict[tuple[str, str], Tally]:
    """One check's verdicts (accomplishment index -> verdict) by (area, relationship);
    `areas` is the area of each accomplishment by index. A verdict on an index the answers
    do not have (edited since) counts nowhere."""
    tallies: dict[tuple[str, str], Tally] = {}
    for index, verdict in verdicts.items():
        if 0 <= index < len(areas) and areas[index]:
            key = (areas[index], relationship)
            tallies[key] = tallies.get(key, Tally()).with_verdict(verdict)
    return tallies


def merge(many: Iterable[Mapping[tuple[str, str], Tally]]) -> dict[tuple[str, str], Tally]:
    total: dict[tuple[str, str], Tally] = {}
    for tallies in many:
        for key, tally in tallies.items():
            total[key] = total.get(key, Tally()) + tally
    return total


def wilson_interval(successes: float, n: int, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval of a proportion (successes may be fractional: a "partly"
    counts half). Stays inside [0, 1] and is wide for small n, unlike p ± z·se."""
    if n <= 0:
        return (0.0, 1.0)
    p = min(max(successes / n, 0.0), 1.0)
    z2 = z * z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    # Around p however the floats round (at p = 1 the bound is 1, not 0.999...).
    return (max(0.0, min(centre - half, p)), min(1.0, max(centre + half, p)))


@dataclass(frozen=True)
class Norm:
    """How often such claims are confirmed across an organisation's history: the rate and
    its interval only when `shown` (at least `min_sample` judged claims)."""

    n: int
    min_sample: int
    rate: float | None
    low: float | None
    high: float | None

    @property
    def shown(self) -> bool:
        return self.rate is not None


def norm_of(tally: Tally, min_sample: int) -> Norm:
    """The norm a tally gives: below `min_sample` judged claims, no rate and no interval
    (nothing from which one could be worked out), only the count."""
    n = tally.judged
    if n < max(min_sample, 1):
        return Norm(n=n, min_sample=min_sample, rate=None, low=None, high=None)
    low, high = wilson_interval(tally.successes, n)
    return Norm(n=n, min_sample=min_sample, rate=tally.successes / n, low=low, high=high)
