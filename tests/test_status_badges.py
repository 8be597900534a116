"""Every status of every model shows as a badge a person can read: the one builder
(`{% status_badge %}`, vetting/badges.py) gives each status value a class that the app's CSS
defines with a background and a text colour of sufficient contrast (WCAG AA, 4.5:1), never
Bootstrap's white text on a badge with no background of its own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from tests.factories import EngagementFactory, ReferenceCheckFactory, submitted_quickly
from vetting.badges import STATUS_CHOICES
from vetting.models import Channel, CheckStatus, EngagementStatus, User

APP_CSS = Path(__file__).resolve().parents[1] / "static" / "css" / "app.css"
STATUSES = [
    pytest.param(value, label, id=f"{model}: {value}")
    for model, choices in STATUS_CHOICES.items()
    for value, label in choices.choices
]


def _without_media_blocks(css: str) -> str:
    """The stylesheet without its @media blocks (print: ink only)."""
    kept, depth, in_media = [], 0, False
    for piece in re.split(r"(\{|\})", css):
        if piece == "{":
            depth += 1
        elif piece == "}":
            depth -= 1
            if in_media and depth == 0:
                in_media = False
                continue
        elif depth == 0 and piece.strip().startswith("@media"):
            in_media = True
        if not in_media:
            kept.append(piece)
    return "".join(kept)


def _badge_rules() -> dict[str, dict[str, str]]:
    """`.badge.status-<value>` -> its declarations, from the app's stylesheet (screen rules:
    the print rules come after an @media and say ink only)."""
    css = re.sub(r"/\*.*?\*/", "", APP_CSS.read_text(), flags=re.S)
    screen = _without_media_blocks(css)
    rules: dict[str, dict[str, str]] = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", screen):
        declarations = {
            name.strip(): value.strip()
            for name, _, value in (d.partition(":") for d in body.split(";") if ":" in d)
        }
        for selector in selectors.split(","):
            match = re.fullmatch(r"\s*\.badge\.status-([a-z_]+)\s*", selector)
            if match:
                rules.setdefault(match.group(1), {}).update(declarations)
    return rules


def _luminance(colour: str) -> float:
    """Relative luminance of #rgb or #rrggbb (WCAG 2)."""
    hex_digits = colour.lstrip("#")
    if len(hex_digits) == 3:
        hex_digits = "".join(c * 2 for c in hex_digits)
    channels = [int(hex_digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(one: str, other: str) -> float:
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _rendered_classes(value: str, label: str) -> tuple[list[str], str]:
    html = Template("{% load winnow %}{% status_badge value label %}").render(
        Context({"value": value, "label": label})
    )
    classes = re.search(r'class="([^"]+)"', html).group(1).split()
    return classes, html


@pytest.mark.parametrize(("value", "label"), STATUSES)
def test_each_status_has_a_readable_badge(value: str, label: str) -> None:
    classes, html = _rendered_classes(value, label)
    rules = _badge_rules()

    assert f">{label}</span>" in html
    assert "badge" in classes
    status_class = next(c for c in classes if c.startswith("status-"))
    rule = rules.get(status_class.removeprefix("status-"))
    assert rule, f"{status_class} has no colours in static/css/app.css"
    background, colour = rule.get("background", ""), rule.get("color", "")
    assert re.fullmatch(r"#[0-9a-fA-F]{3,6}", background), f"{status_class}: no background"
    assert re.fullmatch(r"#[0-9a-fA-F]{3,6}", colour), f"{status_class}: no text colour"
    assert _contrast(background, colour) >= 4.5
    # Against the white page too, so that a light badge still reads as a badge.
    assert background.lower() not in ("#fff", "#ffffff")


def test_no_template_builds_a_status_badge_by_hand() -> None:
    """One builder: a status class written in a template would miss the next new status."""
    templates = Path(__file__).resolve().parents[1] / "templates"
    by_hand = [
        str(path.relative_to(templates))
        for path in templates.glob("**/*.html")
        if re.search(r'class="[^"]*status-\{', path.read_text())
    ]

    assert by_hand == []


@pytest.mark.django_db
def test_the_finished_calls_show_their_status(client, manager: User) -> None:
    engagement = EngagementFactory(status=EngagementStatus.OPEN, opened_at=timezone.now())
    submission = submitted_quickly(engagement)
    for status in (CheckStatus.COMPLETED, CheckStatus.DECLINED, CheckStatus.UNREACHABLE):
        ReferenceCheckFactory(
            submission=submission, channel=Channel.PHONE, status=status, assigned_to=manager
        )
    client.force_login(manager)

    page = client.get(reverse("checks:calls"), {"show": "done"}).text

    rules = _badge_rules()
    for value, label in (("completed", "Completed"), ("declined", "Declined")):
        assert f'<span class="badge status-{value}">{label}</span>' in page
        assert value in rules
    assert '<span class="badge status-unreachable">Unreachable</span>' in page
