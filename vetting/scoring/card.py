"""The composite score: from plain data to an explained, versioned score card.

Pure and deterministic: the same inputs always give the same card (and the same inputs
hash). Every formula is written out in docs/scoring.md, with a worked example.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import fields, is_dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Any, NamedTuple

from vetting.scoring.answers import AnswerReading
from vetting.scoring.inputs import (
    RUBRIC_VERSION,
    Accomplishment,
    Consensus,
    ReferenceEvidence,
    Review,
    ScoringInput,
    StoredFlag,
    answers_digest,
)
from vetting.scoring.rubric import CRITERIA
from vetting.scoring.sources import (
    AREAS,
    AUTO_SD,
    AUTO_WEIGHT,
    REVIEW_SD,
    REVIEW_WEIGHT,
    TEXT_CRITERIA,
    FlagOut,
    Source,
    accomplishment_value,
    accomplishments_source,
    answers_part,
    reference_evidence_value,
    references_source,
    years_value,
)
from vetting.scoring.text_signals import RED, Signal

__all__ = [
    "AREAS",
    "AUTO_SD",
    "AUTO_WEIGHT",
    "RUBRIC_VERSION",
    "TEXT_CRITERIA",
    "Accomplishment",
    "Card",
    "Consensus",
    "CriterionScore",
    "FlagOut",
    "ReferenceEvidence",
    "Review",
    "ScoringInput",
    "Source",
    "StoredFlag",
    "accomplishment_value",
    "blend",
    "plain",
    "reference_evidence_value",
    "score",
    "years_value",
]

Z = 1.96  # a 95% interval


class CriterionScore(NamedTuple):
    key: str
    label: str
    weight: float  # percent as configured
    effective_weight: float  # share of the total after leaving out criteria with no data
    value: float | None  # 0..1, None when there is no data
    sd: float | None
    sources: tuple[Source, ...]
    needs_calibration: bool
    points: float  # contribution to the total, 0..100 scale

    @property
    def has_data(self) -> bool:
        return self.value is not None


class Card(NamedTuple):
    rubric_version: str
    inputs_hash: str
    total: float
    low: float
    high: float
    # The ± of the interval before it is cut at 0 and 100. More (agreeing) evidence never
    # makes it larger; the shown low-high can still widen when the total moves away from
    # a bound it was cut at.
    margin: float
    criteria: tuple[CriterionScore, ...]
    flags: tuple[FlagOut, ...]
    signals: Mapping[str, tuple[Signal, ...]]  # question key -> text signals
    answers: Mapping[str, AnswerReading]  # question key -> what the answer earned, and why

    def as_dict(self) -> dict[str, Any]:
        return {
            "rubric_version": self.rubric_version,
            "inputs_hash": self.inputs_hash,
            "total": self.total,
            "low": self.low,
            "high": self.high,
            "margin": self.margin,
            # Flat records as dicts directly (`plain` would give the same, more slowly).
            "criteria": [
                {**c._asdict(), "sources": [s._asdict() for s in c.sources]} for c in self.criteria
            ],
            "flags": [{**f._asdict(), "evidence": plain(f.evidence)} for f in self.flags],
            "signals": {k: [s.as_dict() for s in v] for k, v in self.signals.items()},
            "answers": {k: a.as_dict() for k, a in self.answers.items()},
        }


_FIELDS: dict[type, tuple[str, ...]] = {}


def plain(value: Any) -> Any:
    """Records, mappings and sequences as plain dicts and lists (like dataclasses.asdict,
    without its deep copies)."""
    kind = type(value)
    if kind in (str, int, float, bool) or value is None:
        return value
    if kind is dict:
        return {key: plain(item) for key, item in value.items()}
    if kind is list or kind is tuple:
        return [plain(item) for item in value]
    names = _FIELDS.get(kind)
    if names is None:
        if hasattr(value, "_fields"):
            names = _FIELDS[kind] = value._fields
        elif is_dataclass(value):
            names = _FIELDS[kind] = tuple(f.name for f in fields(value))
    if names is not None:
        return {name: plain(getattr(value, name)) for name in names}
    if isinstance(value, Mapping):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    return value


# --- Blending ----------------------------------------------------------------------------------


def reviews_source(
    ratings: list[int], consensus: Consensus | None
) -> tuple[Source | None, bool, list[int]]:
    """The reviewers' ratings of one criterion (or the owner's consensus) as a source."""
    if consensus is not None:
        n = max(len(ratings), 1)
        return (
            Source(
                "consensus",
                (consensus.rating - 1) / 4,
                REVIEW_WEIGHT * n,
                REVIEW_SD / math.sqrt(n),
                f"consensus rating {consensus.rating}/5 recorded by the owner "
                f"(replaces the mean of {len(ratings)} review(s)): {consensus.reason}",
            ),
            False,
            ratings,
        )
    if not ratings:
        return None, False, ratings
    spread = max(ratings) - min(ratings)
    n = len(ratings)
    mean = sum(ratings) / n
    mu = (mean - 1) / 4
    variance = 0.0
    for rating in ratings:
        deviation = (rating - 1) / 4 - mu
        variance += deviation * deviation
    variance /= n
    return (
        Source(
            "reviews",
            mu,
            REVIEW_WEIGHT * n,
            math.sqrt((REVIEW_SD**2 + variance) / n),
            f"mean reviewer rating {mean:.2f}/5 from {n} review(s), spread {spread} point(s)",
        ),
        spread >= 2,
        ratings,
    )


def blend(sources: Sequence[Source]) -> tuple[float, float]:
    """Weighted mean of the sources, and its standard deviation (inverse-variance)."""
    total = weighted = precision = 0.0
    for source in sources:
        total += source.weight
        weighted += source.weight * source.value
        precision += 1 / (source.sd * source.sd)
    return weighted / total, math.sqrt(1 / precision)


@lru_cache(maxsize=4096)
def _shares(weights: tuple[tuple[str, float], ...], present: tuple[str, ...]) -> dict[str, float]:
    """Each criterion's share of the total among those with data. Whole-number weights
    (the usual percentages) divide exactly in floating point, so multiplying every weight
    by a constant changes nothing; other weights go through exact fractions."""
    by_key = dict(weights)
    if all(float(w).is_integer() for _, w in weights):
        denominator = sum(by_key[k] for k in present)
        return {k: by_key[k] / denominator for k in present} if denominator else {}
    exact = {k: Fraction(by_key[k]) for k in present}
    denominator = sum(exact.values(), Fraction(0))
    return {k: float(v / denominator) for k, v in exact.items()} if denominator else {}


def _calibration_flag(key: str, label: str, ratings: list[int]) -> FlagOut:
    return FlagOut(
        f"calibrate_{key}",
        RED,
        "low",
        "reviews",
        f"Reviewers disagree on {label.lower()}: ratings "
        f"{', '.join(map(str, sorted(ratings)))} differ by 2 or more.",
        {"criterion": key, "ratings": sorted(ratings)},
    )


@lru_cache(maxsize=4096)
def _weights(
    given: tuple[tuple[str, float], ...],
) -> tuple[tuple[tuple[str, float], ...], dict[str, float], float]:
    """The engagement's weights, a default for any criterion it does not weigh."""
    by_key = dict(given)
    weights = tuple((c.key, float(by_key.get(c.key, c.default_weight))) for c in CRITERIA)
    return weights, dict(weights), sum(w for _, w in weights)


