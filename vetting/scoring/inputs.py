"""What the scoring service reads: plain, frozen data, and its inputs hash.

The hash is SHA-256 over a canonical JSON *list* of every input (mappings as sorted pairs),
prefixed with the rubric version: identical inputs give the identical hash whatever the
insertion order of their mappings, and a new rubric version changes every hash (so that
`recompute_scores` rewrites every card once).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from json.encoder import c_make_encoder, encode_basestring
from typing import Any, Generic, NamedTuple, TypeVar, overload

RUBRIC_VERSION = "2026.12-7"
T = TypeVar("T")


class _remembered(Generic[T]):
    """`functools.cached_property` without its lock: Python 3.11 takes a lock on every
    first access, which costs a sixth of building `ScoringInput.key` (3.12 dropped it).
    The value is computed once and kept in the instance's __dict__, where every later
    access finds it first (this is a non-data descriptor)."""

    def __init__(self, compute: Callable[[Any], T]) -> None:
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    @overload
    def __get__(self, instance: None, owner: type) -> _remembered[T]: ...
    @overload
    def __get__(self, instance: object, owner: type) -> T: ...
    def __get__(self, instance: object | None, owner: type) -> T | _remembered[T]:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.compute(instance)
        return value


_ENCODER = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False, default=str)

# The records have slots (no per-instance dict): a recompute reads every field of tens of
# thousands of them to build the cards' keys.


@dataclass(frozen=True, slots=True)
class Accomplishment:
    area: str
    what: str
    result: str = ""
    evidence_url: str = ""
    reference_id: int | None = None


@dataclass(frozen=True, slots=True)
class Review:
    reviewer_id: int
    ratings: Mapping[str, int]  # criterion -> 1..5
    recommendation: str = ""


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class StoredFlag:
    """A flag raised outside the scoring service (reference discrepancies and fraud)."""

    code: str
    kind: str
    severity: str
    message: str
    hold: bool = False
    cleared: bool = False


class BuyerAnswer(NamedTuple):
    """One answer to a question of the buyer's own, with what scoring needs of it."""

    key: str
    prompt: str
    criterion: str
    kind: str  # a QuestionKind value
    value: Any  # as stored (Answer.value)
    options: tuple[tuple[str, str, int | None], ...] = ()  # (key, label, points), in order
    must_have: bool = False
    bands: tuple[tuple[int, int | None, int], ...] = ()  # (from, to or None, points)
    unit: str = ""
    read: bool = False  # a text read for the field's signs (Question.read_signals)


class Clarified(NamedTuple):
    """A clarification the panel accepted: the consultant's reply counts beside the locked
    answer it clarifies. A reply on an answer whose text is read joins that text
    (`clarified_text`); every accepted one is named on the card, by the criterion it feeds."""

    subject: str  # the question's key, or "reference:<id>"
    criterion: str  # the criterion the subject feeds
    on: str  # the day it was accepted, ISO
    asked: str  # the panel's question
    reply: str  # the accepted reply


def clarified_text(answer: str, replies: Sequence[str]) -> str:
    """An answer's text as it is read once clarifications were accepted: the answer, then
    each accepted reply in its own paragraph (the answer's offsets are unchanged)."""
    return "\n\n".join([answer, *replies]) if replies else answer


class Copied(NamedTuple):
    """Part of one answer found elsewhere (vetting/scoring/copies.py): in an earlier answer of
    another consultant (same or another question), or in a known boilerplate passage. One per
    answer, the largest share; the flagged answer earns its text credit on the rest."""

    question: str  # the answer's question key
    share: float  # the share of the answer found in the other, 0-1 (two decimals)
    source: str  # "consultant" or "boilerplate"
    other_question: str = ""  # the other answer's question key ("" for boilerplate)
    on: str = ""  # the day the other answer was submitted, ISO ("" for boilerplate)


COPIED_SOURCES = ("consultant", "boilerplate")


