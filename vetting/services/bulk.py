"""Writing many rows fast: PostgreSQL's COPY with an upsert, and a writer thread that
stores one batch while the caller prepares the next.

Used by the bulk recompute (`services.scoring.scorecards_recompute_all`), whose cards are
large (about 20 KB of JSON each): sent as one INSERT of literals, a batch of 2,000 was
40 MB of SQL for psycopg2 to quote, the server to parse, and Django's debug cursor to copy.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from types import TracebackType
from typing import Any, Generic, TypeVar

from django.db import connection, connections

COPY_CHUNK = 1 << 20  # bytes sent to the server per COPY message

T = TypeVar("T")
R = TypeVar("R")
_END = object()


def copy_text(value: Any) -> bytes:
    """One value in COPY's text format, as UTF-8 (\\N for NULL; backslash, tab and line
    ends escaped). Bytes are taken as text already encoded (a serialised JSON document)."""
    if value is None:
        return b"\\N"
    if isinstance(value, bytes):
        text = value
    elif isinstance(value, str):
        text = value.encode()
    elif isinstance(value, bool):
        return b"t" if value else b"f"
    elif hasattr(value, "isoformat"):
        return value.isoformat().encode()
    else:
        return str(value).encode()  # numbers: floats as repr, which PostgreSQL reads exactly
    if b"\\" in text:
        text = text.replace(b"\\", b"\\\\")
    if b"\t" in text or b"\n" in text or b"\r" in text:
        text = text.replace(b"\t", b"\\t").replace(b"\n", b"\\n").replace(b"\r", b"\\r")
    return text


def copy_upsert(
    *,
    table: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    conflict: str,
    update: Sequence[str],
    jsonb: Sequence[str] = (),
) -> None:
    """Insert rows into `table` or, where `conflict` (a column with a unique constraint)
    matches a stored row, update that row's `update` columns in place (its id and other
    columns stay). PostgreSQL only; call it inside a transaction.

    The rows go by COPY into a temporary table, then into the table by one INSERT ...
    SELECT ... ON CONFLICT DO UPDATE. Values are Python values (see `copy_text`); the
    `jsonb` columns' values are JSON documents already serialised (bytes or str), loaded
    as text (stored uncompressed: the table lives for one statement) and cast once."""
    quote = connection.ops.quote_name
    load = quote(f"{table}_load")
    names = ", ".join(quote(c) for c in columns)
    picked = ", ".join(f"{quote(c)}::text {quote(c)}" if c in jsonb else quote(c) for c in columns)
    cast = ", ".join(f"{quote(c)}::jsonb" if c in jsonb else quote(c) for c in columns)
    updates = ", ".join(f"{quote(c)} = EXCLUDED.{quote(c)}" for c in update)
    data = b"".join(b"\t".join(map(copy_text, row)) + b"\n" for row in rows)
    with connection.cursor() as cursor:
        # The temporary table has the columns' types (no constraints, no indexes). It is
        # dropped at the end (ON COMMIT DROP only when a caller's savepoint fails).
        cursor.execute(
            f"CREATE TEMPORARY TABLE {load} ON COMMIT DROP AS "  # noqa: S608
            f"SELECT {picked} FROM {quote(table)} WITH NO DATA"
        )
        for column in jsonb:
            cursor.execute(f"ALTER TABLE {load} ALTER COLUMN {quote(column)} SET STORAGE EXTERNAL")
        # COPY goes through psycopg2's own cursor (Django's wrapper has no COPY).
        cursor.cursor.copy_expert(
            f"COPY {load} ({names}) FROM STDIN", io.BytesIO(data), size=COPY_CHUNK
        )
        cursor.execute(
            f"INSERT INTO {quote(table)} ({names}) SELECT {cast} FROM {load} "  # noqa: S608
            f"ON CONFLICT ({quote(conflict)}) DO UPDATE SET {updates}"
        )
        cursor.execute(f"DROP TABLE {load}")


class _Thread:
    """One thread with its own database connection, closed when the thread is done."""

    def __init__(self, name: str) -> None:
        self.pool = ThreadPoolExecutor(1, thread_name_prefix=name)

    def submit(self, call: Callable[[], T]) -> Future[T]:
        return self.pool.submit(call)

    def close(self, pending: Future[Any] | None) -> None:
        """Wait for `pending` (its error, if any, is the caller's to raise), close the
        thread's connection, and end the thread."""
        try:
            if pending is not None:
                wait([pending])
        finally:
            self.pool.submit(connections.close_all).result()
            self.pool.shutdown()


class Prefetched(Generic[T, R]):
    """Iterates over `load(item)` for `items` in order. With `threaded`, the next item is
    loaded in a thread with its own database connection while the caller works on the
    one before (psycopg2 lets go of the GIL while it waits for the server); without, each
    is loaded when it is asked for, in the caller's thread (see `BackgroundWriter`).
    Use it as a context manager: leaving the block ends the thread."""

    def __init__(self, load: Callable[[T], R], items: Sequence[T], *, threaded: bool) -> None:
        self.load = load
        self.items = items
        self.thread = _Thread("bulk-reader") if threaded else None
        self.pending: Future[R] | None = None

    def __iter__(self) -> Iterator[R]:
        if self.thread is None:
            for item in self.items:
                yield self.load(item)
            return
        thread = self.thread
        upcoming = iter(self.items)

        def ahead() -> Future[R] | None:
            item = next(upcoming, _END)
            return None if item is _END else thread.submit(lambda: self.load(item))

        self.pending = ahead()
        while self.pending is not None:
            result = self.pending.result()
            self.pending = ahead()
            yield result

    def __enter__(self) -> Prefetched[T, R]:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.thread is not None:
            self.thread.close(self.pending)


class BackgroundWriter:
    """Runs writes one at a time in a thread with its own database connection, so that
    the caller prepares the next batch while the database stores this one. `submit(write,
    done)` hands over a write after waiting for the one before; `done()` is called in the
    caller's thread once its write has committed, in order. Leaving the block waits for
    the last write, raises its error if it failed, and ends the thread.

    With `threaded=False` each write runs at once, in the caller's thread: for SQLite (one
    writer at a time) and for callers inside a transaction (a second connection would
    not see its uncommitted rows, nor be rolled back with it)."""

    def __init__(self, *, threaded: bool) -> None:
        self.thread = _Thread("bulk-writer") if threaded else None
        self.pending: tuple[Future[None], Callable[[], None]] | None = None

    def submit(self, write: Callable[[], None], done: Callable[[], None]) -> None:
        if self.thread is None:
            write()
            done()
            return
        self.wait()
        self.pending = (self.thread.submit(write), done)

    def wait(self) -> None:
        """Until the write handed over last has committed (its `done` then runs)."""
        if self.pending is not None:
            future, done = self.pending
            self.pending = None
            future.result()
            done()

    def __enter__(self) -> BackgroundWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self.thread is None:
            return
        try:
            if kind is None:
                self.wait()
        finally:
            self.thread.close(self.pending[0] if self.pending else None)