@lru_cache(maxsize=65536)
def _ratings(reviews: tuple[tuple[Any, ...], ...]) -> dict[str, tuple[int, ...]]:
    """criterion -> the panel's ratings of it, in review order."""
    found: dict[str, list[int]] = {}
    for _, review_ratings, _ in reviews:
        for key, rating in review_ratings:
            found.setdefault(key, []).append(rating)
    return {key: tuple(values) for key, values in found.items()}


@lru_cache(maxsize=65536)
def _criterion(
    key: str,
    label: str,
    sources: tuple[Source, ...],
    ratings: tuple[int, ...],
    consensus: tuple[int, str] | None,
) -> tuple[tuple[Source, ...], bool, float | None, float | None, FlagOut | None]:
    """One criterion's blend: its sources, whether reviewers need to calibrate, its value
    and uncertainty (None without data), and the calibration flag. Remembered: most
    criteria of a recomputed card have not changed."""
    review, calibrate, _ = reviews_source(
        list(ratings), Consensus(*consensus) if consensus else None
    )
    if review is not None:
        sources = (*sources, review)
    value, sd = blend(sources) if sources else (None, None)
    flag = _calibration_flag(key, label, list(ratings)) if calibrate else None
    return sources, calibrate, value, sd, flag


def score(data: ScoringInput, *, digest: str | None = None) -> Card:
    """The score card for one submission (`digest`: its inputs hash, if already known)."""
    key = data.key
    answered = answers_digest(key.answers)
    items = tuple(data.accomplishments)
    answers = answers_part(answered, key.answers, items)
    automatic = dict(answers.sources)
    accomplishments = accomplishments_source(answered, items, key.references)
    if accomplishments is not None:
        automatic["accomplishments"] = accomplishments
    references = references_source(key.references)
    weights, by_key, total_weight = _weights(key.weights)
    ratings = _ratings(key.reviews)
    consensus = {k: (rating, reason) for k, rating, reason in key.consensus}

    flags: list[FlagOut] = list(answers.flags[: len(answers.flags) - len(answers.texts.flags)])
    rows = []
    for criterion in CRITERIA:
        name = criterion.key
        own: tuple[Source, ...] = (automatic[name],) if name in automatic else ()
        if name == "references" and references is not None:
            own = (*own, references)
        sources, calibrate, value, sd, flag = _criterion(
            name, criterion.label, own, ratings.get(name, ()), consensus.get(name)
        )
        if flag is not None:
            flags.append(flag)
        rows.append((criterion, sources, calibrate, value, sd))

    present = tuple(c.key for c, _, _, v, _ in rows if v is not None)
    shares = _shares(weights, present)
    present_weight = sum(by_key[k] for k in present)
    missing_share = 1 - present_weight / total_weight if total_weight else 1.0
    criteria = []
    total = variance = 0.0
    for criterion, sources, calibrate, value, sd in rows:
        share = shares.get(criterion.key, 0.0)
        points = 100 * share * value if value is not None else 0.0
        total += points
        if sd is not None:
            variance += (share * sd) ** 2
        criteria.append(
            CriterionScore(
                criterion.key,
                criterion.label,
                by_key[criterion.key],
                share,
                value,
                sd,
                sources,
                calibrate,
                points,
            )
        )
    half_width = 100 * (Z * math.sqrt(variance) + 0.5 * missing_share)
    if not present or not shares:
        total, half_width = 50.0, 50.0
    total = max(0.0, min(100.0, total))
    low, high = max(0.0, total - half_width), min(100.0, total + half_width)

    flags.extend(answers.texts.flags)
    for code, kind, severity, message, hold, cleared in key.flags:
        if not cleared:
            flags.append(FlagOut(code, RED, severity, "reference", message, {"kind": kind}, hold))
    return Card(
        RUBRIC_VERSION,
        digest or data.digest(),
        round(total, 2),
        round(low, 2),
        round(high, 2),
        round(half_width, 2),
        tuple(criteria),
        tuple(flags),
        answers.texts.signals,
        answers.texts.readings,
    )


def forget() -> None:
    """Forget everything remembered from answers and inputs (for benchmarks and tests that
    measure first readings; scoring results never depend on it)."""
    from vetting.scoring import answers, inputs, sources, text_signals

    text_signals._analyse.cache_clear()
    answers.evidence_of.cache_clear()
    answers.REMEMBERED.clear()
    answers.shingles.cache_clear()
    inputs.answers_digest.cache_clear()
    inputs._encoded.cache_clear()
    sources._ANSWERS.clear()
    sources._ACCOMPLISHMENTS.clear()
    for memo in (_criterion, _ratings, _weights, _shares):
        memo.cache_clear()
    sources.references_source.cache_clear()
