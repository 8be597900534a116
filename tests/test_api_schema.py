"""The OpenAPI schema is valid, and true: schemathesis calls every operation as each role
against the seeded demo and finds no server error and no response that breaks the schema."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.test import override_settings
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from knox.models import AuthToken
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from consultants.models import Consultant, Reference
from tests.factories import UserFactory
from vetting.models import (
    Channel,
    Decision,
    Engagement,
    Flag,
    Question,
    ReferenceCheck,
    Review,
    ScoreCard,
    Submission,
    User,
)
from vetting.tokens import new_token
from vetting.wsgi import application

pytestmark = pytest.mark.django_db

ROLES = ("procurement", "manager", "consultant", "outsider")

# Five examples per operation and role keep the run near half a minute; set
# WINNOW_FUZZ_EXAMPLES=100 for a deeper search.
EXAMPLES = int(os.environ.get("WINNOW_FUZZ_EXAMPLES", "5"))
CONFIG = schemathesis.Config.from_str(
    f"""
[generation]
max-examples = {EXAMPLES}
deterministic = true
database = "none"

[phases.coverage]
enabled = false

[phases.stateful]
enabled = false
"""
)
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application, config=CONFIG)

MODELS = {
    "consultants": Consultant,
    "references": Reference,
    "engagements": Engagement,
    "submissions": Submission,
    "reviews": Review,
    "reference-checks": ReferenceCheck,
    "flags": Flag,
    "score-cards": ScoreCard,
    "decisions": Decision,
}
# Filled by the `tokens` fixture: the seeded ids of each resource, and referee links.
SEEDED: dict[str, list[Any]] = {}


@schema.hook
def map_path_parameters(context: Any, path_parameters: dict[str, Any]) -> dict[str, Any]:
    """Three generated ids in four point at a seeded object (which the role may or may not
    see), so that operations run on real data and not only on 404s."""
    if not path_parameters:
        return path_parameters
    resource = context.operation.path.removeprefix("/api/v1/").split("/")[0]
    mapped = dict(path_parameters)
    for name, pool in (("id", resource), ("key", "questions"), ("token", "links")):
        value, known = mapped.get(name), SEEDED.get(pool)
        if value is None or not known:
            continue
        number = value if isinstance(value, int) else sum(map(ord, str(value)))
        if number % 4:
            mapped[name] = known[number % len(known)]
    return mapped


def test_the_schema_validates_without_warnings() -> None:
    out, err = StringIO(), StringIO()

    call_command("spectacular", "--validate", "--fail-on-warn", stdout=out, stderr=err)

    assert "openapi: 3" in out.getvalue()
    assert "Warning" not in err.getvalue()


def test_the_schema_describes_cursor_pages_and_score_card_summaries() -> None:
    document = SchemaGenerator().get_schema(request=None, public=True)
    paths, components = document["paths"], document["components"]["schemas"]

    def parameters(path: str) -> dict[str, dict]:
        return {p["name"]: p for p in paths[path]["get"]["parameters"]}

    cursor_lists = [
        "submissions",
        "score-cards",
        "reviews",
        "reference-checks",
        "flags",
        "decisions",
        "consultants",
        "references",
    ]
    for path in (f"/api/v1/{name}/" for name in cursor_lists):
        assert parameters(path)["paginate"]["schema"]["enum"] == ["page", "cursor"]
        assert parameters(path)["cursor"]["schema"]["type"] == "string"
    assert parameters("/api/v1/score-cards/")["expand"]["schema"]["enum"] == ["card"]
    pages = components["PaginatedScoreCardListItemList"]
    assert pages["required"] == ["results"]  # cursor pages have no count
    assert set(pages["properties"]) == {"count", "next", "previous", "results"}
    assert "data" in components["ScoreCardListItem"]["properties"]
    assert "data" not in components["ScoreCardListItem"]["required"]
    detail = paths["/api/v1/score-cards/{id}/"]["get"]["responses"]["200"]
    assert detail["content"]["application/json"]["schema"]["$ref"].endswith("/ScoreCard")
    assert "data" in components["ScoreCard"]["required"]


@pytest.fixture(scope="module")
def tokens(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, str]]:
    """The demo (one account per role and rounds in every state), plus an outsider, each
    with a personal token; rolled back after this module."""
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Calling the WSGI app fires request_started/finished, which close the database
    # connection: that would end this module's transaction (on PostgreSQL). Django's test
    # client disconnects the same handler for the same reason.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=fast),
        transaction.atomic(),
    ):
        call_command("seed_demo", stdout=StringIO())
        users = {role: User.objects.get(email=f"{role}@winnow.test") for role in ROLES[:3]}
        users["outsider"] = UserFactory(email="outsider@winnow.test")
        for name, model in MODELS.items():
            SEEDED[name] = list(model.objects.order_by("pk").values_list("pk", flat=True))
        SEEDED["questions"] = list(Question.objects.values_list("key", flat=True).distinct())
        SEEDED["links"] = []
        for check in ReferenceCheck.objects.filter(channel=Channel.WEB).open()[:3]:
            raw, check.token_hash = new_token()
            check.token_expires_at = timezone.now() + timedelta(days=7)
            check.save()
            SEEDED["links"].append(raw)
        yield {role: AuthToken.objects.create(user)[1] for role, user in users.items()}
        transaction.set_rollback(True)
        SEEDED.clear()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.parametrize("role", ROLES)
@schema.parametrize()
@settings(
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_every_operation_answers_within_the_schema(case: Any, role: str, tokens: dict) -> None:
    case.call_and_validate(
        headers={"Authorization": f"Token {tokens[role]}"},
        checks=[not_a_server_error, response_schema_conformance],
    )
