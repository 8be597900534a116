"""The quality gate of the text signals: precision and recall on the labelled corpus of
tests/data/signals (see its README), measured on the held-out fifth the rules were not
tuned on. Prints the table per rule (run pytest with -s to see it). Pure: no database."""

from __future__ import annotations

import pytest

from tests.signal_corpus import RED_CODES, evaluate, load
from vetting.scoring.text_rules import GREEN, RED, RULES

PRECISION = 0.90
RECALL = 0.85

CORPUS = load()
HELD_OUT = [t for t in CORPUS if t.held_out]


def test_the_corpus_is_large_and_covers_every_principle_both_ways() -> None:
    assert len(CORPUS) >= 300
    assert len({t.id for t in CORPUS}) == len(CORPUS)
    assert 0.15 <= len(HELD_OUT) / len(CORPUS) <= 0.25
    for rule in RULES:
        labelled = [t for t in CORPUS if rule.code in t.expect]
        assert len(labelled) >= 10, rule.code
    kinds = {t.kind for t in CORPUS}
    assert {"paraphrase", "inflection", "negation", "contrast", "list", "sarcasm"} <= kinds
    assert {"mixed", "neutral"} <= {t.label for t in CORPUS}


def test_held_out_texts_are_read_with_enough_precision_and_recall() -> None:
    result = evaluate(HELD_OUT)
    print(f"\nHeld-out part: {len(HELD_OUT)} texts\n{result.table()}")

    assert result.precision() >= PRECISION, result.table()
    assert result.recall() >= RECALL, result.table()


@pytest.mark.parametrize("part", ["held-out", "tuning"])
def test_no_green_text_raises_a_red_signal(part: str) -> None:
    texts = [t for t in CORPUS if t.held_out == (part == "held-out") and t.label == "green"]

    result = evaluate(texts)

    assert [(t.id, sorted(codes)) for t, codes in result.red_on_green] == []


def test_every_principle_has_a_green_and_a_red_rule() -> None:
    principles: dict[str, set[str]] = {}
    for rule in RULES:
        principles.setdefault(rule.principle, set()).add(rule.polarity)
    greens = {rule.principle for rule in RULES if rule.polarity == GREEN}
    inverses = {rule.inverse for rule in RULES if rule.inverse}

    assert len(greens) >= 11
    # Each green principle has a red rule of its own or a red inverse (its refusal).
    for rule in RULES:
        if rule.polarity == GREEN:
            assert rule.inverse in RED_CODES or RED in principles[rule.principle], rule.code
    assert inverses <= RED_CODES
