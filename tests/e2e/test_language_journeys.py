"""The consultant's and the referee's journeys in German and in Spanish, in a browser that
asks for English: the invitation's language carries the consultant through sign-up, the
self-assessment (the core questions in their language), naming a reference to be contacted
in the other language, and submitting; every email is in its reader's language; the
referee answers the form in the language they were written to."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import autosave, record_console_errors
from tests.factories import EngagementFactory, UserFactory
from vetting.models import CheckStatus, EngagementStatus, Question, ReferenceCheck, User
from vetting.roles import Role
from vetting.services import invite_new

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

EMAIL = "lena@vogel.example"
REFEREE = "tomas@ledgerly.example"
PASSWORD = "a-long-unusual-passphrase-42"
OTHER = {"de": "es", "es": "de"}
ENGLISH_BROWSER = {"locale": "en-GB"}  # Accept-Language: en-GB


class Say:
    """What Winnow says in one language; each message must be translated (not the English)."""

    def __init__(self, code: str) -> None:
        self.code = code

    def __call__(self, message: str, **values: object) -> str:
        with translation.override(self.code):
            text = gettext(message)
        assert text != message, f"{message!r} is not translated in {self.code}"
        return text % values if values else text

    def plural(self, one: str, many: str, n: int, **values: object) -> str:
        with translation.override(self.code):
            return ngettext(one, many, n) % {**values}

    def prompt(self, key: str) -> str:
        question = Question.objects.filter(questionnaire__owner__isnull=True, key=key).latest("pk")
        with translation.override(self.code):
            shown = question.shown_prompt
        assert shown != question.prompt
        return shown


def in_language(email: EmailMultiAlternatives, code: str) -> bool:
    return email.extra_headers.get("Content-Language") == code


def link_path(email: EmailMultiAlternatives, pattern: str) -> str:
    found = re.search(rf"https?://[^/\s]+{pattern}\S+/", email.body)
    assert found, email.body
    return urlsplit(found.group()).path


@pytest.mark.parametrize("code", ["de", "es"])
def test_a_consultant_invited_in_their_language_signs_up_answers_and_submits_in_it(
    code: str, browser: Browser, live_server
):
    say = Say(code)
    owner = UserFactory(first_name="Priya", last_name="Shah", role=Role.PROCUREMENT)
    engagement = EngagementFactory(
        owner=owner,
        title="Northwind B2B launch",
        status=EngagementStatus.OPEN,
        opened_at=timezone.now(),
        references_required=1,
    )
    invite_new(engagement=engagement, by=owner, name="Lena Vogel", email=EMAIL, language=code)

    [invitation] = [m for m in mail.outbox if m.to == [EMAIL]]
    assert in_language(invitation, code)
    assert invitation.subject == say(
        "%(owner)s invites you to a vetting round: %(title)s",
        owner=owner.display_name,
        title=engagement.title,
    )

    context = browser.new_context(**ENGLISH_BROWSER)
    page = context.new_page()
    errors = record_console_errors(page)
    page.goto(live_server.url + link_path(invitation, "/invitations/"))
    expect(page.locator("html")).to_have_attribute("lang", code)
    expect(
        page.get_by_role("heading", name=say("%(owner)s invites you", owner=owner.display_name))
    ).to_be_visible()
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name=say("Create account and start")).click()

    # The self-assessment, the core questions in the consultant's language.
    expect(page.get_by_role("heading", name=engagement.title)).to_be_visible()
    assert User.objects.get(email=EMAIL).language == code
    expect(page.get_by_test_id("progress")).to_contain_text(
        say("%(complete)s of %(total)s answered", complete=0, total=7)
    )
    expect(page.get_by_label(say.prompt("years_social_media"))).to_be_visible()
    expect(page.get_by_label(say.prompt("first_steps"))).to_be_visible()
    saved = re.compile(
        re.escape(say("Saved %(time)s", time="TIME")).replace("TIME", r"\d\d:\d\d:\d\d")
        + r"\s*·\s*"
        + re.escape(say("complete"))
    )
    autosave(page, "years_social_media", saved, years_social_media="9")
    autosave(page, "years_for_clients", saved, years_for_clients="6")
    texts = {
        "business_background": "Acht Jahre B2B-Marketing und PR vor Social Media: "
        "Produkteinführungen, Analystenarbeit und ein Kundenservice-Team von zwölf Personen.",
        "greatest_accomplishment": "Von Release-Notes zu einer LinkedIn-Community, die das "
        "eigene Support-Team betreibt; Testanmeldungen in einem Jahr um 38 % gesteigert.",
        "media_vs_marketing": "Social Media ist das Netzwerk; Social-Media-Marketing heißt, "
        "Ihren Einkäufern zuerst etwas Wertvolles zu geben und Demo-Anfragen zu messen.",
        "first_steps": "Zwei Wochen Gespräche mit Vertrieb, Support und Produkt, dann Zuhören; "
        "Ihr Support-Team betreut die Community, ich coache es wöchentlich.",
    }
    for key, text in texts.items():
        autosave(page, key, saved, **{key: text})

    # A reference, to be written to in the other language.
    page.get_by_role("link", name=say("My profile")).click()
    page.get_by_role("link", name=say("Add a reference")).click()
    expect(page.get_by_role("heading", name=say("Add a reference"))).to_be_visible()
    page.locator('[name="name"]').fill("Tomás Ruiz")
    page.locator('[name="role"]').fill("Director de marketing")
    page.locator('[name="company"]').fill("Ledgerly")
    page.locator('[name="email"]').fill(REFEREE)
    page.locator('[name="period_from"]').fill("2021-03-01")
    page.locator('[name="can_confirm"]').fill(
        "The LinkedIn community programme and the growth in trial sign-ups."
    )
    language = page.locator("#id_language")
    expect(
        page.get_by_text(say("Their email and reference form are in this language."))
    ).to_be_visible()
    expect(language).to_have_value(code)  # the page's language, until changed
    language.select_option(OTHER[code])
    page.locator('[name="consent_to_contact"]').check()
    page.get_by_role("button", name=say("Save reference")).click()
    expect(
        page.get_by_text(say("%(name)s is now one of your references.", name="Tomás Ruiz"))
    ).to_be_visible()

    page.get_by_role("link", name=say("My invitations")).click()
    page.get_by_role("link", name=say("Continue the self-assessment")).click()
    reference = page.locator('[name="accomplishments-0-reference"] option', has_text="Tomás Ruiz")
    autosave(
        page,
        "accomplishments",
        saved,
        **{
            "accomplishments-0-area": "monetization",
            "accomplishments-0-what": "LinkedIn-Community-Programm für Ledgerly aufgebaut.",
            "accomplishments-0-result": "Testanmeldungen in einem Jahr um 38 % gesteigert",
            "accomplishments-0-reference": reference.get_attribute("value") or "",
        },
    )
    expect(page.get_by_test_id("progress")).to_contain_text(
        say("%(complete)s of %(total)s answered", complete=7, total=7)
    )
    page.get_by_test_id("reference-choice").locator("input[type=checkbox]").first.check()
    expect(page.locator("#status-references")).to_contain_text(
        say("Saved: %(chosen)s chosen", chosen=1)
    )
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name=say("Submit self-assessment")).click()
    expect(
        page.get_by_text(
            say(
                "Your self-assessment is submitted and locked. The buyer has been told; you "
                "will hear about the outcome by email."
            )
        )
    ).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", code)
    assert errors == []
    context.close()

    # The emails: the consultant's in theirs, the referee's in the one chosen for them, the
    # buyer's in English (no language on their account).
    to_consultant = [m for m in mail.outbox if m.to == [EMAIL]]
    assert len(to_consultant) == 3  # the invitation, the welcome, the confirmation
    assert all(in_language(m, code) for m in to_consultant)
    assert say('Your self-assessment for "%(title)s" is submitted', title=engagement.title) in [
        m.subject for m in to_consultant
    ]
    [request] = [m for m in mail.outbox if m.to == [REFEREE]]
    assert in_language(request, OTHER[code])
    assert request.subject == Say(OTHER[code])(
        "%(name)s named you as a reference: five minutes of your time?", name="Lena Vogel"
    )
    [received] = [m for m in mail.outbox if m.to == [owner.email]]
    assert in_language(received, "en-gb")
    assert ReferenceCheck.objects.get(referee_email=REFEREE).language == OTHER[code]


@pytest.mark.parametrize("code", ["de", "es"])
def test_a_referee_written_to_in_their_language_answers_the_form_in_it(
    code: str, browser: Browser, live_server, django_capture_on_commit_callbacks
):
    from tests.e2e.test_referee_journey import _submitted_with_one_cited_reference

    say = Say(code)
    with translation.override(code):  # the consultant named the reference on a page in it
        check = _submitted_with_one_cited_reference()
    assert check.language == code
    [request] = [m for m in mail.outbox if m.to == [check.referee_email]]
    assert in_language(request, code)
    consultant = check.submission.consultant.name

    context = browser.new_context(**ENGLISH_BROWSER)
    page = context.new_page()
    errors = record_console_errors(page)
    page.goto(live_server.url + link_path(request, "/r/"))
    expect(page.locator("html")).to_have_attribute("lang", code)
    expect(
        page.get_by_role("heading", name=say("A reference for %(name)s", name=consultant))
    ).to_be_visible()

    def rate(question: str, choice: str) -> None:
        page.get_by_role("group", name=say(question)).get_by_label(choice, exact=True).check()

    rate("Is that how you worked together?", say("Yes"))
    verdicts = page.get_by_role("group", name="Ran a LinkedIn community programme")
    verdicts.get_by_label(say("Confirmed"), exact=True).check()
    rate("Did they build relationships with your community, or push campaigns at it?", "5")
    rate("How did their results compare with the goals you set?", "4")
    rate("Would you hire them again?", say("Yes"))
    page.get_by_label(say("Their strengths")).fill("Escucha antes de proponer.")
    page.get_by_role("button", name=say("Send the reference")).click()

    # One rating forgotten: said in the referee's language, next to the question.
    expect(page.get_by_role("alert")).to_contain_text(
        say("Some answers need fixing; each one is marked below. Nothing you typed was lost.")
    )
    honesty = page.get_by_role(
        "group", name=say("How honest and open were they, including with bad news?")
    )
    expect(honesty).to_contain_text(say("Choose a rating from 1 to 5."))
    honesty.get_by_label("5", exact=True).check()
    page.get_by_role("button", name=say("Send the reference")).click()
    expect(page.get_by_role("heading", name=say("Thank you"))).to_be_visible()
    assert errors == []
    context.close()

    check.refresh_from_db()
    assert check.status == CheckStatus.COMPLETED
    assert (check.rating_relationships, check.rating_honesty, check.rating_results) == (5, 5, 4)
    assert check.strengths == "Escucha antes de proponer."
