"""gunicorn.conf.py: what `gunicorn vetting.wsgi` runs with from the project's folder (why each
value: docs/operations.md, "Serving")."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"


def served_with(**env: str) -> dict[str, str]:
    """gunicorn's settings as it prints them, started as in the README's Deploying section."""
    printed = subprocess.run(
        [str(GUNICORN), "--print-config", "vetting.wsgi"],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    settings = {}
    for line in printed.splitlines():
        name, _, value = line.partition("=")
        settings[name.strip()] = value.strip()
    return settings


def test_gunicorn_serves_with_sync_workers_the_app_loaded_before_forking() -> None:
    settings = served_with()
    assert settings["worker_class"] == "sync"
    assert settings["preload_app"] == "True"
    assert settings["timeout"] == "30"


def test_gunicorn_runs_two_workers_per_core_plus_one_unless_told() -> None:
    assert served_with()["workers"] == str(2 * os.cpu_count() + 1)
    assert served_with(WEB_CONCURRENCY="7")["workers"] == "7"
