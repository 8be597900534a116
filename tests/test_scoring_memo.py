"""What the scoring service remembers between cards (the answers' parts, the panel's
sources, the weights' spread, shared parts of the inputs) and its cheaper JSON encoder
never change a card or its inputs hash. Pure: no database."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tests.test_scoring_properties import PROPERTY, consensus, inputs, references, reviews, weights
from vetting.scoring.card import RUBRIC_VERSION, ScoringInput, StoredFlag, forget, score


def _json(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, default=str)


def plain_digest(data: ScoringInput) -> str:
    """The inputs hash as docs/scoring.md states it, written out the plain way: the
    stored cards' hashes were made so, and a recompute skips a card whose inputs give the
    hash it stored."""
    answers = [
        data.years_social,
        data.years_clients,
        [[a.area, a.what, a.result, a.evidence_url, a.reference_id] for a in data.accomplishments],
        [data.services_offered, data.services_declined, data.services_total],
        sorted([k, v] for k, v in data.texts.items() if isinstance(v, str)),
    ]
    parts = [
        hashlib.sha256(_json(answers).encode()).hexdigest(),
        _json([[r.reviewer_id, sorted(r.ratings.items()), r.recommendation] for r in data.reviews]),
        _json(
            [
                [
                    e.check_id,
                    e.reference_id,
                    e.status,
                    e.relationship_confirmed,
                    e.period_consistent,
                    sorted((int(k), v) for k, v in e.verdicts.items()),
                    e.rating_relationships,
                    e.rating_honesty,
                    e.rating_results,
                    e.would_hire_again,
                    e.free_text,
                ]
                for e in data.references
            ]
        ),
        _json(sorted((k, c.rating, c.reason) for k, c in data.consensus.items())),
        _json(sorted(data.weights.items())),
        _json(
            [[f.code, f.kind, f.severity, f.message, f.hold, f.cleared] for f in data.stored_flags]
        ),
        _json(data.references_required),
    ]
    if data.buyer:  # answers to the buyer's own questions, only when there are some
        parts.append(_json(list(data.buyer)))
    return hashlib.sha256(f"{RUBRIC_VERSION}|{'|'.join(parts)}".encode()).hexdigest()


stored_flags = st.lists(
    st.builds(
        StoredFlag,
        code=st.sampled_from(("referee_own_domain", "same_device")),
        kind=st.sampled_from(("discrepancy", "fraud")),
        severity=st.sampled_from(("low", "high")),
        message=st.sampled_from(("Same address.", 'Referee wrote "née Müller" \\ twice.')),
        hold=st.booleans(),
        cleared=st.booleans(),
    ),
    max_size=2,
).map(tuple)
odd_weights = st.fixed_dictionaries({"references": st.just(2.5), "accomplishments": st.just(1 / 3)})


@PROPERTY
@given(inputs(), stored_flags, st.integers(min_value=0, max_value=4), odd_weights | weights)
def test_the_inputs_hash_is_the_plain_hash_of_every_input(
    data: ScoringInput, flags: tuple[StoredFlag, ...], required: int, weighed: dict
) -> None:
    data = dataclasses.replace(
        data, stored_flags=flags, references_required=required, weights=weighed
    )

    assert data.digest() == plain_digest(data) == score(data).inputs_hash


@PROPERTY
@given(inputs(), st.lists(st.tuples(reviews, references, consensus, weights), max_size=3))
def test_what_is_remembered_from_earlier_cards_never_changes_a_card(
    first: ScoringInput, later: list[tuple[Any, ...]]
) -> None:
    # The same answers with other panels, reference checks and weights, as recomputes
    # after reviews and checks would see them, each scored after the ones before ...
    cards = [first] + [
        dataclasses.replace(first, reviews=r, references=e, consensus=c, weights=w)
        for r, e, c, w in later
    ]
    remembered = [score(data).as_dict() for data in cards]

    # ... give the cards scored with nothing remembered.
    fresh = []
    for data in cards:
        forget()
        fresh.append(score(dataclasses.replace(data)).as_dict())
    assert remembered == fresh
