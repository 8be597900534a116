"""Start-up and deployment settings, run as a separate process like a real deployment."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def production_env_from_readme() -> dict[str, str]:
    """The production environment exactly as the README documents it."""
    readme = (ROOT / "README.md").read_text()
    block = re.search(r"<!-- production-env -->\s*```sh\n(.*?)```", readme, re.S).group(1)
    return dict(line.split("=", 1) for line in block.strip().splitlines())


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    base = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_documented_production_environment_passes_the_deploy_checks():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", env=production_env_from_readme()
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_mode_without_a_secret_key_refuses_to_start_with_a_clear_message():
    env = production_env_from_readme()
    del env["SECRET_KEY"]

    result = manage("check", env=env)

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_mode_without_a_shared_cache_fails_the_deploy_checks():
    env = production_env_from_readme()
    del env["CACHE_URL"]

    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)

    assert result.returncode != 0
    assert "is not a shared cache" in result.stderr + result.stdout


def test_the_embedded_mode_needs_no_environment_at_all():
    result = manage("check", env={})

    assert result.returncode == 0, result.stderr
