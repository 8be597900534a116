"""A new consultant signs up, fills in the profile, names two references, and finds them
again after signing out and in."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-unusual-passphrase-42"


def _fill_reference(page: Page, **fields: str) -> None:
    page.get_by_label("Name").fill(fields["name"])
    page.get_by_label("Their role").fill(fields["role"])
    page.get_by_label("Company").fill(fields["company"])
    page.get_by_label("Email").fill(fields["email"])
    page.get_by_label("Worked together from").fill(fields["start"])
    page.get_by_label("Until").fill(fields.get("end", ""))
    page.get_by_label("What they can confirm").fill(fields["confirm"])
    page.get_by_label("They agreed to be contacted").check()


def test_a_new_consultant_builds_a_profile_with_two_references(
    page: Page, live_server, console_errors
):
    page.goto(live_server.url)
    page.get_by_role("link", name="I am a consultant").click()

    page.get_by_label("First name").fill("Nadia")
    page.get_by_label("Last name").fill("Karim")
    page.get_by_label("Email address").fill("nadia@karim.example")
    page.get_by_role("button", name="Create account").click()

    # The password is chosen at the link emailed to the address, which proves it hers.
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    (message,) = [m for m in mail.outbox if m.to == ["nadia@karim.example"]]
    link = re.search(r"https?://[^/\s]+(/accounts/signup/\S+/)", message.body).group(1)
    page.goto(live_server.url + link)
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()

    expect(page.get_by_role("heading", name="Your profile")).to_be_visible()
    page.get_by_label("Agency").fill("Karim Social")
    page.get_by_label("Headline").fill("Community-led social marketing for consumer brands")
    page.get_by_label("Location").fill("Leeds, UK")
    page.get_by_label("Website").fill("karim.example")
    page.get_by_label("Business background").fill(
        "Six years in retail marketing and customer service before moving to social."
    )
    page.get_by_label("Community building").first.check()
    page.locator("#div_id_services_not_offered").get_by_label("Paid social advertising").check()
    page.get_by_role("button", name="Save profile").click()

    expect(page.get_by_text("Your profile is saved.")).to_be_visible()
    expect(page.get_by_text("Name at least two references (0 so far).")).to_be_visible()
    page.get_by_role("link", name="Add a reference").click()

    # A mistake first: the end before the start is refused and nothing typed is lost.
    _fill_reference(
        page,
        name="Tom Reid",
        role="VP Marketing",
        company="Ledgerly",
        email="tom@ledgerly.example",
        start="2022-03-01",
        end="2021-01-01",
        confirm="Grew trial sign-ups from LinkedIn communities by 38% in a year.",
    )
    page.get_by_role("button", name="Save and add another").click()
    expect(page.get_by_text("The end of the period must be after its start.")).to_be_visible()
    expect(page.get_by_label("Name")).to_have_value("Tom Reid")
    page.get_by_label("Until").fill("2023-06-30")
    page.get_by_role("button", name="Save and add another").click()

    expect(page.get_by_text("Tom Reid is now one of your references.")).to_be_visible()
    _fill_reference(
        page,
        name="Hannah Berg",
        role="CMO",
        company="Northwind Analytics",
        email="hannah@northwind.example",
        start="2023-09-01",
        confirm="Built the listening programme and the monthly board report.",
    )
    page.get_by_role("button", name="Save reference").click()
    expect(page.get_by_text("Hannah Berg is now one of your references.")).to_be_visible()

    page.get_by_test_id("account-menu").click()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    page.get_by_label("Email address").fill("nadia@karim.example")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page).to_have_url(re.compile(r"/my/invitations/$"))
    expect(page.get_by_text("No invitations yet.")).to_be_visible()
    page.get_by_role("link", name="My profile").click()
    expect(page).to_have_url(re.compile(r"/consultants/\d+/$"))
    references = page.get_by_test_id("references")
    expect(references).to_contain_text("Tom Reid")
    expect(references).to_contain_text("Mar 2022 – Jun 2023")
    expect(references).to_contain_text("Hannah Berg")
    expect(references).to_contain_text("Sep 2023 – now")
    expect(page.get_by_test_id("services-offered")).to_contain_text("Community building")
    expect(page.get_by_test_id("services-not-offered")).to_contain_text("Paid social advertising")
    expect(page.get_by_test_id("next-steps")).to_have_count(0)
    assert console_errors == []
