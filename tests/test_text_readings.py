"""A text reading stored as JSON and handed back gives exactly the card a fresh reading
gives (vetting.scoring.readings). Pure: no database."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vetting.demo.answers import ANSWERS
from vetting.scoring.answers import TEXT_QUESTIONS
from vetting.scoring.card import ScoringInput, forget, score
from vetting.scoring.readings import (
    READER_VERSION,
    reading_from_json,
    reading_json,
    readings_remember,
    scored_texts,
    text_read,
)

PROPERTY = settings(
    max_examples=120,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# Words and marks the readers react to (concepts, negators, numbers, list separators,
# quotes, non-ASCII), so that generated texts raise signals and evidence of every kind.
WORDS = (
    "We",
    "we",
    "never",
    "not",
    "push",
    "offers",
    "into",
    "feeds",
    "your",
    "support",
    "team",
    "answers",
    "the",
    "community",
    "listen",
    "to",
    "buyers",
    "first",
    "then",
    "leads",
    "up",
    "38%",
    "£300k",
    "revenue",
    "viral",
    "campaign",
    "Twitter",
    "instead",
    "of",
    "buying",
    "followers",
    "social",
    "media",
    "is",
    "marketing",
    "managed",
    "budget",
    "director",
    "sales",
    "PR",
    "ads",
    "posting",
    "influencers",
    "café",
    "naïve",
    "“quoted”",
)
MARKS = (" ", " ", " ", ", ", ". ", "; ", "? ", "! ", "\n", " – ", ": ")
text = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(MARKS)), max_size=60).map(
    lambda pairs: "".join(w + m for w, m in pairs)
)
answers = st.fixed_dictionaries({}, optional=dict.fromkeys(TEXT_QUESTIONS, text))


def stored_and_loaded(data: ScoringInput) -> None:
    """Read every scored answer, store it as JSON text, forget everything, hand it back."""
    stored = [
        (question, body, json.dumps(reading_json(text_read(question, body))))
        for question, body in scored_texts(data.texts)
    ]
    forget()
    readings_remember((q, body, reading_from_json(json.loads(raw))) for q, body, raw in stored)


def card_both_ways(data: ScoringInput) -> tuple[dict, dict]:
    forget()
    fresh = score(data).as_dict()
    stored_and_loaded(data)
    loaded = score(data).as_dict()
    forget()
    return fresh, loaded


@PROPERTY
@given(question=st.sampled_from(TEXT_QUESTIONS), body=text)
def test_a_reading_survives_json_unchanged(question, body):
    forget()
    reading = text_read(question, body)

    assert reading_from_json(json.loads(json.dumps(reading_json(reading)))) == reading


@PROPERTY
@given(texts=answers)
def test_a_card_from_stored_readings_is_the_card_read_from_scratch(texts):
    fresh, loaded = card_both_ways(ScoringInput(texts=texts, years_social=5))

    assert json.dumps(loaded) == json.dumps(fresh)


def test_the_demo_consultants_cards_from_stored_readings_are_byte_identical():
    for person in ANSWERS.values():
        texts = {k: v for k, v in person.items() if k in TEXT_QUESTIONS}
        fresh, loaded = card_both_ways(ScoringInput(texts=texts, years_social=6))

        assert json.dumps(loaded) == json.dumps(fresh)


def test_handed_back_readings_are_used_instead_of_reading_again():
    forget()
    body = "We push our newest offers into people's feeds every day."
    assert {s.code for s in text_read("first_steps", body).signals} == {"broadcast_push"}
    forget()

    readings_remember([("first_steps", body, reading_from_json({"signals": [], "evidence": []}))])

    assert text_read("first_steps", body).signals == ()
    forget()


def test_the_reader_version_is_a_fingerprint_of_the_reading_rules():
    assert len(READER_VERSION) == 24
    int(READER_VERSION, 16)  # hexadecimal
