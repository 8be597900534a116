"""A buyer's own criteria in the composite score (vetting.scoring.card with
`ScoringInput.criteria`): scored from the answers that feed them and the reviewers' ratings,
weighted by the round like the core seven, explained on the card. The properties the core
criteria have (bounds, monotonicity, weight scaling) hold for them too. Pure: no database."""

from __future__ import annotations

import dataclasses

from hypothesis import assume, given
from hypothesis import strategies as st

from tests.test_scoring_properties import PROPERTY, ROUNDING, criterion, rating
from tests.test_scoring_properties import inputs as core_inputs
from vetting.scoring.card import BuyerAnswer, Review, ScoringInput, score
from vetting.scoring.rubric import CRITERION_KEYS

OWN = (("own_regulated", "Regulated industries"), ("own_languages", "Languages"))
OWN_KEYS = tuple(key for key, _ in OWN)
ALL_KEYS = CRITERION_KEYS + OWN_KEYS

LANGUAGES = (("en", "English", 1), ("de", "German", 2), ("es", "Spanish", 2), ("none", "None", 0))


def languages(chosen: tuple[str, ...]) -> BuyerAnswer:
    return BuyerAnswer(
        key="languages",
        prompt="Which languages do you work in?",
        criterion="own_languages",
        kind="multiple_choice",
        value=list(chosen),
        options=LANGUAGES,
    )


buyer = st.lists(st.sampled_from(("en", "de", "es", "none")), unique=True, max_size=4).map(
    lambda chosen: (languages(tuple(chosen)),)
)
own_ratings = st.dictionaries(st.sampled_from(ALL_KEYS), rating)
own_panel = st.lists(own_ratings.filter(bool), min_size=1, max_size=4).map(
    lambda panel: tuple(Review(reviewer_id=i + 1, ratings=r) for i, r in enumerate(panel))
)
own_weights = st.fixed_dictionaries(
    {key: st.integers(min_value=0, max_value=100) for key in ALL_KEYS}
).filter(lambda w: any(w.values()))


@st.composite
def inputs(draw: st.DrawFn, reviews: st.SearchStrategy = own_panel) -> ScoringInput:
    data = draw(core_inputs(reviews=reviews))
    return dataclasses.replace(data, criteria=OWN, buyer=draw(buyer), weights=draw(own_weights))


@PROPERTY
@given(inputs())
def test_with_criteria_of_the_buyers_own_total_and_interval_stay_within_0_and_100(
    data: ScoringInput,
) -> None:
    card = score(data)

    assert 0 <= card.low <= card.total <= card.high <= 100
    assert [c.key for c in card.criteria] == list(ALL_KEYS)


@PROPERTY
@given(inputs(), st.data())
def test_raising_a_rating_of_the_buyers_own_criterion_never_lowers_the_total(
    data: ScoringInput, pick: st.DataObject
) -> None:
    raisable = [
        (index, key)
        for index, review in enumerate(data.reviews)
        for key, value in review.ratings.items()
        if key in OWN_KEYS and value < 5
    ]
    assume(raisable)
    index, key = pick.draw(st.sampled_from(raisable))
    raised = list(data.reviews)
    ratings = raised[index].ratings
    raised[index] = dataclasses.replace(raised[index], ratings={**ratings, key: ratings[key] + 1})

    assert score(dataclasses.replace(data, reviews=tuple(raised))).total >= score(data).total


@PROPERTY
@given(inputs(), st.data())
def test_choosing_one_more_language_with_points_never_lowers_the_total(
    data: ScoringInput, pick: st.DataObject
) -> None:
    chosen = tuple(data.buyer[0].value)
    left = [key for key, _, points in LANGUAGES if points and key not in chosen]
    if not left:
        return
    more = (*chosen, pick.draw(st.sampled_from(left)))

    after = score(dataclasses.replace(data, buyer=(languages(more),)))

    assert after.total >= score(data).total - ROUNDING


@PROPERTY
@given(inputs(), st.integers(min_value=2, max_value=10))
def test_scaling_every_weight_the_buyers_own_included_changes_nothing(
    data: ScoringInput, factor: int
) -> None:
    scaled = {key: weight * factor for key, weight in data.weights.items()}

    before, after = score(data), score(dataclasses.replace(data, weights=scaled))

    assert (after.total, after.low, after.high) == (before.total, before.low, before.high)
    assert [c.effective_weight for c in after.criteria] == [
        c.effective_weight for c in before.criteria
    ]


@PROPERTY
@given(inputs())
def test_a_criterion_of_the_buyers_own_weighted_nothing_changes_no_total(
    data: ScoringInput,
) -> None:
    unweighted = {**data.weights, **dict.fromkeys(OWN_KEYS, 0)}
    assume_weighted = any(unweighted[k] for k in CRITERION_KEYS)
    if not assume_weighted:
        return
    with_own = dataclasses.replace(data, weights=unweighted)
    without = dataclasses.replace(
        data,
        criteria=(),
        buyer=(),
        weights={k: unweighted[k] for k in CRITERION_KEYS},
        reviews=tuple(
            dataclasses.replace(
                r, ratings={k: v for k, v in r.ratings.items() if k in CRITERION_KEYS}
            )
            for r in data.reviews
        ),
    )

    assert score(with_own).total == score(without).total


def test_the_card_explains_a_criterion_of_the_buyers_own_like_the_others() -> None:
    data = ScoringInput(
        years_social=8,
        reviews=(
            Review(1, {"own_regulated": 4, "own_languages": 3}),
            Review(2, {"own_regulated": 2}),
        ),
        weights={"experience_social": 50, "own_regulated": 30, "own_languages": 20},
        criteria=OWN,
        buyer=(languages(("en", "de")),),
    )

    card = score(data)

    regulated = criterion(card, "own_regulated")
    assert regulated.label == "Regulated industries"
    assert regulated.weight == 30
    assert [s.kind for s in regulated.sources] == ["reviews"]
    assert "mean reviewer rating 3.00/5 from 2 review(s)" in regulated.sources[0].explanation
    spoken = criterion(card, "own_languages")
    assert [s.kind for s in spoken.sources] == ["reviews", "your questions"]
    assert "English, German, 3 of 5 points" in spoken.sources[1].explanation
    assert (
        sum(c.points for c in card.criteria) == card.total
        or abs(sum(c.points for c in card.criteria) - card.total) < 0.01
    )


def test_reviewers_who_disagree_on_a_criterion_of_the_buyers_own_are_asked_to_calibrate() -> None:
    data = ScoringInput(
        reviews=(Review(1, {"own_regulated": 5}), Review(2, {"own_regulated": 1})),
        criteria=OWN,
        weights={"own_regulated": 100},
    )

    flags = [f for f in score(data).flags if f.code == "calibrate_own_regulated"]

    assert [f.message for f in flags] == [
        "Reviewers disagree on regulated industries: ratings 1, 5 differ by 2 or more."
    ]


def test_criteria_of_the_buyers_own_change_the_inputs_hash_and_none_leave_it_as_it_was() -> None:
    plain = ScoringInput(years_social=3)

    assert dataclasses.replace(plain, criteria=()).digest() == plain.digest()
    assert dataclasses.replace(plain, criteria=OWN).digest() != plain.digest()
    assert (
        dataclasses.replace(plain, criteria=OWN[:1]).digest()
        != dataclasses.replace(plain, criteria=OWN).digest()
    )
