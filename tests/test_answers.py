"""check_answer: every limit of every kind of question, with the message a consultant reads.

Pure: questions are built in memory, nothing touches the database.
"""

from __future__ import annotations

from typing import Any

import pytest

from vetting.answers import check_answer, cross_warnings
from vetting.models import Question, QuestionKind

REQUIRED = "This question needs an answer before you submit."


# The limits of the default questionnaire (migration 0004).
def number(**changes: Any) -> Question:
    return Question(
        **{"kind": QuestionKind.NUMBER, "min_value": 0, "max_value": 50, "unit": "years", **changes}
    )


def text(**changes: Any) -> Question:
    return Question(**{"kind": QuestionKind.TEXT, "min_length": 50, "max_length": 4000, **changes})


def accomplishments(**changes: Any) -> Question:
    limits = {"min_items": 1, "max_items": 10, **changes}
    return Question(kind=QuestionKind.ACCOMPLISHMENTS, **limits)


def item(**changes: str) -> dict[str, str]:
    return {
        "area": "monetization",
        "what": "Ran a LinkedIn community programme for a payroll start-up.",
        "result": "Demo requests from social up 38% in a year.",
        "evidence_url": "",
        "reference": "",
        **changes,
    }


# Numbers


@pytest.mark.parametrize("raw", [None, "", "   "])
def test_a_required_number_left_blank_asks_for_an_answer(raw):
    checked = check_answer(number(), raw)

    assert not checked.complete
    assert checked.errors == [REQUIRED]
    assert checked.value is None


def test_an_optional_number_left_blank_is_complete():
    checked = check_answer(number(required=False), "")

    assert checked.complete
    assert not checked.has_errors


@pytest.mark.parametrize("raw", ["six", "6.5", "6 years"])
def test_a_number_that_is_not_a_whole_number_is_kept_as_typed_with_an_example(raw):
    checked = check_answer(number(), raw)

    assert not checked.complete
    assert checked.errors == ["Enter a whole number of years, for example 6."]
    assert checked.value == raw


def test_a_number_below_zero_is_refused():
    checked = check_answer(number(), "-1")

    assert not checked.complete
    assert checked.errors == ["Enter a number of at least 0."]
    assert checked.value == "-1"


def test_a_number_above_fifty_is_refused():
    checked = check_answer(number(), "51")

    assert not checked.complete
    assert checked.errors == ["Enter a number of at most 50."]


@pytest.mark.parametrize(("raw", "expected"), [("0", 0), ("50", 50), (" 7 ", 7), (6, 6)])
def test_a_whole_number_within_the_limits_is_stored_as_an_int(raw, expected):
    checked = check_answer(number(), raw)

    assert checked.complete
    assert checked.value == expected
    assert isinstance(checked.value, int)
    assert not checked.has_errors


# Texts


def test_a_required_text_left_blank_asks_for_an_answer():
    checked = check_answer(text(), " \n ")

    assert not checked.complete
    assert checked.errors == [REQUIRED]


def test_a_text_shorter_than_fifty_characters_says_how_many_there_are():
    checked = check_answer(text(), "x" * 49)

    assert not checked.complete
    assert checked.errors == [
        "Write at least 50 characters (you have 49): buyers look for specifics."
    ]
    assert checked.value == "x" * 49


def test_spaces_around_a_text_do_not_count_towards_its_minimum():
    checked = check_answer(text(), "   " + "x" * 49 + "   ")

    assert not checked.complete
    assert "(you have 49)" in checked.errors[0]


def test_a_text_of_exactly_fifty_characters_is_complete():
    checked = check_answer(text(), "x" * 50)

    assert checked.complete
    assert checked.value == "x" * 50


def test_a_text_of_exactly_four_thousand_characters_is_complete():
    checked = check_answer(text(), "x" * 4000)

    assert checked.complete


def test_a_text_longer_than_four_thousand_characters_is_kept_but_refused():
    checked = check_answer(text(), "x" * 4001)

    assert not checked.complete
    assert checked.errors == ["1 character too long: the limit is 4,000."]
    assert checked.value == "x" * 4001


# Accomplishments


