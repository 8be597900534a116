"""Over-long text, one rule everywhere (vetting/limits.py): no page sets the browser's
`maxlength` (it cuts a paste without a word), every form refuses a value over its limit
saying how much is too long in plain words, keeps what was typed, and the API answers 400
with the same words at the field. The browser side is tests/e2e/test_text_limits.py."""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django import forms
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

import consultants.forms
import vetting.forms
from tests.api_world import ROLES, World, shared_world
from tests.factories import EngagementFactory, SubmissionFactory, submitted_quickly
from tests.permission_matrix import MATRIX, Row
from vetting.forms import DecisionForm
from vetting.limits import TextLimits, too_long_message
from vetting.models import Answer, Decision, EngagementStatus, User

pytestmark = pytest.mark.django_db

RATIONALE = "Strongest measured results; both references confirmed the pipeline figures. "


def test_the_refusal_says_how_much_is_too_long_in_plain_words() -> None:
    assert too_long_message(limit=4000, length=4312) == (
        "312 characters too long: the limit is 4,000."
    )
    assert too_long_message(limit=100, length=101) == "1 character too long: the limit is 100."


def test_a_form_refuses_an_over_long_value_at_the_field_and_keeps_all_of_it() -> None:
    typed = (RATIONALE * 60)[:4_312]

    form = DecisionForm(data={"outcome": "rejected", "rationale": typed})

    assert not form.is_valid()
    assert form.errors["rationale"] == ["312 characters too long: the limit is 4,000."]
    field = str(form["rationale"])
    assert typed in field  # shown again whole, to shorten in place
    assert 'data-limit="4000"' in field
    assert "maxlength" not in field
    assert 'aria-invalid="true"' in field


def test_a_line_break_counts_as_one_character_as_the_page_counts_it() -> None:
    """Browsers post a line break as two characters (CR LF); the page's counter, like a
    person, sees one. 3,991 letters and 9 line breaks fit a 4,000 limit (4,009 sent)."""
    typed = "\r\n".join(["x" * 399] * 10) + "x"

    form = DecisionForm(data={"outcome": "rejected", "rationale": typed})
    form.is_valid()

    assert "rationale" not in form.errors


def _form_classes() -> list[type[forms.BaseForm]]:
    found = []
    for module in (vetting.forms, consultants.forms):
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, forms.BaseForm) and value.__module__.startswith(
                ("vetting.forms", "consultants.forms")
            ):
                found.append(value)
    return found


@pytest.mark.parametrize("form_class", _form_classes(), ids=lambda c: c.__name__)
def test_every_form_of_the_app_follows_the_text_limit_rule(form_class: type) -> None:
    assert issubclass(form_class, TextLimits)


def test_no_template_or_script_sets_maxlength() -> None:
    """The one way to limit a field is `data-limit` (read by static/js/app.js)."""
    root = Path(__file__).resolve().parents[1]
    files = [*root.glob("templates/**/*.html"), *root.glob("static/js/*.js")]
    setting = re.compile(r"maxlength\s*=|\[maxlength|[\"']maxlength[\"']", re.IGNORECASE)
    offenders = [str(f.relative_to(root)) for f in files if setting.search(f.read_text())]

    assert offenders == []


# --- Every page: no maxlength anywhere -------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    with shared_world(django_db_blocker) as world:
        yield world


def _pages() -> list[Any]:
    """Every page of the permission matrix, as the first relation that may open it."""
    pages = []
    for row in MATRIX:
        if row.is_api or row.method != "get":
            continue
        role = next((r for r in ROLES if row.expected[r] == "200"), None)
        if role:
            pages.append(pytest.param(row, role, id=f"{row.target} as {role}"))
    return pages


@pytest.mark.parametrize(("row", "role"), _pages())
def test_no_page_sets_maxlength_so_a_paste_is_never_cut(world: World, row: Row, role: str):
    with transaction.atomic():
        response = world.page(role, "get", row.url(world.ids))
        transaction.set_rollback(True)

    assert response.status_code == 200
    if response["Content-Type"].startswith("text/html"):
        assert b"maxlength" not in response.content


