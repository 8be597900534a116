"""What each relation lists over the API: only what it may see, counted. (Who may reach each
operation is in tests/permission_matrix.py.)

Each row is a list and its count for every relation of tests/api_world.py, in its order:
owner, reviewer before, reviewer after, manager off the panel, other procurement,
consultant, other consultant, outsider, (anonymous: 401), staff; `*` is every row of the
table. Each request runs in a savepoint rolled back afterwards, so every role meets the
same world."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction

from consultants.models import Consultant, Reference
from tests.api_world import ROLES, World, shared_world
from vetting.models import Engagement, Flag, ScoreCard, Submission

pytestmark = pytest.mark.django_db


@dataclass
class Row:
    path: str  # under /api/v1
    expect: str

    def __str__(self) -> str:
        return self.path


ALL = "*"  # every row of the table
# fmt: off
LISTS = [
    #                            own bef aft mgr opr con per out ano stf
    # The owner's rounds: the first, the second (the consultant's draft re-vets them) and the
    # routed one (an approval route, the consultant's shortlist waiting on it).
    Row("/engagements/",        "3   3   3   0   1   0   0   0   401 *"),
    # The buyers see the two who started a round of their organisation (the one invited by
    # a private link, who has not, stays hidden); the other organisation none (its invitee
    # has not started either).
    Row("/consultants/",        "2   2   2   2   0   1   1   0   401 *"),
    Row("/references/",         "*   *   *   *   0   4   0   0   401 *"),
    Row("/submissions/",        "5   5   5   0   1   3   2   0   401 *"),
    Row("/reviews/",            "3   2   3   0   0   0   0   0   401 3"),
    Row("/reference-checks/",   "3   3   3   3   0   0   0   0   401 3"),
    Row("/flags/",              "*   0   *   *   0   0   0   0   401 *"),
    Row("/score-cards/",        "2   0   1   0   0   0   0   0   401 *"),
    Row("/decisions/",          "1   1   1   0   0   0   0   0   401 1"),
]
# fmt: on
TABLES = {
    "/engagements/": Engagement,
    "/consultants/": Consultant,
    "/references/": Reference,
    "/submissions/": Submission,
    "/flags/": Flag,
    "/score-cards/": ScoreCard,
}


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    with shared_world(django_db_blocker) as world:
        yield world


def _count_as(world: World, role: str, path: str) -> str:
    with transaction.atomic():
        response = world.call(role, "get", "/api/v1" + path)
        transaction.set_rollback(True)
    ok = response.status_code == 200
    return str(response.json()["count"]) if ok else str(response.status_code)


@pytest.mark.parametrize("row", LISTS, ids=str)
def test_each_role_lists_only_what_it_may_see(world: World, row: Row) -> None:
    table = TABLES.get(row.path)
    everything = str(table.objects.count()) if table else ""
    expected = [everything if n == ALL else n for n in row.expect.split()]

    got = [_count_as(world, role, row.path) for role in ROLES]

    assert dict(zip(ROLES, got, strict=True)) == dict(zip(ROLES, expected, strict=True))


CURSOR_LISTS = [row for row in LISTS if row.path != "/engagements/"]


def _ids_as(world: World, role: str, path: str, query: dict[str, Any]) -> list[int]:
    """Every id the role lists, following `next` from the first page."""
    ids: list[int] = []
    client = world.client(role)
    with transaction.atomic():
        response = client.get("/api/v1" + path, query)
        while True:
            assert response.status_code == 200, response.content
            ids += [row["id"] for row in response.json()["results"]]
            if not response.json()["next"]:
                break
            response = client.get(response.json()["next"])
        transaction.set_rollback(True)
    return ids


@pytest.mark.parametrize("row", CURSOR_LISTS, ids=str)
def test_cursor_pages_list_what_numbered_pages_list(world: World, row: Row) -> None:
    for role in (r for r in ROLES if r != "anonymous"):  # anonymous: 401
        numbered = _ids_as(world, role, row.path, {"page_size": 200})
        walked = _ids_as(world, role, row.path, {"paginate": "cursor", "page_size": 2})

        assert walked == sorted(numbered), role


def test_an_unknown_token_is_refused_with_the_token_challenge(world: World) -> None:
    client = world.client("anonymous")
    client.credentials(HTTP_AUTHORIZATION="Token " + "0" * 64)

    response = client.get("/api/v1/engagements/")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
