"""The composite score: from plain data to an explained, versioned score card.

Pure and deterministic: the same inputs always give the same card (and the same inputs
hash). Every formula is written out in docs/scoring.md, with a worked example.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, is_dataclass
from fractions import Fraction
from typing import Any

from vetting.scoring.rubric import CRITERIA, CRITERION_KEYS
from vetting.scoring.text_signals import GREEN, RED, Signal, find_signals, text_score

RUBRIC_VERSION = "2026.11-5"

# Source weights in the blend of one criterion: the automatic signals count as one
# reviewer; each submitted review counts as one; reference evidence counts per check.
AUTO_WEIGHT = 1.0
REVIEW_WEIGHT = 1.0
REFERENCE_WEIGHT = 1.0

# Uncertainty (standard deviation, on the 0-1 scale) of one observation of each source.
AUTO_SD = 0.25
REVIEW_SD = 0.15
REFERENCE_SD = 0.20
Z = 1.96  # a 95% interval

VERDICT_VALUE = {"not_confirmed": 0.0, "dont_know": 0.4, "partly": 0.6, "confirmed": 1.0}
HIRE_VALUE = {"no": 0.0, "maybe": 0.5, "yes": 1.0}
DECLINED_EVIDENCE = 0.3
UNREACHABLE_EVIDENCE = 0.2

TEXT_CRITERIA = {
    "business_background": ("business_background",),
    "greatest_accomplishment": ("greatest_accomplishment",),
    "media_vs_marketing": ("media_vs_marketing", "first_steps"),
}
NUMBER_PATTERN = re.compile(r"\d")


# --- Inputs -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Accomplishment:
    area: str
    what: str
    result: str = ""
    evidence_url: str = ""
    reference_id: int | None = None


@dataclass(frozen=True)
class Review:
    reviewer_id: int
    ratings: Mapping[str, int]  # criterion -> 1..5
    recommendation: str = ""


@dataclass(frozen=True)
class ReferenceEvidence:
    check_id: int
    reference_id: int | None
    status: str  # "completed", "declined", "unreachable"; anything else is pending
    relationship_confirmed: bool | None = None
    period_consistent: bool = True
    verdicts: Mapping[int, str] = field(default_factory=dict)  # accomplishment index -> verdict
    rating_relationships: int | None = None
    rating_honesty: int | None = None
    rating_results: int | None = None
    would_hire_again: str = ""
    free_text: str = ""


@dataclass(frozen=True)
class StoredFlag:
    """A flag raised outside the scoring service (reference discrepancies and fraud)."""

    code: str
    kind: str
    severity: str
    message: str
    hold: bool = False
    cleared: bool = False


@dataclass(frozen=True)
class Consensus:
    rating: int  # 1..5
    reason: str


@dataclass(frozen=True)
class ScoringInput:
    years_social: int | None = None
    years_clients: int | None = None
    accomplishments: Sequence[Accomplishment] = ()
    texts: Mapping[str, str] = field(default_factory=dict)  # question key -> answer
    services_offered: int = 0
    services_declined: int = 0
    services_total: int = 0
    reviews: Sequence[Review] = ()
    references: Sequence[ReferenceEvidence] = ()
    references_required: int = 2
    consensus: Mapping[str, Consensus] = field(default_factory=dict)
    weights: Mapping[str, float] = field(default_factory=dict)
    stored_flags: Sequence[StoredFlag] = ()

    def canonical(self) -> str:
        """A stable JSON form of every input, for the inputs hash."""
        return json.dumps(plain(self), sort_keys=True, default=str, separators=(",", ":"))

    def digest(self) -> str:
        return hashlib.sha256(f"{RUBRIC_VERSION}|{self.canonical()}".encode()).hexdigest()


_FIELDS: dict[type, tuple[str, ...]] = {}


def plain(value: Any) -> Any:
    """Dataclasses, mappings and sequences as plain dicts and lists (like
    dataclasses.asdict, without its deep copies: this runs once per card)."""
    kind = type(value)
    if kind in (str, int, float, bool) or value is None:
        return value
    names = _FIELDS.get(kind)
    if names is None and is_dataclass(value):
        names = _FIELDS[kind] = tuple(f.name for f in fields(value))
    if names is not None:
        return {name: plain(getattr(value, name)) for name in names}
    if isinstance(value, Mapping):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    return value


# --- Outputs ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    kind: str  # "auto", "reviews", "consensus", "references"
    value: float  # 0..1
    weight: float  # its share of the blend before normalising
    sd: float  # uncertainty of this source
    explanation: str


@dataclass(frozen=True)
class CriterionScore:
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


@dataclass(frozen=True)
class FlagOut:
    code: str
    polarity: str  # "red" or "green"
    severity: str  # "low", "medium", "high"
    source: str  # "text", "structure", "reference", "reviews"
    message: str
    evidence: Mapping[str, Any] = field(default_factory=dict)
    hold: bool = False


@dataclass(frozen=True)
class Card:
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

    def as_dict(self) -> dict[str, Any]:
        return {
            "rubric_version": self.rubric_version,
            "inputs_hash": self.inputs_hash,
            "total": self.total,
            "low": self.low,
            "high": self.high,
            "margin": self.margin,
            "criteria": [plain(c) for c in self.criteria],
            "flags": [plain(f) for f in self.flags],
            "signals": {k: [s.as_dict() for s in v] for k, v in self.signals.items()},
        }


# --- Automatic signals --------------------------------------------------------------------------


def years_value(years: int, scale: float) -> float:
    """Diminishing returns: 1 - exp(-years / scale)."""
    return 1.0 - math.exp(-max(years, 0) / scale)


def accomplishment_value(item: Accomplishment, verdict: str | None) -> tuple[float, list[str]]:
    """One accomplishment, 0 to 1, with the reasons."""
    value, why = 0.2, ["listed (0.20)"]
    result = item.result.strip()
    if result and NUMBER_PATTERN.search(result):
        value += 0.35
        why.append("a measured result with a number (+0.35)")
    elif result:
        value += 0.15
        why.append("a result without a number (+0.15)")
    if item.evidence_url.strip():
        value += 0.15
        why.append("evidence linked (+0.15)")
    if item.reference_id is not None:
        value += 0.10
        why.append("a reference named to confirm it (+0.10)")
    if verdict is not None:
        bonus = {"confirmed": 0.20, "partly": 0.10, "dont_know": 0.0, "not_confirmed": -0.20}
        value += bonus.get(verdict, 0.0)
        why.append(f"the reference said {verdict.replace('_', ' ')} ({bonus.get(verdict, 0):+.2f})")
    return max(0.0, min(1.0, value)), why


def _verdicts_by_reference(data: ScoringInput) -> dict[tuple[int, int], str]:
    """(reference id, accomplishment index) -> verdict, from completed checks."""
    found = {}
    for evidence in data.references:
        if evidence.status == "completed" and evidence.reference_id is not None:
            for index, verdict in evidence.verdicts.items():
                found[(evidence.reference_id, int(index))] = verdict
    return found


def _auto_accomplishments(data: ScoringInput) -> Source | None:
    if not data.accomplishments:
        return None
    verdicts = _verdicts_by_reference(data)
    scored = []
    for index, item in enumerate(data.accomplishments):
        verdict = (
            verdicts.get((item.reference_id, index)) if item.reference_id is not None else None
        )
        scored.append(accomplishment_value(item, verdict))
    best = sorted((v for v, _ in scored), reverse=True)[:5]
    areas = {item.area for item in data.accomplishments}
    value = 0.75 * (sum(best) / len(best)) + 0.25 * (len(areas & AREAS) / len(AREAS))
    lines = [f"#{i + 1}: {v:.2f} ({', '.join(why)})" for i, (v, why) in enumerate(scored)]
    explanation = (
        f"mean of the best {len(best)} accomplishments × 0.75 + areas covered "
        f"{len(areas & AREAS)}/3 × 0.25; " + "; ".join(lines)
    )
    return Source("auto", value, AUTO_WEIGHT, AUTO_SD, explanation)


AREAS = {"monetization", "pr", "database_building"}


def _auto_text(data: ScoringInput, keys: tuple[str, ...]) -> tuple[Source | None, dict]:
    signals: dict[str, tuple[Signal, ...]] = {}
    values = []
    parts = []
    for key in keys:
        text = data.texts.get(key, "")
        if not text.strip():
            continue
        found = tuple(find_signals(text))
        signals[key] = found
        length_bonus = min(len(text.strip()), 1200) / 1200 * 0.15
        value = max(0.0, min(1.0, text_score(list(found)) + length_bonus))
        values.append(value)
        green = [s.code for s in found if s.polarity == GREEN]
        red = [s.code for s in found if s.polarity == RED]
        parts.append(
            f"{key}: baseline 0.35 + length {length_bonus:.2f}"
            + (f" + green {', '.join(green)}" if green else "")
            + (f" − red {', '.join(red)}" if red else "")
            + f" = {value:.2f}"
        )
    if not values:
        return None, signals
    value = sum(values) / len(values)
    return Source("auto", value, AUTO_WEIGHT, AUTO_SD, "; ".join(parts)), signals


def reference_evidence_value(evidence: ReferenceEvidence) -> float | None:
    """What one reference check says, 0 to 1 (None while it is pending)."""
    if evidence.status == "declined":
        return DECLINED_EVIDENCE
    if evidence.status == "unreachable":
        return UNREACHABLE_EVIDENCE
    if evidence.status != "completed":
        return None
    parts: list[tuple[float, float]] = []  # (weight, value)
    if evidence.relationship_confirmed is not None:
        parts.append((0.15, 1.0 if evidence.relationship_confirmed else 0.3))
    parts.append((0.10, 1.0 if evidence.period_consistent else 0.3))
    if evidence.verdicts:
        values = [VERDICT_VALUE.get(v, 0.4) for v in evidence.verdicts.values()]
        parts.append((0.25, sum(values) / len(values)))
    ratings = [
        r
        for r in (
            evidence.rating_relationships,
            evidence.rating_honesty,
            evidence.rating_results,
        )
        if r is not None
    ]
    if ratings:
        parts.append((0.35, sum((r - 1) / 4 for r in ratings) / len(ratings)))
    if evidence.would_hire_again in HIRE_VALUE:
        parts.append((0.15, HIRE_VALUE[evidence.would_hire_again]))
    total_weight = sum(w for w, _ in parts)
    return sum(w * v for w, v in parts) / total_weight


def _references_source(data: ScoringInput) -> Source | None:
    scored = [
        (e, reference_evidence_value(e))
        for e in data.references
        if reference_evidence_value(e) is not None
    ]
    if not scored:
        return None
    values = [v for _, v in scored]
    value = sum(values) / len(values)
    lines = [f"check {e.check_id} ({e.status}): {v:.2f}" for e, v in scored]
    sd = REFERENCE_SD / math.sqrt(len(values))
    return Source(
        "references",
        value,
        REFERENCE_WEIGHT * len(values),
        sd,
        f"mean of {len(values)} finished reference check(s): " + "; ".join(lines),
    )


# --- Blending ----------------------------------------------------------------------------------


def _reviews_source(data: ScoringInput, criterion: str) -> tuple[Source | None, bool, list[int]]:
    ratings = [r.ratings[criterion] for r in data.reviews if criterion in r.ratings]
    consensus = data.consensus.get(criterion)
    spread = (max(ratings) - min(ratings)) if ratings else 0
    needs_calibration = spread >= 2
    if consensus is not None:
        value = (consensus.rating - 1) / 4
        return (
            Source(
                "consensus",
                value,
                REVIEW_WEIGHT * max(len(ratings), 1),
                REVIEW_SD / math.sqrt(max(len(ratings), 1)),
                f"consensus rating {consensus.rating}/5 recorded by the owner "
                f"(replaces the mean of {len(ratings)} review(s)): {consensus.reason}",
            ),
            False,
            ratings,
        )
    if not ratings:
        return None, False, ratings
    mean = sum(ratings) / len(ratings)
    values = [(r - 1) / 4 for r in ratings]
    mu = sum(values) / len(values)
    variance = sum((v - mu) ** 2 for v in values) / len(values)
    sd = math.sqrt((REVIEW_SD**2 + variance) / len(values))
    return (
        Source(
            "reviews",
            (mean - 1) / 4,
            REVIEW_WEIGHT * len(ratings),
            sd,
            f"mean reviewer rating {mean:.2f}/5 from {len(ratings)} review(s), "
            f"spread {spread} point(s)",
        ),
        needs_calibration,
        ratings,
    )


def blend(sources: Sequence[Source]) -> tuple[float, float]:
    """Weighted mean of the sources, and its standard deviation (inverse-variance)."""
    total = sum(s.weight for s in sources)
    value = sum(s.weight * s.value for s in sources) / total
    precision = sum(1 / (s.sd**2) for s in sources)
    return value, math.sqrt(1 / precision)


def _auto_source(data: ScoringInput, key: str) -> tuple[Source | None, dict]:
    if key == "experience_social" and data.years_social is not None:
        value = years_value(data.years_social, 4)
        return Source(
            "auto",
            value,
            AUTO_WEIGHT,
            AUTO_SD,
            f"{data.years_social} years practising: 1 − e^(−years/4) = {value:.2f}",
        ), {}
    if key == "experience_clients" and data.years_clients is not None:
        value = years_value(data.years_clients, 3)
        why = f"{data.years_clients} years for clients: 1 − e^(−years/3) = {value:.2f}"
        if data.years_social is not None and data.years_clients > data.years_social:
            value *= 0.5
            why += " × 0.5 (more years for clients than years practising at all)"
        return Source("auto", value, AUTO_WEIGHT, AUTO_SD, why), {}
    if key == "accomplishments":
        return _auto_accomplishments(data), {}
    if key in TEXT_CRITERIA:
        return _auto_text(data, TEXT_CRITERIA[key])
    return None, {}


def _structural_flags(data: ScoringInput) -> list[FlagOut]:
    flags = []
    if (
        data.years_social is not None
        and data.years_clients is not None
        and data.years_clients > data.years_social
    ):
        flags.append(
            FlagOut(
                "years_inconsistent",
                RED,
                "medium",
                "structure",
                f"{data.years_clients} years for clients but only {data.years_social} "
                "years practising social media.",
                {"years_social": data.years_social, "years_clients": data.years_clients},
            )
        )
    bare = [
        i + 1
        for i, a in enumerate(data.accomplishments)
        if not a.result.strip() and not a.evidence_url.strip()
    ]
    if bare:
        flags.append(
            FlagOut(
                "accomplishments_unmeasured",
                RED,
                "medium",
                "structure",
                f"{len(bare)} accomplishment(s) with no measured result and no evidence.",
                {"accomplishments": bare},
            )
        )
    measured = [
        i + 1
        for i, a in enumerate(data.accomplishments)
        if NUMBER_PATTERN.search(a.result) and (a.evidence_url or a.reference_id)
    ]
    if measured:
        flags.append(
            FlagOut(
                "measured_accomplishments",
                GREEN,
                "low",
                "structure",
                f"{len(measured)} accomplishment(s) with a measured result and evidence or a "
                "reference.",
                {"accomplishments": measured},
            )
        )
    if (
        data.services_total
        and data.services_offered >= data.services_total - 1
        and data.services_declined == 0
    ):
        flags.append(
            FlagOut(
                "does_everything",
                RED,
                "medium",
                "structure",
                f"Offers {data.services_offered} of {data.services_total} services and "
                "declines none.",
                {"offered": data.services_offered, "declined": data.services_declined},
            )
        )
    return flags


def score(data: ScoringInput, *, digest: str | None = None) -> Card:
    """The score card for one submission (`digest`: its inputs hash, if already known)."""
    weights = {
        k: float(data.weights.get(k, c.default_weight))
        for k, c in zip(CRITERION_KEYS, CRITERIA, strict=True)
    }
    rows: list[tuple[Any, list[Source], bool, float | None, float | None]] = []
    signals: dict[str, tuple[Signal, ...]] = {}
    flags = _structural_flags(data)
    for criterion in CRITERIA:
        key = criterion.key
        sources: list[Source] = []
        auto, found = _auto_source(data, key)
        signals.update(found)
        if auto is not None:
            sources.append(auto)
        if key == "references":
            references = _references_source(data)
            if references is not None:
                sources.append(references)
        review, calibrate, ratings = _reviews_source(data, key)
        if review is not None:
            sources.append(review)
        if calibrate:
            flags.append(
                FlagOut(
                    f"calibrate_{key}",
                    RED,
                    "low",
                    "reviews",
                    f"Reviewers disagree on {criterion.label.lower()}: ratings "
                    f"{', '.join(map(str, sorted(ratings)))} differ by 2 or more.",
                    {"criterion": key, "ratings": sorted(ratings)},
                )
            )
        value, sd = blend(sources) if sources else (None, None)
        rows.append((criterion, sources, calibrate, value, sd))

    # Exact fractions, so that scaling every weight by a constant changes nothing at all.
    exact = {k: Fraction(w) for k, w in weights.items()}
    total_weight = sum(exact.values()) or Fraction(1)
    present = sum((exact[c.key] for c, _, _, v, _ in rows if v is not None), Fraction(0))
    missing_share = float(1 - present / total_weight)
    criteria = []
    total = 0.0
    variance = 0.0
    for criterion, sources, calibrate, value, sd in rows:
        share = float(exact[criterion.key] / present) if value is not None and present else 0.0
        points = 100 * share * value if value is not None else 0.0
        total += points
        if sd is not None:
            variance += (share * sd) ** 2
        criteria.append(
            CriterionScore(
                criterion.key,
                criterion.label,
                weights[criterion.key],
                share,
                value,
                sd,
                tuple(sources),
                calibrate,
                points,
            )
        )
    half_width = 100 * (Z * math.sqrt(variance) + 0.5 * missing_share)
    if present == 0:
        total, half_width = 50.0, 50.0
    total = max(0.0, min(100.0, total))
    low, high = max(0.0, total - half_width), min(100.0, total + half_width)

    # One flag per signal, however many answers raised it; the evidence lists each match.
    by_code: dict[str, list[tuple[str, Signal]]] = {}
    for key, found in signals.items():
        for signal in found:
            by_code.setdefault(signal.code, []).append((key, signal))
    for code, matches in by_code.items():
        first = matches[0][1]
        flags.append(
            FlagOut(
                f"text_{code}",
                first.polarity,
                "medium" if first.polarity == RED else "low",
                "text",
                first.principle,
                {
                    "question": matches[0][0],
                    "text": first.text,
                    "matches": [
                        {"question": k, "start": s.start, "end": s.end, "text": s.text}
                        for k, s in matches
                    ],
                },
            )
        )
    for stored in data.stored_flags:
        if stored.cleared:
            continue
        flags.append(
            FlagOut(
                stored.code,
                RED,
                stored.severity,
                "reference",
                stored.message,
                {"kind": stored.kind},
                stored.hold,
            )
        )
    return Card(
        RUBRIC_VERSION,
        digest or data.digest(),
        round(total, 2),
        round(low, 2),
        round(high, 2),
        round(half_width, 2),
        tuple(criteria),
        tuple(flags),
        signals,
    )
