"""Browser journeys: Playwright driving Debian's Chromium against pytest-django's live_server."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import ConsoleMessage, Page, Response, expect

from tests.conftest import need
from tests.factories import PASSWORD
from vetting.models import User

# Playwright runs an event loop in the test thread; Django's ORM calls in the same thread
# are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    need(os.access(CHROMIUM, os.X_OK), f"needs Debian's Chromium at {CHROMIUM}")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


def record_console_errors(page: Page) -> list[str]:
    """The errors `page` will log (a CSP violation shows up here), as they come."""
    errors: list[str] = []

    def record(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    page.on("console", record)
    return errors


@pytest.fixture
def console_errors(page: Page) -> Iterator[list[str]]:
    """Errors the page logs; the journey asserts none."""
    yield record_console_errors(page)


# An answer's status once its last autosave is in, in English.
SAVED = re.compile(r"Saved \d\d:\d\d:\d\d · complete")


def autosave(page: Page, key: str, saved: re.Pattern[str] = SAVED, **values: str) -> None:
    """Type one question's fields, leave the last one, and wait until the autosave that
    carries all of them is answered and the question says `saved`.

    Waiting for the request with the final values, not for the first "Saved": htmx saves on
    each change and after each pause in typing (800 ms), so an earlier save can report
    "Saved" while the last one is still queued. Leaving each field fires its change event,
    which saves at once and cancels the pending delayed save, so nothing of this question is
    left to save when the next one starts: two requests at once fail on the live server's
    in-memory SQLite with "database table is locked".
    """

    def carries_all(response: Response) -> bool:
        if not urlsplit(response.url).path.endswith(f"/answers/{key}/"):
            return False
        sent = parse_qs(response.request.post_data or "")
        return all(sent.get(name) == [value] for name, value in values.items())

    with page.expect_response(carries_all):
        for name, value in values.items():
            field = page.locator(f'[name="{name}"]')
            field.focus()  # as a person would: select_option alone leaves focus behind
            if field.evaluate("el => el.tagName") == "SELECT":
                field.select_option(value)
            else:
                field.fill(value)
        field.blur()
    expect(page.locator(f"#status-{key}")).to_have_text(saved)


def sign_in(page: Page, base_url: str, user: User) -> None:
    """Sign in through the login page, as a person would."""
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Email address").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1).first).to_be_visible()


def htmx_settled(page: Page) -> None:
    """Wait until htmx has no request in flight and has settled what it swapped in: content
    swapped in gets its htmx behaviour at settle time (20 ms later), so a button pressed
    before then submits its form the plain way."""
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"
    )