def test_a_valid_accomplishment_is_complete_and_stored_as_strings():
    checked = check_answer(accomplishments(), [item(evidence_url="https://example.com/case")])

    assert checked.complete
    assert not checked.has_errors
    assert checked.value == [item(evidence_url="https://example.com/case")]


def test_rows_left_empty_are_dropped_even_with_an_area_chosen():
    raw = [
        {"area": "pr", "what": "", "result": "", "evidence_url": "", "reference": ""},
        item(),
        {"area": "", "what": "  ", "result": "", "evidence_url": "", "reference": ""},
    ]

    checked = check_answer(accomplishments(), raw)

    assert checked.complete
    assert checked.value == [item()]


def test_only_empty_rows_count_as_no_answer():
    checked = check_answer(accomplishments(), [{"area": "pr", "what": " "}])

    assert not checked.complete
    assert checked.errors == [REQUIRED]
    assert checked.value == []


def test_unknown_fields_are_dropped_and_missing_ones_become_empty():
    checked = check_answer(accomplishments(), [{"what": item()["what"], "area": "pr", "x": "y"}])

    assert checked.value == [
        {"area": "pr", "what": item()["what"], "result": "", "evidence_url": "", "reference": ""}
    ]


def test_more_than_ten_accomplishments_are_refused():
    checked = check_answer(accomplishments(), [item() for _ in range(11)])

    assert not checked.complete
    assert checked.errors == ["List 10 accomplishments at most; keep your strongest."]
    assert len(checked.value) == 11


def test_ten_accomplishments_are_complete():
    assert check_answer(accomplishments(), [item() for _ in range(10)]).complete


def test_fewer_accomplishments_than_the_minimum_are_refused():
    checked = check_answer(accomplishments(min_items=2), [item()])

    assert checked.errors == ["List at least 2 accomplishments."]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"area": "seo"}, "area", "Choose monetization, PR or database building."),
        ({"what": "Posted a lot."}, "what", "Say what you did in at least 20 characters."),
        ({"what": "   x" * 5 + "   "}, "what", "Say what you did in at least 20 characters."),
        (
            {"evidence_url": "example.com/case"},
            "evidence_url",
            "Enter a full web address, starting with https://.",
        ),
        (
            {"evidence_url": "ftp://example.com/case"},
            "evidence_url",
            "Enter a full web address, starting with https://.",
        ),
        (
            {"reference": "99"},
            "reference",
            "Choose one of the references named on your profile.",
        ),
        (
            {"reference": "Tom Reid"},
            "reference",
            "Choose one of the references named on your profile.",
        ),
    ],
)
def test_a_bad_field_is_reported_on_its_own_item(changes, field, message):
    raw = [item(), item(**changes)]

    checked = check_answer(accomplishments(), raw, reference_ids={7, 8})

    assert not checked.complete
    assert checked.errors == []
    assert checked.item_errors == [{}, {field: message}]
    assert checked.value[1] == item(**changes)  # kept as typed, to fix in place


def test_a_what_longer_than_a_thousand_characters_is_refused():
    checked = check_answer(accomplishments(), [item(what="x" * 1001)])

    assert checked.item_errors == [{"what": "1 character too long: the limit is 1,000."}]


def test_a_reference_among_the_consultants_own_is_accepted():
    checked = check_answer(accomplishments(), [item(reference="8")], reference_ids={7, 8})

    assert checked.complete
    assert checked.value[0]["reference"] == "8"


def test_a_reference_is_refused_when_the_consultant_names_none():
    checked = check_answer(accomplishments(), [item(reference="8")])

    assert checked.item_errors == [
        {"reference": "Choose one of the references named on your profile."}
    ]


# Answers taken together


@pytest.mark.parametrize(
    ("social", "clients", "warned"),
    [
        (5, 8, True),
        (8, 8, False),
        (8, 5, False),
        ("5", 8, False),
        (None, 8, False),
        (5, None, False),
    ],
)
def test_more_years_for_clients_than_in_social_media_is_warned_on_the_clients_question(
    social, clients, warned
):
    warnings = cross_warnings({"years_social_media": social, "years_for_clients": clients})

    expected = "More years for clients than years in social media: check the figures."
    assert warnings == ({"years_for_clients": expected} if warned else {})
