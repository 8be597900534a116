"""The main menu at 1280 px keeps to one row in English, German and Spanish for the busiest
roles (a buyer, a manager), with a long name, a waiting approval and unread mentions in the
bar; the pages opened now and then are under "More", reachable with the keyboard; below
1200 px the menu folds behind its button."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import pgettext
from playwright.sync_api import Page, expect

from tests.e2e.conftest import sign_in
from tests.factories import UserFactory
from vetting.models import User
from vetting.roles import Role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DESK = {"width": 1280, "height": 800}


def busy(role: Role, code: str) -> User:
    user = UserFactory(
        role=role,
        first_name="Christopher Alexander",
        last_name="Montgomery-Whitworth",
        language=code,
    )
    User.objects.filter(pk=user.pk).update(approvals_waiting=12, unread_mentions=34)
    return user


def link_tops(page: Page) -> dict[str, int]:
    """Each visible link of the menu bar (the account menu's toggle too) by its top edge."""
    return page.eval_on_selector_all(
        "#nav .nav-link",
        """links => Object.fromEntries(links.filter(a => a.offsetParent).map(
            a => [a.textContent.trim().replace(/\\s+/g, ' '),
                  Math.round(a.getBoundingClientRect().top)]))""",
    )


@pytest.mark.parametrize("role", [Role.MANAGER, Role.PROCUREMENT])
@pytest.mark.parametrize("code", ["en-gb", "de", "es"])
def test_the_busiest_menus_keep_to_one_row_at_1280_px_in_every_language(
    page: Page, live_server, console_errors, role: Role, code: str
) -> None:
    user = busy(role, code)
    page.set_viewport_size(DESK)
    sign_in(page, live_server.url, user)
    page.goto(f"{live_server.url}/home/")

    tops = link_tops(page)
    assert len(tops) >= 8, tops  # the links, More, Mentions and the account menu
    assert len(set(tops.values())) == 1, f"the menu wraps in {code}: {tops}"
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") == 0
    assert console_errors == []


def test_the_pages_under_more_open_with_the_keyboard(page: Page, live_server, console_errors):
    user = busy(Role.MANAGER, "de")
    page.set_viewport_size(DESK)
    sign_in(page, live_server.url, user)
    page.goto(f"{live_server.url}/home/")
    with translation.override("de"):
        more = pgettext("main menu", "More")

    toggle = page.get_by_role("button", name=more)
    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")  # the second page under More: the vendors

    expect(page).to_have_url(f"{live_server.url}/vendors/")
    toggle = page.get_by_role("button", name=more)
    expect(toggle).to_have_class("nav-link dropdown-toggle active")
    assert console_errors == []


def test_below_1200_px_the_menu_folds_behind_its_button(page: Page, live_server, console_errors):
    page.set_viewport_size({"width": 1199, "height": 800})
    sign_in(page, live_server.url, busy(Role.MANAGER, "es"))
    page.goto(f"{live_server.url}/home/")

    toggler = page.locator(".navbar-toggler")
    expect(toggler).to_be_visible()
    expect(page.get_by_test_id("nav-more")).to_be_hidden()
    toggler.click()
    expect(page.get_by_test_id("nav-more")).to_be_visible()
    expect(page.get_by_test_id("nav-mentions")).to_contain_text("Menciones")
    assert console_errors == []
