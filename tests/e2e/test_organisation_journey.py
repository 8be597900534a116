"""An organisation's admin in the browser: the members page lists the team, a new member is
added with a role and told by email, a role changes, and a person in two organisations
switches between them from the account menu."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from tests.e2e.conftest import sign_in
from tests.factories import UserFactory
from vetting.models import Membership
from vetting.services import organisations as orgs

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results"


def test_an_admin_adds_a_member_changes_a_role_and_switches_organisation(
    page: Page, live_server, console_errors
) -> None:
    base = live_server.url
    priya = UserFactory(email="priya@northwind.example", first_name="Priya", last_name="Shah")
    northwind = orgs.organisation_create(name="Northwind Retail", by=priya)
    harbour = orgs.organisation_create(
        name="Harbour Bank", by=UserFactory(email="bea@harbour.example")
    )
    orgs._join(harbour, priya, "reviewer")
    sign_in(page, base, priya)

    page.get_by_role("button", name="More").click()  # the pages opened now and then
    page.get_by_role("link", name="Organisation").click()
    expect(page.get_by_role("heading", name="Northwind Retail")).to_be_visible()
    page.get_by_label("Email address").fill("marcus@northwind.example")
    page.get_by_label("Their name").fill("Marcus Lee")
    page.locator("#id_role").select_option("manager")
    page.get_by_role("button", name="Add the member").click()
    expect(page.get_by_text("marcus@northwind.example is a member now")).to_be_visible()
    row = page.get_by_test_id("member-marcus@northwind.example")
    expect(row).to_contain_text("Marcus Lee")
    assert [m.to for m in mail.outbox] == [["marcus@northwind.example"]]

    row.get_by_label("Role of Marcus Lee").select_option("procurement")
    row.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Marcus Lee is procurement now.")).to_be_visible()
    assert Membership.objects.get(user__email="marcus@northwind.example").role == "procurement"
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "organisation_members.png", full_page=True)

    page.get_by_test_id("account-menu").click()
    expect(page.get_by_test_id("current-organisation")).to_have_text("Working in Northwind Retail")
    page.get_by_role("button", name="Switch to Harbour Bank").click()
    expect(page.get_by_text("You are working in Harbour Bank.")).to_be_visible()
    page.get_by_role("button", name="More").click()  # the pages opened now and then
    page.get_by_role("link", name="Organisation").click()
    expect(page.get_by_role("heading", name="Harbour Bank")).to_be_visible()
    expect(page.get_by_role("button", name="Add the member")).to_have_count(0)
    assert northwind.pk != harbour.pk
    assert console_errors == []
