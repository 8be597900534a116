"""Which language each person reads Winnow in (vetting/i18n.py): the account's, the
switcher's, the browser's; a referee's and an invitee's from their link; every email in its
recipient's; questions in the reader's language; dates and money in its formats."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from tests.factories import PASSWORD, submitted_with_checks
from vetting.models import Question, ReferenceCheck, User
from vetting.notifications import send_welcome

pytestmark = pytest.mark.django_db


def said(code: str, message: str, **values: object) -> str:
    """`message` as Winnow says it in `code` (and it is translated: not the English)."""
    with translation.override(code):
        text = gettext(message)
    assert text != message or code == "en-gb", f"{message!r} is not translated in {code}"
    return text % values if values else text


def lang_of(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.text).group(1)


# --- Pages ---------------------------------------------------------------------------------


def test_a_visitor_gets_the_language_their_browser_asks_for(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9,en;q=0.5")

    assert lang_of(response) == "es"
    assert said("es", "Sign in") in response.text
    assert response["Content-Language"] == "es"


def test_an_unknown_browser_language_gets_english(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="fi")

    assert lang_of(response) == "en-gb"
    assert ">Sign in<" in response.text


def test_the_switcher_keeps_a_visitors_choice_over_their_browser(client):
    response = client.post(reverse("set_language"), {"language": "de", "next": reverse("login")})
    assert response.status_code == 302 and response["Location"] == reverse("login")

    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="es")

    assert lang_of(page) == "de"
    assert said("de", "Sign in") in page.text


def test_a_signed_in_persons_choice_is_kept_on_their_account(client, consultant):
    client.force_login(consultant)
    client.post(reverse("set_language"), {"language": "es", "next": "/"})
    consultant.refresh_from_db()
    assert consultant.language == "es"

    # Another browser, asking for English: their account decides.
    other = type(client)()
    other.force_login(consultant)
    page = other.get(reverse("my_invitations"), HTTP_ACCEPT_LANGUAGE="en")

    assert lang_of(page) == "es"
    assert said("es", "Sign out") in page.text


def test_the_switcher_refuses_an_unknown_language_and_a_foreign_next(client, consultant):
    client.force_login(consultant)
    response = client.post(
        reverse("set_language"), {"language": "xx", "next": "https://evil.example/"}
    )

    assert response.status_code == 302 and response["Location"] == "/"
    consultant.refresh_from_db()
    assert consultant.language == ""


def test_every_page_offers_the_switcher_in_each_languages_own_name(client):
    page = client.get(reverse("login"))

    assert 'data-testid="language-switcher"' in page.text
    for name in ("English", "Deutsch", "Español"):
        assert f">{name}</option>" in page.text


def test_the_pages_scripts_get_their_words_in_the_pages_language_not_the_browsers(client):
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="es").text
    german = client.get(reverse("javascript-catalog", args=["de"]), HTTP_ACCEPT_LANGUAGE="es")
    english = client.get(reverse("javascript-catalog", args=["en-gb"]), HTTP_ACCEPT_LANGUAGE="de")

    assert reverse("javascript-catalog", args=["es"]) in page
    assert "Wieder innerhalb der Grenze." in german.text
    assert "Wieder innerhalb" not in english.text and "De nuevo" not in english.text


# --- Referees and invitees ------------------------------------------------------------------


@pytest.fixture
def spanish_check(procurement, consultant, django_capture_on_commit_callbacks) -> ReferenceCheck:
    """A check of a reference the consultant named on a Spanish page (so to be contacted in
    Spanish)."""
    with django_capture_on_commit_callbacks(execute=True), translation.override("es"):
        submission = submitted_with_checks(consultant=consultant, owner=procurement, references=1)
    return submission.reference_checks.get()


def referee_path(check: ReferenceCheck) -> str:
    (email,) = [m for m in mail.outbox if m.to == [check.referee_email]]
    return re.search(r"https?://[^/\s]+(/r/\S+/)", email.body).group(1)


def test_a_referee_is_written_to_and_shown_the_form_in_their_references_language(
    client, spanish_check, consultant
):
    assert spanish_check.language == "es"
    (email,) = [m for m in mail.outbox if m.to == [spanish_check.referee_email]]
    name = consultant.consultant.name
    assert email.subject == said(
        "es", "%(name)s named you as a reference: five minutes of your time?", name=name
    )
    assert email.extra_headers["Content-Language"] == "es"

    page = client.get(referee_path(spanish_check), HTTP_ACCEPT_LANGUAGE="en")

    assert lang_of(page) == "es"
    assert said("es", "A reference for %(name)s", name=name) in page.text
    assert said("es", "Send the reference") in page.text


def test_a_referee_who_switches_language_keeps_their_choice(client, spanish_check):
    path = referee_path(spanish_check)
    client.post(reverse("set_language"), {"language": "en-gb", "next": path})

    page = client.get(path)

    assert lang_of(page) == "en-gb"
    assert "Send the reference" in page.text


def test_a_new_reference_is_contacted_in_the_language_the_consultant_named_it_in(
    client, consultant
):
    client.force_login(consultant)
    client.post(reverse("set_language"), {"language": "de", "next": "/"})
    form = client.get(reverse("consultants:reference_create", args=[consultant.consultant.pk]))

    assert 'name="language"' in form.text
    assert '<option value="de" selected>' in form.text


# --- Emails ----------------------------------------------------------------------------------


def test_an_email_to_someone_with_an_account_is_in_their_language(consultant):
    User.objects.filter(pk=consultant.pk).update(language="de")

    send_welcome(consultant.pk)

    (email,) = mail.outbox
    assert email.extra_headers["Content-Language"] == "de"
    assert email.subject == said(
        "de", "Welcome to %(site_name)s, %(name)s", site_name="Winnow", name=consultant.first_name
    )


def test_an_email_to_someone_without_a_language_is_in_english(consultant):
    send_welcome(consultant.pk)

    (email,) = mail.outbox
    assert email.extra_headers["Content-Language"] == "en-gb"


def test_a_sign_up_email_is_in_the_language_of_the_page_it_came_from(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("signup"),
            {"first_name": "Lena", "last_name": "Vogel", "email": "lena@vogel.example"},
            HTTP_ACCEPT_LANGUAGE="de",
        )

    (email,) = mail.outbox
    assert email.extra_headers["Content-Language"] == "de"


def test_signing_up_keeps_the_pages_language_on_the_account(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("signup"),
            {"first_name": "Lena", "last_name": "Vogel", "email": "lena@vogel.example"},
            HTTP_ACCEPT_LANGUAGE="es",
        )
    link = re.search(r"https?://[^/\s]+(/accounts/signup/\S+/)", mail.outbox[0].body).group(1)
    client.post(
        link,
        {"password1": PASSWORD + "-x", "password2": PASSWORD + "-x"},
        HTTP_ACCEPT_LANGUAGE="es",
    )

    assert User.objects.get(email="lena@vogel.example").language == "es"


# --- Questions, dates, money -----------------------------------------------------------------


def core(key: str) -> Question:
    return Question.objects.filter(questionnaire__owner__isnull=True, key=key).latest("pk")


def test_the_core_questions_read_in_german_and_spanish_and_as_written_in_english():
    question = core("first_steps")

    with translation.override("de"):
        assert question.shown_prompt.startswith("Was würden Sie für uns als Erstes tun")
    with translation.override("es"):
        assert question.shown_prompt.startswith("¿Qué haría primero para nosotros")
    with translation.override("en-gb"):
        assert question.shown_prompt == question.prompt
    unit = core("years_social_media")
    with translation.override("de"):
        assert unit.shown_unit == "Jahre"


def test_a_language_a_question_lacks_falls_back_to_its_own_words():
    question = Question(prompt="How big is your team?", translations={"de": {"prompt": ""}})

    with translation.override("de"):
        assert question.shown_prompt == "How big is your team?"
    with translation.override("es"):
        assert question.shown_prompt == "How big is your team?"


def test_option_labels_read_in_the_readers_language_with_their_keys_unchanged():
    question = Question(
        options=[{"key": "instagram", "label": "Instagram"}, {"key": "own_team", "label": "Own"}],
        translations={"de": {"options": {"own_team": "Eigenes Team"}}},
    )

    with translation.override("de"):
        assert question.option_labels == {"instagram": "Instagram", "own_team": "Eigenes Team"}
        assert [o["key"] for o in question.shown_options] == ["instagram", "own_team"]


@pytest.mark.parametrize(
    ("code", "day", "amount"),
    [
        ("en-gb", "5 December 2026", "1,234.50 EUR"),
        ("de", "5. Dezember 2026", "1.234,50 EUR"),
        ("es", "5 de diciembre de 2026", "1.234,50 EUR"),
    ],
)
def test_dates_and_money_read_in_each_languages_formats(code, day, amount):
    template = Template('{% load winnow %}{{ when|date:"DATE_FORMAT" }}|{{ price|money:"eur" }}')
    when = datetime(2026, 12, 5, 14, 30, tzinfo=UTC)

    with translation.override(code):
        text = template.render(Context({"when": when, "price": Decimal("1234.5")}))

    assert text == f"{day}|{amount}"


# --- A buyer's own questions in several languages ---------------------------------------------

CHANNEL = {
    "prompt": "Your main channel?",
    "kind": "single_choice",
    "criterion": "business_background",
    "section": "Channels",
    "options": "Instagram = 2\nOwn newsletter = 1",
    "required": "on",
    "prompt__de": "Ihr wichtigster Kanal?",
    "section__de": "Kanäle",
    "options__de": "\nEigener Newsletter",
    "prompt__es": "¿Su canal principal?",
}


def builder_template(procurement):
    from vetting import services

    return services.template_create(by=procurement, title="Bakery chain: Instagram")


def test_a_buyer_gives_their_question_in_german_and_spanish_and_each_reader_sees_theirs(
    client, procurement, consultant
):
    from tests.factories import EngagementFactory, SubmissionFactory
    from vetting import services
    from vetting.models import EngagementStatus

    template = builder_template(procurement)
    client.force_login(procurement)
    response = client.post(reverse("questionnaires:question_add", args=[template.pk]), CHANNEL)
    assert response.status_code == 302
    question = template.questions.get(key="your_main_channel")
    assert question.translations == {
        "de": {
            "prompt": "Ihr wichtigster Kanal?",
            "section": "Kanäle",
            "options": {"own_newsletter": "Eigener Newsletter"},
        },
        "es": {"prompt": "¿Su canal principal?"},
    }
    edit = client.get(reverse("questionnaires:question_edit", args=[template.pk, question.pk]))
    assert 'value="Ihr wichtigster Kanal?"' in edit.text  # the page shows what was given
    # Saved again as shown, the German label stays with its option.
    resaved = {k: v for k, v in edit.context["form"].initial.items() if v not in (None, "")}
    client.post(
        reverse("questionnaires:question_edit", args=[template.pk, question.pk]),
        {**CHANNEL, **{k: v for k, v in resaved.items() if "__" in k}},
    )
    question.refresh_from_db()
    assert question.translations["de"]["options"] == {"own_newsletter": "Eigener Newsletter"}

    services.template_publish(template=template, by=procurement)
    round_ = EngagementFactory(
        owner=procurement, status=EngagementStatus.OPEN, questionnaire=template
    )
    draft = SubmissionFactory(engagement=round_, consultant=consultant.consultant)
    theirs = type(client)()
    theirs.force_login(consultant)
    answer = reverse("submissions:answer", args=[draft.pk])

    german = theirs.get(answer, HTTP_ACCEPT_LANGUAGE="de").text
    spanish = theirs.get(answer, HTTP_ACCEPT_LANGUAGE="es").text
    english = theirs.get(answer, HTTP_ACCEPT_LANGUAGE="en").text

    assert "Ihr wichtigster Kanal?" in german and ">Kanäle</h2>" in german
    assert "Eigener Newsletter" in german and ">Instagram<" in german  # one label given
    assert "¿Su canal principal?" in spanish and ">Channels</h2>" in spanish
    assert "Your main channel?" in english and "Ihr wichtigster" not in english


def test_a_label_for_every_option_at_most_and_the_template_file_keeps_the_languages(
    client, procurement
):
    template = builder_template(procurement)
    client.force_login(procurement)
    too_many = client.post(
        reverse("questionnaires:question_add", args=[template.pk]),
        {**CHANNEL, "options__de": "A\nB\nC"},
    )
    assert too_many.status_code == 422
    assert "Give at most one label per option (2), in the same order." in too_many.text
    assert "A\nB\nC" in too_many.text  # what was typed stays

    client.post(reverse("questionnaires:question_add", args=[template.pk]), CHANNEL)
    exported = client.get(reverse("questionnaires:export", args=[template.pk])).json()
    [own] = [q for q in exported["questions"] if q.get("key") == "your_main_channel"]
    assert own["translations"]["de"]["prompt"] == "Ihr wichtigster Kanal?"


# --- Words from Python shown on pages --------------------------------------------------------


def test_display_words_say_in_english_what_the_scoring_modules_store():
    from vetting.i18n import CRITERION_WORDS, TOO_FEW_WORDS, question_words
    from vetting.scoring.answers import QUESTION_LABELS
    from vetting.scoring.outcomes import TOO_FEW
    from vetting.scoring.rubric import CRITERIA

    with translation.override("en-gb"):
        assert {
            key: (str(name), str(summary)) for key, (name, summary) in CRITERION_WORDS.items()
        } == {c.key: (c.label, c.summary) for c in CRITERIA}
        assert {key: question_words(key) for key in QUESTION_LABELS} == QUESTION_LABELS
        assert str(TOO_FEW_WORDS) == TOO_FEW
    with translation.override("de"):
        assert question_words("first_steps") == "Erste Schritte"


def test_a_role_is_shown_in_the_readers_language_and_kept_in_english_for_machines():
    from vetting.roles import Role

    with translation.override("de"):
        assert Role.PROCUREMENT.shown_label == "Einkauf"
        assert Role.PROCUREMENT.label == "Procurement"  # SCIM's displayName
    with translation.override("es"):
        assert Role.CONSULTANT.shown_label == "Consultor"


def test_a_locked_self_assessment_says_why_in_one_sentence_per_status():
    from vetting.models import SubmissionStatus
    from vetting.models.engagements import (
        EDITABLE_STATUSES,
        LOCKED_ANSWERS,
        LOCKED_PROPOSAL,
        LOCKED_REFUSAL,
    )

    locked = {s for s in SubmissionStatus if s not in EDITABLE_STATUSES}
    for sentences in (LOCKED_ANSWERS, LOCKED_PROPOSAL, LOCKED_REFUSAL):
        assert set(sentences) == locked
    with translation.override("es"):
        assert str(LOCKED_ANSWERS[SubmissionStatus.REJECTED]).startswith(
            "Esta autoevaluación ha sido rechazada"
        )


def test_calibration_deltas_and_ranking_counts_read_in_the_readers_numbers():
    from vetting.views.dashboard import _done_of
    from vetting.views.reviews import _signed

    with translation.override("en-gb"):
        assert (_signed(0.46), _signed(-1.2)) == ("+0.5", "−1.2")
        assert _done_of(2, 3) == "2\N{NO-BREAK SPACE}of\N{NO-BREAK SPACE}3"
    with translation.override("de"):
        assert (_signed(0.46), _signed(-1.2)) == ("+0,5", "−1,2")
        assert _done_of(2, 3) == "2\N{NO-BREAK SPACE}von\N{NO-BREAK SPACE}3"


def test_a_webhook_url_is_refused_in_the_readers_language():
    from vetting.webhooks.delivery import url_refusal

    with translation.override("de"):
        assert url_refusal("ftp://example.com/hook") == said(
            "de", "Use an http:// or https:// URL."
        )


def test_a_refused_sign_up_is_explained_in_the_language_of_the_page(
    client, consultant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("signup"),
            {"first_name": "Lena", "last_name": "Vogel", "email": consultant.email},
            HTTP_ACCEPT_LANGUAGE="es",
        )

    (email,) = mail.outbox
    assert (
        said(
            "es",
            "An account with this email address already exists. Sign in, or reset your "
            "password if you forgot it.",
        )
        in email.body
    )


# --- Labels inside sentences ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "label", "shown"),
    [
        ("en-gb", "In progress", "in progress"),
        ("es", "Cliente", "cliente"),
        ("de", "Kunde", "Kunde"),
        ("de", "Geschlossen", "Geschlossen"),
        ("en-gb", "PR agency", "PR agency"),
        ("en-gb", "SEO", "SEO"),
        ("es", "SEO", "SEO"),
        ("en-gb", "LinkedIn ads", "LinkedIn ads"),
        ("en-gb", "", ""),
    ],
)
def test_a_label_inside_a_sentence_is_lower_case_but_in_german_and_for_an_acronym(
    code, label, shown
):
    from vetting.i18n import in_sentence

    with translation.override(code):
        assert in_sentence(label) == shown
        rendered = Template("{% load winnow %}{{ label|in_sentence }}").render(
            Context({"label": label})
        )
        assert rendered == shown


def test_a_list_of_labels_goes_into_a_sentence_each_in_its_case():
    with translation.override("en-gb"):
        assert (
            Template('{% load winnow %}{{ answers|in_sentence|join:", " }}').render(
                Context({"answers": ["Yes", "No", "SEO"]})
            )
            == "yes, no, SEO"
        )
    with translation.override("de"):
        assert (
            Template('{% load winnow %}{{ answers|in_sentence|join:", " }}').render(
                Context({"answers": ["Ja", "Nein"]})
            )
            == "Ja, Nein"
        )


def test_no_template_lower_cases_a_label_into_a_sentence():
    from pathlib import Path

    from django.conf import settings

    lowered = [
        f"{path}:{number}"
        for base in settings.TEMPLATES[0]["DIRS"]
        for path in Path(base).rglob("*.html")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if re.search(r"\|\s*lower\b", line)
    ]
    assert lowered == [], "use |in_sentence for a label inside a sentence"


def reader(user: User, code: str, client) -> None:
    user.language = code
    user.save(update_fields=["language"])
    client.force_login(user)


@pytest.mark.parametrize(
    ("code", "sentence"),
    [
        ("en-gb", "The engagement is closed."),
        ("es", "Estado de la ronda: cerrada."),
        ("de", "Status der Runde: Geschlossen."),
    ],
)
def test_a_closed_rounds_status_reads_in_the_sentence_as_each_language_writes_it(
    client, procurement, code, sentence
):
    from tests.factories import EngagementFactory
    from vetting.models import EngagementStatus

    round_ = EngagementFactory(owner=procurement, status=EngagementStatus.CLOSED)
    reader(procurement, code, client)

    page = client.get(reverse("engagements:detail", args=[round_.pk]))

    assert lang_of(page) == code
    assert sentence in page.text


@pytest.mark.parametrize(
    ("code", "relationship"),
    [("en-gb", "(client)"), ("es", "(cliente)"), ("de", "(Kunde)")],
)
def test_a_references_relationship_in_brackets_keeps_a_german_nouns_capital(
    client, procurement, consultant, code, relationship
):
    from django.utils import timezone

    from tests.factories import EngagementFactory, SubmissionFactory, offer_references
    from vetting.models import EngagementStatus

    round_ = EngagementFactory(
        owner=procurement, status=EngagementStatus.OPEN, opened_at=timezone.now()
    )
    submission = SubmissionFactory(engagement=round_, consultant=consultant.consultant)
    offer_references(submission, consultant, count=1)
    reader(consultant, code, client)

    page = client.get(reverse("submissions:answer", args=[submission.pk]))

    assert page.status_code == 200
    assert f'<span class="text-body-secondary">{relationship}</span>' in page.text
