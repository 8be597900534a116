"""The transactional outbox: a side effect is recorded with the change that implies it.

`enqueue(task, *args, key=...)` writes one row in the caller's transaction (a second enqueue
with the same key is a no-op) and, once that transaction commits, tries to publish it at
once: one connection attempt with a short timeout and no publish retries, so a request stays
fast when the broker is down and never fails because of it. What could not be published
waits for the relay (`relay`: Celery beat every 30 s, or `manage.py outbox relay`). A task
that runs to the end marks its row done (`vetting.celery.Task`), and the sweeper
(`vetting.services.sweep`) hands out again what was sent but never ran, so a broker that
lost its queue delays work without losing it. Tasks are idempotent: a second delivery is a
no-op.

In the embedded mode (no broker, tasks eager) publishing runs the task inline after the
commit, as `delay_on_commit` did.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from celery import Task
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from kombu import Connection

from vetting.celery import app
from vetting.models import OutboxMessage

log = logging.getLogger(__name__)

# A publisher's hold on the rows it is publishing: one that dies gives them up after this.
LEASE = timedelta(seconds=60)
# Task ids of published rows, so that the task can mark its row done: "outbox-<pk>-<try>".
TASK_ID_PREFIX = "outbox-"

# When a publish from a request failed, the requests of this process leave publishing to the
# relay for a few seconds instead of each waiting for the broker's connect timeout.
PAUSE_AFTER_FAILURE = 5.0
_paused_until = 0.0


def default_key(task: Task, args: tuple[Any, ...]) -> str:
    """`send_invitation:42`: right for a task whose arguments say what the effect is."""
    return ":".join([task.name.rsplit(".", 1)[-1], *map(str, args)])


def enqueue(task: Task, *args: Any, key: str | None = None) -> bool:
    """Record `task(*args)` in the current transaction and publish it once it commits.

    `key` names the effect (default: the task's name and arguments); give one when the same
    arguments can mean a new effect later. False if the key was already recorded.
    """
    key = key or default_key(task, args)
    try:
        with transaction.atomic():
            message = OutboxMessage.objects.create(task=task.name, args=list(args), key=key)
    except IntegrityError:
        return False
    _after_commit(message.pk)
    return True


class _Publisher:
    """The after-commit callback of one transaction: publishes every row it enqueued, in
    one go. Rows rolled back with a savepoint leave ids that no row answers to: harmless."""

    def __init__(self, first: int) -> None:
        self.ids = [first]
        self.ran = False

    def __call__(self) -> None:
        self.ran = True
        publish_now(self.ids)


def _after_commit(message_id: int) -> None:
    """Add the row to the publisher of this transaction (this savepoint, when nested),
    registering one if there is none yet. `run_on_commit` holds the callbacks waiting for
    the transaction, each with the savepoints open when it was registered."""
    connection = transaction.get_connection()
    here = set(connection.savepoint_ids)
    publisher = next(
        (
            func
            for sids, func, _ in reversed(connection.run_on_commit)
            # One that already ran (a test's captured callbacks stay listed) takes no more.
            if isinstance(func, _Publisher) and sids == here and not func.ran
        ),
        None,
    )
    if publisher is None:
        transaction.on_commit(_Publisher(message_id))  # outside a transaction: runs now
    else:
        publisher.ids.append(message_id)


def publish_now(ids: list[int]) -> None:
    """The fast path, right after a commit: publish these rows unless the broker has just
    failed in this process. Never raises: what is left waits for the relay."""
    if not _eager() and time.monotonic() < _paused_until:
        return
    try:
        now = timezone.now()
        until = now + LEASE
        OutboxMessage.objects.filter(
            pk__in=ids, sent_at__isnull=True, available_at__lte=now
        ).update(available_at=until)
        _publish(
            list(OutboxMessage.objects.filter(pk__in=ids, sent_at__isnull=True, available_at=until))
        )
    except Exception:  # a request never fails because of its side effects
        log.exception("outbox: could not publish %s after the commit", ids)


def relay(*, limit: int = 500) -> int:
    """Publish what is unsent and due, oldest first; returns how many rows were published.

    Rows are leased in one short transaction (`SKIP LOCKED` on PostgreSQL, so two relays
    never take the same row; SQLite locks the whole database for the transaction instead)
    and published outside it. When the broker fails, the rest wait for the next run.
    """
    now = timezone.now()
    with transaction.atomic():
        due = list(
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(sent_at__isnull=True, available_at__lte=now)
            .order_by("available_at", "pk")[:limit]
        )
        OutboxMessage.objects.filter(pk__in=[m.pk for m in due]).update(available_at=now + LEASE)
    return _publish(due)


def rearm(*, sent_before: timedelta, max_attempts: int) -> int:
    """Hand out again the rows sent more than `sent_before` ago whose task never ran to the
    end (the broker lost the message, or the task gave up), up to `max_attempts` tries."""
    now = timezone.now()
    return OutboxMessage.objects.filter(
        sent_at__lt=now - sent_before, done_at__isnull=True, attempts__lt=max_attempts
    ).update(sent_at=None, available_at=now)


def retry_given_up(*, max_attempts: int, key: str | None = None) -> int:
    """One more try for the rows the sweeper gave up on (published `max_attempts` times and
    never done), or for the one with this key: an operator's choice once the cause (a mail
    relay refusing, a bug since fixed) is gone. A row that fails again stays given up."""
    rows = OutboxMessage.objects.filter(
        sent_at__isnull=False, done_at__isnull=True, attempts__gte=max_attempts
    )
    if key is not None:
        rows = rows.filter(key=key)
    return rows.update(sent_at=None, available_at=timezone.now())


def purge(*, done_before: timedelta) -> int:
    """Forget the rows whose task ran more than `done_before` ago."""
    deleted, _ = OutboxMessage.objects.filter(done_at__lt=timezone.now() - done_before).delete()
    return deleted


def mark_done(task_id: str | None) -> None:
    """Called when a task succeeds: if an outbox row published it, that row is done."""
    if not task_id or not task_id.startswith(TASK_ID_PREFIX):
        return
    message_id = task_id.removeprefix(TASK_ID_PREFIX).split("-", 1)[0]
    OutboxMessage.objects.filter(pk=int(message_id)).update(done_at=timezone.now())


def _publish(messages: list[OutboxMessage]) -> int:
    """Publish leased rows (eager: run them) and record the outcome; returns how many were
    published. When the broker fails, the rest are given back at once for the relay."""
    global _paused_until
    sent: list[int] = []
    with _broker() as connection:
        for position, message in enumerate(messages):
            attempt = message.attempts + 1
            try:
                app.tasks[message.task].apply_async(
                    args=message.args,
                    task_id=f"{TASK_ID_PREFIX}{message.pk}-{attempt}",
                    retry=False,
                    connection=connection,
                )
            except Exception as exc:
                log.warning("outbox: %s not published (try %s): %r", message.key, attempt, exc)
                OutboxMessage.objects.filter(pk=message.pk).update(
                    attempts=F("attempts") + 1,
                    last_error=repr(exc)[:2000],
                    available_at=timezone.now(),  # the relay's next run tries again
                )
                if connection is None:
                    continue  # a task that failed inline: the next one may run
                _forget_connection()
                _paused_until = time.monotonic() + PAUSE_AFTER_FAILURE
                rest = [m.pk for m in messages[position + 1 :]]
                OutboxMessage.objects.filter(pk__in=rest).update(available_at=timezone.now())
                break
            sent.append(message.pk)
    OutboxMessage.objects.filter(pk__in=sent).update(
        attempts=F("attempts") + 1, last_error="", sent_at=timezone.now()
    )
    return len(sent)


def _eager() -> bool:
    return bool(app.conf.task_always_eager)


# Each thread keeps its own publishing connection (kombu connections are not thread-safe).
_local = threading.local()


@contextlib.contextmanager
def _broker() -> Iterator[Connection | None]:
    """This thread's broker connection, made to fail fast: one attempt, a short timeout.
    None when tasks run inline (eager)."""
    if _eager():
        yield None
        return
    url = app.conf.broker_write_url or app.conf.broker_url
    cached = getattr(_local, "connection", None)
    if cached is None or cached[0] != url:
        timeout = settings.OUTBOX_PUBLISH_TIMEOUT
        connection = app.connection_for_write(
            url,
            connect_timeout=timeout,
            transport_options={
                "max_retries": 0,
                "socket_connect_timeout": timeout,
                "socket_timeout": timeout,
            },
        )
        cached = _local.connection = (url, connection)
    yield cached[1]


def _forget_connection() -> None:
    """After a failure: the next publish connects afresh."""
    cached = getattr(_local, "connection", None)
    _local.connection = None
    if cached is not None:
        with contextlib.suppress(Exception):
            cached[1].release()
