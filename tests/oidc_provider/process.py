"""Start the test OpenID Connect provider in its own process: a fresh SQLite database in a
scratch folder, a new RS256 key, Winnow registered as a client with the given redirect
URIs, the given users; `runserver` on a spare 127.0.0.1 port until the context ends."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

ROOT = Path(__file__).resolve().parents[2]
CLIENT_ID = "winnow-test-client"
CLIENT_SECRET = "winnow-test-secret-0123456789"


@dataclass(frozen=True)
class Provider:
    issuer: str
    client_id: str
    client_secret: str


def _spare_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run(args: list[str], env: dict[str, str]) -> None:
    subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, check=True, capture_output=True, timeout=120
    )


@contextmanager
def oidc_provider(
    scratch: Path, *, redirect_uris: list[str], users: list[dict]
) -> Iterator[Provider]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.oidc_provider.settings",
        "OIDC_PROVIDER_DB": str(scratch / "provider.sqlite3"),
        "OIDC_RSA_PRIVATE_KEY": pem,
        "PYTHONPATH": str(ROOT),
    }
    for name in ("DATABASE_URL", "PYTEST_ADDOPTS", "PYTEST_XDIST_WORKER"):
        env.pop(name, None)
    _run(["-m", "django", "migrate", "--noinput", "-v", "0"], env)
    spec = {
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "redirect_uris": redirect_uris,
        "users": users,
    }
    _run(["-m", "tests.oidc_provider.seed", json.dumps(spec)], env)
    port = _spare_port()
    log = (scratch / "provider.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "django", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    issuer = f"http://127.0.0.1:{port}/o"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if requests.get(f"{issuer}/.well-known/openid-configuration", timeout=1).ok:
                    break
            except requests.ConnectionError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    "The test OIDC provider did not start: "
                    + (scratch / "provider.log").read_text(errors="replace")[-2000:]
                )
            time.sleep(0.2)
        yield Provider(issuer=issuer, client_id=CLIENT_ID, client_secret=CLIENT_SECRET)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
