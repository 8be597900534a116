"""The lock files next to this script and what `make` does with them (standard library only,
so that it runs in a fresh virtualenv before anything is installed).

    python requirements/lock.py check      pyproject.toml and the locks agree (no network)
    python requirements/lock.py outdated   locked packages with a newer release (uv, network)
    python requirements/lock.py audit      known vulnerabilities in the dev lock (pip-audit)

pyproject.toml says what Winnow needs; `make lock` writes runtime.txt (its dependencies) and
dev.txt (those plus the dev extra), every package pinned with its hashes for Python 3.11 to
3.13 on Linux and macOS; `make run` and `make test` install from them.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")
REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*([^;]*)")


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text))


def locked(lock: Path) -> dict[str, set[str]]:
    """Package name -> the versions pinned in a lock (two when it forks by Python version)."""
    return locked_from_text(lock.read_text())


def _satisfies(version: str, specifiers: str) -> bool:
    for spec in filter(None, (s.strip() for s in specifiers.split(","))):
        op, wanted = re.match(r"(===|==|>=|<=|~=|!=|>|<)?\s*(.*)", spec).groups()
        have, want = _version(version), _version(wanted)
        ok = {
            "==": have == want or (wanted.endswith("*") and have[: len(want)] == want),
            "===": version == wanted,
            ">=": have >= want,
            ">": have > want,
            "<=": have <= want,
            "<": have < want,
            "!=": have != want,
            "~=": have >= want and have[: len(want) - 1] == want[:-1],
        }.get(op or "==", True)
        if not ok:
            return False
    return True


def disagreements(pyproject: Path, lock: Path, extras: tuple[str, ...] = ()) -> list[str]:
    """What pyproject.toml asks for that the lock does not pin (missing, or another version)."""
    project = tomllib.loads(pyproject.read_text())["project"]
    wanted = list(project.get("dependencies", []))
    for extra in extras:
        wanted += project.get("optional-dependencies", {}).get(extra, [])
    pins = locked(lock)
    problems = []
    for requirement in wanted:
        name, specifiers = REQUIREMENT.match(requirement).groups()
        versions = pins.get(normalize(name))
        if not versions:
            problems.append(f"{requirement}: not in {lock.name}")
        elif not all(_satisfies(v, specifiers) for v in versions):
            problems.append(f"{requirement}: {lock.name} pins {', '.join(sorted(versions))}")
    return problems


def check(args: argparse.Namespace) -> int:
    locks = Path(args.locks)
    problems = disagreements(Path(args.pyproject), locks / "runtime.txt")
    problems += disagreements(Path(args.pyproject), locks / "dev.txt", ("dev",))
    if problems:
        print("pyproject.toml and the lock files disagree; run `make lock`:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    return 0


def outdated(args: argparse.Namespace) -> int:
    """Resolve the locked packages' names without their pins: what would be newest together."""
    lock = Path(args.locks) / "dev.txt"
    pins = locked(lock)
    command = [args.uv, "pip", "compile", "-", "--universal", "--python-version", "3.11"]
    resolved = subprocess.run(  # noqa: S603 - the project's own uv, fixed arguments
        [*command, "--no-header", "--no-annotate", "--quiet"],
        input="\n".join(sorted(pins)),
        capture_output=True,
        text=True,
        check=False,
    )
    if resolved.returncode != 0:
        reason = (resolved.stderr.strip().splitlines() or ["no message"])[-1]
        print(f"outdated: could not ask the package index for newer releases: {reason}")
        return 0
    newest = locked_from_text(resolved.stdout)
    rows = []
    for name, versions in sorted(pins.items()):
        have = max(versions, key=_version)
        latest = max(newest.get(name, {have}), key=_version)
        if _version(latest) > _version(have):
            rows.append((name, have, latest))
    if not rows:
        print(f"outdated: all {len(pins)} locked packages are at their newest release.")
        return 0
    print(f"outdated: {len(rows)} of {len(pins)} locked packages have a newer release:")
    width = max(len(name) for name, _, _ in rows)
    for name, have, latest in rows:
        print(f"  {name:<{width}}  {have} -> {latest}")
    print("Raise the pin in pyproject.toml (or `make lock LOCK_ARGS=--upgrade-package=NAME`).")
    return 0


def locked_from_text(text: str) -> dict[str, set[str]]:
    pins: dict[str, set[str]] = {}
    for line in text.splitlines():
        match = PIN.match(line)
        if match:
            pins.setdefault(normalize(match[1]), set()).add(match[2])
    return pins


def audit(args: argparse.Namespace) -> int:
    """pip-audit on the dev lock; says so, and exits 0, when it could audit nothing."""
    lock = Path(args.locks) / "dev.txt"
    result = subprocess.run(  # noqa: S603 - the project's own pip-audit, fixed arguments
        [args.pip_audit, "--disable-pip", "--require-hashes", "-r", str(lock), "-f", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        report = json.loads(result.stdout)
    except ValueError:
        reason = (result.stderr.strip().splitlines() or ["no output"])[-1]
        print(f"audit: pip-audit did not run ({reason}); nothing was audited.")
        return 0
    dependencies = report.get("dependencies", [])
    skipped = [d for d in dependencies if d.get("skip_reason")]
    audited = [d for d in dependencies if not d.get("skip_reason")]
    if not audited:
        reason = skipped[0]["skip_reason"] if skipped else "the lock lists no packages"
        print(
            f"audit: NOT AUDITED - pip-audit could reach no vulnerability data for any of the "
            f"{len(dependencies)} locked packages (first reason: {reason}). Run `make outdated` "
            "where https://pypi.org/pypi/<name>/json is reachable."
        )
        return 0
    found = [(d, v) for d in audited for v in d.get("vulns", [])]
    note = f" ({len(skipped)} could not be audited)" if skipped else ""
    if not found:
        print(f"audit: no known vulnerabilities in {len(audited)} locked packages{note}.")
        return 0
    print(f"audit: {len(found)} known vulnerabilities in the locked packages{note}:")
    for dependency, vuln in found:
        fixed = ", ".join(vuln.get("fix_versions", [])) or "no fixed release"
        print(f"  {dependency['name']} {dependency['version']}: {vuln['id']} (fixed in {fixed})")
    return 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pyproject", default=str(ROOT / "pyproject.toml"))
    parser.add_argument("--locks", default=str(HERE), help="the folder with runtime.txt, dev.txt")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check").set_defaults(run=check)
    command = commands.add_parser("outdated")
    command.add_argument("--uv", default="uv")
    command.set_defaults(run=outdated)
    command = commands.add_parser("audit")
    command.add_argument("--pip-audit", default="pip-audit")
    command.set_defaults(run=audit)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
