"""The card's own sentences in the reader's language (vetting/scoring/said.py,
vetting/i18n.say_again): the pure scoring service writes English and keeps what each sentence
says; pages say it again in German or Spanish, numbers and dates in their formats."""

from __future__ import annotations

import pickle
from datetime import date
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation
from hypothesis import given

from tests.factories import (
    EngagementFactory,
    FlagFactory,
    submitted_quickly,
    submitted_review,
    submitted_with_checks,
)
from tests.test_scoring_properties import PROPERTY, inputs
from vetting.i18n import say_again
from vetting.models import ScoreCard, User
from vetting.scoring.card import RUBRIC_VERSION, ScoringInput, score
from vetting.scoring.evidence import describe
from vetting.scoring.reference_flags import (
    Claim,
    Fingerprint,
    RefereeAnswer,
    find_discrepancies,
    find_fraud_signals,
)
from vetting.scoring.said import Said, said_in_english
from vetting.scoring.sources import does_it_all_flag, structural_flags
from vetting.services import (
    consensus_set,
    review_declare_conflict,
    review_for,
    scorecards_recompute,
)

# Templates that read the same in every language (formulas, a label and its value).
SAME_EVERYWHERE = {
    "%(question)s: %(base)s",
    "%(parts)s = %(value)s",
    "× %(factor)s (%(share)s %(where)s)",
    "%(label)s: %(value)s",
}


def said_fields(record: Any) -> list[tuple[str, Any]]:
    """Every (text, spec) pair stored in a card's dict, at any depth."""
    found = []
    if isinstance(record, dict):
        for key, value in record.items():
            if key.endswith("_said"):
                found.append((record[key.removesuffix("_said")], value))
            else:
                found += said_fields(value)
    elif isinstance(record, list):
        for item in record:
            found += said_fields(item)
    return found


def templates(spec: Any) -> list[tuple[str | None, str]]:
    """The (context, template) of every message a spec uses."""
    if isinstance(spec, str) or "n" in spec or "d" in spec:
        return []
    if "j" in spec:
        return [t for part in spec["l"] for t in templates(part)]
    return [(spec.get("c"), spec["t"])] + [
        t for value in (spec.get("p") or {}).values() for t in templates(value)
    ]


def translated(context: str | None, template: str, code: str) -> bool:
    with translation.override(code):
        text = translation.pgettext(context, template) if context else translation.gettext(template)
    return text != template or template in SAME_EVERYWHERE


@PROPERTY
@given(inputs())
def test_every_sentence_a_card_keeps_says_its_english_again_and_is_translated(data):
    stored = score(data).as_dict()

    for text, spec in said_fields(stored):
        assert said_in_english(spec) == text
        for context, template in templates(spec):
            assert translated(context, template, "de"), template
            assert translated(context, template, "es"), template
        with translation.override("de"):
            german = say_again(text, spec)
        assert "%(" not in german


def test_an_explanation_reads_in_german_with_german_numbers():
    card = score(ScoringInput(years_social=6, years_clients=9))
    source = card.criteria[1].sources[0]  # experience for clients: more than practising

    assert source.explanation == (
        "9 years for clients: 1 − e^(−years/3) = 0.95 × 0.5 (more years for clients than "
        "years practising at all)"
    )
    with translation.override("de"):
        assert say_again(source.explanation, source.explanation.spec) == (
            "9 Jahre für Kunden: 1 − e^(−Jahre/3) = 0,95 × 0,5 (mehr Jahre für Kunden als "
            "Jahre Praxis überhaupt)"
        )
    flag = next(f for f in card.flags if f.code == "years_inconsistent")
    with translation.override("es"):
        assert say_again(flag.message, flag.message.spec) == (
            "9 años para clientes, pero solo 6 años de práctica en redes sociales."
        )