@dataclass(frozen=True, slots=True)
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
    # Answers to the buyer's own questions (vetting/scoring/buyer.py); none for a round on
    # the core questions alone, whose inputs hash is then what it always was.
    buyer: Sequence[BuyerAnswer] = ()
    # The template's own criteria, (key, label) in order, scored after the core seven; none
    # for a round on the core criteria alone (whose inputs hash is then what it always was).
    criteria: Sequence[tuple[str, str]] = ()
    # Accepted clarifications, in the order they were accepted; none for a submission
    # without (whose inputs hash is then what it always was).
    clarified: Sequence[Clarified] = ()
    # Answers found in other consultants' answers or in known boilerplate, one per answer in
    # the order of their questions; none for a submission without (whose inputs hash is then
    # what it always was).
    copied: Sequence[Copied] = ()

    @_remembered
    def key(self) -> Key:
        """Every input as nested tuples in a fixed order: hashable (so that the parts of
        a card that depend on a few inputs are computed once per distinct value) and the
        base of the inputs hash."""
        # List comprehensions rather than generators, and no sort of an empty mapping:
        # this runs once per card, and a recompute after a review is mostly this and the
        # hash (same tuples either way).
        consensus = self.consensus
        return Key(
            (
                self.years_social,
                self.years_clients,
                tuple(
                    [
                        (a.area, a.what, a.result, a.evidence_url, a.reference_id)
                        for a in self.accomplishments
                    ]
                ),
                (self.services_offered, self.services_declined, self.services_total),
                tuple(sorted([item for item in self.texts.items() if isinstance(item[1], str)])),
            ),
            tuple(
                [
                    (r.reviewer_id, _shared(tuple(sorted(r.ratings.items()))), r.recommendation)
                    for r in self.reviews
                ]
            ),
            tuple([evidence_row(e) for e in self.references]),
            tuple(sorted([(k, c.rating, c.reason) for k, c in consensus.items()]))
            if consensus
            else (),
            _shared(tuple(sorted(self.weights.items()))),
            tuple(
                [
                    (f.code, f.kind, f.severity, f.message, f.hold, f.cleared)
                    for f in self.stored_flags
                ]
            ),
            self.references_required,
            tuple([_hashable(answer) for answer in self.buyer]),
            tuple([(k, label) for k, label in self.criteria]),
            tuple([tuple(c) for c in self.clarified]),
            tuple([tuple(c) for c in self.copied]),
        )

    @_remembered
    def answers_digest(self) -> str:
        """The hash of the locked answers (`Key.answers`), shared by the inputs hash and
        the scoring, which finds what it read from these answers by it."""
        return answers_digest(self.key.answers)

    def canonical(self) -> str:
        """A stable JSON form of every input, for the inputs hash. The consultant's
        answers (long texts) enter through their own hash, computed once per answer set.
        A reference check's row names its check, so no other card shares it: it is
        encoded directly rather than remembered."""
        key = self.key
        return "|".join(
            [
                self.answers_digest,
                _encoded(key.reviews),
                _encode(key.references),
                _encoded(key.consensus),
                _encoded(key.weights),
                _encoded(key.flags),
                _encoded(key.references_required),
                *([_encode(key.buyer)] if key.buyer else []),
                *([_encode(("criteria", key.criteria))] if key.criteria else []),
                *([_encode(("clarified", key.clarified))] if key.clarified else []),
                *([_encode(("copied", key.copied))] if key.copied else []),
            ]
        )

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
    buyer: tuple[Any, ...] = ()
    criteria: tuple[tuple[str, str], ...] = ()  # the template's own: (key, label)
    clarified: tuple[tuple[str, ...], ...] = ()  # accepted clarifications (`Clarified`)
    copied: tuple[tuple[Any, ...], ...] = ()  # answers found elsewhere (`Copied`)


def _hashable(answer: BuyerAnswer) -> BuyerAnswer:
    """A buyer answer whose value is a tuple where it was a list (several choices, files):
    the key is hashed and looked up."""
    value = answer.value
    return answer._replace(value=tuple(value)) if isinstance(value, list) else answer


def _compact_encoder() -> Callable[[Any], str]:
    """`_ENCODER.encode`, the same text, for less: `JSONEncoder.encode` builds a new C
    encoder (and its closures) on every call, which costs more than encoding a part of
    the inputs. This is the C encoder `iterencode` would build, with the same settings,
    built once (without the cycle check: the parts are trees of tuples, built by `key`).
    Falls back to `_ENCODER.encode` where the C accelerator is missing."""
    if c_make_encoder is None:
        return _ENCODER.encode
    iterencode = c_make_encoder(
        None,  # markers: no cycle check
        _ENCODER.default,
        encode_basestring,  # ensure_ascii=False
        None,  # indent
        _ENCODER.key_separator,
        _ENCODER.item_separator,
        _ENCODER.sort_keys,
        _ENCODER.skipkeys,
        _ENCODER.allow_nan,
    )

    def encode(part: Any) -> str:
        return "".join(iterencode(part, 0))

    return encode


_encode = _compact_encoder()


_SHARED: dict[tuple[Any, ...], tuple[Any, ...]] = {}
SHARED_KEPT = 4096


def _shared(part: tuple[Any, ...]) -> tuple[Any, ...]:
    """One object for equal parts of the inputs that recur from card to card (a round's
    weights, a reviewer's ratings): the lookups keyed on them then compare by identity,
    and the cards' keys keep one copy, not one each."""
    found = _SHARED.get(part)
    if found is None:
        if len(_SHARED) >= SHARED_KEPT:
            _SHARED.clear()
        found = _SHARED[part] = part
    return found


@lru_cache(maxsize=65536)
def _encoded(part: Any) -> str:
    """One part of the inputs as JSON; cards that share a part (the engagement's weights,
    a panel's ratings) encode it once."""
    return _encode(part)


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
        tuple(sorted([(int(k), v) for k, v in e.verdicts.items()])),
        e.rating_relationships,
        e.rating_honesty,
        e.rating_results,
        e.would_hire_again,
        e.free_text,
    )
