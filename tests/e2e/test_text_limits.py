"""Over-long text is never cut: a paste of 10,000 characters into a 4,000-character answer
stays whole, the line under the field says how much is too long, and the server refuses it
with the same words, keeping all of it. The same rule holds on a Django form (the profile).
On a phone the accomplishment's Area dropdown shows its whole choice."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import sign_in
from tests.factories import EngagementFactory, SubmissionFactory, consultant_user
from vetting.models import Answer, EngagementStatus

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

KEY = "media_vs_marketing"  # a 4,000-character answer
PASTE = ("Social media is the channel; marketing decides what runs there and why. " * 140)[:10_000]
TOO_LONG = "6,000 characters too long: the limit is 4,000."
# Beside Playwright's own output (not committed): to look at the pages by eye.
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results"


def _paste(page: Page, selector: str, text: str) -> None:
    """Paste as a person does: the text on the clipboard, then Ctrl+V in the field."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.evaluate("text => navigator.clipboard.writeText(text)", text)
    page.locator(selector).click()
    page.keyboard.press("Control+V")


def _shown(page: Page, text: str) -> int:
    """How many times `text` can be read on the page (screen-reader-only copies aside)."""
    return page.evaluate(
        """text => Array.from(document.querySelectorAll("body *")).filter(element =>
            element.textContent.trim() === text && element.offsetWidth > 1 &&
            element.offsetHeight > 1 && !element.querySelector("*:not(strong)")).length""",
        text,
    )


@pytest.fixture
def answer_page(page: Page, live_server):
    user = consultant_user(first_name="Clara", last_name="Okafor")
    engagement = EngagementFactory(status=EngagementStatus.OPEN, title="Ledgerly launch")
    submission = SubmissionFactory(engagement=engagement, consultant=user.consultant)
    sign_in(page, live_server.url, user)
    page.goto(f"{live_server.url}/submissions/{submission.pk}/answer/")
    return submission


def test_a_long_paste_is_kept_whole_and_said_to_be_too_long(
    page: Page, answer_page, console_errors
):
    field = page.locator(f"#id_{KEY}")

    _paste(page, f"#id_{KEY}", PASTE)

    # Nothing is cut, and the field says by how much it is too long.
    assert len(field.input_value()) == 10_000
    note = page.locator(f"#id_{KEY}-limit")
    expect(note).to_have_text(TOO_LONG)
    expect(field).to_have_attribute("aria-invalid", "true")
    assert f"id_{KEY}-limit" in field.get_attribute("aria-describedby").split()
    # The autosave keeps all of it as a draft, refused with the same words at the field.
    expect(page.locator(f"#status-{KEY}")).to_contain_text("Not valid yet: kept as a draft")
    expect(page.locator(f"#errors-{KEY}")).to_have_text(TOO_LONG)
    # Said once on the page: the line under the field, live, stands for the server's words.
    assert _shown(page, TOO_LONG) == 1
    answer = Answer.objects.get(submission=answer_page, question__key=KEY)
    assert len(answer.value) == 10_000
    assert not answer.is_complete
    SCREENSHOTS.mkdir(exist_ok=True)
    page.locator(f"#q-{KEY}").screenshot(path=SCREENSHOTS / "answer_too_long.png")

    # Coming back later, all of it is still there, still said to be too long.
    page.reload()
    assert len(page.locator(f"#id_{KEY}").input_value()) == 10_000
    expect(page.locator(f"#id_{KEY}-limit")).to_have_text(TOO_LONG)

    # Submitting is refused, naming the answer and how much is too long.
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Submit self-assessment").click()
    expect(page.get_by_test_id("problems")).to_contain_text(TOO_LONG)

    # Shortened within the limit: the line counts again and the field is valid.
    page.locator(f"#id_{KEY}").fill(PASTE[:3_990])
    expect(page.locator(f"#id_{KEY}-limit")).to_have_text("3,990 / 4,000 characters")
    expect(page.locator(f"#id_{KEY}")).not_to_have_attribute("aria-invalid", "true")
    # The refused submit answers 422 (the page lists the problems): the only error logged.
    assert [e for e in console_errors if "422" not in e] == []


def test_a_profile_field_keeps_a_long_paste_and_the_server_refuses_it_at_the_field(
    page: Page, live_server, console_errors
):
    user = consultant_user(first_name="Clara", last_name="Okafor")
    sign_in(page, live_server.url, user)
    page.goto(f"{live_server.url}/consultants/{user.consultant.pk}/edit/")
    background = ("Retail marketing, PR and customer service before social. " * 41)[:2_312]
    page.locator("#id_business_background").fill("")

    _paste(page, "#id_business_background", background)
    expect(page.locator("#id_business_background-limit")).to_have_text(
        "312 characters too long: the limit is 2,000."
    )
    page.get_by_role("button", name="Save profile").click()

    # The server refuses it next to the field, in the same words, and keeps all of it.
    field = page.locator("#id_business_background")
    expect(page.locator("#error_1_id_business_background")).to_have_text(
        "312 characters too long: the limit is 2,000."
    )
    assert field.input_value() == background
    assert _shown(page, "312 characters too long: the limit is 2,000.") == 1
    user.consultant.refresh_from_db()
    assert user.consultant.business_background != background
    expect(field).to_have_attribute("aria-invalid", "true")
    page.locator("#div_id_business_background").screenshot(
        path=SCREENSHOTS / "profile_too_long.png"
    )
    assert console_errors == []


def test_the_accomplishment_area_shows_its_whole_choice_on_a_phone(
    page: Page, answer_page, console_errors
):
    page.set_viewport_size({"width": 390, "height": 844})
    area = page.locator("#id_accomplishments-0-area")
    fits = """select => {
        const style = getComputedStyle(select);
        const context = document.createElement("canvas").getContext("2d");
        context.font = style.font;
        const room = select.clientWidth - parseFloat(style.paddingLeft)
            - parseFloat(style.paddingRight);
        return Array.from(select.options).map(
            option => [option.text, context.measureText(option.text).width <= room]);
    }"""

    for text, fitted in area.evaluate(fits):
        assert fitted, f"“{text}” is cut off in the Area dropdown"
    # What each area covers is still said, once, beside the dropdowns.
    expect(page.locator("#areas-accomplishments")).to_contain_text(
        "Monetization (revenue, sales, leads)"
    )
    area.select_option("pr")
    page.locator("#q-accomplishments fieldset").first.screenshot(
        path=SCREENSHOTS / "accomplishment_area_phone.png"
    )
    assert console_errors == []