def test_english_readers_get_the_text_as_the_service_wrote_it():
    flag = does_it_all_flag(9, 0, 14)
    with translation.override("en-gb"):
        assert say_again(flag.message, flag.message.spec) == flag.message
    assert flag.message == (
        "Offers 9 of the 14 services in the catalogue (64%) and declines none: credible "
        "vendors say what they will not do."
    )
    with translation.override("de"):
        german = say_again(flag.message, flag.message.spec)
    assert german.startswith("Bietet 9 der 14 Leistungen im Katalog an (64")
    assert "lehnt keine ab" in german


def test_reference_findings_and_their_evidence_read_in_the_readers_language():
    claim = Claim("client", date(2022, 1, 1), date(2024, 1, 1))
    answer = RefereeAnswer("peer", date(2023, 3, 1), date(2024, 1, 1), rating_honesty=2)
    findings = find_discrepancies(claim, answer, today=date(2026, 12, 5))
    fraud = find_fraud_signals(
        referee_email="pat@gmail.com",
        relationship="client",
        consultant_email="c@example.com",
        consultant_website="",
        referee=Fingerprint("1.2.3.4", "Firefox"),
        form_seconds=12.4,
    )
    by_code = {f.code: f for f in findings + fraud}

    with translation.override("es"):
        said = {
            code: say_again(f.message, getattr(f.message, "spec", None))
            for code, f in by_code.items()
        }
        lines = [
            say_again(line, line.spec)
            for line in describe(by_code["period_start_differs"].evidence)
        ]
    assert (
        said["relationship_differs"]
        == "El consultor dijo cliente; la referencia dijo colega o socio."
    )
    assert said["period_start_differs"] == "El inicio del periodo difiere 14 meses de lo declarado."
    assert (
        said["low_honesty"] == "La referencia valoró la honestidad y la transparencia con 2 de 5."
    )
    assert said["form_too_fast"] == "El formulario de referencia se completó en 12 segundos."
    assert said["free_mail_corporate_client"] == (
        "Una referencia presentada como cliente usa una dirección de correo gratuito."
    )
    assert lines == [
        "Según el consultor: 1 ene 2022",
        "Según la referencia: 1 mar 2023",
        "Diferencia: 14 meses",
    ]
    for finding in findings + fraud:
        with translation.override("de"):
            assert say_again(finding.message, getattr(finding.message, "spec", None)) != str(
                finding.message
            ), finding.code


def test_structural_flags_count_in_the_readers_words():
    flags = structural_flags(3, 5, (), (2, 0, 14))

    with translation.override("de"):
        assert [say_again(f.message, f.message.spec) for f in flags] == [
            "5 Jahre für Kunden, aber nur 3 Jahre Social-Media-Praxis."
        ]


def test_a_stored_flag_without_its_spec_is_still_translated_when_its_words_are_fixed():
    with translation.override("de"):
        assert say_again("The referee would not hire the consultant again.") == (
            "Die Referenz würde den Berater nicht wieder beauftragen."
        )
        # A sentence the catalogue does not know (an older card's numbers) stays as written.
        assert say_again("9 years practising: 0.89") == "9 years practising: 0.89"


def test_said_text_survives_pickling_with_what_it_says():
    flag = does_it_all_flag(12, 0, 14)
    again = pickle.loads(pickle.dumps(flag.message))  # noqa: S301 (our own bytes)

    assert isinstance(again, Said) and again == flag.message and again.spec == flag.message.spec


# --- Pages --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_score_page_explains_the_card_in_the_readers_language(client, consultant):
    submission = submitted_with_checks(consultant=consultant)
    owner = submission.engagement.owner
    submitted_review(submission, owner)
    scorecards_recompute([submission.pk])  # what the queued recompute does after the commit
    url = reverse("submissions:score", args=[submission.pk])
    client.force_login(owner)

    english = client.get(url).text
    User.objects.filter(pk=owner.pk).update(language="de")
    german = client.get(url).text

    assert "9 years practising: 1 − e^(−years/4) = 0.89" in english
    assert "9 Jahre Praxis: 1 − e^(−Jahre/4) = 0,89" in german
    assert "mittlere Bewertung 4,00/5 aus 1 Bewertung(en)" in german
    assert "mean reviewer rating" not in german
    assert "years practising" not in german
    assert "a result, measured" not in german.lower()


