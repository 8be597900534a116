"""Promises checked after hiring: what predicted good delivery (issue 19, part 3).

Pure: plain data in, plain data out, no Django. A *hire* is a selected consultant whose
delivery review was submitted: its delivery rating (the buyer's overall 1-5), the value
each criterion had on the consultant's score card when the selection took effect (0-1) and
the text signals (rule codes) that had fired on it. From a list of hires this module
computes, for every criterion and every signal, how delivery went with it, and suggests
weight changes. docs/scoring.md ("Outcome validation") states every formula.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

# Below this many hires a figure is shown with a warning: too few to tell.
MIN_SAMPLE = 8
# A signal's comparison needs at least this many hires on each side (fired, not fired).
MIN_GROUP = 3
# Shrinkage: a criterion's suggested change is scaled by n / (n + SHRINK_HIRES), so that a
# few hires move the weights little and many hires move them more.
SHRINK_HIRES = 20
# A suggested weight stays within this factor of the current one (before rounding to 100).
MAX_FACTOR = 1.5
MIN_FACTOR = 0.5
# How many points a consultant's "first steps" answer gives at most (the rest is joined
# into the last one), and how short a fragment is to stand alone.
MAX_POINTS = 10
MIN_POINT_CHARS = 20

TOO_FEW = "Too few hires to tell; treat as anecdote."


@dataclass(frozen=True)
class Hire:
    id: int
    delivery: float  # the overall delivery rating, 1-5
    values: Mapping[str, float | None]  # criterion key -> the card's value (0-1) at decision
    signals: frozenset[str] = frozenset()  # text-signal codes that fired on the card


@dataclass(frozen=True)
class CriterionFinding:
    key: str
    label: str
    n: int  # hires with a value for this criterion
    r: float | None  # Pearson correlation of value and delivery; None when undefined
    top_mean: float | None  # mean delivery of the top half by value
    top_n: int
    bottom_mean: float | None  # ... of the bottom half
    bottom_n: int

    @property
    def enough(self) -> bool:
        return self.n >= MIN_SAMPLE

    @property
    def gap(self) -> float | None:
        if self.top_mean is None or self.bottom_mean is None:
            return None
        return self.top_mean - self.bottom_mean


@dataclass(frozen=True)
class SignalFinding:
    code: str
    polarity: str
    label: str
    fired_n: int
    fired_mean: float | None
    not_n: int
    not_mean: float | None

    @property
    def n(self) -> int:
        return self.fired_n + self.not_n

    @property
    def enough(self) -> bool:
        return self.n >= MIN_SAMPLE and min(self.fired_n, self.not_n) >= MIN_GROUP

    @property
    def difference(self) -> float | None:
        if self.fired_mean is None or self.not_mean is None:
            return None
        return self.fired_mean - self.not_mean


@dataclass(frozen=True)
class WeightChange:
    key: str
    label: str
    current: int
    suggested: int

    @property
    def change(self) -> int:
        return self.suggested - self.current


@dataclass(frozen=True)
class OutcomeReport:
    hires: int
    mean_delivery: float | None
    criteria: tuple[CriterionFinding, ...]
    signals: tuple[SignalFinding, ...]
    weights: tuple[WeightChange, ...]

    @property
    def enough(self) -> bool:
        return self.hires >= MIN_SAMPLE

    @property
    def suggests_change(self) -> bool:
        return any(w.change for w in self.weights)


def mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson's r: cov(x, y) / (sd(x) sd(y)). None for fewer than 3 pairs or when either
    side does not vary (nothing to relate)."""
    n = len(xs)
    if n < 3 or n != len(ys):
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx <= 1e-12 or syy <= 1e-12:
        return None
    return max(-1.0, min(1.0, sxy / math.sqrt(sxx * syy)))


def criterion_finding(key: str, label: str, hires: Sequence[Hire]) -> CriterionFinding:
    """How delivery went with one criterion: r, and the mean delivery of the top half of
    the hires by the criterion's value against the bottom half (sorted by value, then by
    hire id; an odd one in the middle is in neither half)."""
    pairs = sorted(
        ((h.values[key], h.delivery, h.id) for h in hires if h.values.get(key) is not None),
        key=lambda p: (p[0], p[2]),
    )
    xs = [float(p[0]) for p in pairs]  # type: ignore[arg-type]
    ys = [p[1] for p in pairs]
    half = len(pairs) // 2
    bottom, top = ys[:half], ys[len(ys) - half :] if half else []
    return CriterionFinding(
        key=key,
        label=label,
        n=len(pairs),
        r=pearson(xs, ys),
        top_mean=mean(top),
        top_n=len(top),
        bottom_mean=mean(bottom),
        bottom_n=len(bottom),
    )


