"""Who may do what over the API, endpoint by endpoint: the same rules as the pages. An object
the user may not see is a 404, an action they may not take a 403, a rule of the process that
forbids it now a 409; without credentials, 401 with the token challenge.

Each row is a request (paths under /api/v1 unless they say /api/) and the status for every
role of tests/api_world.py, in this order: owner, reviewer, other procurement, manager (not
reviewing), consultant, other consultant, outsider, anonymous. Each request runs in a
savepoint rolled back afterwards, so every role meets the same world."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone

from consultants.models import Consultant, Reference
from tests.api_world import REFEREE_ANSWERS, ROLES, World, shared_world
from tests.factories import ALL_FOURS
from vetting.models import Flag

pytestmark = pytest.mark.django_db


@dataclass
class Row:
    request: str  # "post /engagements/{eng}/open/": {eng} is a world id
    expect: str
    data: Any = None

    def __str__(self) -> str:
        return self.request

    @property
    def method(self) -> str:
        return self.request.split()[0]

    @property
    def path(self) -> str:
        path = self.request.split()[1]
        return path if path.startswith("/api/") else "/api/v1" + path


NEW_ENGAGEMENT = {
    "title": "Community building for Ledgerly",
    "target_market": "Finance teams at UK software companies.",
    "goals": "Two hundred qualified demo requests a quarter.",
    "timing": "Start in March.",
    "deadline": "2099-01-01T12:00:00",
}
NEW_REFERENCE = {
    "name": "Dana Reed",
    "email": "dana@client.example",
    "company": "Payroll Co",
    "role": "CMO",
    "relationship": "client",
    "period_from": "2022-01-01",
    "can_confirm": "Our demo requests from LinkedIn doubled in her first year.",
    "consent_to_contact": True,
}
LATER = {"deadline": (timezone.now() + timedelta(days=30)).isoformat()}
INVITE = {"name": "Nia Obi", "email": "nia@agency.example"}
NINE = {"value": "9"}
CONSENSUS = {"criterion": "references", "rating": 4, "reason": "We agreed on the call."}
CHECK_FOURTH = {"reference": "{fourth}", "channel": "web"}
RATE = {"ratings": {"references": 3}}
REVIEW = {"ratings": ALL_FOURS, "recommendation": "yes"}
CALL = {**REFEREE_ANSWERS, "call_notes": "All confirmed."}
DECIDE = {"submission": "{sub}", "outcome": "shortlisted", "rationale": "Best fit."}
ANSWER = "/answers/years_social_media/"

# fmt: off
ACTIONS = [
    #                                                owner rev o.pr mgr cons o.co out anon
    Row("get /",                                      "200 200 200 200 200 200 200 401"),
    Row("get /api/schema/",                           "200 200 200 200 200 200 200 200"),
    Row("get /api/docs/",                             "200 200 200 200 200 200 200 200"),
    # Engagements
    Row("get /engagements/{eng}/",                    "200 200 404 404 404 404 404 401"),
    Row("post /engagements/",                         "201 403 201 403 403 403 403 401",
        NEW_ENGAGEMENT),
    Row("patch /engagements/{eng}/",                  "200 403 404 404 404 404 404 401",
        {"title": "Renamed"}),
    Row("post /engagements/{second}/open/",           "409 403 404 404 404 404 404 401"),
    Row("post /engagements/{second}/close/",          "200 403 404 404 404 404 404 401"),
    Row("post /engagements/{eng}/deadline/",          "200 403 404 404 404 404 404 401", LATER),
    Row("post /engagements/{eng}/invite/",            "201 403 404 404 404 404 404 401", INVITE),
    Row("get /engagements/{eng}/ranking/",            "200 200 404 404 404 404 404 401"),
    # Consultants and the references they name
    Row("get /consultants/{cons}/",                   "200 200 200 200 200 404 404 401"),
    Row("patch /consultants/{cons}/",                 "403 403 403 403 200 404 404 401",
        {"headline": "Social marketing, measured"}),
    Row("post /consultants/{cons}/references/",       "403 403 403 403 201 404 404 401",
        NEW_REFERENCE),
    Row("get /references/{ref}/",                     "200 200 200 200 200 404 404 401"),
    Row("patch /references/{ref}/",                   "403 403 403 403 200 404 404 401",
        {"role": "Chief Marketing Officer"}),
    Row("delete /references/{fourth}/",               "403 403 403 403 204 404 404 401"),
    # Submissions: the consultant's, submitted in the first round and a draft in the second
    Row("get /submissions/{sub}/",                    "200 200 404 404 200 404 404 401"),
    Row("put /submissions/{draft}" + ANSWER,          "403 403 404 404 200 404 404 401", NINE),
    Row("post /submissions/{sub}" + ANSWER,           "403 403 404 404 409 404 404 401", NINE),
    Row("post /submissions/{draft}/submit/",          "403 403 404 404 400 404 404 401"),
    Row("post /submissions/{sub}/submit/",            "403 403 404 404 409 404 404 401"),
    Row("post /submissions/{draft}/withdraw/",        "403 403 404 404 200 404 404 401"),
    Row("post /submissions/{draft}/references/",      "403 403 404 404 200 404 404 401",
        {"references": []}),
    Row("post /submissions/{decided}/review/",        "201 200 404 404 404 403 404 401"),
    Row("post /submissions/{sub}/consensus/",         "200 403 404 404 403 404 404 401",
        CONSENSUS),
    Row("post /submissions/{sub}/reference-checks/",  "201 403 404 404 403 404 404 401",
        CHECK_FOURTH),
    # Reviews: blind until one's own is submitted; drafts private to their reviewer
    Row("get /reviews/{ownrev}/",                     "200 404 404 404 404 404 404 401"),
    Row("get /reviews/{myrev}/",                      "404 200 404 404 404 404 404 401"),
    Row("patch /reviews/{myrev}/",                    "404 200 404 404 404 404 404 401", RATE),
    Row("post /reviews/{myrev}/submit/",              "404 200 404 404 404 404 404 401", REVIEW),
    Row("post /reviews/{undeclared}/conflict/",       "404 200 404 404 404 404 404 401",
        {"has_conflict": False}),
    Row("post /reviews/{ownrev}/override/",           "409 404 404 404 404 404 404 401",
        {"reason": "Worked together long ago."}),
    # Reference checks: the reviewer (a manager) claimed the phone check
    Row("get /reference-checks/{web}/",               "200 200 404 200 404 404 404 401"),
    Row("post /reference-checks/{phone}/claim/",      "403 200 404 409 404 404 404 401"),
    Row("post /reference-checks/{phone}/release/",    "403 200 404 409 404 404 404 401"),
    Row("post /reference-checks/{phone}/attempts/",   "403 201 404 409 404 404 404 401",
        {"outcome": "no_answer"}),
    Row("post /reference-checks/{phone}/record-call/", "403 200 404 409 404 404 404 401", CALL),
    Row("post /reference-checks/{phone}/unreachable/", "403 409 404 409 404 404 404 401"),
    Row("post /reference-checks/{recorded}/review-notes/", "200 409 404 200 404 404 404 401",
        {"comment": "Consistent with the claims."}),
    Row("post /reference-checks/{web}/channel/",      "200 403 404 403 404 404 404 401",
        {"channel": "phone"}),
    Row("get /flags/{flag}/",                         "200 200 404 200 404 404 404 401"),
    Row("post /flags/{flag}/clear/",                  "403 200 404 200 404 404 404 401",
        {"note": "Same office, another firm."}),
    # Score cards (blind like the reviews) and decisions
    Row("get /score-cards/{card}/",                   "200 404 404 404 404 404 404 401"),
    Row("get /decisions/{decision}/",                 "200 200 404 404 404 404 404 401"),
    Row("post /decisions/",                           "201 403 404 404 404 404 404 401", DECIDE),
    # The referee's link works for whoever holds it, with or without an account
    Row("get /referee/{token}/",                      "200 200 200 200 200 200 200 200"),
    Row("post /referee/{token}/",                     "200 200 200 200 200 200 200 200",
        {"decline": True}),
    Row("get /referee/not-a-link/",                   "404 404 404 404 404 404 404 404"),
]

ALL = "*"  # every row of the table
LISTS = [
    #                                 owner rev o.pr mgr cons o.co out (anonymous: 401)
    Row("get /engagements/",          "2 2 0 0 0 0 0"),
    Row("get /consultants/",          "* * * * 1 1 0"),
    Row("get /references/",           "* * * * 4 0 0"),
    Row("get /submissions/",          "3 3 0 0 2 1 0"),
    Row("get /reviews/",              "1 2 0 0 0 0 0"),
    Row("get /reference-checks/",     "3 3 0 3 0 0 0"),
    Row("get /flags/",                "* * 0 * 0 0 0"),
    Row("get /score-cards/",          "2 0 0 0 0 0 0"),
    Row("get /decisions/",            "1 1 0 0 0 0 0"),
]
# fmt: on
TABLES = {"/consultants/": Consultant, "/references/": Reference, "/flags/": Flag}


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    with shared_world(django_db_blocker) as world:
        yield world


def _filled(data: Any, ids: dict[str, Any]) -> Any:
    """Ids in a body: "{sub}" becomes that object's id."""
    if isinstance(data, dict):
        return {k: _filled(v, ids) for k, v in data.items()}
    if isinstance(data, str) and data.startswith("{") and data.endswith("}"):
        return ids[data[1:-1]]
    return data