@pytest.mark.django_db
def test_a_reference_flag_reads_in_the_readers_language_on_the_check(client, consultant):
    flag = FlagFactory(
        code="period_end_differs",
        message="The end of the period differs by 9 months from the claim.",
        message_said={
            "t": "The end of the period differs by %(months)s months from the claim.",
            "p": {"months": {"n": 9, "f": "d"}},
        },
        evidence={"claimed": "2024-01-01", "referee": "2024-10-01", "months": 9},
    )
    owner = flag.reference_check.submission.engagement.owner
    User.objects.filter(pk=owner.pk).update(language="es")
    client.force_login(owner)

    page = client.get(reverse("checks:detail", args=[flag.reference_check_id])).text

    assert "El final del periodo difiere 9 meses de lo declarado." in page
    assert "differs by" not in page


@pytest.mark.django_db
def test_a_cards_reference_flag_keeps_what_it_says_for_the_score_page(consultant):
    submission = submitted_with_checks(consultant=consultant)
    check = submission.reference_checks.first()
    FlagFactory(
        reference_check=check,
        submission=submission,
        code="low_honesty",
        message="The referee rated honesty and transparency 2 out of 5.",
        message_said={
            "t": "The referee rated honesty and transparency %(rating)s out of 5.",
            "p": {"rating": {"n": 2, "f": "d"}},
        },
    )
    scorecards_recompute([submission.pk])

    flag = next(
        f
        for f in ScoreCard.objects.get(submission=submission).data["flags"]
        if f["code"] == "low_honesty"
    )
    with translation.override("de"):
        assert say_again(flag["message"], flag["message_said"]) == (
            "Die Referenz bewertete Ehrlichkeit und Transparenz mit 2 von 5."
        )


@pytest.mark.django_db
def test_a_reviewer_rates_against_anchors_in_their_language(client, consultant):
    submission = submitted_with_checks(consultant=consultant)
    owner = submission.engagement.owner
    review = review_for(submission=submission, reviewer=owner)
    review_declare_conflict(review=review, by=owner, has_conflict=False)
    User.objects.filter(pk=owner.pk).update(language="es")
    client.force_login(owner)

    page = client.get(reverse("submissions:review", args=[submission.pk])).text

    assert "Menos de un año, o solo uso personal de las plataformas." in page
    assert "Under a year" not in page


def test_every_text_rules_principle_reads_in_german_and_spanish():
    from vetting.scoring.text_rules import RULES

    for rule in RULES:
        assert translated(None, rule.principle, "de"), rule.code
        assert translated(None, rule.principle, "es"), rule.code


def _without_specs(record: Any) -> Any:
    if isinstance(record, dict):
        return {k: _without_specs(v) for k, v in record.items() if not k.endswith("_said")}
    if isinstance(record, list):
        return [_without_specs(v) for v in record]
    return record


@pytest.mark.django_db
def test_recomputing_an_earlier_rubrics_card_brings_its_sentences_into_every_language(
    consultant,
):
    submission = submitted_with_checks(consultant=consultant)
    card = ScoreCard.objects.get(submission=submission)
    ScoreCard.objects.filter(pk=card.pk).update(
        rubric_version="2026.12-1", inputs_hash="0" * 64, data=_without_specs(card.data)
    )
    old = ScoreCard.objects.get(pk=card.pk).data["criteria"][0]["sources"][0]
    with translation.override("de"):
        assert say_again(old["explanation"], old.get("explanation_said")) == old["explanation"]

    scorecards_recompute([submission.pk])

    new = ScoreCard.objects.get(pk=card.pk)
    source = new.data["criteria"][0]["sources"][0]
    assert new.rubric_version == RUBRIC_VERSION
    with translation.override("de"):
        assert "Jahre Praxis" in say_again(source["explanation"], source["explanation_said"])


