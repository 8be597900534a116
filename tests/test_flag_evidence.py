"""A flag's evidence reads as words on every page, never as the stored keys."""

from __future__ import annotations

import pytest

from vetting.scoring.evidence import describe


@pytest.mark.parametrize(
    ("evidence", "lines"),
    [
        (
            {"claimed": "client", "referee": "peer"},
            ["Consultant said: Client", "Referee said: Peer"],
        ),
        (
            {"claimed": "2021-01-01", "referee": "2022-03-01", "months": 14},
            ["Consultant said: 1 Jan 2021", "Referee said: 1 Mar 2022", "Apart by: 14 months"],
        ),
        (
            {"index": 0, "claim": "Grew qualified leads by a third"},
            ["Accomplishment claimed: Grew qualified leads by a third"],
        ),
        ({"would_hire_again": "no"}, ["Would hire again: No"]),
        ({"rating_honesty": 2}, ["Honesty and transparency: 2 of 5"]),
        (
            {
                "referee_domain": "allinsocial.example",
                "consultant_domains": ["allinsocial.example"],
            },
            [
                "Referee's email domain: allinsocial.example",
                "Consultant's own domains: allinsocial.example",
            ],
        ),
        ({"seconds": 24.0}, ["Time on the form: 24 seconds"]),
        (
            {"ip": "198.51.100.7", "user_agent": "Firefox"},
            ["IP address: 198.51.100.7", "Browser: Firefox"],
        ),
        (
            {"years_social": 2, "years_clients": 5},
            ["Years in social media: 2", "Years for clients: 5"],
        ),
        ({"criterion": "references", "ratings": [1, 4]}, ["Ratings: 1, 4"]),
        ({"kind": "fraud"}, []),
        (None, []),
    ],
)
def test_each_kind_of_evidence_reads_as_labelled_words(evidence, lines):
    assert describe(evidence) == lines


def test_text_signals_quote_each_matched_phrase_once_before_anything_else():
    evidence = {
        "question": "media_vs_marketing",
        "text": "go viral",
        "matches": [
            {"question": "media_vs_marketing", "start": 3, "end": 11, "text": "go viral"},
            {"question": "first_steps", "start": 40, "end": 44, "text": "buzz"},
            {"question": "first_steps", "start": 90, "end": 98, "text": "go viral"},
        ],
    }

    assert describe(evidence) == ["“go viral”", "“buzz”"]


def test_an_unknown_key_still_reads_as_a_sentence_label():
    assert describe({"reply_delay_days": 9}) == ["Reply delay days: 9"]
