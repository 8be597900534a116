"""The fault suite's stack: its own Redis (broker and cache), a Celery worker subprocess on
it and on the PostgreSQL test database, and a mailbox of the email the worker delivered.

Needs PostgreSQL (the worker shares the test database) and the redis-server binary; without
them the suite skips with the reason, or fails under WINNOW_REQUIRE_SERVICES=1 (CI). What
each test killed and what was delivered afterwards is printed at the end of the run.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.db import close_old_connections, connection
from django.test import Client

from tests.conftest import need
from tests.faults.stack import ROOT, Mailbox, Redis, Worker, deployed_settings
from vetting import outbox

# Short limits for the worker: a lost email task comes back after the visibility timeout,
# twice the longest limit (10 s).
EMAIL_TIME_LIMIT = 3
TASK_TIME_LIMIT = 5

FAULT_LOG: list[str] = []


def report(line: str) -> None:
    """Say what was killed or delivered: in the test's output and in the run's summary."""
    FAULT_LOG.append(line)
    print(line)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if FAULT_LOG:
        terminalreporter.section("fault suite: what was killed and what was delivered")
        for line in FAULT_LOG:
            terminalreporter.write_line(line)


@dataclass
class Stack:
    redis: Redis
    worker: Worker
    mailbox: Mailbox
    mail_dir: Path
    caches: dict[str, Any]


@pytest.fixture(scope="session")
def fault_stack(django_db_setup: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    need(bool(shutil.which("redis-server")), "needs the redis-server binary (apt install redis)")
    need(
        connection.vendor == "postgresql",
        "needs PostgreSQL (the worker shares the test database): set DATABASE_URL=postgres://...",
    )
    workdir = tmp_path_factory.mktemp("faults")
    mail_dir = workdir / "mail"
    mail_dir.mkdir()
    redis = Redis(workdir)
    redis.start()
    db = connection.settings_dict
    password = f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
    env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "tests.faults.settings",
        "DATABASE_URL": f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CELERY_BROKER_URL": redis.url(0),
        "CACHE_URL": redis.url(1),
        "WINNOW_FAULT_MAIL_DIR": str(mail_dir),
        "CELERY_EMAIL_TIME_LIMIT": str(EMAIL_TIME_LIMIT),
        "CELERY_TASK_TIME_LIMIT": str(TASK_TIME_LIMIT),
    }
    caches = deployed_settings({"CACHE_URL": redis.url(1)}, "CACHES")["CACHES"]
    stack = Stack(redis, Worker(env, workdir / "worker.log"), Mailbox(mail_dir), mail_dir, caches)
    yield stack
    stack.worker.stop()
    if stack.redis.process is not None:
        stack.redis.kill()


@pytest.fixture
def stack(
    fault_stack: Stack,
    transactional_db: None,
    celery_conf: Callable[..., None],
    settings: Any,
) -> Iterator[Stack]:
    """A running Redis (emptied) and worker; this process publishes to that Redis and uses
    it as its cache, as a web server of the deployment would."""
    if fault_stack.redis.process is None:
        fault_stack.redis.start()
    _redis_command(fault_stack.redis, b"FLUSHALL")
    fault_stack.mailbox.clear()
    for name in ("hold", "holding"):
        (fault_stack.mail_dir / name).unlink(missing_ok=True)
    if not fault_stack.worker.running:
        fault_stack.worker.start()
    celery_conf(task_always_eager=False, broker_url=fault_stack.redis.url(0))
    settings.CACHES = fault_stack.caches
    outbox._paused_until = 0.0
    outbox._forget_connection()
    yield fault_stack
    (fault_stack.mail_dir / "hold").unlink(missing_ok=True)
    outbox._forget_connection()


def _redis_command(redis: Redis, command: bytes) -> None:
    import socket

    with socket.create_connection(("127.0.0.1", redis.port), timeout=5) as sock:
        sock.sendall(command + b"\r\n")
        sock.recv(64)


class Visits:
    """A browser (Django's test client) that notes every response's status, so that a test
    can say no request answered 500. Before each request it drops a broken database
    connection, as a server does when a request starts (the test client skips that)."""

    def __init__(self) -> None:
        self.client = Client(raise_request_exception=False)
        self.seen: list[tuple[str, str, int]] = []

    def get(self, path: str, **extra: Any) -> Any:
        close_old_connections()
        return self._note("GET", path, self.client.get(path, **extra))

    def post(self, path: str, data: dict[str, Any] | None = None, **extra: Any) -> Any:
        close_old_connections()
        return self._note("POST", path, self.client.post(path, data or {}, **extra))

    def _note(self, method: str, path: str, response: Any) -> Any:
        self.seen.append((method, path, response.status_code))
        return response

    def statuses(self) -> list[int]:
        return [status for _, _, status in self.seen]

    def errors(self) -> list[tuple[str, str, int]]:
        return [visit for visit in self.seen if visit[2] == 500]


@pytest.fixture
def visits() -> Visits:
    return Visits()