@pytest.mark.django_db
def test_the_discrepancies_list_gives_a_flags_evidence_in_the_readers_language(
    client, procurement, manager
):
    FlagFactory(
        reference_check__submission__engagement__owner=procurement,
        kind="fraud",
        code="form_too_fast",
        message="The reference form was completed in 24 seconds.",
        message_said={
            "t": "The reference form was completed in %(seconds)s seconds.",
            "p": {"seconds": {"n": 24, "f": "d"}},
        },
        evidence={"seconds": 24, "rating_honesty": 2, "claimed": "client", "referee": "peer"},
    )
    User.objects.filter(pk=manager.pk).update(language="de")
    client.force_login(manager)

    german = client.get(reverse("checks:discrepancies")).text
    User.objects.filter(pk=manager.pk).update(language="es")
    spanish = client.get(reverse("checks:discrepancies")).text

    assert "Zeit im Formular: 24 Sekunden" in german
    assert "Según el consultor: Cliente" in spanish
    for page in (german, spanish):
        assert "Time on the form" not in page and "24 seconds" not in page
        assert "Honesty and transparency" not in page and "2 of 5" not in page
        assert "Consultant said" not in page and "Referee said" not in page


@pytest.mark.django_db
def test_the_printed_report_gives_a_flags_evidence_in_the_readers_language(client):
    # More years for clients than in social media: a red flag with the years as evidence.
    submission = submitted_quickly(EngagementFactory(), years_social=3, years_clients=5)
    scorecards_recompute([submission.pk])
    owner = submission.engagement.owner
    User.objects.filter(pk=owner.pk).update(language="es")
    client.force_login(owner)

    page = client.get(reverse("submissions:report", args=[submission.pk])).text

    assert "Años en redes sociales: 3; Años para clientes: 5" in page
    assert "Years in social media" not in page and "Years for clients" not in page


def test_a_copied_or_repeated_answers_evidence_reads_in_the_readers_language():
    copied = {"question": "first_steps", "share": 0.88, "source": "x", "same_question": True}
    copied["on"] = "2026-10-29"
    repeated = {"question": "first_steps", "repeats": "business background", "share": 1.0}

    english = describe(copied) + describe(repeated)
    with translation.override("de"):
        german = [say_again(line, line.spec) for line in describe(copied) + describe(repeated)]
    with translation.override("es"):
        spanish = [say_again(line, line.spec) for line in describe(copied)]

    assert english == [
        "On: 29 Oct 2026",
        "Same question: True",
        "Share: 0.88",
        "Repeats: business background",
        "Share: 1.0",
    ]
    assert german[1:3] + german[4:] == ["Dieselbe Frage: Ja", "Anteil: 0,88", "Anteil: 1,0"]
    assert german[0].startswith("Eingereicht: 29.") and "Oct" not in german[0]
    assert spanish[1:] == ["Misma pregunta: Sí", "Proporción: 0,88"]
    for line in german + spanish:
        assert not any(w in line for w in ("On:", "Same question", "True", "Share", "Repeats"))


@pytest.mark.django_db
def test_a_recorded_consensus_names_its_criterion_in_the_readers_language(client, consultant):
    submission = submitted_with_checks(consultant=consultant)
    owner = submission.engagement.owner
    submitted_review(submission, owner)
    consensus_set(
        submission=submission, by=owner, criterion="references", rating=3, reason="Panel call."
    )
    client.force_login(owner)
    url = reverse("submissions:score", args=[submission.pk])

    english = client.get(url).text
    User.objects.filter(pk=owner.pk).update(language="de")
    german = client.get(url).text

    assert "<strong>References</strong>: consensus 3/5" in english
    assert "<strong>Referenzen</strong>" in german
