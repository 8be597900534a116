"""The bulk-write helpers (vetting/services/bulk.py): COPY's text format, and the reader and
writer threads that overlap a bulk recompute's reads and writes with its scoring. The
threads are tested here with plain functions; tests/test_recompute_bulk.py runs them on
PostgreSQL."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime

import pytest

from vetting.services.bulk import BackgroundWriter, Prefetched, copy_text


def test_copy_text_escapes_what_copy_reads_as_syntax():
    assert copy_text(None) == b"\\N"
    assert copy_text("a\tb\nc\rd\\e") == b"a\\tb\\nc\\rd\\\\e"
    assert copy_text("Zoë") == "Zoë".encode()
    assert copy_text(b'{"a": "x\\"y"}') == b'{"a": "x\\\\"y"}'  # serialised JSON, escaped too
    assert copy_text(True) == b"t" and copy_text(False) == b"f"
    assert copy_text(datetime(2026, 12, 5, 9, 30, tzinfo=UTC)) == b"2026-12-05T09:30:00+00:00"


def test_copy_text_writes_floats_that_read_back_exactly():
    for value in (0.1, 1 / 3, 1e-7, 123456789.123456789, 0.35874999999999996):
        assert float(copy_text(value)) == value
    assert copy_text(7) == b"7"


def test_without_a_thread_each_write_runs_when_handed_over():
    order = []
    with BackgroundWriter(threaded=False) as writer:
        writer.submit(lambda: order.append("write 1"), lambda: order.append("done 1"))
        order.append("next batch")
        writer.submit(lambda: order.append("write 2"), lambda: order.append("done 2"))

    assert order == ["write 1", "done 1", "next batch", "write 2", "done 2"]


def test_a_write_runs_in_its_thread_while_the_caller_goes_on_and_is_done_in_order():
    started = threading.Event()
    release = threading.Event()
    threads, done = [], []

    def write(n: int) -> None:
        threads.append(threading.current_thread().name)
        if n == 1:
            started.set()
            release.wait(5)

    with BackgroundWriter(threaded=True) as writer:
        writer.submit(lambda: write(1), lambda: done.append(1))
        assert started.wait(5)  # the first write is running...
        assert done == []  # ...and the caller is free
        release.set()
        writer.submit(lambda: write(2), lambda: done.append(2))  # waits for write 1
        assert done == [1]

    assert done == [1, 2]
    assert all(name.startswith("bulk-writer") for name in threads)
    assert not [t for t in threading.enumerate() if t.name.startswith("bulk-")]


def test_a_failed_write_is_raised_in_the_caller():
    def fail() -> None:
        raise RuntimeError("disk full")

    done = []
    with (
        pytest.raises(RuntimeError, match="disk full"),
        BackgroundWriter(threaded=True) as writer,
    ):
        writer.submit(fail, lambda: done.append(1))

    assert done == []
    assert not [t for t in threading.enumerate() if t.name.startswith("bulk-")]


def test_prefetched_loads_the_next_item_while_the_caller_works_on_this_one():
    loaded = []

    def load(n: int) -> int:
        loaded.append((n, threading.current_thread().name))
        return n * 10

    seen = []
    with Prefetched(load, [1, 2, 3], threaded=True) as items:
        for value in items:
            time.sleep(0.05)  # the next load is under way meanwhile
            seen.append((value, len(loaded)))

    assert seen == [(10, 2), (20, 3), (30, 3)]
    assert all(name.startswith("bulk-reader") for _, name in loaded)
    assert not [t for t in threading.enumerate() if t.name.startswith("bulk-")]


def test_prefetched_without_a_thread_loads_each_item_when_asked():
    loaded = []
    with Prefetched(lambda n: loaded.append(n) or n, [1, 2], threaded=False) as items:
        assert [(value, list(loaded)) for value in items] == [(1, [1]), (2, [1, 2])]


def test_a_failed_load_is_raised_in_the_caller():
    def load(n: int) -> int:
        if n == 2:
            raise ValueError("bad row")
        return n

    seen = []
    with (
        pytest.raises(ValueError, match="bad row"),
        Prefetched(load, [1, 2, 3], threaded=True) as items,
    ):
        seen.extend(items)

    assert seen == [1]
    assert not [t for t in threading.enumerate() if t.name.startswith("bulk-")]
