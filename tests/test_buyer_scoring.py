"""The buyer's own questions in the score (vetting/scoring/buyer.py): options' points read
as a value between 0 and 1 that never falls when a consultant chooses better, explained in
words; a must-have answered no is a knockout flag. Property-based, like the core scoring."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from vetting.scoring.buyer import (
    KNOCKOUT,
    BuyerAnswer,
    band_points,
    buyer_sources,
    knockouts,
    option_points,
    text_flags,
)

POINTS = st.one_of(st.none(), st.integers(min_value=-100, max_value=100))
OPTIONS = st.lists(POINTS, min_size=2, max_size=8).map(
    lambda points: tuple((f"o{i}", f"Option {i}", p) for i, p in enumerate(points))
)


def answer(kind: str, value: object, options: tuple, **changes: object) -> BuyerAnswer:
    fields = {"key": "q", "prompt": "Your main channel?", "criterion": "business_background"}
    return BuyerAnswer(**{**fields, **changes}, kind=kind, value=value, options=options)


@given(OPTIONS, st.data())
def test_a_choice_is_worth_between_nothing_and_everything(
    options: tuple, data: st.DataObject
) -> None:
    keys = [key for key, _, _ in options]
    single = answer("single_choice", data.draw(st.sampled_from(keys)), options)
    several = answer(
        "multiple_choice", data.draw(st.lists(st.sampled_from(keys), unique=True)), options
    )

    for scored in (option_points(single), option_points(several)):
        assert scored is None or 0.0 <= scored[0] <= 1.0


@given(OPTIONS, st.data())
def test_choosing_an_option_worth_more_never_scores_less(
    options: tuple, data: st.DataObject
) -> None:
    first, second = data.draw(st.lists(st.sampled_from(options), min_size=2, max_size=2))
    worse, better = sorted((first, second), key=lambda o: o[2] or 0)

    low = option_points(answer("single_choice", worse[0], options))
    high = option_points(answer("single_choice", better[0], options))

    if low is not None and high is not None:
        assert high[0] >= low[0]


@given(OPTIONS, st.data())
def test_ticking_one_more_option_with_points_never_scores_less(
    options: tuple, data: st.DataObject
) -> None:
    keys = [key for key, _, _ in options]
    chosen = data.draw(st.lists(st.sampled_from(keys), unique=True))
    rewarding = [key for key, _, points in options if (points or 0) > 0 and key not in chosen]
    if not rewarding:
        return

    before = option_points(answer("multiple_choice", chosen, options))
    after = option_points(answer("multiple_choice", [*chosen, rewarding[0]], options))

    assert before is not None and after is not None
    assert after[0] >= before[0]


def test_options_without_points_count_nothing() -> None:
    options = (("a", "Instagram", None), ("b", "TikTok", None))

    assert option_points(answer("single_choice", "a", options)) is None
    assert buyer_sources([answer("single_choice", "a", options)]) == {}


def test_the_source_explains_each_answer_and_averages_them() -> None:
    options = (("ig", "Instagram", 2), ("tt", "TikTok", 1), ("li", "LinkedIn", None))
    answers = [
        answer("single_choice", "tt", options),
        answer("multiple_choice", ["ig", "li"], options, key="c", prompt="Channels you run?"),
    ]

    source = buyer_sources(answers)["business_background"]

    assert source.kind == "your questions"
    assert source.value == (0.5 + 2 / 3) / 2
    assert source.explanation == (
        "“Your main channel?”: TikTok, 1 of 2 points; "
        "“Channels you run?”: Instagram, LinkedIn, 2 of 3 points"
    )


@given(
    st.booleans(),
    st.sampled_from([True, False, None, "yes"]),
    st.sampled_from(["yes_no", "short_text"]),
)
def test_a_knockout_is_a_must_have_answered_no_and_nothing_else(
    must_have: bool, value: object, kind: str
) -> None:
    flags = knockouts([answer(kind, value, (), must_have=must_have, prompt="Regulated work?")])

    expected = must_have and kind == "yes_no" and value is False
    assert [f.code for f in flags] == ([KNOCKOUT] if expected else [])
    if expected:
        assert flags[0].message == "Does not meet must-have: Regulated work?"
        assert flags[0].polarity == "red"


BANDS = ((0, 2, 0), (3, 5, 1), (6, None, 2))


@given(st.integers(min_value=0, max_value=60), st.integers(min_value=0, max_value=60))
def test_a_larger_number_never_scores_less_with_rising_bands(first: int, second: int) -> None:
    low, high = sorted((first, second))

    def value(n: int) -> float:
        scored = band_points(answer("number", n, (), bands=BANDS, unit="people"))
        assert scored is not None and 0.0 <= scored[0] <= 1.0
        return scored[0]

    assert value(high) >= value(low)


def test_a_number_is_explained_by_its_band() -> None:
    scored = band_points(answer("number", 4, (), bands=BANDS, unit="people", prompt="Team size?"))

    assert scored == (0.5, "“Team size?”: 4 people, 1 of 2 points")


PUSHY = "We buy followers and post the same offers everywhere, every hour."


def test_a_text_the_buyer_asks_to_be_read_raises_the_fields_flags() -> None:
    read = answer("text", PUSHY, (), read=True, key="tools")

    flags = text_flags([read], raised=[])

    assert {f.code for f in flags} == {"text_fake_voices", "text_broadcast_push"}
    assert all(f.polarity == "red" and f.evidence["question"] == "tools" for f in flags)
    assert text_flags([answer("text", PUSHY, ())], raised=[]) == []  # not asked for


def test_a_rule_a_core_answer_raised_is_not_flagged_twice() -> None:
    flags = text_flags([answer("text", PUSHY, (), read=True)], raised=["text_fake_voices"])

    assert [f.code for f in flags] == ["text_broadcast_push"]