def signal_finding(code: str, polarity: str, label: str, hires: Sequence[Hire]) -> SignalFinding:
    fired = [h.delivery for h in hires if code in h.signals]
    rest = [h.delivery for h in hires if code not in h.signals]
    return SignalFinding(
        code=code,
        polarity=polarity,
        label=label,
        fired_n=len(fired),
        fired_mean=mean(fired),
        not_n=len(rest),
        not_mean=mean(rest),
    )


def round_to_total(raw: Sequence[float], total: int = 100) -> list[int]:
    """Whole numbers summing to `total`, each the floor of its share or one more (largest
    remainder first; ties to the earlier). Whole-number input that already sums to
    `total` comes back unchanged."""
    whole = sum(raw)
    if whole <= 0:
        return [0 for _ in raw]
    scaled = [x * total / whole for x in raw]
    floors = [math.floor(x + 1e-9) for x in scaled]
    left = total - sum(floors)
    order = sorted(range(len(raw)), key=lambda i: (-(scaled[i] - floors[i]), i))
    for i in order[:left]:
        floors[i] += 1
    return floors


def factor_of(finding: CriterionFinding) -> float:
    """How much a criterion's weight is multiplied by before the weights are scaled back to
    100: 1 + r x n / (n + SHRINK_HIRES), kept within [MIN_FACTOR, MAX_FACTOR]; 1 (no
    change) without enough hires or without an r."""
    if not finding.enough or finding.r is None:
        return 1.0
    shrink = finding.n / (finding.n + SHRINK_HIRES)
    return max(MIN_FACTOR, min(MAX_FACTOR, 1.0 + finding.r * shrink))


def suggest_weights(
    current: Mapping[str, int],
    findings: Sequence[CriterionFinding],
) -> tuple[WeightChange, ...]:
    """The current weights moved toward the criteria that predicted delivery
    (`factor_of`), then scaled back to a total of 100 (`round_to_total`). A weight of 0
    stays 0; with too few hires nothing moves."""
    raw = [current.get(f.key, 0) * factor_of(f) for f in findings]
    total = sum(current.get(f.key, 0) for f in findings)
    suggested = round_to_total(raw, total) if total else [0 for _ in findings]
    return tuple(
        WeightChange(f.key, f.label, int(current.get(f.key, 0)), s)
        for f, s in zip(findings, suggested, strict=True)
    )


def outcome_report(
    hires: Sequence[Hire],
    *,
    criteria: Sequence[tuple[str, str]],
    signals: Sequence[tuple[str, str, str]],
    weights: Mapping[str, int],
) -> OutcomeReport:
    """The outcome-validation report: `criteria` are (key, label), `signals` the (code,
    polarity, label) of the rules to report on (in the order to show), `weights` the
    organisation's current weights."""
    found = tuple(criterion_finding(key, label, hires) for key, label in criteria)
    return OutcomeReport(
        hires=len(hires),
        mean_delivery=mean([h.delivery for h in hires]),
        criteria=found,
        signals=tuple(signal_finding(c, p, label, hires) for c, p, label in signals),
        weights=suggest_weights(weights, found),
    )


# --- The consultant's own words, as points to check ------------------------------------------

# A sentence's end, a line break, or a semicolon before a capital (the semicolon stays with
# the point it ends: no word of the answer is lost).
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])|\n+|(?<=;)\s+(?=[A-Z])")


def split_points(text: str, limit: int = MAX_POINTS) -> list[str]:
    """A "first steps" answer as the points it promises: its sentences (and lines), a
    fragment shorter than MIN_POINT_CHARS joined to the one before, at most `limit` (the
    rest joined into the last)."""
    points: list[str] = []
    for part in _SENTENCE_END.split(text or ""):
        part = " ".join(part.split())
        if not part:
            continue
        if points and len(part) < MIN_POINT_CHARS:
            points[-1] = f"{points[-1]} {part}"
        else:
            points.append(part)
    if len(points) > limit:
        points[limit - 1 :] = [" ".join(points[limit - 1 :])]
    return points
