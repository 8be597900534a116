"""A real HTTP receiver for the webhook tests: http.server on 127.0.0.1 in a thread,
recording every request (path, headers, body) and answering as the test says."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def payload(self) -> Any:
        return json.loads(self.body)

    @property
    def webhook_id(self) -> str:
        return self.headers["webhook-id"]


@dataclass
class Receiver:
    """`answers`: the statuses to answer next, in order (then `default`); a 3xx answer
    carries `Location: /elsewhere`. `hold`: an Event each request waits on before
    answering (a receiver that keeps the request open)."""

    server: ThreadingHTTPServer
    requests: list[Received] = field(default_factory=list)
    answers: list[int] = field(default_factory=list)
    default: int = 200
    hold: threading.Event | None = None
    arrived: threading.Event = field(default_factory=threading.Event)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/hooks/winnow"

    @property
    def port(self) -> int:
        return self.server.server_address[1]

    def ids(self) -> list[str]:
        return [r.webhook_id for r in self.requests if r.path == "/hooks/winnow"]

    def types(self) -> list[str]:
        return [r.payload["type"] for r in self.requests if r.path == "/hooks/winnow"]


def _handler(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            receiver.requests.append(
                Received(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
            )
            receiver.arrived.set()
            if receiver.hold is not None:
                receiver.hold.wait(30)
            status = receiver.answers.pop(0) if receiver.answers else receiver.default
            self.send_response(status)
            if 300 <= status < 400:
                self.send_header("Location", "/elsewhere")
            text = b'{"ok": true}' if status < 300 else b"receiver says no"
            self.send_header("Content-Length", str(len(text)))
            self.end_headers()
            self.wfile.write(text)

        def log_message(self, *args: Any) -> None:
            pass

    return Handler


@contextmanager
def running_receiver(port: int = 0, **options: Any) -> Iterator[Receiver]:
    server = ThreadingHTTPServer(("127.0.0.1", port), BaseHTTPRequestHandler)
    server.daemon_threads = True
    receiver = Receiver(server=server, **options)
    server.RequestHandlerClass = _handler(receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        if receiver.hold is not None:
            receiver.hold.set()
        server.shutdown()
        server.server_close()
        thread.join(5)
