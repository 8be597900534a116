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
from vetting.scoring.buyer import buyer_sources, knockouts, text_flags
from vetting.scoring.inputs import (
    RUBRIC_VERSION,
    Accomplishment,
    BuyerAnswer,
    Clarified,
    Consensus,
    Copied,
    Key,
    ReferenceEvidence,
    Review,
    ScoringInput,
    StoredFlag,
)
from vetting.scoring.rubric import CRITERIA, CRITERIA_BY_KEY, CRITERION_KEYS
from vetting.scoring.said import gettext_noop, num, say, specs, word
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
    references_part,
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
    "BuyerAnswer",
    "Card",
    "Clarified",
    "Consensus",
    "Copied",
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
    # The accepted clarifications that count on this card: why it moved, by criterion.
    clarified: tuple[Clarified, ...] = ()

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
                {
                    **c._asdict(),
                    "sources": [{**s._asdict(), **specs(s._asdict())} for s in c.sources],
                }
                for c in self.criteria
            ],
            "flags": [
                {**f._asdict(), "evidence": plain(f.evidence), **specs(f._asdict())}
                for f in self.flags
            ],
            "signals": {k: [s.as_dict() for s in v] for k, v in self.signals.items()},
            "answers": {k: a.as_dict() for k, a in self.answers.items()},
            # Only on cards with some (the cards of every other submission stay as they were).
            **({"clarified": [c._asdict() for c in self.clarified]} if self.clarified else {}),
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
                say(
                    gettext_noop(
                        "consensus rating %(rating)s/5 recorded by the owner (replaces the mean "
                        "of %(n)s review(s)): %(reason)s"
                    ),
                    rating=num(consensus.rating, "d"),
                    n=num(len(ratings), "d"),
                    reason=consensus.reason,
                ),
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
            say(
                gettext_noop(
                    "mean reviewer rating %(mean)s/5 from %(n)s review(s), spread %(spread)s "
                    "point(s)"
                ),
                mean=num(mean),
                n=num(n, "d"),
                spread=num(spread, "d"),
            ),
        ),
        spread >= 2,
        ratings,
    )


def blend(sources: Sequence[Source]) -> tuple[float, float]:
    """Weighted mean of the sources, and its standard deviation (inverse-variance)."""
    total = weighted = precision = 0.0
    for _, value, weight, sd, _ in sources:
        total += weight
        weighted += weight * value
        precision += 1 / (sd * sd)
    return weighted / total, math.sqrt(1 / precision)


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


class _Spread(NamedTuple):
    """How one engagement's weights spread over the criteria that have data (`_spread`)."""

    weights: tuple[float, ...]  # per criterion, in CRITERIA order; a default where not given
    shares: tuple[float, ...] | None  # of the total; 0 without data; None if nothing weighs
    missing: float  # the share of the weight on criteria without data


@lru_cache(maxsize=4096)
def _spread(
    given: tuple[tuple[str, float], ...],
    present: tuple[bool, ...],
    custom: tuple[tuple[str, str], ...] = (),
) -> _Spread:
    """The engagement's weights (`given`, a default for any core criterion it does not
    weigh, 0 for one of the template's own) spread over the criteria with data (`present`,
    in CRITERIA order then the template's own, `custom`). A round's cards share its weights
    and mostly have data on the same criteria: computed once for them all."""
    by_key = dict(given)
    keys_all = CRITERION_KEYS + tuple(k for k, _ in custom) if custom else CRITERION_KEYS
    weights = tuple(float(by_key.get(c.key, c.default_weight)) for c in CRITERIA)
    if custom:
        weights += tuple(float(by_key.get(k, 0)) for k, _ in custom)
    keys = tuple(k for k, has in zip(keys_all, present, strict=True) if has)
    shares = _shares(tuple(zip(keys_all, weights, strict=True)), keys)
    total = sum(weights)
    present_weight = sum(w for w, has in zip(weights, present, strict=True) if has)
    return _Spread(
        weights,
        tuple(shares.get(k, 0.0) for k in keys_all) if shares else None,
        1 - present_weight / total if total else 1.0,
    )


def _calibration_flag(key: str, label: str, ratings: list[int]) -> FlagOut:
    return FlagOut(
        f"calibrate_{key}",
        RED,
        "low",
        "reviews",
        say(
            gettext_noop(
                "Reviewers disagree on %(criterion)s: ratings %(ratings)s differ by 2 or more."
            ),
            criterion=word(label, lower=True),
            ratings=", ".join(map(str, sorted(ratings))),
        ),
        {"criterion": key, "ratings": sorted(ratings)},
    )


def _ratings(reviews: tuple[tuple[Any, ...], ...]) -> dict[str, list[int]]:
    """criterion -> the panel's ratings of it, in review order."""
    found: dict[str, list[int]] = {}
    for _, review_ratings, _ in reviews:
        for key, rating in review_ratings:
            if key in found:
                found[key].append(rating)
            else:
                found[key] = [rating]
    return found


