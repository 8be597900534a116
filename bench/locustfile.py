"""The roles of the load test (run by bench/load.py, which seeds the database, starts gunicorn
and writes WINNOW_LOAD_CONFIG: session cookies, an API token and the URLs from reverse()).

Each task has a tag, so that load.py can run one request type per phase (`--tags ranking_first
ProcurementUser`); with no tags every role runs its tasks at the weights below, a mix of what
each role does most. Users send requests back to back (no think time), as wrk does.
"""

from __future__ import annotations

import json
import os
import re
from itertools import count
from pathlib import Path
from typing import Any

from locust import FastHttpUser, tag, task

CONFIG: dict[str, Any] = json.loads(Path(os.environ["WINNOW_LOAD_CONFIG"]).read_text())
URLS = CONFIG["urls"]
CSRF = re.compile(r'"X-CSRFToken": "([^"]+)"')
_consultants = count()


class SignedIn(FastHttpUser):
    abstract = True
    role = ""

    def on_start(self) -> None:
        self.client.cookiejar.set_cookie(self.cookie(CONFIG["sessions"][self.role]))

    def cookie(self, value: str) -> Any:
        from requests.cookies import create_cookie

        return create_cookie("sessionid", value, domain="127.0.0.1", path="/")

    def page(self, key: str, name: str) -> None:
        # Not following redirects: a session not accepted would be a 302 to the sign-in page.
        with self.client.get(
            URLS[key], name=name, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")


class AnonymousUser(FastHttpUser):
    """Someone arriving at the sign-in page: the baseline every ratio is measured against."""

    weight = 1

    @tag("signin")
    @task
    def signin(self) -> None:
        self.client.get(URLS["signin"], name="sign-in page")


class ProcurementUser(SignedIn):
    """The round's owner: the ranking, a deep page of it, a comparison and a score page."""

    weight = 4
    role = "procurement"

    @tag("ranking_first")
    @task(4)
    def ranking_first(self) -> None:
        self.page("ranking_first", "ranking page 1")

    @tag("ranking_deep")
    @task(1)
    def ranking_deep(self) -> None:
        self.page("ranking_deep", "ranking page " + URLS["ranking_deep"].rsplit("=", 1)[-1])

    @tag("ranking_small")
    @task(1)
    def ranking_small(self) -> None:
        self.page("ranking_small", "ranking page 1 at 100")

    @tag("compare")
    @task(1)
    def compare(self) -> None:
        self.page("compare", "compare 3")

    @tag("score")
    @task(2)
    def score(self) -> None:
        self.page("score", "score page")


class ManagerUser(SignedIn):
    """A reviewer who reviewed every submission: sees the ranking and the scores."""

    weight = 2
    role = "manager"

    @tag("manager")
    @task(1)
    def ranking_first(self) -> None:
        self.page("ranking_first", "ranking page 1 (manager)")

    @tag("manager")
    @task(2)
    def score(self) -> None:
        self.page("score", "score page (manager)")


class ConsultantUser(FastHttpUser):
    """A consultant filling in a draft: loads the page once, then autosaves one answer as
    htmx does (the CSRF header from the page, the answer's version from each reply)."""

    weight = 4

    def on_start(self) -> None:
        mine = CONFIG["consultants"][next(_consultants) % len(CONFIG["consultants"])]
        self.mine = mine
        self.client.cookiejar.set_cookie(SignedIn.cookie(self, mine["session"]))
        response = self.client.get(mine["answer_page"], name="answer page (on start)")
        self.csrf = CSRF.search(response.text).group(1)
        self.version = self._version(response.text)
        self.saves = count()

    def _version(self, html: str) -> str:
        found = re.search(rf'name="{self.mine["key"]}-version"[^>]*value="(\d*)"', html)
        return found.group(1) if found else ""

    @tag("autosave")
    @task
    def autosave(self) -> None:
        key = self.mine["key"]
        data = {
            key: f"We start from your target market and timing. Draft {next(self.saves)}.",
            f"{key}-version": self.version,
        }
        headers = {
            "HX-Request": "true",
            "X-CSRFToken": self.csrf,
            "Referer": self.host + self.mine["answer_page"],
        }
        with self.client.post(
            self.mine["autosave"],
            data=data,
            headers=headers,
            name="autosave answer",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
                return
            version = self._version(response.text)
            if not version:
                response.failure("no new version in the reply (refused as stale?)")
                return
            self.version = version


class ApiUser(FastHttpUser):
    """An integration reading the lists with a personal token."""

    weight = 1

    def on_start(self) -> None:
        self.headers = {"Authorization": f"Token {CONFIG['token']}", "Accept": "application/json"}

    @tag("api_submissions")
    @task
    def submissions(self) -> None:
        self.client.get(URLS["api_submissions"], headers=self.headers, name="API submissions list")

    @tag("api_scorecards")
    @task
    def scorecards(self) -> None:
        self.client.get(URLS["api_scorecards"], headers=self.headers, name="API score-cards list")