def test_the_limited_fields_of_a_form_page_say_their_limit(client, consultant: User) -> None:
    client.force_login(consultant)

    page = client.get(reverse("consultants:edit", args=[consultant.consultant.pk])).text

    assert re.search(r'<textarea name="business_background"[^>]* data-limit="2000"', page)
    assert re.search(r'<input type="text" name="headline"[^>]* data-limit="160"', page)


# --- Pages, the API and searches ---------------------------------------------------------------


@pytest.fixture
def clara(procurement: User, consultant: User):
    engagement = EngagementFactory(
        owner=procurement, status=EngagementStatus.OPEN, opened_at=timezone.now()
    )
    return submitted_quickly(engagement, consultant=consultant.consultant)


def test_an_over_long_decision_is_refused_on_the_page_keeping_what_was_typed(
    client, procurement: User, clara
) -> None:
    client.force_login(procurement)
    typed = (RATIONALE * 60)[:4_312]

    response = client.post(
        reverse("submissions:decide", args=[clara.pk]),
        {"outcome": "rejected", "rationale": typed, "approver": procurement.pk},
    )

    assert response.status_code == 422
    assert "312 characters too long: the limit is 4,000." in response.text
    assert typed in response.text
    assert not Decision.objects.filter(submission=clara).exists()


def test_the_api_refuses_an_over_long_value_with_the_field_error(procurement: User, clara):
    api = APIClient()
    api.force_authenticate(procurement)

    response = api.post(
        "/api/v1/decisions/",
        {"submission": clara.pk, "outcome": "rejected", "rationale": "r" * 4_001},
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {"rationale": ["1 character too long: the limit is 4,000."]}
    assert not Decision.objects.filter(submission=clara).exists()


def test_an_over_long_answer_is_kept_whole_and_shown_whole_again(client, consultant: User):
    engagement = EngagementFactory(status=EngagementStatus.OPEN)
    submission = SubmissionFactory(engagement=engagement, consultant=consultant.consultant)
    client.force_login(consultant)
    typed = ("Media is where a message appears; marketing chooses it. " * 200)[:10_000]

    saved = client.post(
        reverse("submissions:save_answer", args=[submission.pk, "media_vs_marketing"]),
        {"media_vs_marketing": typed},
        HTTP_HX_REQUEST="true",
    )
    page = client.get(reverse("submissions:answer", args=[submission.pk]))

    assert "6,000 characters too long: the limit is 4,000." in saved.text
    answer = Answer.objects.get(submission=submission, question__key="media_vs_marketing")
    assert answer.value == typed
    assert not answer.is_complete
    assert f">{typed}</textarea>" in page.text
    assert 'data-limit="4000"' in page.text


def test_an_over_long_accomplishment_field_is_refused_in_the_same_words(client, consultant):
    engagement = EngagementFactory(status=EngagementStatus.OPEN)
    submission = SubmissionFactory(engagement=engagement, consultant=consultant.consultant)
    client.force_login(consultant)

    saved = client.post(
        reverse("submissions:save_answer", args=[submission.pk, "accomplishments"]),
        {
            "accomplishments-rows": "1",
            "accomplishments-0-area": "pr",
            "accomplishments-0-what": "Ran the launch press office for a fintech. " * 30,
            "accomplishments-0-result": "r" * 512,
        },
        HTTP_HX_REQUEST="true",
    )

    assert "Accomplishment 1: 12 characters too long: the limit is 500." in saved.text
    assert "characters too long: the limit is 1,000." in saved.text


def test_a_search_too_long_to_apply_says_so_and_keeps_the_text(client, procurement: User):
    client.force_login(procurement)
    typed = "community-led social marketing for B2B software " * 3

    page = client.get(reverse("consultants:directory"), {"q": typed})
    results = client.get(reverse("consultants:directory"), {"q": typed}, HTTP_HX_REQUEST="true")

    over = len(typed.strip()) - 100
    message = f"Search not applied: {over} characters too long: the limit is 100."
    assert message in page.text
    assert message in results.text
    assert f'value="{typed}"' in page.text  # what was typed stays in the field
