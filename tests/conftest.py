"""Shared fixtures: one named user per role plus an outsider (and the owner, a reviewer and
another buyer for the rules that depend on the round), and the real-service gates.

Tests that need PostgreSQL, Redis or Chromium skip with a reason on a machine without them,
and fail instead when WINNOW_REQUIRE_SERVICES=1 (CI).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal

import pytest
from django.apps import apps as django_apps
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import connection
from django.db.backends.postgresql.operations import DatabaseOperations as PostgresOperations
from django.db.models.signals import post_migrate
from django.dispatch import receiver
from django.utils import timezone, translation

from tests.factories import (
    EngagementFactory,
    UserFactory,
    consultant_user,
    priced,
    submitted_quickly,
)
from vetting.celery import app as celery_app
from vetting.models import Engagement, EngagementStatus, ExchangeRate, Submission, User
from vetting.roles import Role
from vetting.services import scorecards_recompute

REQUIRE_SERVICES = os.environ.get("WINNOW_REQUIRE_SERVICES") == "1"

# pytest-xdist workers share the Redis cache of CACHE_URL (rate-limit counters, sessions, kept
# pages): each keeps its keys under its own prefix, and clear_cache() empties only those (a
# FLUSHDB would empty the other workers' keys in the middle of their tests).
WORKER = os.environ.get("PYTEST_XDIST_WORKER")
if WORKER:
    django_settings.CACHES["default"]["KEY_PREFIX"] = f"test-{WORKER}"


def clear_cache() -> None:
    """Empty this test process's cache (only its own keys in a shared Redis)."""
    delete_pattern = getattr(cache, "delete_pattern", None)
    if delete_pattern is None:
        cache.clear()
    else:
        delete_pattern("*")


def need(available: bool, reason: str) -> None:
    """Skip (or, in CI, fail) when a real service is missing."""
    if available:
        return
    if REQUIRE_SERVICES:
        pytest.fail(f"{reason} (WINNOW_REQUIRE_SERVICES=1)")
    pytest.skip(reason)


def _flush_by_delete(
    ops: object,
    style: object,
    tables: list[str],
    *,
    reset_sequences: bool = False,
    allow_cascade: bool = False,
) -> list[str]:
    """Empty PostgreSQL's tables with DELETE instead of one TRUNCATE of every table.

    The tests that flush (live server, real worker) empty ~100 tables after each test; a
    TRUNCATE creates a new file for every table and syncs it, which took 5-6 s per flush on
    this machine's shared disk, against 0.2 s for DELETEs of the few rows a test writes
    (measured 2026-12-05). Django's foreign keys are DEFERRABLE INITIALLY DEFERRED, so the
    order of the DELETEs does not matter inside the flush's transaction.
    """
    if reset_sequences or not tables:
        return _truncate(
            ops, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
        )
    quote = ops.quote_name  # type: ignore[attr-defined]
    return ["SET CONSTRAINTS ALL DEFERRED"] + [f"DELETE FROM {quote(table)}" for table in tables]  # noqa: S608 (table names from Django)


