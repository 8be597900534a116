"""The Makefile a newcomer runs first: `make run` points email links at the port it serves,
and the virtualenv is made with any Python from 3.11 on, saying which one it found.

Make runs here for real, with stand-ins for Python (shell scripts that print what they were
asked), so that nothing is installed or served."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import need

ROOT = Path(__file__).resolve().parents[1]


def _script(path: Path, body: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n" + body)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def _make(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    make = shutil.which("make")
    need(make is not None, "needs make")
    clean = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "MAKEFLAGS")}
    return subprocess.run(
        [make, "--no-print-directory", "-C", str(ROOT), *args],
        env={**clean, **(env or {})},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture
def fake_venv(tmp_path: Path) -> Path:
    """An installed virtualenv whose python prints SITE_URL and its arguments."""
    venv = tmp_path / "venv"
    _script(venv / "bin" / "python", 'echo "python $* SITE_URL=$SITE_URL"\n')
    (venv / ".installed").touch()
    os.utime(venv / ".installed", (2**31, 2**31))  # newer than pyproject.toml
    return venv


def test_make_run_points_email_links_at_the_port_it_serves(fake_venv: Path) -> None:
    result = _make("run", f"VENV={fake_venv}", "PORT=8123")

    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith("python ")]
    assert [line.split()[2] for line in lines] == ["migrate", "seed_demo", "runserver"]
    # The demo seed prints a referee link, the server sends invitations: both on port 8123.
    assert all(line.endswith("SITE_URL=http://127.0.0.1:8123") for line in lines)
    assert "links in emails: http://127.0.0.1:8123" in result.stdout


def test_make_run_keeps_a_site_url_that_is_set(fake_venv: Path) -> None:
    result = _make(
        "run", f"VENV={fake_venv}", "PORT=8123", env={"SITE_URL": "https://winnow.example.com"}
    )

    assert result.returncode == 0, result.stderr
    assert "runserver 127.0.0.1:8123 SITE_URL=https://winnow.example.com" in result.stdout


def _python_pretending(tmp_path: Path, version: tuple[int, int, int]) -> Path:
    """A python that reports `version` and makes a virtualenv whose python does nothing."""
    pretend = f"import sys; sys.version_info = {(*version, 'final', 0)!r}"
    return _script(
        tmp_path / f"python{version[0]}.{version[1]}",
        f"""if [ "$1" = "-c" ]; then exec {sys.executable} -c "{pretend}; $2"; fi
if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then
  mkdir -p "$3/bin" && printf '#!/bin/sh\\n' > "$3/bin/python" && chmod +x "$3/bin/python"
fi
""",
    )


@pytest.mark.parametrize("version", [(3, 11, 9), (3, 12, 3), (3, 13, 1), (3, 14, 0)])
def test_the_makefile_accepts_python_3_11_and_later_and_says_which(tmp_path, version) -> None:
    python = _python_pretending(tmp_path, version)
    venv = tmp_path / "venv"

    result = _make(f"{venv}/bin/python", f"VENV={venv}", f"PYTHON={python}")

    assert result.returncode == 0, result.stderr
    assert f"Using Python {'.'.join(map(str, version))}" in result.stdout
    assert (venv / "bin" / "python").exists()


def test_the_makefile_refuses_python_3_10_saying_what_it_needs(tmp_path: Path) -> None:
    python = _python_pretending(tmp_path, (3, 10, 12))
    venv = tmp_path / "venv"

    result = _make(f"{venv}/bin/python", f"VENV={venv}", f"PYTHON={python}")

    assert result.returncode != 0
    assert "Winnow needs Python 3.11 or later" in result.stderr
    assert "found 3.10.12" in result.stderr
    assert not venv.exists()


def test_the_readme_states_the_supported_pythons() -> None:
    readme = (ROOT / "README.md").read_text()

    assert "Python 3.11, 3.12 or 3.13" in readme
    assert 'requires-python = ">=3.11"' in (ROOT / "pyproject.toml").read_text()


def _installs(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stdout.splitlines() if line.startswith("python ")]


@pytest.mark.parametrize(
    ("stamp", "lock", "others"),
    [(".installed", "runtime.txt", []), (".installed-dev", "dev.txt", [".installed"])],
)
def test_a_fresh_virtualenv_installs_the_hashed_lock_then_winnow_without_dependencies(
    tmp_path: Path, stamp: str, lock: str, others: list[str]
) -> None:
    venv = tmp_path / "venv"
    _script(venv / "bin" / "python", 'echo "python $*"\n')

    result = _make(f"{venv}/{stamp}", f"VENV={venv}")

    assert result.returncode == 0, result.stderr
    assert [line.split(" SITE_URL")[0] for line in _installs(result)] == [
        "python requirements/lock.py check",
        f"python -m pip install --quiet --require-hashes -r requirements/{lock}",
        "python -m pip install --quiet --no-deps -e .",
    ]
    assert all((venv / name).exists() for name in [stamp, *others])


def test_a_changed_lock_reinstalls_before_make_run_serves(fake_venv: Path, tmp_path: Path) -> None:
    locks = tmp_path / "locks"
    locks.mkdir()
    shutil.copy(ROOT / "requirements" / "runtime.txt", locks / "runtime.txt")
    edited = (ROOT / "pyproject.toml").stat().st_mtime
    os.utime(fake_venv / ".installed", (edited + 1, edited + 1))  # installed after pyproject
    os.utime(locks / "runtime.txt", (edited + 2, edited + 2))  # and the lock changed since

    changed = _make("run", f"VENV={fake_venv}", f"LOCKS={locks}")
    unchanged = _make("run", f"VENV={fake_venv}", f"LOCKS={locks}")

    assert changed.returncode == 0, changed.stderr
    commands = [line.split()[1:3] for line in _installs(changed)]
    assert commands[:3] == [[f"{locks}/lock.py", "check"], ["-m", "pip"], ["-m", "pip"]]
    assert f"-r {locks}/runtime.txt" in _installs(changed)[1]
    assert [line.split()[2] for line in _installs(changed)[3:]] == [
        "migrate",
        "seed_demo",
        "runserver",
    ]
    assert [line.split()[2] for line in _installs(unchanged)] == [
        "migrate",
        "seed_demo",
        "runserver",
    ]


def test_make_outdated_lists_newer_releases_then_audits_with_the_locked_tools(
    fake_venv: Path,
) -> None:
    (fake_venv / ".installed-dev").touch()
    os.utime(fake_venv / ".installed-dev", (2**31, 2**31))

    result = _make("outdated", f"VENV={fake_venv}")

    assert result.returncode == 0, result.stderr
    assert [line.split(" SITE_URL")[0] for line in _installs(result)] == [
        f"python requirements/lock.py outdated --uv {fake_venv}/bin/uv",
        f"python requirements/lock.py audit --pip-audit {fake_venv}/bin/pip-audit",
    ]
