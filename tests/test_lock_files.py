"""The lock files `make run` and `make test` install from (requirements/): they pin what
pyproject.toml asks for, every package with its hashes, and `make outdated` reports honestly,
saying NOT AUDITED when pip-audit reached no vulnerability data.

No network: uv and pip-audit are stood in for by shell scripts printing fixed answers."""

from __future__ import annotations

import importlib.util
import json
import re
import stat
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOCKS = ROOT / "requirements"

_spec = importlib.util.spec_from_file_location("winnow_lock", LOCKS / "lock.py")
lock = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(lock)


def _run(capsys, *argv: str) -> tuple[int, str]:
    code = lock.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def _tool(tmp_path: Path, name: str, body: str) -> str:
    path = tmp_path / name
    path.write_text("#!/bin/sh\n" + body)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


def test_the_locks_pin_every_dependency_pyproject_asks_for(capsys) -> None:
    code, output = _run(capsys, "check")

    assert code == 0, output


def test_every_locked_package_carries_its_hashes() -> None:
    for name in ("runtime.txt", "dev.txt"):
        entries = re.split(r"\n(?=[a-z0-9])", (LOCKS / name).read_text().split("\n", 2)[2])
        pins = [entry for entry in entries if "==" in entry.split("\n")[0]]
        assert len(pins) > 50, name
        unhashed = [pin.split()[0] for pin in pins if "--hash=sha256:" not in pin]
        assert unhashed == [], name


def test_a_dependency_added_to_pyproject_but_not_locked_fails_the_check(tmp_path, capsys) -> None:
    pyproject = tmp_path / "pyproject.toml"
    text = (ROOT / "pyproject.toml").read_text()
    pyproject.write_text(
        text.replace('    "Django==5.2.19",', '    "Django==5.2.19",\n    "left-pad>=1",')
    )
    assert "left-pad" in pyproject.read_text()

    code, output = _run(capsys, "--pyproject", str(pyproject), "check")

    assert code == 1
    assert "run `make lock`" in output
    assert "left-pad>=1: not in runtime.txt" in output
    assert "left-pad>=1: not in dev.txt" in output


def test_a_pin_raised_in_pyproject_but_not_relocked_fails_the_check(tmp_path, capsys) -> None:
    pyproject = tmp_path / "pyproject.toml"
    text = (ROOT / "pyproject.toml").read_text()
    pyproject.write_text(text.replace('"pytest==9.2.0"', '"pytest==99.0"'))

    code, output = _run(capsys, "--pyproject", str(pyproject), "check")

    assert code == 1
    assert "pytest==99.0: dev.txt pins 9.2.0" in output
    assert "runtime.txt" not in output


def test_outdated_lists_the_locked_packages_with_a_newer_release(tmp_path, capsys) -> None:
    uv = _tool(tmp_path, "uv", 'cat >/dev/null\necho "django==9.0.1"\necho "rules==3.5"\n')

    code, output = _run(capsys, "outdated", "--uv", uv)

    assert code == 0
    assert re.search(r"django\s+5\.2\.19 -> 9\.0\.1", output)
    assert "rules" not in output
    assert "1 of " in output


def test_outdated_says_when_it_cannot_reach_the_index(tmp_path, capsys) -> None:
    uv = _tool(
        tmp_path, "uv", 'echo "error: Failed to fetch: https://pypi.org/simple/" >&2\nexit 2\n'
    )

    code, output = _run(capsys, "outdated", "--uv", uv)

    assert code == 0
    assert "could not ask the package index" in output
    assert "Failed to fetch" in output


def _pip_audit(tmp_path: Path, dependencies: list[dict]) -> str:
    report = json.dumps({"dependencies": dependencies, "fixes": []})
    return _tool(tmp_path, "pip-audit", f"cat <<'JSON'\n{report}\nJSON\n")


SKIPPED = {"name": "amqp", "skip_reason": "Dependency not found on PyPI and could not be audited"}


def test_audit_says_not_audited_when_pip_audit_reached_no_data(tmp_path, capsys) -> None:
    # pip-audit itself prints "No known vulnerabilities found" here, with every package skipped.
    code, output = _run(capsys, "audit", "--pip-audit", _pip_audit(tmp_path, [SKIPPED] * 3))

    assert code == 0
    assert "NOT AUDITED" in output
    assert "no known vulnerabilities" not in output.lower()
    assert "Dependency not found on PyPI" in output


def test_audit_fails_listing_a_known_vulnerability(tmp_path, capsys) -> None:
    vulnerable = {
        "name": "django",
        "version": "5.2.19",
        "vulns": [{"id": "PYSEC-2026-1", "fix_versions": ["5.2.20"]}],
    }
    safe = {"name": "rules", "version": "3.5", "vulns": []}

    code, output = _run(
        capsys, "audit", "--pip-audit", _pip_audit(tmp_path, [vulnerable, safe, SKIPPED])
    )

    assert code == 1
    assert "django 5.2.19: PYSEC-2026-1 (fixed in 5.2.20)" in output
    assert "1 could not be audited" in output


def test_audit_reports_clean_only_for_what_it_audited(tmp_path, capsys) -> None:
    safe = {"name": "rules", "version": "3.5", "vulns": []}

    code, output = _run(capsys, "audit", "--pip-audit", _pip_audit(tmp_path, [safe, SKIPPED]))

    assert code == 0
    assert "no known vulnerabilities in 1 locked packages (1 could not be audited)" in output
