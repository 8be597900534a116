"""A buyer opens a round and invites someone new by email; the consultant follows the
emailed link, signs up, names two references, answers over two visits and submits; the
buyer sees the submission arrive."""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import autosave, record_console_errors
from tests.factories import PASSWORD as PROCUREMENT_PASSWORD
from tests.factories import UserFactory
from vetting.roles import Role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = "Social marketing partner for the Northwind B2B launch"
CONSULTANT_EMAIL = "nadia@karim.example"
PASSWORD = "a-long-unusual-passphrase-42"


def _sign_in(page: Page, base_url: str, email: str, password: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def _sign_out(page: Page) -> None:
    page.get_by_test_id("account-menu").click()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()


def _add_reference(page: Page, *, button: str, **fields: str) -> None:
    page.get_by_label("Name").fill(fields["name"])
    page.get_by_label("Their role").fill(fields["role"])
    page.get_by_label("Company").fill(fields["company"])
    page.get_by_label("Email").fill(fields["email"])
    page.get_by_label("Worked together from").fill(fields["start"])
    page.get_by_label("Until").fill(fields.get("end", ""))
    page.get_by_label("What they can confirm").fill(fields["confirm"])
    page.get_by_label("They agreed to be contacted").check()
    page.get_by_role("button", name=button).click()
    expect(page.get_by_text(f"{fields['name']} is now one of your references.")).to_be_visible()


def _buyer_creates_opens_and_invites(page: Page, base_url: str) -> None:
    owner = UserFactory(
        email="priya@northwind.example", first_name="Priya", last_name="Shah", role=Role.PROCUREMENT
    )
    _sign_in(page, base_url, owner.email, PROCUREMENT_PASSWORD)
    expect(page.get_by_role("heading", name="Engagements")).to_be_visible()
    page.get_by_role("link", name="New engagement").click()

    deadline = timezone.localtime(timezone.now() + timedelta(days=14))
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Target market").fill(
        "Operations and finance leaders at mid-sized UK manufacturers."
    )
    page.get_by_label("Goals").fill("400 qualified demo requests and 40 pilots in two quarters.")
    page.get_by_label("Timing").fill("Launch at the supply-chain expo in six weeks.")
    page.get_by_label("Budget from").fill("40000")
    page.get_by_label("Budget up to").fill("65000")
    page.get_by_label("Deadline").fill(deadline.strftime("%Y-%m-%dT%H:%M"))
    expect(page.locator("[data-weights-total]")).to_have_text("100%")
    page.get_by_role("button", name="Save as draft").click()

    expect(page.get_by_text("The engagement is saved as a draft.")).to_be_visible()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(page.get_by_test_id("next-step")).to_contain_text("Next: invite consultants.")
    page.get_by_role("link", name="Invite consultants").first.click()
    page.get_by_label("Their name").fill("Nadia Karim")
    page.get_by_label("Their email address").fill(CONSULTANT_EMAIL)
    page.get_by_role("button", name="Invite", exact=True).click()
    expect(
        page.get_by_text("Nadia Karim is invited. The invitation goes out when you open")
    ).to_be_visible()
    expect(page.get_by_test_id("invited")).to_contain_text(CONSULTANT_EMAIL)
    assert mail.outbox == []  # nothing goes out while the round is a draft

    page.get_by_role("link", name="Back to the engagement").click()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Open engagement").click()
    expect(
        page.get_by_text("The engagement is open. Invitations are on their way.")
    ).to_be_visible()


def _invitation_path() -> str:
    """The link in the invitation email, without SITE_URL's origin."""
    [email] = [m for m in mail.outbox if m.to == [CONSULTANT_EMAIL]]
    assert TITLE in email.body
    link = re.search(r"https?://\S+/invitations/\S+/", email.body)
    assert link, email.body
    return urlsplit(link.group()).path


