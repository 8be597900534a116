"""The outcome report's arithmetic (vetting/scoring/outcomes.py): pure, no database."""

from __future__ import annotations

import statistics

from hypothesis import example, given
from hypothesis import strategies as st

from vetting.scoring.outcomes import (
    MIN_SAMPLE,
    CriterionFinding,
    Hire,
    criterion_finding,
    outcome_report,
    pearson,
    round_to_total,
    signal_finding,
    split_points,
    suggest_weights,
)
from vetting.scoring.rubric import CRITERIA, DEFAULT_WEIGHTS

KEYS = [(c.key, c.label) for c in CRITERIA]


def hire(pk: int, delivery: float, value: float, signals: tuple[str, ...] = ()) -> Hire:
    return Hire(pk, delivery, {c.key: value for c in CRITERIA}, frozenset(signals))


def test_pearson_agrees_with_the_standard_library() -> None:
    xs, ys = [0.1, 0.4, 0.35, 0.8, 0.9], [2.0, 3.0, 2.0, 5.0, 4.0]
    assert abs(pearson(xs, ys) - statistics.correlation(xs, ys)) < 1e-12


def test_no_correlation_without_variation_or_with_two_hires() -> None:
    assert pearson([0.5, 0.5, 0.5], [1.0, 2.0, 3.0]) is None
    assert pearson([0.1, 0.9], [1.0, 5.0]) is None


def test_top_half_against_bottom_half_leaves_the_middle_hire_out() -> None:
    hires = [
        hire(i, d, v) for i, (d, v) in enumerate([(1, 0.1), (2, 0.2), (3, 0.5), (4, 0.8), (5, 0.9)])
    ]
    found = criterion_finding("accomplishments", "Accomplishments", hires)
    assert (found.bottom_mean, found.bottom_n, found.top_mean, found.top_n) == (1.5, 2, 4.5, 2)
    assert found.n == 5 and not found.enough


def test_a_signal_compares_the_hires_where_it_fired_with_the_rest() -> None:
    hires = [hire(1, 2, 0.5, ("x",)), hire(2, 4, 0.5, ("x",)), hire(3, 5, 0.5), hire(4, 5, 0.5)]
    found = signal_finding("x", "red", "X", hires)
    assert (found.fired_n, found.fired_mean, found.not_n, found.not_mean) == (2, 3.0, 2, 5.0)
    assert found.difference == -2.0 and not found.enough


def test_too_few_hires_suggest_no_change() -> None:
    hires = [hire(i, 1 + i % 5, i / 10) for i in range(MIN_SAMPLE - 1)]
    report = outcome_report(hires, criteria=KEYS, signals=[], weights=DEFAULT_WEIGHTS)
    assert not report.enough and not report.suggests_change
    assert {w.key: w.suggested for w in report.weights} == DEFAULT_WEIGHTS


def test_weight_moves_toward_the_criterion_that_predicted_delivery() -> None:
    hires = [
        Hire(i, 1 + i % 5, {"accomplishments": (i % 5) / 4, "references": ((i * 3) % 5) / 4})
        for i in range(20)
    ]
    report = outcome_report(hires, criteria=KEYS, signals=[], weights=DEFAULT_WEIGHTS)
    by_key = {w.key: w for w in report.weights}
    assert by_key["accomplishments"].suggested > DEFAULT_WEIGHTS["accomplishments"]
    assert sum(w.suggested for w in report.weights) == 100


def test_a_first_steps_answer_becomes_its_sentences() -> None:
    text = (
        "Weeks 1-2: interviews with your sales and support leads. Weeks 3-4: listening "
        "across LinkedIn groups.\nYour support team does the day-to-day work. Then we go."
    )
    assert split_points(text) == [
        "Weeks 1-2: interviews with your sales and support leads.",
        "Weeks 3-4: listening across LinkedIn groups.",
        "Your support team does the day-to-day work. Then we go.",
    ]


weights_st = st.lists(st.integers(0, 40), min_size=len(CRITERIA), max_size=len(CRITERIA)).filter(
    lambda ws: sum(ws) > 0
)


@given(
    weights=weights_st,
    rs=st.lists(
        st.one_of(st.none(), st.floats(-1, 1)), min_size=len(CRITERIA), max_size=len(CRITERIA)
    ),
    n=st.integers(0, 200),
)
def test_suggested_weights_keep_the_total_and_zeros_and_stay_bounded(
    weights: list[int], rs: list[float | None], n: int
) -> None:
    current = {c.key: w for c, w in zip(CRITERIA, weights, strict=True)}
    findings = [
        CriterionFinding(c.key, c.label, n, r, None, 0, None, 0)
        for c, r in zip(CRITERIA, rs, strict=True)
    ]
    suggested = suggest_weights(current, findings)
    total = sum(weights)
    assert sum(w.suggested for w in suggested) == total
    for w in suggested:
        assert w.suggested >= 0
        if w.current == 0:
            assert w.suggested == 0
    if n < MIN_SAMPLE:
        assert all(w.change == 0 for w in suggested)


@given(st.lists(st.floats(0, 1000), min_size=1, max_size=12), st.integers(0, 500))
def test_rounding_to_a_total_is_exact(raw: list[float], total: int) -> None:
    rounded = round_to_total(raw, total)
    assert sum(rounded) == (total if sum(raw) > 0 else 0)
    assert all(x >= 0 for x in rounded)


@given(st.text(max_size=600))
@example(";\rA")  # a semicolon before a capital ends a point and stays in it
def test_splitting_keeps_every_word_and_at_most_ten_points(text: str) -> None:
    points = split_points(text)
    assert len(points) <= 10
    assert " ".join(points).split() == text.split()
