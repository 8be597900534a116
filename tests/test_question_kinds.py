"""Questions of every kind a buyer can ask: short and long texts, numbers with a unit, one
or several choices, yes or no (a must-have among them), dates and web addresses. Each is
checked with a message that says what to fix, saved as typed from the page and the API,
and read back as a reader expects ("6 years", an option's label, "Yes")."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from knox.models import AuthToken
from rest_framework.test import APIClient

from tests.factories import EngagementFactory, SubmissionFactory
from vetting.answers import answer_display, check_answer
from vetting.models import EngagementStatus, Question, QuestionKind, Questionnaire, User
from vetting.models.questionnaires import CUSTOM_POSITIONS

CHANNELS = [
    {"key": "instagram", "label": "Instagram", "points": 2},
    {"key": "tiktok", "label": "TikTok", "points": 1},
    {"key": "linkedin", "label": "LinkedIn", "points": 0},
]


def question(kind: str, **changes: Any) -> Question:
    return Question(kind=kind, key="q", prompt="?", criterion="business_background", **changes)


# --- Checking ---------------------------------------------------------------------------------


def test_a_short_text_is_one_line_within_its_limit() -> None:
    asked = question(QuestionKind.SHORT_TEXT, max_length=20)

    assert check_answer(asked, "Hospitality,\n  retail").value == "Hospitality, retail"
    assert check_answer(asked, "x" * 21).errors


@pytest.mark.parametrize(
    ("raw", "value", "complete"),
    [("tiktok", "tiktok", True), ("myspace", "myspace", False), ("", None, False)],
)
def test_one_choice_must_be_one_of_the_options(raw: str, value: Any, complete: bool) -> None:
    checked = check_answer(question(QuestionKind.SINGLE_CHOICE, options=CHANNELS), raw)

    assert (checked.value, checked.complete) == (value, complete)
    if raw and not complete:
        assert checked.errors == ["Choose one of the options given."]


def test_several_choices_are_kept_in_the_options_order_within_their_bounds() -> None:
    asked = question(QuestionKind.MULTIPLE_CHOICE, options=CHANNELS, min_items=1, max_items=2)

    assert check_answer(asked, ["linkedin", "instagram"]).value == ["instagram", "linkedin"]
    assert check_answer(asked, ["instagram", "tiktok", "linkedin"]).errors == ["Choose 2 at most."]
    assert check_answer(asked, ["instagram", "friendster"]).errors == [
        "Choose among the options given."
    ]
    assert check_answer(asked, []).errors == ["This question needs an answer before you submit."]


@pytest.mark.parametrize(
    ("raw", "value"), [("yes", True), ("No", False), (True, True), (False, False)]
)
def test_yes_or_no_is_stored_as_true_or_false(raw: Any, value: bool) -> None:
    checked = check_answer(question(QuestionKind.YES_NO), raw)

    assert checked.complete and checked.value is value


def test_a_yes_or_no_that_is_neither_says_so() -> None:
    assert check_answer(question(QuestionKind.YES_NO), "maybe").errors == ["Answer yes or no."]


def test_a_date_is_an_iso_date_and_a_typo_gets_an_example() -> None:
    asked = question(QuestionKind.DATE)

    assert check_answer(asked, "2027-03-01").value == "2027-03-01"
    assert check_answer(asked, "1st of March").errors == [
        "Enter a date as year-month-day, for example 2027-03-01."
    ]


def test_a_web_address_must_be_a_full_http_address() -> None:
    asked = question(QuestionKind.URL)

    assert check_answer(asked, "https://quill.example/work").complete
    assert check_answer(asked, "javascript:alert(1)").errors == [
        "Enter a full web address, starting with https://."
    ]


def test_a_number_names_its_unit_when_it_is_not_one() -> None:
    asked = question(QuestionKind.NUMBER, unit="people")

    assert check_answer(asked, "a dozen").errors == [
        "Enter a whole number of people, for example 6."
    ]


# --- Reading back -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("asked", "value", "shown"),
    [
        (question(QuestionKind.NUMBER, unit="years"), 6, "6 years"),
        (question(QuestionKind.NUMBER, unit="years"), 1, "1 year"),
        (question(QuestionKind.NUMBER), 12, "12"),
        (question(QuestionKind.SINGLE_CHOICE, options=CHANNELS), "tiktok", "TikTok"),
        (
            question(QuestionKind.MULTIPLE_CHOICE, options=CHANNELS),
            ["instagram", "linkedin"],
            "Instagram, LinkedIn",
        ),
        (question(QuestionKind.YES_NO), False, "No"),
        (question(QuestionKind.DATE), "2027-03-01", "1 March 2027"),
        (question(QuestionKind.DATE), "soon", "soon"),  # a draft, as typed
    ],
)
def test_an_answer_reads_as_a_person_would_say_it(asked: Question, value: Any, shown: str) -> None:
    assert answer_display(asked, value) == shown


# --- In the pages and the API -----------------------------------------------------------------

CUSTOM = [
    {"key": "industries", "kind": "short_text", "prompt": "Which industries do you know best?"},
    {
        "key": "team_size",
        "kind": "number",
        "prompt": "How many people would work on our account?",
        "unit": "people",
        "min_value": 1,
        "max_value": 50,
    },
    {"key": "main_channel", "kind": "single_choice", "prompt": "Your main channel?"},
    {"key": "channels", "kind": "multiple_choice", "prompt": "Channels you run today?"},
    {
        "key": "regulated",
        "kind": "yes_no",
        "prompt": "Have you worked under financial promotion rules?",
        "must_have": True,
    },
    {"key": "start", "kind": "date", "prompt": "When could you start?"},
    {"key": "portfolio", "kind": "url", "prompt": "Where is your portfolio?"},
]


@pytest.fixture
def submission(db: None, consultant: User) -> Any:
    """A draft in a round whose questionnaire adds one question of each new kind to the
    core seven."""
    core = Questionnaire.objects.default()
    shaped = Questionnaire.objects.create(
        title="Bank social media", version=core.version + 100, based_on=core
    )
    for asked in core.questions.all():
        asked.pk = None
        asked.questionnaire = shaped
        asked.save()
    for position, spec in enumerate(CUSTOM, start=CUSTOM_POSITIONS):
        options = CHANNELS if "choice" in spec["kind"] else []
        Question.objects.create(
            questionnaire=shaped,
            criterion="business_background",
            position=position,
            required=False,
            options=options,
            **spec,
        )
    engagement = EngagementFactory(status=EngagementStatus.OPEN, questionnaire=shaped)
    return SubmissionFactory(engagement=engagement, consultant=consultant.consultant)


def _save(client: Any, submission: Any, key: str, data: dict[str, Any]) -> Any:
    return client.post(
        reverse("submissions:save_answer", args=[submission.pk, key]),
        data,
        headers={"HX-Request": "true"},
    )


def test_the_self_assessment_shows_each_kind_with_its_own_control(
    client: Any, consultant: User, submission: Any
) -> None:
    client.force_login(consultant)

    page = client.get(reverse("submissions:answer", args=[submission.pk])).content.decode()

    assert 'type="text" class="form-control" name="industries"' in page
    assert '<span class="input-group-text">people</span>' in page
    assert page.count('type="radio" name="main_channel"') == 3
    assert page.count('type="checkbox" name="channels"') == 3
    assert 'id="id_regulated_yes" value="yes"' in page
    assert 'data-testid="must-have-regulated"' in page
    assert 'type="date"' in page and 'type="url"' in page
    assert "<legend" in page  # a group of choices is named for a screen reader


@pytest.mark.parametrize(
    ("key", "data", "stored"),
    [
        ("industries", {"industries": "Retail banking"}, "Retail banking"),
        ("team_size", {"team_size": "4"}, 4),
        ("main_channel", {"main_channel": "tiktok"}, "tiktok"),
        ("channels", {"channels": ["linkedin", "instagram"]}, ["instagram", "linkedin"]),
        ("regulated", {"regulated": "no"}, False),
        ("start", {"start": "2027-03-01"}, "2027-03-01"),
        ("portfolio", {"portfolio": "https://quill.example"}, "https://quill.example"),
    ],
)
def test_each_kind_autosaves_from_the_page(
    client: Any, consultant: User, submission: Any, key: str, data: dict, stored: Any
) -> None:
    client.force_login(consultant)

    response = _save(client, submission, key, data)

    assert response.status_code == 200
    answer = submission.answers.get(question__key=key)
    assert answer.value == stored
    assert answer.is_complete


def test_unticking_every_choice_saves_none(client: Any, consultant: User, submission: Any) -> None:
    client.force_login(consultant)
    _save(client, submission, "channels", {"channels": ["tiktok"]})

    _save(client, submission, "channels", {})

    assert submission.answers.get(question__key="channels").value == []


def test_the_buyer_reads_labels_units_and_an_unmet_must_have(
    client: Any, consultant: User, submission: Any
) -> None:
    client.force_login(consultant)
    for key, data in [
        ("team_size", {"team_size": "4"}),
        ("channels", {"channels": ["linkedin", "instagram"]}),
        ("regulated", {"regulated": "no"}),
        ("start", {"start": "2027-03-01"}),
    ]:
        _save(client, submission, key, data)
    client.force_login(submission.engagement.owner)

    page = client.get(reverse("submissions:read", args=[submission.pk])).content.decode()

    assert "4 people" in page
    assert "<li>Instagram</li><li>LinkedIn</li>" in page
    assert "No · does not meet this must-have" in page
    assert "1 March 2027" in page


def _api(user: User) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(user)[1]}")
    return client


@pytest.mark.parametrize(
    ("key", "value", "stored"),
    [
        ("channels", ["tiktok", "instagram"], ["instagram", "tiktok"]),
        ("regulated", True, True),
        ("main_channel", "linkedin", "linkedin"),
        ("start", "2027-03-01", "2027-03-01"),
    ],
)
def test_each_kind_is_saved_through_the_api(
    consultant: User, submission: Any, key: str, value: Any, stored: Any
) -> None:
    path = f"/api/v1/submissions/{submission.pk}/answers/{key}/"

    saved = _api(consultant).put(path, {"value": value}, format="json")

    assert saved.status_code == 200, saved.content
    assert (saved.json()["value"], saved.json()["complete"]) == (stored, True)


def test_several_choices_through_the_api_must_be_a_list_of_keys(
    consultant: User, submission: Any
) -> None:
    path = f"/api/v1/submissions/{submission.pk}/answers/channels/"

    refused = _api(consultant).put(path, {"value": [1, 2]}, format="json")

    assert refused.status_code == 400
    assert refused.json()["value"] == ["Give a list of the options' keys."]


def test_the_export_has_a_column_per_buyer_question_with_the_answers_as_read(
    client: Any, consultant: User, submission: Any
) -> None:
    import csv
    import io

    from vetting.models import SubmissionStatus
    from vetting.services import scorecards_recompute

    client.force_login(consultant)
    _save(client, submission, "team_size", {"team_size": "4"})
    _save(client, submission, "channels", {"channels": ["linkedin", "instagram"]})
    submission.status = SubmissionStatus.SUBMITTED
    submission.save()
    scorecards_recompute([submission.pk])
    client.force_login(submission.engagement.owner)

    response = client.post(reverse("engagements:export", args=[submission.engagement.pk, "csv"]))

    header, row = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))[:2]
    assert header[-len(CUSTOM) :] == [spec["prompt"] for spec in CUSTOM]
    shown = dict(zip(header, row, strict=True))
    assert shown["How many people would work on our account?"] == "4 people"
    assert shown["Channels you run today?"] == "Instagram, LinkedIn"
    assert shown["Where is your portfolio?"] == ""


def test_the_answer_and_read_pages_cost_as_many_queries_with_many_questions(
    client: Any, consultant: User, submission: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    core_only = SubmissionFactory(
        engagement=EngagementFactory(
            owner=submission.engagement.owner, status=EngagementStatus.OPEN
        ),
        consultant=consultant.consultant,
    )
    client.force_login(consultant)

    def queries(draft: Any, name: str) -> int:
        client.get(reverse(name, args=[draft.pk]))
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse(name, args=[draft.pk])).status_code == 200
        return len(captured)

    # Seven questions of the buyer's own on top of the core seven cost no query more.
    assert queries(submission, "submissions:answer") == queries(core_only, "submissions:answer")
    client.force_login(submission.engagement.owner)
    assert queries(submission, "submissions:read") == queries(core_only, "submissions:read")


# --- A file question ---------------------------------------------------------------------------


@pytest.fixture
def file_question(submission: Any, settings: Any, tmp_path: Any) -> Question:
    settings.STORAGES = {
        **settings.STORAGES,
        "evidence": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "evidence"},
        },
    }
    return Question.objects.create(
        questionnaire=submission.engagement.questionnaire,
        key="case_study",
        kind="file",
        prompt="Attach a case study you are proud of",
        criterion="greatest_accomplishment",
        position=CUSTOM_POSITIONS + 50,
        max_items=2,
    )


def _attach_file(client: Any, submission: Any, name: str, data: bytes, version: int) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        reverse("submissions:evidence_attach", args=[submission.pk, "case_study"]),
        {
            "case_study-version": str(version),
            "item": "0",
            "case_study-0-upload": SimpleUploadedFile(name, data),
        },
        headers={"HX-Request": "true"},
    )


def test_a_file_question_takes_files_lists_them_and_the_buyer_downloads_them(
    client: Any, consultant: User, submission: Any, file_question: Question
) -> None:
    from tests import evidence_samples as samples

    client.force_login(consultant)
    page = client.get(reverse("submissions:answer", args=[submission.pk])).content.decode()
    attached = _attach_file(client, submission, "Case study.pdf", samples.PDF, 0)

    assert 'id="id_case_study-0-upload"' in page
    assert attached.status_code == 200
    answer = submission.answers.get(question=file_question)
    evidence = submission.evidence_files.get()
    assert (answer.value, answer.is_complete) == ([evidence.pk], True)
    assert "Case study.pdf" in attached.content.decode()
    client.force_login(submission.engagement.owner)
    read = client.get(reverse("submissions:read", args=[submission.pk])).content.decode()
    assert reverse("submissions:evidence", args=[evidence.pk]) in read


def test_a_file_refused_or_one_too_many_is_said_next_to_the_field(
    client: Any, consultant: User, submission: Any, file_question: Question
) -> None:
    from tests import evidence_samples as samples

    client.force_login(consultant)

    refused = _attach_file(client, submission, "logo.png", samples.SVG, 0)

    assert "web page or script code" in refused.content.decode()
    assert not submission.evidence_files.exists()


def test_removing_a_file_takes_it_out_of_the_answer(
    client: Any, consultant: User, submission: Any, file_question: Question
) -> None:
    from tests import evidence_samples as samples

    client.force_login(consultant)
    _attach_file(client, submission, "Case study.pdf", samples.PDF, 0)
    evidence = submission.evidence_files.get()
    answer = submission.answers.get(question=file_question)

    removed = client.post(
        reverse("submissions:evidence_remove", args=[submission.pk, "case_study", evidence.pk]),
        {"case_study-version": str(answer.version), "case_study-0-files": str(evidence.pk)},
        headers={"HX-Request": "true"},
    )

    assert removed.status_code == 200
    assert submission.answers.get(question=file_question).value == []
    assert not submission.evidence_files.exists()


def test_the_card_scores_the_buyers_choices_and_lists_a_missed_must_have(
    client: Any, consultant: User, submission: Any
) -> None:
    from vetting.models import ScoreCard, SubmissionStatus
    from vetting.services import scorecards_recompute

    client.force_login(consultant)
    _save(client, submission, "main_channel", {"main_channel": "tiktok"})
    _save(client, submission, "regulated", {"regulated": "no"})
    submission.status = SubmissionStatus.SUBMITTED
    submission.save()

    scorecards_recompute([submission.pk])

    card = ScoreCard.objects.get(submission=submission)
    assert card.knockouts == 1
    criterion = next(c for c in card.data["criteria"] if c["key"] == "business_background")
    ours = [s for s in criterion["sources"] if s["kind"] == "your questions"]
    assert ours and ours[0]["explanation"] == "“Your main channel?”: TikTok, 1 of 2 points"
    assert ours[0]["value"] == 0.5
    messages = [f["message"] for f in card.data["flags"]]
    assert "Does not meet must-have: Have you worked under financial promotion rules?" in messages
    client.force_login(submission.engagement.owner)
    score = client.get(reverse("submissions:score", args=[submission.pk])).content.decode()
    assert "Does not meet must-have" in score and "TikTok, 1 of 2 points" in score


# --- A list of accomplishments of the buyer's own ------------------------------------------


def test_a_buyer_may_ask_for_a_list_of_accomplishments_of_their_own(
    client: Any, consultant: User, submission: Any
) -> None:
    from vetting.forms import QuestionForm

    form = QuestionForm(
        data={
            "prompt": "Your campaigns for banks",
            "kind": "accomplishments",
            "criterion": "accomplishments",
            "min_items": "1",
            "max_items": "3",
        }
    )
    assert form.is_valid(), form.errors
    Question.objects.create(
        questionnaire=submission.engagement.questionnaire,
        key="bank_campaigns",
        position=CUSTOM_POSITIONS + 60,
        **form.cleaned_data,
    )
    client.force_login(consultant)

    page = client.get(reverse("submissions:answer", args=[submission.pk])).text
    saved = _save(
        client,
        submission,
        "bank_campaigns",
        {
            "bank_campaigns-rows": "1",
            "bank_campaigns-0-area": "pr",
            "bank_campaigns-0-what": "Launch of a savings app for a building society.",
            "bank_campaigns-0-result": "Forty articles in the trade press",
        },
    )

    assert 'name="bank_campaigns-0-what"' in page
    assert saved.status_code == 200
    answer = submission.answers.get(question__key="bank_campaigns")
    assert answer.value[0]["what"] == "Launch of a savings app for a building society."
    assert answer.is_complete