def test_a_buyer_invites_a_new_consultant_who_signs_up_answers_and_submits(
    page: Page, browser: Browser, live_server, console_errors
):
    base_url = live_server.url
    _buyer_creates_opens_and_invites(page, base_url)
    invitation_path = _invitation_path()

    # The consultant, in a browser of their own.
    context = browser.new_context()
    consultant = context.new_page()
    consultant_errors = record_console_errors(consultant)

    consultant.goto(base_url + invitation_path)
    expect(consultant.get_by_role("heading", name="Priya Shah invites you")).to_be_visible()
    expect(consultant.get_by_label("First name")).to_have_value("Nadia")
    expect(consultant.get_by_label("Last name")).to_have_value("Karim")
    consultant.locator("#id_password1").fill(PASSWORD)
    consultant.locator("#id_password2").fill(PASSWORD)
    consultant.get_by_role("button", name="Create account and start").click()
    expect(consultant.get_by_text("Welcome to Winnow.")).to_be_visible()
    expect(consultant.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(consultant.get_by_test_id("progress")).to_contain_text("0 of 7 answered")

    consultant.get_by_role("link", name="My profile").click()
    consultant.get_by_role("link", name="Add a reference").click()
    _add_reference(
        consultant,
        button="Save and add another",
        name="Tom Reid",
        role="VP Marketing",
        company="Ledgerly",
        email="tom@ledgerly.example",
        start="2021-03-01",
        end="2023-06-30",
        confirm="Grew trial sign-ups from LinkedIn communities by 38% in a year.",
    )
    _add_reference(
        consultant,
        button="Save reference",
        name="Hannah Berg",
        role="CMO",
        company="Northwind Analytics",
        email="hannah@northwind.example",
        start="2023-09-01",
        confirm="Built the listening programme and the monthly board report.",
    )

    # First visit: three answers, then sign out.
    consultant.get_by_role("link", name="My invitations").click()
    consultant.get_by_role("link", name="Start the self-assessment").click()
    autosave(consultant, "years_social_media", years_social_media="9")
    autosave(consultant, "years_for_clients", years_for_clients="6")
    autosave(
        consultant,
        "business_background",
        business_background="Eight years in B2B marketing and PR before social: product "
        "launches, analyst relations and a customer-service team of twelve.",
    )
    expect(consultant.get_by_test_id("progress")).to_contain_text("3 of 7 answered")
    # A short answer is counted as the server counts it, with the minimum stated.
    consultant.locator("#id_media_vs_marketing").fill("  Not the same thing.  ")
    expect(consultant.locator("#id_media_vs_marketing + .char-count")).to_have_text(
        "19 / 4,000 characters (at least 50)"
    )
    consultant.locator("#id_media_vs_marketing").fill("")
    _sign_out(consultant)  # from the account menu above the sticky progress card

    # Second visit: the answers are still there; the rest, one accomplishment row added.
    _sign_in(consultant, base_url, CONSULTANT_EMAIL, PASSWORD)
    expect(consultant).to_have_url(re.compile(r"/my/invitations/$"))
    expect(consultant.get_by_test_id("invitations")).to_contain_text("3 of 7 answered")
    consultant.get_by_role("link", name="Continue the self-assessment").click()
    expect(consultant.locator("#id_years_social_media")).to_have_value("9")
    expect(consultant.locator("#id_business_background")).to_contain_text("analyst relations")
    autosave(
        consultant,
        "greatest_accomplishment",
        greatest_accomplishment="Took Ledgerly from release-note posts to a LinkedIn community "
        "run by its own support team; trial sign-ups up 38% in a year.",
    )
    autosave(
        consultant,
        "media_vs_marketing",
        media_vs_marketing="Social media is the network; social marketing is giving your "
        "operations buyers something of value first, and measuring demo requests.",
    )
    autosave(
        consultant,
        "first_steps",
        first_steps="Two weeks of interviews with your sales, support and product leads, then "
        "listening; your support specialists run the community, I coach them weekly.",
    )
    autosave(
        consultant,
        "accomplishments",
        **{
            "accomplishments-0-area": "monetization",
            "accomplishments-0-what": "Built Ledgerly's LinkedIn community programme.",
            "accomplishments-0-result": "Trial sign-ups up 38% in a year",
            "accomplishments-0-reference": _option(
                consultant, "accomplishments-0-reference", "Tom Reid"
            ),
        },
    )
    consultant.get_by_role("button", name="Add an accomplishment").click()
    expect(consultant.get_by_role("group", name="Accomplishment 2")).to_be_visible()
    autosave(
        consultant,
        "accomplishments",
        **{
            "accomplishments-1-area": "database_building",
            "accomplishments-1-what": "Set up Northwind's listening programme and board report.",
            "accomplishments-1-result": "1,200 new opted-in contacts in year one",
            "accomplishments-1-evidence_url": "https://karim.example/cases/northwind",
            "accomplishments-1-reference": _option(
                consultant, "accomplishments-1-reference", "Hannah Berg"
            ),
        },
    )
    expect(consultant.get_by_test_id("progress")).to_contain_text("7 of 7 answered")
    # Offer both references for this engagement, one save at a time.
    choice = consultant.get_by_test_id("reference-choice")
    status = consultant.locator("#status-references")
    choice.get_by_label("Tom Reid, VP Marketing at Ledgerly").check()
    expect(status).to_have_text("Saved: 1 chosen, 2 needed")
    choice.get_by_label("Hannah Berg, CMO at Northwind Analytics").check()
    expect(status).to_have_text("Saved: 2 chosen")

    consultant.once("dialog", lambda dialog: dialog.accept())
    consultant.get_by_role("button", name="Submit self-assessment").click()
    expect(consultant.get_by_text("Your self-assessment is submitted and locked.")).to_be_visible()
    expect(consultant.get_by_test_id("answer-accomplishments")).to_contain_text(
        "Hannah Berg, Northwind Analytics"
    )
    context.close()

    # The buyer sees it arrive.
    page.reload()
    row = page.get_by_test_id("submissions").get_by_role("row", name=re.compile("Nadia Karim"))
    expect(row).to_contain_text("Submitted")
    expect(row).to_contain_text("7 of 7")
    expect(page.get_by_test_id("pipeline")).to_contain_text("1 submitted")
    assert "priya@northwind.example" in [m.to[0] for m in mail.outbox]
    assert console_errors == []
    assert consultant_errors == []


def _option(page: Page, name: str, referee: str) -> str:
    """The value of a referee in a "Who can confirm it" list."""
    return page.locator(f'[name="{name}"] option', has_text=referee).get_attribute("value") or ""
