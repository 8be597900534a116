"""Who may see or do what is decided in one place, the access layer (vetting/access, with
its rules registered in vetting/rules.py and consultants/rules.py). This test reads the
code: an ownership, panel or role comparison anywhere else fails it, in Python and in
templates, so that a new page cannot grow its own copy of a rule."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Where rules may be written: the access layer, and the files that register its rules.
ALLOWED = (
    "vetting/access/",
    "vetting/rules.py",
    "consultants/rules.py",
    "vetting/models/accounts.py",  # defines User.has_role, the primitive roles stand on
    "vetting/migrations/",
    "consultants/migrations/",
    "vetting/demo/",  # builds demo accounts (sets is_staff), decides nothing
)
PYTHON = re.compile(
    r"owner_id\s*[!=]="
    r"|[!=]=\s*(?:self\.)?(?:request\.)?user\.pk"
    r"|_id\s*[!=]=\s*(?:self\.request\.user|request\.user|user|by|owner|reviewer)\.pk"
    r"|\.is_staff\b|\.is_superuser\b"
    r"|\bhas_role\("
    r"|groups__name"
    r"|\bQ\(\s*(?:submission__)?(?:engagement__)?owner="
    r"|\.filter\([^)]*\bowner=(?:request\.)?user\b"
    r"|reviewers\.filter\("
    r"|\breviewers=(?:request\.)?user\b"
)
TEMPLATE = re.compile(r"owner_id|\buser\.pk\s*==|==\s*user\b|user\.is_staff|is_superuser")


def _files(pattern: str, roots: tuple[str, ...]) -> list[Path]:
    return [p for root in roots for p in sorted((ROOT / root).rglob(pattern))]


def _offences(paths: list[Path], rule: re.Pattern[str]) -> list[str]:
    found = []
    for path in paths:
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith(ALLOWED):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if rule.search(line):
                found.append(f"{relative}:{number}: {line.strip()}")
    return found


def test_no_ownership_or_role_comparison_outside_the_access_layer():
    assert _offences(_files("*.py", ("vetting", "consultants")), PYTHON) == []


def test_templates_ask_the_access_layer_instead_of_comparing_owners():
    assert _offences(_files("*.html", ("templates",)), TEMPLATE) == []


@pytest.mark.parametrize(
    "line",
    [
        "if engagement.owner_id != request.user.pk:",
        "if review.reviewer_id != by.pk:",
        "if request.user.is_staff:",
        "Engagement.objects.filter(Q(owner=user) | Q(reviewers=user))",
        "if user.has_role(Role.MANAGER):",
        "User.objects.filter(groups__name=Role.MANAGER)",
    ],
)
def test_the_rule_catches_the_comparisons_it_forbids(line: str):
    assert PYTHON.search(line)