_truncate = PostgresOperations.sql_flush
PostgresOperations.sql_flush = _flush_by_delete  # type: ignore[method-assign]


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the tests that flush the database (live server, real worker) last.

    pytest-django sorts them last, but pytest's own fixture-based reordering (the browser
    parametrization of pytest-playwright) can move them forward again; a flush in the
    middle would wipe the groups and services the migrations created for later tests.
    """

    items.sort(key=_flushes)


def _flushes(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction"))
    fixtures = getattr(item, "fixturenames", ())
    return transactional or "live_server" in fixtures or "transactional_db" in fixtures


@pytest.fixture(autouse=True)
def _reference_data(request: pytest.FixtureRequest) -> None:
    """Put back what the data migrations create (role groups, the services list) in tests
    that run on a flushed database. (Serialized rollback cannot be relied on: Playwright's
    event loop gives later tests fresh connection objects without the serialized data.)"""
    if not _flushes(request.node):
        return
    request.getfixturevalue("transactional_db")
    reference_data_restore()


@receiver(post_migrate)
def _reference_data_after_flush(sender: object, plan: object = None, **kwargs: object) -> None:
    """Put the migrations' data back as soon as a test flushes the database.

    A flush sends post_migrate without a plan (a migrate sends its plan, and may stand at an
    older schema in tests/test_migrations.py). Restoring right after the flush means a test
    that runs after a flushing one on the same worker (pytest-xdist does not keep them last)
    still finds the role groups, the services and the default questionnaire.
    """
    if plan is None and getattr(sender, "name", None) == "vetting":
        reference_data_restore()


def reference_data_restore() -> None:
    """Write what the data migrations create, if it is missing (each step is idempotent)."""
    for module, function in (
        ("vetting.migrations.0002_roles", "create_groups"),
        ("consultants.migrations.0003_default_services", "create_services"),
        ("vetting.migrations.0004_default_questionnaire", "create_default"),
        ("vetting.migrations.0022_question_kinds", "set_units"),
        ("vetting.migrations.0046_question_translations", "translate_core"),
    ):
        getattr(importlib.import_module(module), function)(django_apps, None)


@pytest.fixture(autouse=True)
def _default_language_after() -> Iterator[None]:
    """A request in German or Spanish leaves its language active in the thread (Django
    activates one per request and never resets it): every test starts in the default."""
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _steady_rate_limit_window(monkeypatch: pytest.MonkeyPatch) -> None:
    """django-ratelimit counts in fixed windows of wall-clock time; a test that crosses a
    window's end would see its count reset. Hold its clock still."""
    import time
    from types import SimpleNamespace

    import django_ratelimit.core

    frozen = time.time()
    monkeypatch.setattr(django_ratelimit.core, "time", SimpleNamespace(time=lambda: frozen))


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings: object) -> Iterator[None]:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    clear_cache()  # rate-limit and lockout counters start from zero in every test
    yield


@pytest.fixture(autouse=True)
def _celery_inline(request: pytest.FixtureRequest) -> Iterator[None]:
    """Run queued tasks inline, except in tests that start a real worker on Redis."""
    if "celery_worker" in request.fixturenames:
        yield
        return
    with celery_inline():
        yield


@contextmanager
def celery_inline() -> Iterator[None]:
    """Queued tasks run inline (eagerly) inside the block."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    try:
        yield
    finally:
        celery_app.conf.task_always_eager = previous


@pytest.fixture
def celery_conf() -> Iterator[Callable[..., None]]:
    """Change Celery settings for one test; the old values come back afterwards."""
    saved: dict[str, object] = {}
    environment = pytest.MonkeyPatch()

    def change(**values: object) -> None:
        for key, value in values.items():
            saved.setdefault(key, celery_app.conf[key])
            celery_app.conf[key] = value
        if "broker_url" in values:
            # Celery reads CELERY_BROKER_URL from the environment before its own settings
            # (CI sets it to the shared Redis).
            environment.setenv("CELERY_BROKER_URL", str(values["broker_url"]))
            environment.delenv("CELERY_BROKER_WRITE_URL", raising=False)

    yield change
    environment.undo()
    for key, value in saved.items():
        celery_app.conf[key] = value


@pytest.fixture
def postgres(db: None) -> None:
    need(connection.vendor == "postgresql", "needs PostgreSQL: set DATABASE_URL=postgres://...")


@pytest.fixture
def procurement(db: None) -> User:
    return UserFactory(email="procurement@example.com", role=Role.PROCUREMENT)


@pytest.fixture
def manager(db: None) -> User:
    return UserFactory(email="manager@example.com", role=Role.MANAGER)


@pytest.fixture
def owner(procurement: User) -> User:
    """The procurement user who runs the round under test."""
    return procurement


@pytest.fixture
def reviewer(db: None) -> User:
    """Procurement, to be put on the round's panel (tests add them to it)."""
    return UserFactory(
        email="reviewer@example.com", first_name="Rae", last_name="Viewer", role=Role.PROCUREMENT
    )


