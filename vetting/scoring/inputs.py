"""What the scoring service reads: plain, frozen data, and its inputs hash.

The hash is SHA-256 over a canonical JSON *list* of every input (mappings as sorted pairs),
prefixed with the rubric version: identical inputs give the identical hash whatever the
insertion order of their mappings, and a new rubric version changes every hash (so that
`recompute_scores` rewrites every card once).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any, NamedTuple

RUBRIC_VERSION = "2026.12-1"
_ENCODER = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False, default=str)


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

    @cached_property
    def key(self) -> Key:
        """Every input as nested tuples in a fixed order: hashable (so that the parts of
        a card that depend on a few inputs are computed once per distinct value) and the
        base of the inputs hash."""
        return Key(
            (
                self.years_social,
                self.years_clients,
                tuple(
                    (a.area, a.what, a.result, a.evidence_url, a.reference_id)
                    for a in self.accomplishments
                ),
                (self.services_offered, self.services_declined, self.services_total),
                tuple(sorted((k, v) for k, v in self.texts.items() if isinstance(v, str))),
            ),
            tuple(
                (r.reviewer_id, tuple(sorted(r.ratings.items())), r.recommendation)
                for r in self.reviews
            ),
            tuple(evidence_row(e) for e in self.references),
            tuple(sorted((k, c.rating, c.reason) for k, c in self.consensus.items())),
            tuple(sorted(self.weights.items())),
            tuple(
                (f.code, f.kind, f.severity, f.message, f.hold, f.cleared)
                for f in self.stored_flags
            ),
            self.references_required,
        )

    def canonical(self) -> str:
        """A stable JSON form of every input, for the inputs hash. The consultant's
        answers (long texts) enter through their own hash, computed once per answer set."""
        key = self.key
        return "|".join([answers_digest(key.answers), *map(_encoded, key[1:])])

    def digest(self) -> str:
        return hashlib.sha256(f"{RUBRIC_VERSION}|{self.canonical()}".encode()).hexdigest()


class Key(NamedTuple):
    answers: tuple[Any, ...]  # years, accomplishments, services, texts: the locked answers
    reviews: tuple[Any, ...]
    references: tuple[Any, ...]
    consensus: tuple[Any, ...]
    weights: tuple[Any, ...]
    flags: tuple[Any, ...]
    references_required: int


@lru_cache(maxsize=65536)
def _encoded(part: Any) -> str:
    """One part of the inputs as JSON; cards that share a part (the engagement's weights,
    a panel's ratings) encode it once."""
    return _ENCODER.encode(part)


@lru_cache(maxsize=8192)
def answers_digest(answers: tuple[Any, ...]) -> str:
    """The hash of the consultant's answers: long texts are hashed once, not on every
    recompute after a review."""
    years_social, years_clients, items, services, texts = answers
    return hashlib.sha256(
        _ENCODER.encode(
            [
                years_social,
                years_clients,
                items,
                services,
                texts,
            ]
        ).encode()
    ).hexdigest()


def evidence_row(e: ReferenceEvidence) -> tuple[Any, ...]:
    return (
        e.check_id,
        e.reference_id,
        e.status,
        e.relationship_confirmed,
        e.period_consistent,
        tuple(sorted((int(k), v) for k, v in e.verdicts.items())),
        e.rating_relationships,
        e.rating_honesty,
        e.rating_results,
        e.would_hire_again,
        e.free_text,
    )