@lru_cache(maxsize=4096)
def _reviewed(
    key: str, ratings: tuple[int, ...], consensus: tuple[int, str] | None, label: str = ""
) -> tuple[Source | None, FlagOut | None]:
    """What the panel says of one criterion: its source (None without reviews or a
    consensus) and the flag when the reviewers need to calibrate. A panel's ratings of one
    criterion take few values (a pair of 1-5 ratings, 25), so most cards find theirs here."""
    review, calibrate, _ = reviews_source(
        list(ratings), Consensus(*consensus) if consensus else None
    )
    label = label or CRITERIA_BY_KEY[key].label
    return review, _calibration_flag(key, label, list(ratings)) if calibrate else None


Blended = tuple[tuple[Source, ...], bool]  # a criterion's sources; whether to calibrate
# Where the accomplishments and the references sit in CRITERIA (and `AnswersPart.sources`).
_ACCOMPLISHMENTS = CRITERION_KEYS.index("accomplishments")
_LABELS = tuple(c.label for c in CRITERIA)
_REFERENCES = CRITERION_KEYS.index("references")
# `_record(CriterionScore, fields)` is `CriterionScore(*fields)` without the NamedTuple's
# `__new__`, a Python function that only passes its arguments on (and costs as much as
# the tuple): a card builds eight records.
_record = tuple.__new__


def _blended(key: Key, own: list[Source | None], flags: list[FlagOut]) -> list[Blended]:
    """Each criterion's sources (`own`, per criterion, then the panel's) and whether its
    reviewers need to calibrate (their flag is added to `flags`)."""
    ratings = _ratings(key.reviews)
    consensus = {k: (rating, reason) for k, rating, reason in key.consensus}
    blended = []
    names = CRITERION_KEYS
    labels: tuple[str, ...] = ("",) * len(CRITERION_KEYS)
    if key.criteria:
        names += tuple(k for k, _ in key.criteria)
        labels += tuple(label for _, label in key.criteria)
    for name, label, source in zip(names, labels, own, strict=True):
        review, flag = _reviewed(name, tuple(ratings.get(name, ())), consensus.get(name), label)
        if review is None:
            sources: tuple[Source, ...] = () if source is None else (source,)
        else:
            sources = (review,) if source is None else (source, review)
        if flag is not None:
            flags.append(flag)
        blended.append((sources, flag is not None))
    return blended


def score(data: ScoringInput, *, digest: str | None = None) -> Card:
    """The score card for one submission (`digest`: its inputs hash, if already known)."""
    key = data.key
    items = tuple(data.accomplishments)
    answers = answers_part(data.answers_digest, key.answers, items, key.copied)
    # The sources besides the reviews, per criterion: the answers' own (years, texts),
    # the accomplishments with what references said of them, the references.
    references = references_part(key.references)
    own = list(answers.sources)
    own[_ACCOMPLISHMENTS] = accomplishments_source(answers, items, references.verdicts)
    own[_REFERENCES] = references.source
    names, labels = CRITERION_KEYS, _LABELS
    if key.criteria:  # the template's own criteria: sourced from its questions and reviews
        own.extend([None] * len(key.criteria))
        names += tuple(k for k, _ in key.criteria)
        labels += tuple(label for _, label in key.criteria)
    flags: list[FlagOut] = list(answers.structure)
    blended = _blended(key, own, flags)
    if key.buyer:  # the buyer's own questions: a source where they give points
        extra = buyer_sources(key.buyer)
        blended = [
            ((*sources, extra[name]) if name in extra else sources, calibrate)
            for name, (sources, calibrate) in zip(names, blended, strict=True)
        ]
        flags.extend(knockouts(key.buyer))

    spread = _spread(key.weights, tuple([bool(sources) for sources, _ in blended]), key.criteria)
    shares = spread.shares or (0.0,) * len(names)
    criteria = []
    total = variance = 0.0
    for name, label, weight, share, (sources, calibrate) in zip(
        names, labels, spread.weights, shares, blended, strict=True
    ):
        if sources:
            value, sd = blend(sources)
            points = 100 * share * value
            variance += (share * sd) ** 2
        else:
            value = sd = None
            points = 0.0
        total += points
        criteria.append(
            _record(
                CriterionScore,
                (
                    name,
                    label,
                    weight,
                    share,
                    value,
                    sd,
                    sources,
                    calibrate,
                    points,
                ),
            )
        )
    half_width = 100 * (Z * math.sqrt(variance) + 0.5 * spread.missing)
    if spread.shares is None:
        total, half_width = 50.0, 50.0
    total = max(0.0, min(100.0, total))
    low, high = max(0.0, total - half_width), min(100.0, total + half_width)

    flags.extend(answers.texts.flags)
    if key.buyer:  # the buyer's texts they asked to be read: the rules not raised already
        flags.extend(text_flags(key.buyer, [f.code for f in flags]))
    for code, kind, severity, message, hold, cleared in key.flags:
        if not cleared:
            flags.append(FlagOut(code, RED, severity, "reference", message, {"kind": kind}, hold))
    return _record(
        Card,
        (
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
            tuple(data.clarified),
        ),
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
    for memo in (_reviewed, _spread):
        memo.cache_clear()
    sources.references_part.cache_clear()
