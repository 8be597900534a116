"""The parts a fault test starts, kills and brings back: its own Redis, a Celery worker in a
subprocess, and a TCP proxy in front of PostgreSQL that can be cut. Each is started by the
test and killed by its pid; the shared Redis and PostgreSQL are never touched."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from email import message_from_string
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def spare_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(condition: Callable[[], Any], *, timeout: float, what: str) -> Any:
    """Poll until `condition()` is truthy; fail saying what never happened."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up after {timeout:.0f} s waiting for {what}")
        time.sleep(0.1)


def deployed_settings(env: dict[str, str], *names: str) -> dict[str, Any]:
    """Settings as a process started with `env` sees them (read in a subprocess)."""
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n, None) for n in {list(names)!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


class Redis:
    """A redis-server of the test's own, on a spare port, without persistence (a restart
    loses everything, as a crashed cache-only Redis does)."""

    def __init__(self, workdir: Path) -> None:
        self.port = spare_port()
        self.workdir = workdir
        self.process: subprocess.Popen[bytes] | None = None

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server") or "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(self.ping, timeout=10, what=f"redis-server on port {self.port}")

    def ping(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def kill(self) -> int:
        """SIGKILL: everything in it is gone. Returns the pid killed."""
        assert self.process is not None
        pid = self.process.pid
        self.process.kill()
        self.process.wait(timeout=10)
        self.process = None
        return pid


class Worker:
    """`celery -A vetting worker` in its own process group, one pool child, on the test's
    Redis and test database, writing its email to files and with short time limits."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.env = env
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None
        self.started = 0

    def start(self) -> None:
        self.started += 1
        self.log.write_text("")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "vetting",
                "worker",
                "--pool=prefork",
                "--concurrency=1",
                "--without-gossip",
                "--without-mingle",
                "--loglevel=INFO",
                "-n",
                f"faults{self.started}@%h",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log.open("a"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for(self._ready, timeout=60, what="the Celery worker to be ready")

    def _ready(self) -> bool:
        assert self.process is not None
        if self.process.poll() is not None:
            raise AssertionError(f"the worker exited:\n{self.log.read_text()[-3000:]}")
        return " ready." in self.log.read_text()

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def pids(self) -> list[int]:
        """The main process and its pool child."""
        assert self.process is not None
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                children.append(int(stat.parent.name))
        return [self.process.pid, *sorted(children)]

    def kill(self) -> list[int]:
        """SIGKILL the main process and its pool child at once: nothing acknowledges."""
        assert self.process is not None
        pids = self.pids()
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self.process = None
        return pids

    def stop(self) -> None:
        if self.running:
            self.kill()


class Proxy:
    """A TCP proxy in front of PostgreSQL. `cut()` closes every connection through it and
    refuses new ones, as a database host that went away; `restore()` lets them in again."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.port = spare_port()
        self.listener: socket.socket | None = None
        self.open: set[socket.socket] = set()
        self.lock = threading.Lock()

    def restore(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def cut(self) -> None:
        assert self.listener is not None
        _shut(self.listener)  # shutdown wakes the thread blocked in accept() and frees the port
        self.listener = None
        with self.lock:
            for sock in self.open:
                _shut(sock)
            self.open.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # cut
            try:
                server = socket.create_connection(self.target, timeout=5)
            except OSError:
                _shut(client)
                continue
            with self.lock:
                self.open.update((client, server))
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    def _pipe(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        _shut(source)
        _shut(sink)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()


class Mailbox:
    """The email a worker wrote with Django's file backend: one file per connection,
    messages separated by a line of 79 dashes."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def messages(self) -> list[tuple[str, str]]:
        """(to, subject) of every message delivered so far."""
        found = []
        for path in sorted(self.folder.glob("*.log")):
            for raw in path.read_text().split("-" * 79):
                if raw.strip():
                    message = message_from_string(raw.strip())
                    found.append((message["To"], message["Subject"]))
        return found

    def to(self) -> list[str]:
        return sorted(to for to, _ in self.messages())

    def clear(self) -> None:
        for path in self.folder.glob("*.log"):
            path.unlink()
