"""The question builder: procurement makes a template of their own (the core seven, then
their questions under their headings), adds, changes, orders, duplicates and deletes its
questions, previews it as a consultant will see it, publishes it (frozen from then on,
changed only by a new version), uses it in a round, and shares it as JSON."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import EngagementFactory, SubmissionFactory
from vetting import services
from vetting.forms import EngagementForm
from vetting.models import EngagementStatus, Questionnaire, TemplateStatus, User

pytestmark = pytest.mark.django_db

TOOLS = {
    "prompt": "Which tools do you use?",
    "kind": "short_text",
    "criterion": "business_background",
}
CHANNEL = {
    "prompt": "Your main channel?",
    "kind": "single_choice",
    "criterion": "business_background",
    "section": "Channels",
    "options": "Instagram = 2\nTikTok = 1\nLinkedIn",
    "required": "on",
}


CHANNEL_OPTIONS = [
    {"key": "english", "label": "English", "points": None},
    {"key": "german", "label": "German", "points": None},
]


@pytest.fixture
def template(procurement: User) -> Questionnaire:
    return services.template_create(by=procurement, title="Bakery chain: Instagram")


def _detail(template: Questionnaire) -> str:
    return reverse("questionnaires:detail", args=[template.pk])


def _add(client: Client, template: Questionnaire, data: dict[str, Any]) -> Any:
    return client.post(reverse("questionnaires:question_add", args=[template.pk]), data)


def _own(template: Questionnaire) -> list[str]:
    return [q.prompt for q in template.questions.order_by("position") if not q.is_core]


def test_a_new_template_is_a_draft_of_the_core_questions_owned_by_its_maker(
    client: Client, procurement: User
) -> None:
    client.force_login(procurement)

    response = client.post(reverse("questionnaires:create"), {"title": "Bank social media"})

    template = Questionnaire.objects.get(title="Bank social media")
    assert response.url == _detail(template)
    assert (template.owner, template.status) == (procurement, TemplateStatus.DRAFT)
    core = Questionnaire.objects.filter(owner__isnull=True).default()
    assert sorted(template.questions.values_list("key", flat=True)) == sorted(
        core.questions.values_list("key", flat=True)
    )


def test_a_question_is_added_with_its_options_and_points(
    client: Client, procurement: User, template: Questionnaire
) -> None:
    client.force_login(procurement)

    response = _add(client, template, CHANNEL)

    assert response.status_code == 302
    added = template.questions.get(prompt="Your main channel?")
    assert added.options == [
        {"key": "instagram", "label": "Instagram", "points": 2},
        {"key": "tiktok", "label": "TikTok", "points": 1},
        {"key": "linkedin", "label": "LinkedIn", "points": None},
    ]
    assert (added.key, added.section, added.is_core) == ("your_main_channel", "Channels", False)
    page = client.get(_detail(template)).content.decode()
    assert "Instagram · 2 pts" in page and ">Channels</h2>" in page


def test_a_bad_question_says_what_to_fix_next_to_the_field_and_keeps_what_was_typed(
    client: Client, procurement: User, template: Questionnaire
) -> None:
    client.force_login(procurement)

    response = _add(client, template, {**CHANNEL, "options": "Only one option = x2"})

    assert response.status_code == 422
    page = response.content.decode()
    assert "Line 1: after &#x27;=&#x27; give whole points" in page
    assert "Only one option = x2</textarea>" in page
    assert 'value="Your main channel?"' in page
    assert _own(template) == []


def test_a_choice_needs_two_options_and_limits_of_other_kinds_are_dropped(
    client: Client, procurement: User, template: Questionnaire
) -> None:
    client.force_login(procurement)

    one = _add(client, template, {**CHANNEL, "options": "Instagram"})
    _add(client, template, {**TOOLS, "min_value": "3", "must_have": "on", "max_length": "80"})

    assert "Give at least two options, one per line." in one.content.decode()
    tools = template.questions.get(prompt=TOOLS["prompt"])
    assert (tools.min_value, tools.must_have, tools.max_length) == (None, False, 80)


def test_questions_are_ordered_duplicated_and_deleted_with_buttons(
    client: Client, procurement: User, template: Questionnaire
) -> None:
    client.force_login(procurement)
    _add(client, template, TOOLS)
    _add(client, template, CHANNEL)
    tools = template.questions.get(prompt=TOOLS["prompt"])

    def act(action: str, question: Any = tools) -> None:
        url = reverse("questionnaires:question_action", args=[template.pk, question.pk, action])
        assert client.post(url).status_code == 302

    act("down")
    assert _own(template) == ["Your main channel?", "Which tools do you use?"]
    act("up")
    act("duplicate")
    assert _own(template) == [
        "Which tools do you use?",
        "Which tools do you use? (copy)",
        "Your main channel?",
    ]
    act("delete")
    assert _own(template) == ["Which tools do you use? (copy)", "Your main channel?"]


def test_the_core_questions_cannot_be_changed_or_removed(
    client: Client, procurement: User, template: Questionnaire
) -> None:
    client.force_login(procurement)
    core = template.questions.get(key="first_steps")

    edit = client.get(reverse("questionnaires:question_edit", args=[template.pk, core.pk]))
    delete = client.post(
        reverse("questionnaires:question_action", args=[template.pk, core.pk, "delete"]),
        follow=True,
    )

    assert edit.status_code == 404
    assert "The core questions stay in every template" in delete.content.decode()
    assert template.questions.filter(key="first_steps").exists()


def test_a_published_template_is_frozen_and_changes_by_a_new_version(
    client: Client, procurement: User, template: Questionnaire
) -> None:
    client.force_login(procurement)
    _add(client, template, TOOLS)
    client.post(reverse("questionnaires:publish", args=[template.pk]))

    refused = _add(client, template, CHANNEL)
    copied = client.post(reverse("questionnaires:new_version", args=[template.pk]))

    assert refused.status_code == 403
    draft = Questionnaire.objects.get(based_on=template)
    assert copied.url == _detail(draft)
    assert draft.is_draft and draft.version > template.version
    assert _own(draft) == _own(template) == ["Which tools do you use?"]


def test_a_round_can_use_a_published_template_of_its_owner_only(
    procurement: User, template: Questionnaire
) -> None:
    mine = services.template_create(by=procurement, title="Published one")
    services.template_publish(template=mine, by=procurement)
    other = User.objects.create_user(email="b2@example.com", password="x" * 12)
    theirs = services.template_create(by=procurement, title="Not for them")
    services.template_publish(template=theirs, by=procurement)

    offered = set(EngagementForm(owner=procurement).fields["questionnaire"].queryset)
    offered_to_other = set(EngagementForm(owner=other).fields["questionnaire"].queryset)

    assert mine in offered and theirs in offered
    assert template not in offered  # a draft
    assert mine not in offered_to_other and theirs not in offered_to_other


def test_the_preview_shows_the_questions_as_the_consultant_will_see_them_disabled(
    client: Client, procurement: User, template: Questionnaire
) -> None:
    client.force_login(procurement)
    _add(client, template, CHANNEL)

    page = client.get(reverse("questionnaires:preview", args=[template.pk])).content.decode()

    assert page.count('type="radio" name="your_main_channel"') == 3
    assert "<fieldset" in page and " disabled>" in page
    assert "hx-post" not in page
    assert ">Channels</h2>" in page


def test_a_template_exported_and_imported_keeps_its_questions(
    client: Client, procurement: User, template: Questionnaire
) -> None:
    client.force_login(procurement)
    _add(client, template, TOOLS)
    _add(client, template, CHANNEL)

    exported = client.get(reverse("questionnaires:export", args=[template.pk]))
    upload = SimpleUploadedFile("t.json", exported.content, content_type="application/json")
    imported = client.post(reverse("questionnaires:import"), {"file": upload})

    assert exported["Content-Disposition"].startswith(
        'attachment; filename="bakery-chain-instagram'
    )
    copy = Questionnaire.objects.exclude(pk=template.pk).get(title=template.title)
    assert imported.url == _detail(copy)
    assert copy.is_draft
    assert _own(copy) == _own(template)
    assert copy.questions.get(key="your_main_channel").options == (
        template.questions.get(key="your_main_channel").options
    )


def test_an_import_lists_every_problem_by_question(client: Client, procurement: User) -> None:
    client.force_login(procurement)
    body = {
        "format": "winnow-template/1",
        "title": "Broken",
        "questions": [{"prompt": "", "kind": "short_text"}, {**CHANNEL, "options": []}],
    }
    upload = SimpleUploadedFile("t.json", json.dumps(body).encode(), "application/json")

    response = client.post(reverse("questionnaires:import"), {"file": upload})

    page = response.content.decode()
    assert response.status_code == 422
    assert "Question 1 (prompt): This field is required." in page
    assert "Question 2 (options): Give at least two options, one per line." in page
    assert not Questionnaire.objects.filter(title="Broken").exists()


def test_a_consultant_answers_the_buyers_questions_under_their_headings(
    client: Client, procurement: User, consultant: User, template: Questionnaire
) -> None:
    client.force_login(procurement)
    _add(client, template, CHANNEL)
    services.template_publish(template=template, by=procurement)
    round_ = EngagementFactory(
        owner=procurement, status=EngagementStatus.OPEN, questionnaire=template
    )
    draft = SubmissionFactory(engagement=round_, consultant=consultant.consultant)
    theirs = Client()
    theirs.force_login(consultant)

    page = theirs.get(reverse("submissions:answer", args=[draft.pk])).content.decode()

    assert ">Channels</h2>" in page
    assert page.index("What is your business background?") < page.index("Your main channel?")


def test_another_buyer_finds_no_template_of_mine(
    client: Client, procurement: User, template: Questionnaire
) -> None:
    other = User.objects.create_user(email="b2@example.com", password="x" * 12)
    other.groups.add(*procurement.groups.all())
    client.force_login(other)

    listed = client.get(reverse("questionnaires:list")).content.decode()
    detail = client.get(_detail(template))

    assert template.title not in listed
    assert detail.status_code == 404


def test_the_builder_page_reads_the_same_queries_for_few_and_many_questions(
    client: Client, procurement: User, template: Questionnaire
) -> None:
    client.force_login(procurement)
    _add(client, template, TOOLS)
    client.get(_detail(template))
    with CaptureQueriesContext(connection) as few:
        client.get(_detail(template))
    for n in range(12):
        _add(client, template, {**CHANNEL, "prompt": f"Channel {n}?"})
    with CaptureQueriesContext(connection) as many:
        client.get(_detail(template))

    # The session, the user and their roles, the template with its owner, its questions.
    assert len(many) == len(few)


def test_copying_earlier_answers_says_what_did_not_come_over(
    client: Client, procurement: User, consultant: User, template: Questionnaire
) -> None:
    client.force_login(procurement)
    _add(client, template, CHANNEL)
    _add(client, template, {**TOOLS, "prompt": "Languages you work in?"})
    services.template_publish(template=template, by=procurement)
    first = SubmissionFactory(
        engagement=EngagementFactory(
            owner=procurement, status=EngagementStatus.OPEN, questionnaire=template
        ),
        consultant=consultant.consultant,
    )
    for key, raw in [("your_main_channel", "tiktok"), ("languages_you_work_in", "English")]:
        services.answer_save(
            submission=first, by=consultant, question=template.questions.get(key=key), raw=raw
        )
    # The next version drops TikTok and asks about languages as a choice.
    newer = services.template_new_version(template=template, by=procurement)
    channel = newer.questions.get(key="your_main_channel")
    channel.options = [o for o in channel.options if o["key"] != "tiktok"]
    channel.save()
    languages = newer.questions.get(key="languages_you_work_in")
    languages.kind, languages.options = "multiple_choice", CHANNEL_OPTIONS
    languages.save()
    services.template_publish(template=newer, by=procurement)
    later = SubmissionFactory(
        engagement=EngagementFactory(
            owner=procurement, status=EngagementStatus.OPEN, questionnaire=newer
        ),
        consultant=consultant.consultant,
    )
    theirs = Client()
    theirs.force_login(consultant)

    page = theirs.post(reverse("submissions:copy", args=[later.pk]), follow=True)

    text = page.content.decode()
    assert "Copied 1 answer from" in text
    assert "“Your main channel?”: copied as a draft; Choose one of the options given." in text
    assert "“Languages you work in?”: asked differently here, answer it again" in text
    assert later.answers.get(question__key="your_main_channel").value == "tiktok"


def test_a_number_takes_points_by_band_and_bands_must_not_overlap(
    client: Client, procurement: User, template: Questionnaire
) -> None:
    client.force_login(procurement)
    team = {"prompt": "Team size?", "kind": "number", "criterion": "experience_clients"}

    overlapping = _add(client, template, {**team, "bands": "0-3 = 0\n3-5 = 1"})
    added = _add(client, template, {**team, "unit": "people", "bands": "6+ = 2\n0-2 = 0\n3-5 = 1"})

    assert "The bands from 0 and from 3 overlap." in overlapping.content.decode()
    assert added.status_code == 302
    question = template.questions.get(prompt="Team size?")
    assert question.bands == [
        {"min": 0, "max": 2, "points": 0},
        {"min": 3, "max": 5, "points": 1},
        {"min": 6, "max": None, "points": 2},
    ]
    assert "6+ · 2 pts" in client.get(_detail(template)).content.decode()
    edit = client.get(reverse("questionnaires:question_edit", args=[template.pk, question.pk]))
    assert "0-2 = 0\n3-5 = 1\n6+ = 2</textarea>" in edit.content.decode()


def test_a_text_question_can_be_read_for_the_fields_signs(
    client: Client, procurement: User, template: Questionnaire
) -> None:
    client.force_login(procurement)

    _add(client, template, {**TOOLS, "kind": "text", "read_signals": "on"})
    _add(client, template, {**CHANNEL, "prompt": "Channel?", "read_signals": "on"})

    assert template.questions.get(prompt=TOOLS["prompt"]).read_signals is True
    assert template.questions.get(prompt="Channel?").read_signals is False  # texts only
    assert "read for signs" in client.get(_detail(template)).content.decode()
