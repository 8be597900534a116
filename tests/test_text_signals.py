"""The explainable text signals (vetting.scoring.text_signals): every rule fires on its
phrase and not on a negated or near-miss one; negation and contrast; case and punctuation;
spans that point at the matched text. Pure: no database."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vetting.scoring.text_signals import (
    BASELINE,
    GREEN,
    RED,
    RULES,
    find_signals,
    is_negated,
    text_score,
)

RULES_BY_CODE = {rule.code: rule for rule in RULES}
GREEN_CODES = {rule.code for rule in RULES if rule.polarity == GREEN}

# code: (a sentence that raises it, the phrase it matches, a near miss that must not)
EXAMPLES: dict[str, tuple[str, str, str]] = {
    "market_first": (
        "We start from your target market.",
        "target market",
        "We don't start from the target market.",
    ),
    "relationships": (
        "We build relationships that last.",
        "relationships",
        "We never build relationships.",
    ),
    "listening": ("We listen to customers.", "listen", "We never listen to anyone."),
    "contribute_value": ("We add value first.", "add value", "We don't add value."),
    "transparency": ("We are transparent with you.", "transparent", "We are not transparent."),
    "measurement": ("We measure everything.", "measure", "We never measure anything."),
    "cross_department": (
        "The legal team signs off each post.",
        "legal team",
        "We work without the legal team.",
    ),
    "buyers_own_people": ("We coach your team.", "coach your", "We don't coach your team."),
    "business_background": (
        "Eight years in B2B marketing.",
        "marketing",
        "Only social media marketing.",  # social media is not social marketing
    ),
    "platform_campaign_first": (
        "First we launch a TikTok campaign.",
        "First we launch a TikTok campaign",
        "It is not a TikTok campaign.",
    ),
    "viral_buzz": ("We create buzz.", "buzz", "We won't create buzz."),
    "does_it_all": ("We are a one-stop shop.", "one-stop shop", "We are not a one-stop shop."),
    "broadcast_push": ("We use fake accounts.", "fake accounts", "We avoid fake accounts."),
    "outsourced_community": (
        "We'll manage your accounts.",
        "We'll manage your accounts",
        "We won't manage your accounts.",
    ),
    "free_earned_reach": (
        "You get free earned reach.",
        "free earned reach",
        "We never promise free reach.",
    ),
}


def codes(text: str) -> set[str]:
    return {signal.code for signal in find_signals(text)}


def test_every_rule_has_a_positive_and_a_negative_example() -> None:
    assert set(EXAMPLES) == set(RULES_BY_CODE)


@pytest.mark.parametrize("code", sorted(EXAMPLES))
def test_each_rule_fires_on_its_phrase_and_cites_it(code: str) -> None:
    text, phrase, _ = EXAMPLES[code]
    rule = RULES_BY_CODE[code]

    signal = next(s for s in find_signals(text) if s.code == code)

    assert signal.text == phrase == text[signal.start : signal.end]
    assert (signal.polarity, signal.weight, signal.principle) == (
        rule.polarity,
        rule.weight,
        rule.principle,
    )
    assert signal.polarity in (GREEN, RED)
    assert signal.as_dict()["text"] == phrase


@pytest.mark.parametrize("code", sorted(EXAMPLES))
def test_each_rule_stays_quiet_on_its_near_miss(code: str) -> None:
    _, _, near_miss = EXAMPLES[code]

    assert code not in codes(near_miss)


# --- Negation and contrast --------------------------------------------------------------------


def test_we_never_buy_followers_raises_nothing() -> None:
    assert find_signals("we never buy followers") == []
    assert text_score(find_signals("we never buy followers")) == BASELINE


def test_a_relationship_not_a_twitter_campaign_is_green_only() -> None:
    signals = find_signals("a relationship, not a Twitter campaign")

    assert [(s.code, s.polarity) for s in signals] == [("relationships", GREEN)]


def test_instead_of_going_viral_we_listen_has_listening_and_no_viral() -> None:
    found = codes("instead of going viral, we listen")

    assert "listening" in found
    assert "viral_buzz" not in found


def test_negation_does_not_reach_into_the_next_clause() -> None:
    assert "viral_buzz" in codes("Don't worry, we'll go viral.")
    assert "does_it_all" in codes("We don't go viral but we do it all.")


def test_negation_reaches_back_only_a_few_words() -> None:
    assert "listening" in codes("we do not think the team will listen")
    assert "listening" not in codes("we will not listen")


def test_is_negated_looks_before_the_phrase_within_its_clause() -> None:
    text = "We never buy followers; we buy ads."

    assert is_negated(text, text.index("buy followers"))
    assert not is_negated(text, text.index("buy ads"))
    assert is_negated("rather than a big launch campaign", len("rather than a big "))


def test_an_emphatic_never_ever_is_still_a_negation() -> None:
    assert find_signals("We never, ever buy followers.") == []


# --- Case, punctuation, spans -----------------------------------------------------------------


def test_go_viral_in_capitals_with_exclamation_marks_is_red() -> None:
    text = "GO VIRAL!!!"

    [signal] = find_signals(text)

    assert (signal.code, signal.polarity, signal.text) == ("viral_buzz", RED, "GO VIRAL")
    assert (signal.start, signal.end) == (0, 8)


def test_negation_in_capitals_with_punctuation_still_negates() -> None:
    assert find_signals("WE NEVER BUY FOLLOWERS!!!") == []
    assert find_signals("No free reach. No fake accounts.") == []


def test_a_question_mark_separates_a_warning_from_the_answer() -> None:
    found = find_signals("Go viral? No: listen!")

    assert [(s.code, s.text) for s in found] == [
        ("viral_buzz", "Go viral"),
        ("listening", "listen"),
    ]


def test_a_green_phrase_inside_a_red_one_does_not_count() -> None:
    signals = find_signals("we will run your community for you")

    assert [s.code for s in signals] == ["outsourced_community"]
    assert signals[0].text == "we will run your community for you"


def test_the_same_green_phrase_outside_the_red_one_counts() -> None:
    text = "we will run your community for you; the community itself stays yours"

    relationships = next(s for s in find_signals(text) if s.code == "relationships")

    assert relationships.start == text.index("the community") + len("the ")


def test_each_rule_counts_once_at_its_first_match() -> None:
    signals = find_signals("Listen, listen, LISTEN.")

    assert [(s.code, s.start, s.text) for s in signals] == [("listening", 0, "Listen")]


PHRASES = [example[0] for example in EXAMPLES.values()] + [
    example[2] for example in EXAMPLES.values()
]
texts = st.lists(
    st.sampled_from(PHRASES) | st.sampled_from([" ", ", ", "!!! ", " and ", "NOT ", "; "]),
    max_size=12,
).map("".join)


@settings(max_examples=150, deadline=None, database=None)
@given(texts)
def test_every_span_points_at_its_text_and_the_score_stays_within_0_and_1(text: str) -> None:
    signals = find_signals(text)

    for signal in signals:
        assert signal.text == text[signal.start : signal.end]
    assert [s.start for s in signals] == sorted(s.start for s in signals)
    assert len({s.code for s in signals}) == len(signals)
    assert 0.0 <= text_score(signals) <= 1.0


def test_text_score_is_clamped_between_0_and_1() -> None:
    all_green = " ".join(text for code, (text, _, _) in EXAMPLES.items() if code in GREEN_CODES)
    all_red = ". ".join(text for code, (text, _, _) in EXAMPLES.items() if code not in GREEN_CODES)

    assert text_score([]) == BASELINE
    assert text_score(find_signals(all_green)) == 1.0
    assert text_score(find_signals(all_red)) == 0.0