def _as_role(world: World, role: str, row: Row) -> Any:
    with transaction.atomic():
        response = world.call(role, row.method, row.path, _filled(row.data, world.ids))
        transaction.set_rollback(True)
    return response


@pytest.mark.parametrize("row", ACTIONS, ids=str)
def test_each_role_gets_the_status_the_rules_give(world: World, row: Row) -> None:
    got = [str(_as_role(world, role, row).status_code) for role in ROLES]

    assert dict(zip(ROLES, got, strict=True)) == dict(zip(ROLES, row.expect.split(), strict=True))


@pytest.mark.parametrize("row", LISTS, ids=str)
def test_each_role_lists_only_what_it_may_see(world: World, row: Row) -> None:
    table = TABLES.get(row.path.removeprefix("/api/v1"))
    everything = str(table.objects.count()) if table else ""
    expected = [everything if n == ALL else n for n in row.expect.split()] + ["401"]
    got = []
    for role in ROLES:
        response = _as_role(world, role, row)
        ok = response.status_code == 200
        got.append(str(response.json()["count"]) if ok else str(response.status_code))

    assert dict(zip(ROLES, got, strict=True)) == dict(zip(ROLES, expected, strict=True))


def test_an_unknown_token_is_refused_with_the_token_challenge(world: World) -> None:
    client = world.client("anonymous")
    client.credentials(HTTP_AUTHORIZATION="Token " + "0" * 64)

    response = client.get("/api/v1/engagements/")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
