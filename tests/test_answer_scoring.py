"""What a long answer earns (vetting.scoring.answers) and what the card makes of it: each
question pays for its own evidence, text pasted across answers counts once, a red
recommendation outweighs recited values, "does it all" is measured against the catalogue.
Pure: no database."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vetting.scoring.answers import (
    BASE,
    MISSING_CAP,
    RED_CAP,
    TEXT_QUESTIONS,
    AnswerReading,
    Evidence,
    answer_value,
    read_answers,
)
from vetting.scoring.card import Accomplishment, Review, ScoringInput, score
from vetting.scoring.rubric import CRITERION_KEYS

# An honest, average consultant: real evidence, plain words, no polish.
HONEST = {
    "business_background": "Six years in retail marketing, then three running the customer "
    "service team of a garden-centre chain, with a budget of £200k.",
    "greatest_accomplishment": "For a bakery chain we interviewed twenty regulars, then trained "
    "the shop staff to answer questions on Instagram. Online orders rose 30% in a year.",
    "media_vs_marketing": "Social media is the network people use; social marketing is using it "
    "to reach your customers with something useful. For your shops that means local parents.",
    "first_steps": "First two weeks: talk to your shop managers and read your reviews. Then a "
    "plan; your own staff post and reply, and I coach them every Friday.",
}
# Recites every value, then recommends the warning signs.
RECITED = (
    "We believe in relationships, listening, transparency and your own people. That is why "
    "we will buy 20,000 followers and have a network of accounts share one message, with "
    "giveaways to go viral."
)
PASTED = (
    "We build relationships and listen to your customers; we are transparent, we measure "
    "revenue and leads, and your own team runs the community with our coaching across sales, "
    "support and legal."
)


def card_for(texts: dict[str, str], **changes: object) -> ScoringInput:
    fields: dict[str, object] = {
        "years_social": 8,
        "years_clients": 5,
        "accomplishments": (
            Accomplishment(
                "monetization", "Bakery orders", "Orders up 30%", "https://x.example", 1
            ),
        ),
        "texts": texts,
        "reviews": (Review(1, dict.fromkeys(CRITERION_KEYS, 3)),),
    }
    return ScoringInput(**{**fields, **changes})  # type: ignore[arg-type]


def test_an_honest_answer_shows_each_question_its_own_evidence() -> None:
    readings = read_answers(HONEST)

    for question in TEXT_QUESTIONS:
        assert all(e.found for e in readings[question].evidence), (
            question,
            readings[question].evidence,
        )
        assert readings[question].value > 0.5, readings[question].explanation


def test_a_greatest_accomplishment_that_names_no_result_is_capped() -> None:
    reading = answer_value(
        "greatest_accomplishment",
        "I always build relationships with the community and listen first. I am transparent, "
        "and your own team is involved across sales, support and legal.",
    )

    assert reading.value <= MISSING_CAP
    assert "result" in reading.capped
    assert next(e for e in reading.evidence if e.key == "result").found is False


def test_a_number_far_from_what_it_counts_is_no_measured_result() -> None:
    staffing = (
        "We trained four product marketers and three support agents to answer those "
        "questions in the open, with legal agreeing the rules up front."
    )
    alone = answer_value("greatest_accomplishment", staffing)
    measured = answer_value(
        "greatest_accomplishment",
        f"{staffing} By month twelve trial sign-ups from LinkedIn were up 38%.",
    )

    def result(reading: AnswerReading) -> Evidence:
        return next(e for e in reading.evidence if e.key == "result")

    assert result(alone).found is False
    assert result(measured).found is True
    assert result(measured).words == "up 38%"  # the amount, not "month twelve"
    assert measured.value > alone.value


def test_a_red_recommendation_outweighs_recited_values() -> None:
    reading = answer_value("first_steps", RECITED)

    assert reading.value <= RED_CAP
    assert "− red fake_voices" in reading.explanation
    assert reading.value < answer_value("first_steps", HONEST["first_steps"]).value


def test_the_cap_says_so_when_values_would_otherwise_have_outweighed_the_red() -> None:
    reading = answer_value(
        "first_steps",
        HONEST["first_steps"] + " Your own team, your customers, relationships, listening and "
        "honesty come first, and we will run a giveaway to go viral.",
    )

    assert reading.value == RED_CAP
    assert "a warning sign is recommended" in reading.capped


def test_reciting_values_then_recommending_fakes_never_outscores_an_honest_consultant() -> None:
    honest = score(card_for(HONEST))
    gaming = score(card_for(dict.fromkeys(TEXT_QUESTIONS, RECITED)))

    assert gaming.total < honest.total
    assert {"text_fake_voices", "text_viral_buzz"} <= {f.code for f in gaming.flags}


def test_one_paragraph_pasted_into_every_answer_earns_its_points_once() -> None:
    pasted = score(card_for(dict.fromkeys(TEXT_QUESTIONS, PASTED)))
    readings = pasted.answers

    assert readings["business_background"].repeated == 0
    for question in TEXT_QUESTIONS[1:]:
        assert readings[question].repeated == 1.0
        assert readings[question].repeated_from == "business_background"
    flags = [f for f in pasted.flags if f.code == "repeated_answer"]
    assert len(flags) == 3
    assert "100% of the answer on first steps repeats" in flags[-1].message
    assert pasted.total < score(card_for(HONEST)).total


def test_keyword_stuffing_without_the_questions_evidence_scores_below_honest_answers() -> None:
    stuffed = {
        key: f"Relationships, listening, transparency, measurement, your own team. {key}"
        for key in TEXT_QUESTIONS
    }

    assert score(card_for(stuffed)).total < score(card_for(HONEST)).total


def test_an_accomplishment_listed_three_times_counts_once() -> None:
    item = Accomplishment("monetization", "Bakery orders", "Orders up 30%", "https://x.example", 1)
    other = Accomplishment("pr", "Coverage in the trade press", "12 articles", "", None)
    once = score(card_for(HONEST, accomplishments=(item, other)))
    thrice = score(card_for(HONEST, accomplishments=(item, item, dataclasses.replace(item), other)))

    criterion = next(c for c in thrice.criteria if c.key == "accomplishments")
    assert "repeats #1: counted once" in criterion.sources[0].explanation
    assert "accomplishments_repeated" in {f.code for f in thrice.flags}
    assert thrice.total <= once.total


@pytest.mark.parametrize(
    ("offered", "declined", "fires"),
    [
        (8, 0, True),  # more than half the catalogue, nothing declined
        (7, 0, True),
        (8, 2, False),  # says what it will not do
        (6, 0, False),
        (13, 1, True),  # nearly everything, whatever is declined
        (14, 0, True),
    ],
)
def test_does_it_all_is_measured_against_the_catalogue(
    offered: int, declined: int, fires: bool
) -> None:
    card = score(
        card_for(HONEST, services_offered=offered, services_declined=declined, services_total=14)
    )

    flag = next((f for f in card.flags if f.code == "does_everything"), None)
    assert (flag is not None) == fires
    if flag is not None:
        assert f"Offers {offered} of the 14 services" in flag.message


# --- Properties ----------------------------------------------------------------------------------

SENTENCES = (
    HONEST["first_steps"],
    HONEST["greatest_accomplishment"],
    "We listen to your customers before we post anything.",
    "Your own support team answers the community; I coach them.",
    "We measure leads and revenue every month.",
    "We will make you go viral with a giveaway.",
    "We will buy followers to get you started.",
    "We run your community for you.",
)
answers = st.fixed_dictionaries(
    {
        key: st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3).map(" ".join)
        for key in TEXT_QUESTIONS
    }
)


@settings(max_examples=60, deadline=None, database=None)
@given(answers, st.data())
def test_an_answer_pasted_into_a_later_one_earns_nothing_there(
    texts: dict[str, str], pick: st.DataObject
) -> None:
    source = pick.draw(st.sampled_from(TEXT_QUESTIONS[:-1]))
    target = pick.draw(st.sampled_from(TEXT_QUESTIONS[TEXT_QUESTIONS.index(source) + 1 :]))
    pasted = {**texts, target: texts[source]}

    copy = read_answers(pasted)[target]

    assert copy.repeated == 1.0
    assert copy.value <= BASE


@settings(max_examples=60, deadline=None, database=None)
@given(answers, st.sampled_from(TEXT_QUESTIONS))
def test_adding_a_red_recommendation_never_raises_an_answers_value(
    texts: dict[str, str], question: str
) -> None:
    before = answer_value(question, texts[question]).value
    after = answer_value(question, texts[question] + " We will buy followers for you.").value

    assert after <= before
