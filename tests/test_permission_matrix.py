"""Every page and API operation, requested by every relation of tests/permission_matrix.py,
gets the status the table gives; and every URL pattern and API operation has a row.

One world (tests/api_world.py) serves the whole module; each request runs in a savepoint
rolled back afterwards, so every row and column meets the same world."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib import admin
from django.db import transaction
from django.http import HttpResponse
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from drf_spectacular.generators import SchemaGenerator

from tests.api_world import ROLES, World, shared_world
from tests.permission_matrix import ADMIN, DISAGREEMENTS, MATRIX, SIGN_IN, Row

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    with shared_world(django_db_blocker) as world:
        yield world


def status(response: HttpResponse) -> str:
    """The status as the table writes it: a redirect to the sign-in page is `in`."""
    signing_in = response.status_code == 302 and response["Location"].startswith(
        f"{reverse('login')}?next="
    )
    return SIGN_IN if signing_in else str(response.status_code)


def request_as(world: World, role: str, row: Row, url: str) -> HttpResponse:
    body = row.body(world.ids)
    with transaction.atomic():
        if row.is_api:
            response = world.call(role, row.method, url, body)
        else:
            response = world.page(role, row.method, url, body)
        transaction.set_rollback(True)
    return response


def _param(row: Row) -> Any:
    reason = DISAGREEMENTS.get(row.request)
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(row, marks=marks, id=row.request)


@pytest.mark.parametrize("row", [_param(row) for row in MATRIX])
def test_each_relation_gets_the_status_the_access_rules_give(world: World, row: Row) -> None:
    url = row.url(world.ids)

    got = {role: status(request_as(world, role, row, url)) for role in ROLES}

    assert got == row.expected


def admin_pages() -> list[str]:
    """The admin's home, each app's page and each model's list."""
    apps = sorted({model._meta.app_label for model in admin.site._registry})
    lists = sorted(
        f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"
        for model in admin.site._registry
    )
    return [
        reverse("admin:index"),
        *[reverse("admin:app_list", args=[app]) for app in apps],
        *[reverse(name) for name in lists],
    ]


@pytest.mark.parametrize("url", admin_pages())
def test_only_staff_reach_the_django_admin(world: World, url: str) -> None:
    responses = {role: request_as(world, role, ADMIN, url) for role in ROLES}

    got = {role: status(response) for role, response in responses.items()}
    assert got == ADMIN.expected
    sent_away = [r for r in responses.values() if r.status_code == 302]
    assert all(r["Location"].startswith(reverse("admin:login")) for r in sent_away)


# --- Every URL has a row ---------------------------------------------------------------------


def url_patterns(
    resolver: URLResolver | None = None, route: str = "", namespace: str = ""
) -> Iterator[tuple[str | None, str]]:
    """(name with its namespaces, route) of every URL pattern of the site."""
    for pattern in (resolver or get_resolver()).url_patterns:
        here = route + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace or ""]))
            yield from url_patterns(pattern, here, inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield name, here


class AnyId(dict):
    """Ids for resolving the rows' paths without a world: every object is number 1."""

    def __missing__(self, key: str) -> str:
        return "1"


def covered_names() -> set[str]:
    ids = AnyId()
    pages = {row.target for row in MATRIX if not row.is_api}
    api = {resolve(row.url(ids).split("?")[0]).view_name for row in MATRIX if row.is_api}
    return pages | api


def test_every_url_pattern_has_a_row() -> None:
    """The Django admin is covered by its one rule (ADMIN); every other pattern is named
    and has a row."""
    covered = covered_names()

    missing = [
        f"{name or '(no name)'} ({route})"
        for name, route in url_patterns()
        if not route.startswith("admin/") and name not in covered
    ]

    assert missing == []


def api_operations() -> list[tuple[str, str]]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return [(method, path) for path, ops in schema["paths"].items() for method in ops]


def test_every_api_operation_of_the_schema_has_a_row() -> None:
    ids = AnyId()
    asked = [(row.method, row.url(ids)) for row in MATRIX if row.is_api]

    def has_row(method: str, path: str) -> bool:
        template = re.sub(r"\\{[^}]+\\}", "[^/]+", re.escape(path))
        return any(m == method and re.fullmatch(template, url) for m, url in asked)

    operations = api_operations()
    missing = [f"{method} {path}" for method, path in operations if not has_row(method, path)]

    assert len(operations) > 50  # the schema was read
    assert missing == []
