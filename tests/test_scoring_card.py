"""The worked example of docs/scoring.md, recomputed: the document tells the truth."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from vetting.scoring.card import (
    Accomplishment,
    ReferenceEvidence,
    Review,
    ScoringInput,
    score,
)

EXAMPLE = ScoringInput(
    years_social=6,
    years_clients=4,
    accomplishments=(
        Accomplishment(
            "monetization",
            "Ran a LinkedIn community for a payroll start-up",
            "Demo requests up 38%",
            "https://example.com/case",
            7,
        ),
        Accomplishment("pr", "Launch coverage in trade press"),
    ),
    texts={
        "business_background": "Eight years in B2B marketing and PR.",
        "greatest_accomplishment": "We listened to customers and measured leads.",
        "media_vs_marketing": "Social marketing starts from your target market, not a Twitter "
        "campaign.",
        "first_steps": "Interview your sales team; your own people run the community.",
    },
    services_offered=4,
    services_declined=2,
    services_total=14,
    reviews=(
        Review(1, {"media_vs_marketing": 4, "accomplishments": 3}),
        Review(2, {"media_vs_marketing": 5, "accomplishments": 3}),
    ),
    references=(
        ReferenceEvidence(11, 7, "completed", True, True, {0: "confirmed"}, 4, 5, 4, "yes"),
    ),
)


def test_the_documented_example_gives_the_documented_figures():
    card = score(EXAMPLE)

    points = {c.key: round(c.points, 2) for c in card.criteria}
    assert points == {
        "experience_social": 7.77,
        "experience_clients": 11.05,
        "accomplishments": 10.78,
        "business_background": 4.75,
        "greatest_accomplishment": 5.55,
        "media_vs_marketing": 12.24,
        "references": 18.83,
    }
    assert (card.total, card.low, card.high) == (70.97, 56.31, 85.62)
    codes = {f.code for f in card.flags}
    assert {"accomplishments_unmeasured", "measured_accomplishments"} <= codes
    assert "text_platform_campaign_first" not in codes  # "not a Twitter campaign"


def test_the_card_records_the_rubric_version_and_a_stable_inputs_hash():
    first, second = score(EXAMPLE), score(EXAMPLE)

    assert first == second
    assert first.rubric_version == "2026.11-5"
    assert len(first.inputs_hash) == 64


def test_score_text_prints_signals_and_score_as_json(monkeypatch):
    monkeypatch.setattr(
        "sys.stdin", io.StringIO("We never buy followers; we go viral with a TikTok campaign.")
    )
    out = io.StringIO()

    call_command("score_text", "--question", "media_vs_marketing", stdout=out)

    result = json.loads(out.getvalue())
    codes = [s["code"] for s in result["signals"]]
    assert "broadcast_push" not in codes  # negated by "never"
    assert "viral_buzz" in codes
    viral = next(s for s in result["signals"] if s["code"] == "viral_buzz")
    assert viral["text"].lower() == "go viral"
    assert 0 <= result["score"] < 0.35


def test_score_text_refuses_an_unknown_question():
    with pytest.raises(CommandError, match="Unknown question"):
        call_command("score_text", "--question", "shoe_size")
