"""The question builder through /api/v1/questionnaires/: the same rules, services and
messages as its pages (tests/test_question_builder.py), for buyers who script their
templates or share them between tools."""

from __future__ import annotations

from typing import Any

import pytest
from knox.models import AuthToken
from rest_framework.test import APIClient

from vetting.models import Questionnaire, User

pytestmark = pytest.mark.django_db

PATH = "/api/v1/questionnaires/"
CHANNEL = {
    "prompt": "Your main channel?",
    "kind": "single_choice",
    "criterion": "business_background",
    "section": "Channels",
    "options": [{"label": "Instagram", "points": 2}, {"label": "TikTok", "points": 1}],
}


@pytest.fixture
def api(procurement: User) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(procurement)[1]}")
    return client


@pytest.fixture
def template(api: APIClient) -> dict[str, Any]:
    created = api.post(PATH, {"title": "Bank social media"}, format="json")
    assert created.status_code == 201, created.content
    return created.json()


def _own(template: dict[str, Any]) -> list[str]:
    return [q["prompt"] for q in template["questions"] if not q["core"]]


def test_a_template_starts_as_a_draft_of_the_core_questions(template: dict[str, Any]) -> None:
    assert template["status"] == "draft"
    assert len(template["questions"]) == 7
    assert all(q["core"] for q in template["questions"])


def test_a_question_is_added_changed_and_moved(api: APIClient, template: dict[str, Any]) -> None:
    questions = f"{PATH}{template['id']}/questions/"
    first = api.post(questions, CHANNEL, format="json").json()
    api.post(questions, {**CHANNEL, "prompt": "Second?"}, format="json")

    patched = api.patch(f"{questions}{first['id']}/", {"prompt": "Main channel?"}, format="json")
    moved = api.post(f"{questions}{first['id']}/move/", {"step": 1}, format="json")

    assert first["options"] == [
        {"key": "instagram", "label": "Instagram", "points": 2},
        {"key": "tiktok", "label": "TikTok", "points": 1},
    ]
    assert patched.json()["prompt"] == "Main channel?"
    assert patched.json()["options"] == first["options"]  # a PATCH keeps what it does not name
    assert _own(moved.json()) == ["Second?", "Main channel?"]


def test_a_bad_question_gets_the_builders_messages_by_field(
    api: APIClient, template: dict[str, Any]
) -> None:
    refused = api.post(
        f"{PATH}{template['id']}/questions/", {**CHANNEL, "options": []}, format="json"
    )

    assert refused.status_code == 400
    assert refused.json()["options"] == ["Give at least two options, one per line."]


def test_a_core_question_is_not_changed(api: APIClient, template: dict[str, Any]) -> None:
    core = template["questions"][0]

    refused = api.delete(f"{PATH}{template['id']}/questions/{core['id']}/")

    assert refused.status_code == 400
    assert Questionnaire.objects.get(pk=template["id"]).questions.filter(pk=core["id"]).exists()


def test_published_it_is_frozen_and_a_new_version_is_a_draft(
    api: APIClient, template: dict[str, Any]
) -> None:
    published = api.post(f"{PATH}{template['id']}/publish/").json()

    refused = api.post(f"{PATH}{template['id']}/questions/", CHANNEL, format="json")
    version = api.post(f"{PATH}{template['id']}/new-version/")

    assert published["status"] == "published"
    assert refused.status_code == 403
    assert version.status_code == 201
    assert (version.json()["status"], version.json()["based_on"]) == ("draft", template["id"])


def test_an_exported_template_imports_as_a_new_draft(
    api: APIClient, template: dict[str, Any]
) -> None:
    api.post(f"{PATH}{template['id']}/questions/", CHANNEL, format="json")
    exported = api.get(f"{PATH}{template['id']}/export/").json()

    imported = api.post(f"{PATH}import/", exported, format="json")

    assert imported.status_code == 201
    assert imported.json()["id"] != template["id"]
    assert _own(imported.json()) == ["Your main channel?"]


def test_an_import_with_problems_lists_them_by_question(api: APIClient) -> None:
    body = {"format": "winnow-template/1", "questions": [{"kind": "yes_no"}]}

    refused = api.post(f"{PATH}import/", body, format="json")

    assert refused.status_code == 400
    assert "Question 1 (prompt): This field is required." in refused.json()["questions"]