@pytest.fixture
def other_procurement(db: None) -> User:
    """Procurement who runs no round of the test: another buyer."""
    return UserFactory(email="buyer2@example.com", role=Role.PROCUREMENT)


@pytest.fixture
def consultant(db: None) -> User:
    return consultant_user(email="consultant@example.com", first_name="Clara", last_name="Okafor")


@pytest.fixture
def other_consultant(db: None) -> User:
    return consultant_user(email="other@example.com", first_name="Otto", last_name="Other")


@pytest.fixture
def outsider(db: None) -> User:
    """Signed in, but with no role at all."""
    return UserFactory(email="outsider@example.com")


@pytest.fixture
def staff(db: None) -> User:
    return UserFactory(email="admin@example.com", is_staff=True, is_superuser=True)


@pytest.fixture
def redis_url() -> str:
    """The Redis broker CI provides (CELERY_BROKER_URL), checked with a ping."""
    import redis

    url = os.environ.get("CELERY_BROKER_URL", "")
    reachable = False
    if url.startswith("redis://"):
        try:
            reachable = bool(redis.Redis.from_url(url, socket_timeout=2).ping())
        except redis.RedisError:
            reachable = False
    need(reachable, "needs Redis: set CELERY_BROKER_URL=redis://127.0.0.1:6379/15")
    return url


@pytest.fixture
def celery_worker(redis_url: str, celery_conf: Callable[..., None]) -> Iterator[object]:
    """A real Celery worker, in a thread, consuming from Redis."""
    from celery.contrib.testing.worker import start_worker

    celery_conf(task_always_eager=False, broker_url=redis_url)
    with start_worker(celery_app, perform_ping_check=False, loglevel="WARNING") as worker:
        yield worker


# --- A priced round (issue 16): the compare page, decisions, reports and exports ------------


@pytest.fixture
def price_round(owner: User, reviewer: User) -> Engagement:
    """Twelve months in GBP, a £5,000 monthly ad spend, 1 EUR = 0.85 GBP, a £40,000
    ceiling and a 20% price weight: the worked example of docs/scoring.md section 7.1."""
    engagement = EngagementFactory(
        owner=owner,
        status=EngagementStatus.OPEN,
        opened_at=timezone.now(),
        term_months=12,
        ad_spend_monthly=Decimal(5000),
        budget_max=40000,
        budget_is_ceiling=True,
        price_weight=20,
    )
    engagement.reviewers.add(reviewer)
    ExchangeRate.objects.create(engagement=engagement, currency="EUR", rate=Decimal("0.85"))
    return engagement


@pytest.fixture
def bids(price_round: Engagement) -> dict[str, Submission]:
    """Four scored consultants with the example's four bids: A a retainer with a fee on
    the ad spend (£36,000), B a day rate in EUR over the ceiling, C mixed (£22,000), D
    fixed fees (£9,000, abnormally low)."""
    people = {
        name: submitted_quickly(price_round, name=name, years_social=years)
        for name, years in (("Ada A", 9), ("Ben B", 12), ("Cal C", 7), ("Dee D", 5))
    }
    priced(people["Ada A"], ("Community manager", "1", "2500", "month"), fee="10")
    priced(people["Ben B"], ("Strategy days", "120", "400", "day"), currency="EUR")
    priced(
        people["Cal C"], ("Retainer", "1", "1500", "month"), ("Video", "4", "1000", "deliverable")
    )
    priced(people["Dee D"], ("Campaign", "6", "1500", "deliverable"))
    scorecards_recompute([s.pk for s in people.values()])
    return people
