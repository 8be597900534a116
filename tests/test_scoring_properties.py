"""Properties of the composite score (vetting.scoring.card), checked with hypothesis over
generated inputs, plus a few worked examples of the explanation. Pure: no database."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from vetting.scoring.card import (
    Accomplishment,
    Card,
    Consensus,
    CriterionScore,
    ReferenceEvidence,
    Review,
    ScoringInput,
    score,
)
from vetting.scoring.rubric import CRITERION_KEYS

# No example database: nothing is written into the checkout, and a run depends only on its
# seed. Raise max_examples locally when changing card.py (3000 each pass in about a minute).
PROPERTY = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# --- Strategies: small vocabularies, so that generated inputs hit the interesting cases -----

VERDICTS = ("not_confirmed", "dont_know", "partly", "confirmed")  # worst to best
PHRASES = (
    "We start from your target market and the message.",
    "It is a relationship, not a Twitter campaign.",
    "We listen to what customers say.",
    "We are transparent about bad feedback.",
    "Customer service and the legal team are involved.",
    "We coach your team to run it in-house.",
    "First we launch a Twitter campaign.",
    "The plan is to go viral and build buzz.",
    "We do it all.",
    "We will run your community for you.",
    "Eight years in B2B marketing and PR.",
    "We never buy followers.",
)
TEXT_KEYS = ("business_background", "greatest_accomplishment", "media_vs_marketing", "first_steps")

years = st.none() | st.integers(min_value=0, max_value=50)
rating = st.integers(min_value=1, max_value=5)
maybe_rating = st.none() | rating
texts = st.dictionaries(
    st.sampled_from(TEXT_KEYS),
    st.lists(st.sampled_from(PHRASES), min_size=1, max_size=2).map(" ".join),
    max_size=2,
)
accomplishment = st.builds(
    Accomplishment,
    area=st.sampled_from(("monetization", "pr", "database_building", "other")),
    what=st.just("Ran a LinkedIn community programme."),
    result=st.sampled_from(("", "More press coverage.", "Demo requests up 38% in a year.")),
    evidence_url=st.sampled_from(("", "https://example.com/case-study")),
    reference_id=st.none() | st.integers(min_value=1, max_value=3),
)
review_ratings = st.dictionaries(st.sampled_from(CRITERION_KEYS), rating)
reviews = st.lists(review_ratings, max_size=5).map(
    lambda panel: tuple(Review(reviewer_id=i + 1, ratings=r) for i, r in enumerate(panel))
)
evidence = st.builds(
    ReferenceEvidence,
    check_id=st.just(0),
    reference_id=st.none() | st.integers(min_value=1, max_value=3),
    status=st.sampled_from(("completed", "completed", "declined", "unreachable", "requested")),
    relationship_confirmed=st.none() | st.booleans(),
    period_consistent=st.booleans(),
    verdicts=st.dictionaries(st.integers(min_value=0, max_value=5), st.sampled_from(VERDICTS)),
    rating_relationships=maybe_rating,
    rating_honesty=maybe_rating,
    rating_results=maybe_rating,
    would_hire_again=st.sampled_from(("", "no", "maybe", "yes")),
)
references = st.lists(evidence, max_size=4).map(
    lambda checks: tuple(dataclasses.replace(e, check_id=i + 1) for i, e in enumerate(checks))
)
weights = st.fixed_dictionaries(
    {key: st.integers(min_value=0, max_value=100) for key in CRITERION_KEYS}
).filter(lambda w: any(w.values()))
consensus = st.dictionaries(
    st.sampled_from(CRITERION_KEYS),
    st.builds(Consensus, rating=rating, reason=st.just("The panel talked it through.")),
    max_size=2,
)


def inputs(
    reviews: st.SearchStrategy[tuple[Review, ...]] = reviews,
    references: st.SearchStrategy[tuple[ReferenceEvidence, ...]] = references,
    consensus: st.SearchStrategy[dict[str, Consensus]] = consensus,
) -> st.SearchStrategy[ScoringInput]:
    return st.builds(
        ScoringInput,
        years_social=years,
        years_clients=years,
        accomplishments=st.lists(accomplishment, max_size=6).map(tuple),
        texts=texts,
        reviews=reviews,
        references=references,
        consensus=consensus,
        weights=weights,
    )


def width(card: Card) -> float:
    return card.high - card.low


def half_width(card: Card) -> float | None:
    """The ± of the interval, read off a side that was not cut at 0 or 100."""
    if card.low > 0:
        return card.total - card.low
    if card.high < 100:
        return card.high - card.total
    return None  # cut on both sides; card.margin still says it


def criterion(card: Card, key: str) -> CriterionScore:
    return next(c for c in card.criteria if c.key == key)


# total, low and high are each rounded to 2 decimals: a difference of two can move by 0.01.
ROUNDING = 0.010001


# --- Bounds --------------------------------------------------------------------------------


@PROPERTY
@given(inputs())
def test_total_and_interval_stay_within_0_and_100(data: ScoringInput) -> None:
    card = score(data)

    assert 0 <= card.low <= card.total <= card.high <= 100


# --- Monotonicity --------------------------------------------------------------------------

rated_panel = st.lists(review_ratings.filter(bool), min_size=1, max_size=5).map(
    lambda panel: tuple(Review(reviewer_id=i + 1, ratings=r) for i, r in enumerate(panel))
)


@PROPERTY
@given(inputs(reviews=rated_panel), st.data())
def test_raising_any_rating_by_one_never_lowers_the_total(
    data: ScoringInput, pick: st.DataObject
) -> None:
    raisable = [
        (index, key)
        for index, review in enumerate(data.reviews)
        for key, value in review.ratings.items()
        if value < 5
    ]
    assume(raisable)
    index, key = pick.draw(st.sampled_from(raisable))
    ratings = {**data.reviews[index].ratings, key: data.reviews[index].ratings[key] + 1}
    raised = list(data.reviews)
    raised[index] = dataclasses.replace(raised[index], ratings=ratings)

    after = score(dataclasses.replace(data, reviews=tuple(raised)))

    assert after.total >= score(data).total


def _confirm_more(evidence: ReferenceEvidence, pick: st.DataObject) -> ReferenceEvidence:
    """One step towards confirmation: a verdict one notch up, or the relationship confirmed."""
    steps = [("verdict", i) for i, v in evidence.verdicts.items() if v != "confirmed"]
    if evidence.relationship_confirmed is False:
        steps.append(("relationship", None))
    assume(steps)
    kind, index = pick.draw(st.sampled_from(steps))
    if kind == "relationship":
        return dataclasses.replace(evidence, relationship_confirmed=True)
    better = VERDICTS[VERDICTS.index(evidence.verdicts[index]) + 1]
    return dataclasses.replace(evidence, verdicts={**evidence.verdicts, index: better})


@PROPERTY
@given(inputs(references=st.lists(evidence, min_size=1, max_size=4).map(tuple)), st.data())
def test_confirming_a_reference_never_lowers_the_total(
    data: ScoringInput, pick: st.DataObject
) -> None:
    index = pick.draw(st.integers(min_value=0, max_value=len(data.references) - 1))
    changed = list(data.references)
    changed[index] = _confirm_more(changed[index], pick)

    after = score(dataclasses.replace(data, references=tuple(changed)))

    assert after.total >= score(data).total


# --- Weights -------------------------------------------------------------------------------


@PROPERTY
@given(inputs(), st.integers(min_value=2, max_value=10))
def test_scaling_every_weight_by_a_constant_changes_nothing(
    data: ScoringInput, factor: int
) -> None:
    scaled = {key: weight * factor for key, weight in data.weights.items()}

    before, after = score(data), score(dataclasses.replace(data, weights=scaled))

    assert (after.total, after.low, after.high) == (before.total, before.low, before.high)
    assert [c.effective_weight for c in after.criteria] == [
        c.effective_weight for c in before.criteria
    ]


# --- Determinism ---------------------------------------------------------------------------


def _reversed(mapping: Mapping) -> dict:
    return dict(reversed(list(mapping.items())))


@PROPERTY
@given(inputs())
def test_identical_inputs_give_identical_cards_and_hashes(data: ScoringInput) -> None:
    # The same inputs built afresh, every mapping in another insertion order.
    rebuilt = dataclasses.replace(
        data,
        texts=_reversed(data.texts),
        weights=_reversed(data.weights),
        reviews=tuple(dataclasses.replace(r, ratings=_reversed(r.ratings)) for r in data.reviews),
    )

    first, second = score(data), score(rebuilt)

    assert first == second
    assert first.as_dict() == second.as_dict()
    assert first.inputs_hash == data.digest() == rebuilt.digest()


@PROPERTY
@given(inputs(reviews=rated_panel), st.data())
def test_any_change_of_a_rating_changes_the_inputs_hash(
    data: ScoringInput, pick: st.DataObject
) -> None:
    index, key = pick.draw(
        st.sampled_from([(i, key) for i, r in enumerate(data.reviews) for key in r.ratings])
    )
    old = data.reviews[index].ratings[key]
    new = pick.draw(rating.filter(lambda value: value != old))
    changed = list(data.reviews)
    changed[index] = dataclasses.replace(
        changed[index], ratings={**changed[index].ratings, key: new}
    )

    after = score(dataclasses.replace(data, reviews=tuple(changed)))

    assert after.inputs_hash != score(data).inputs_hash


# --- The interval --------------------------------------------------------------------------

agreeing = st.tuples(
    inputs(consensus=st.just({})),
    st.dictionaries(st.sampled_from(CRITERION_KEYS), rating, min_size=1),
    st.integers(min_value=1, max_value=5),
)


def _panel_of(data: ScoringInput, ratings: dict[str, int], size: int) -> Card:
    panel = tuple(Review(reviewer_id=i + 1, ratings=ratings) for i in range(size))
    return score(dataclasses.replace(data, reviews=panel))


@PROPERTY
@given(agreeing)
def test_one_more_agreeing_review_never_widens_the_margin_of_error(
    case: tuple[ScoringInput, dict[str, int], int],
) -> None:
    data, ratings, size = case
    before, after = _panel_of(data, ratings, size), _panel_of(data, ratings, size + 1)
    assume(half_width(before) is not None and half_width(after) is not None)

    assert half_width(after) <= half_width(before) + ROUNDING


def _without(data: ScoringInput, key: str) -> ScoringInput:
    """`data` with nothing at all that feeds criterion `key`."""
    automatic: dict[str, object] = {
        "experience_social": {"years_social": None},
        "experience_clients": {"years_clients": None},
        "accomplishments": {"accomplishments": ()},
        "business_background": {"texts": {}},
        "greatest_accomplishment": {"texts": {}},
        "media_vs_marketing": {"texts": {}},
        "references": {"references": ()},
    }[key]
    return dataclasses.replace(
        data,
        reviews=tuple(
            dataclasses.replace(r, ratings={k: v for k, v in r.ratings.items() if k != key})
            for r in data.reviews
        ),
        consensus={k: v for k, v in data.consensus.items() if k != key},
        **automatic,
    )


@PROPERTY
@given(inputs(), st.sampled_from(CRITERION_KEYS), rating)
def test_a_criterion_without_data_is_left_out_and_widens_the_interval(
    data: ScoringInput, key: str, value: int
) -> None:
    assume(data.weights[key] > 0)
    without = _without(data, key)
    extra = Review(reviewer_id=99, ratings={key: value})
    with_data = dataclasses.replace(without, reviews=(*without.reviews, extra))

    missing, present = score(without), score(with_data)

    left_out = criterion(missing, key)
    assert (left_out.value, left_out.effective_weight, left_out.points) == (None, 0.0, 0.0)
    assert left_out.sources == ()
    assert criterion(present, key).effective_weight > 0
    assume(half_width(missing) is not None and half_width(present) is not None)
    assert half_width(missing) > half_width(present)


def _only(**weights: int) -> dict[str, int]:
    return {**dict.fromkeys(CRITERION_KEYS, 0), **weights}


# The smallest cases hypothesis found for high - low (rather than the margin of error).
# (fewer data, more data): the second card knows strictly more than the first.
LESS_AND_MORE = {
    # experience_social: automatic 0, reviews of 3. One review: total 25 ± 50.2, shown
    # 0 to 75.21; two: 33.3 ± 44.1, shown 0 to 77.47.
    "one-more-agreeing-review": (
        ScoringInput(
            years_social=0,
            reviews=(Review(1, {"experience_social": 3}),),
            weights=_only(experience_social=1, references=1),
        ),
        ScoringInput(
            years_social=0,
            reviews=(Review(1, {"experience_social": 3}), Review(2, {"experience_social": 3})),
            weights=_only(experience_social=1, references=1),
        ),
    ),
    # Without business background: 0 ± 62.7, shown 0 to 62.73; with a review of 4 for it:
    # 37.5 ± 37.5, shown 0 to 74.92.
    "criterion-without-data": (
        ScoringInput(
            reviews=(Review(1, {"experience_social": 1}),),
            weights=_only(experience_social=1, business_background=1, references=1),
        ),
        ScoringInput(
            reviews=(Review(1, {"experience_social": 1}), Review(2, {"business_background": 4})),
            weights=_only(experience_social=1, business_background=1, references=1),
        ),
    ),
}


@pytest.mark.parametrize(("less", "more"), LESS_AND_MORE.values(), ids=LESS_AND_MORE.keys())
def test_more_data_narrows_the_margin_even_where_the_shown_range_is_cut_at_a_bound(
    less: ScoringInput, more: ScoringInput
) -> None:
    # The shown low-high is total ± margin cut at 0 and 100, so it can widen as the total
    # moves off a bound (docs/scoring.md says so); the margin itself never grows.
    assert score(more).margin < score(less).margin


# --- The explanation -----------------------------------------------------------------------

FULL = ScoringInput(
    years_social=9,
    years_clients=6,
    accomplishments=(
        Accomplishment("monetization", "LinkedIn community", "Demo requests up 38%.", "", 1),
        Accomplishment("pr", "Launch coverage", "", "https://example.com/coverage"),
    ),
    texts={
        "business_background": "Eight years in B2B marketing and PR.",
        "greatest_accomplishment": "We listened to customers and measured leads.",
        "media_vs_marketing": "It is a relationship, not a Twitter campaign.",
        "first_steps": "We coach your team; we will never go viral.",
    },
    reviews=(
        Review(1, dict.fromkeys(CRITERION_KEYS, 4), "yes"),
        Review(2, {**dict.fromkeys(CRITERION_KEYS, 4), "media_vs_marketing": 2}, "no"),
    ),
    references=(
        ReferenceEvidence(
            10, 1, "completed", True, True, {0: "confirmed"}, 5, 4, 4, "yes", "Honest."
        ),
        ReferenceEvidence(11, 2, "unreachable"),
    ),
)


@pytest.mark.parametrize(
    "data",
    [FULL, dataclasses.replace(FULL, references=(), texts={}), ScoringInput(years_social=3)],
    ids=["everything", "no-references-no-texts", "years-only"],
)
def test_every_criterion_with_data_explains_where_its_points_come_from(
    data: ScoringInput,
) -> None:
    card = score(data)

    for row in card.criteria:
        if row.has_data:
            assert row.sources, row.key
            assert all(source.explanation.strip() for source in row.sources), row.key
        else:
            assert row.sources == () and row.points == 0, row.key
    assert math.isclose(sum(row.points for row in card.criteria), card.total, abs_tol=0.01)
    assert math.isclose(sum(row.effective_weight for row in card.criteria), 1.0)


def test_a_consensus_replaces_the_reviewers_mean_and_says_so() -> None:
    agreed = Consensus(3, "We read the plan again together.")

    card = score(dataclasses.replace(FULL, consensus={"media_vs_marketing": agreed}))

    row = criterion(card, "media_vs_marketing")
    assert [s.kind for s in row.sources] == ["auto", "consensus"]
    assert row.sources[1].value == 0.5
    assert "We read the plan again together." in row.sources[1].explanation
    assert not row.needs_calibration
