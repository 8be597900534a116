"""The weighing of the rules' evidence (vetting/scoring/weighing.py): what it adds, what it
drops, how it explains itself, and that the rules alone still read without it. Pure."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from vetting.scoring import text_signals, weighing
from vetting.scoring.answers import text_read
from vetting.scoring.readings import reading_from_json, reading_json
from vetting.scoring.text_signals import find_signals


def rule_codes(text: str) -> set[str]:
    """What the rules alone fire, before any weighing."""
    _, _, found, _ = text_signals._by_rules(text)
    return {code for code, _ in found}


def test_a_sign_no_phrase_matched_is_found_by_the_weighing_and_cites_its_clause() -> None:
    text = "If a batch goes wrong, we say sorry, fix it and post the photo."

    (signal,) = [s for s in find_signals(text) if s.code == "transparency"]

    assert "transparency" not in rule_codes(text)  # no rule's phrase matched
    assert signal.text == text[signal.start : signal.end]
    assert signal.clause and signal.clause in text
    assert signal.words and all(word in signal.clause for word in signal.words)
    assert {"say", "fix"} <= set(signal.words)
    assert signal.confidence is not None
    assert signal.confidence >= weighing.model().thresholds["add"]["green"]
    assert signal.weighed  # the features that weighed most, for the explanation
    assert not any(reason.startswith("fired:") for reason in signal.weighed)


def test_a_match_the_weighing_does_not_bear_out_is_dropped() -> None:
    # "We handle complaints" is no honesty about bad news: it is the community run for the
    # buyer, which no phrase of that rule matched.
    text = "Think of us as your social media department: we post, we reply, we handle complaints."

    assert rule_codes(text) == {"transparency"}
    assert {s.code for s in find_signals(text)} == {"outsourced_community"}


def test_every_signal_says_how_sure_the_weighing_is_and_why() -> None:
    text = (
        "We'll buy you ten thousand followers in the first week. "
        "Every Friday your shop staff answer the comments themselves; I coach them."
    )

    signals = find_signals(text)

    assert {"fake_voices", "buyers_own_people"} <= {s.code for s in signals}
    for signal in signals:
        threshold = weighing.model().thresholds["keep"][signal.polarity]
        assert signal.confidence is not None
        assert threshold <= signal.confidence <= 1
        assert signal.weighed
        assert signal.as_dict()["confidence"] == signal.confidence


def test_a_catalogue_of_services_is_counted_and_no_weighing_overrules_the_count() -> None:
    text = (
        "Our services: social listening, community building, PR, customer service, reporting, "
        "ads, SEO, video, web design and email."
    )

    assert "does_it_all" in {s.code for s in find_signals(text)}


def test_what_one_sentence_says_never_takes_a_sign_from_another() -> None:
    first = "Every Friday your shop staff answer the comments themselves; I coach them."
    found = {s.code for s in find_signals(first)}

    for second in (
        "We will buy followers for you.",
        "Our services: ads, SEO, video, PR, email, web design and events.",
        "Success is 50,000 likes.",
    ):
        assert found <= {s.code for s in find_signals(f"{first} {second}")}


def test_a_stored_reading_keeps_the_weighing_field_for_field() -> None:
    reading = text_read(
        "media_vs_marketing",
        "If a batch goes wrong, we tell people what happened and what we're doing about it.",
    )

    again = reading_from_json(json.loads(json.dumps(reading_json(reading))))

    assert again == reading
    assert any(s.confidence is not None for s in again.signals)


def test_without_learned_weights_the_rules_alone_read(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    text = "Think of us as your social media department: we post, we reply, we handle complaints."
    monkeypatch.setattr(weighing, "WEIGHTS_FILE", tmp_path / "none.json")
    weighing.model.cache_clear()
    text_signals._analyse.cache_clear()
    try:
        signals = find_signals(text)
    finally:
        weighing.model.cache_clear()
        text_signals._analyse.cache_clear()

    assert {s.code for s in signals} == rule_codes(text)
    assert all(s.confidence is None and not s.weighed for s in signals)


def test_score_text_explains_each_signal_and_how_it_was_weighed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(
        "sys.stdin",
        io.StringIO(
            "If a batch goes wrong, we say sorry, fix it and post the photo. "
            "We will buy followers for you."
        ),
    )
    out = io.StringIO()

    call_command("score_text", question="media_vs_marketing", explain=True, stdout=out)

    text = out.getvalue()
    assert "+ transparency (green" in text
    assert "found by the weighing alone (no phrase of the rule matched)" in text
    assert "− fake_voices (red" in text
    assert "found by the rule's phrase, weighed" in text
    assert "in the speaker's own clause" in text
    assert "principle: Fake voices" in text
    assert "clause:    “We will buy followers for you.”" in text


def test_the_documented_explanation_is_what_score_text_prints(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    docs = (Path(__file__).parent.parent / "docs" / "scoring.md").read_text(encoding="utf-8")
    block = docs.split("```\n+ transparency (green, 0.10)")[1].split("```")[0]
    clause = block.split("clause:    “")[1].split("”")[0]
    text = "If a batch goes wrong, " + clause
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    out = io.StringIO()

    call_command("score_text", question="media_vs_marketing", explain=True, stdout=out)

    printed = [line.strip() for line in out.getvalue().splitlines()]
    for line in ["+ transparency (green, 0.10)", *block.strip().splitlines()]:
        assert line.strip() in printed, line
