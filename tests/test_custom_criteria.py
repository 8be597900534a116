"""A buyer's own criteria, from the builder to the decision: procurement adds one to a
template and points questions at it; a round on that template weights it with the others;
reviewers rate it against what the buyer said it covers; the card explains its points; the
ranking draws its bar, the compare page and the export show it; the template's JSON carries
it. (The scoring itself: tests/test_custom_criteria_scoring.py.)"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.conftest import clear_cache
from tests.factories import VALID_ANSWERS, ConsultantFactory, EngagementFactory, SubmissionFactory
from vetting import services
from vetting.access import score_sight
from vetting.exports import assemble
from vetting.models import (
    Answer,
    Engagement,
    EngagementStatus,
    Questionnaire,
    ScoreCard,
    Submission,
    SubmissionStatus,
    User,
)
from vetting.scoring.rubric import DEFAULT_WEIGHTS
from vetting.services import scorecards_recompute

pytestmark = pytest.mark.django_db

REGULATED = {
    "label": "Regulated industries",
    "summary": "Work for banks or insurers.",
    "weight": 10,
}
SECTOR = {
    "prompt": "Which regulated sector have you worked in?",
    "kind": "single_choice",
    "criterion": "own_regulated_industries",
    "options": "Banking = 2\nInsurance = 1\nNone",
    "required": "on",
}


@pytest.fixture
def template(procurement: User) -> Questionnaire:
    return services.template_create(by=procurement, title="Bank: LinkedIn")


def _detail(template: Questionnaire) -> str:
    return reverse("questionnaires:detail", args=[template.pk])


def _with_criterion(template: Questionnaire, by: User) -> Questionnaire:
    services.criterion_add(template=template, by=by, data=REGULATED)
    template.refresh_from_db()
    return template


# --- The builder ---------------------------------------------------------------------------


def test_procurement_adds_a_criterion_and_points_a_question_at_it(
    client: Client, procurement: User, template: Questionnaire
) -> None:
    client.force_login(procurement)

    added = client.post(reverse("questionnaires:criterion_add", args=[template.pk]), REGULATED)
    question = client.post(reverse("questionnaires:question_add", args=[template.pk]), SECTOR)

    assert added.status_code == question.status_code == 302
    template.refresh_from_db()
    assert template.custom_criteria == [{"key": "own_regulated_industries", **REGULATED}]
    assert [c.label for c in template.criteria][-1] == "Regulated industries"
    page = client.get(_detail(template)).text
    assert "Regulated industries" in page and "your criterion" in page
    assert "feeds Regulated industries" in page


def test_a_question_cannot_feed_a_criterion_the_template_lacks(
    client: Client, procurement: User, template: Questionnaire
) -> None:
    client.force_login(procurement)

    response = client.post(reverse("questionnaires:question_add", args=[template.pk]), SECTOR)

    assert response.status_code == 422
    assert "add your own criterion on the template" in response.text
    assert "Which regulated sector have you worked in?" in response.text  # nothing lost


def test_two_criteria_of_one_template_cannot_share_a_name(
    client: Client, procurement: User, template: Questionnaire
) -> None:
    client.force_login(procurement)
    _with_criterion(template, procurement)

    again = client.post(
        reverse("questionnaires:criterion_add", args=[template.pk]),
        {**REGULATED, "label": "regulated  Industries"},
    )
    core = client.post(
        reverse("questionnaires:criterion_add", args=[template.pk]),
        {**REGULATED, "label": "References"},
    )

    assert again.status_code == core.status_code == 422
    assert "has a criterion of this name already" in again.text
    assert "has a criterion of this name already" in core.text
    assert 'value="regulated  Industries"' in again.text


def test_a_criterion_that_questions_feed_is_not_deleted(
    client: Client, procurement: User, template: Questionnaire
) -> None:
    client.force_login(procurement)
    _with_criterion(template, procurement)
    client.post(reverse("questionnaires:question_add", args=[template.pk]), SECTOR)
    delete = reverse(
        "questionnaires:criterion_delete", args=[template.pk, "own_regulated_industries"]
    )

    page = client.post(delete, follow=True).text

    assert "Questions feed this criterion" in page
    template.refresh_from_db()
    assert len(template.custom_criteria) == 1


def test_a_renamed_criterion_keeps_its_key(
    client: Client, procurement: User, template: Questionnaire
) -> None:
    client.force_login(procurement)
    _with_criterion(template, procurement)
    edit = reverse("questionnaires:criterion_edit", args=[template.pk, "own_regulated_industries"])

    client.post(edit, {**REGULATED, "label": "Banking and insurance", "weight": 15})

    template.refresh_from_db()
    assert template.custom_criteria == [
        {
            "key": "own_regulated_industries",
            "label": "Banking and insurance",
            "summary": REGULATED["summary"],
            "weight": 15,
        }
    ]


def test_criteria_travel_with_the_template_to_a_new_version_and_through_json(
    client: Client, procurement: User, template: Questionnaire
) -> None:
    client.force_login(procurement)
    _with_criterion(template, procurement)
    client.post(reverse("questionnaires:question_add", args=[template.pk]), SECTOR)
    services.template_publish(template=template, by=procurement)

    copy = services.template_new_version(template=template, by=procurement)
    exported = client.get(reverse("questionnaires:export", args=[template.pk])).content
    upload = SimpleUploadedFile("bank.json", exported, content_type="application/json")
    client.post(reverse("questionnaires:import"), {"file": upload})

    imported = Questionnaire.objects.filter(owner=procurement).order_by("-version").first()
    for other in (copy, imported):
        assert other.custom_criteria == template.custom_criteria
        feeding = other.questions.get(prompt=SECTOR["prompt"])
        assert feeding.criterion == "own_regulated_industries"
    assert json.loads(exported)["criteria"][0]["label"] == "Regulated industries"


def test_an_imported_question_naming_an_unknown_criterion_is_refused_by_number(
    client: Client, procurement: User
) -> None:
    client.force_login(procurement)
    data = {
        "format": "winnow-template/1",
        "title": "Shared",
        "questions": [{"prompt": "Which sector?", "kind": "short_text", "criterion": "own_nope"}],
    }
    upload = SimpleUploadedFile("t.json", json.dumps(data).encode(), "application/json")

    response = client.post(reverse("questionnaires:import"), {"file": upload})

    assert response.status_code == 422
    assert "Question 1 (criterion)" in response.text


# --- A round on the template ---------------------------------------------------------------


@pytest.fixture
def published(procurement: User, template: Questionnaire) -> Questionnaire:
    _with_criterion(template, procurement)
    services.question_add(
        template=template,
        by=procurement,
        data={
            "prompt": SECTOR["prompt"],
            "kind": "single_choice",
            "criterion": "own_regulated_industries",
            "options": [
                {"key": "banking", "label": "Banking", "points": 2},
                {"key": "insurance", "label": "Insurance", "points": 1},
                {"key": "none", "label": "None", "points": None},
            ],
            "required": True,
        },
    )
    return services.template_publish(template=template, by=procurement)


def _form(template: Questionnaire, **weights: int) -> dict[str, Any]:
    deadline = timezone.localtime(timezone.now() + timedelta(days=20))
    return {
        "title": "Bank: LinkedIn vendor",
        "target_market": "Retail banking customers",
        "goals": "Leads",
        "timing": "Start in March.",
        "currency": "GBP",
        "references_required": 2,
        "deadline": deadline.strftime("%Y-%m-%dT%H:%M"),
        "questionnaire": template.pk,
        **{f"weight_{k}": v for k, v in {**DEFAULT_WEIGHTS, **weights}.items()},
    }


def test_the_round_form_asks_for_the_chosen_templates_criteria_and_saves_their_weights(
    client: Client, procurement: User, published: Questionnaire
) -> None:
    client.force_login(procurement)
    create = reverse("engagements:create")

    chosen = client.get(f"{create}?questionnaire={published.pk}", HTTP_HX_REQUEST="true").text
    missing = client.post(create, _form(published))
    saved = client.post(create, _form(published, own_regulated_industries=10, references=10))

    assert 'name="weight_own_regulated_industries"' in chosen and 'value="10"' in chosen
    assert missing.status_code == 200
    assert "the template suggests 10%" in missing.text
    assert saved.status_code == 302
    engagement = Engagement.objects.get(title="Bank: LinkedIn vendor")
    assert engagement.weights["own_regulated_industries"] == 10
    assert [c.key for c, _ in engagement.criterion_weights][-1] == "own_regulated_industries"


def test_the_weights_of_the_buyers_own_criteria_count_in_the_total_of_100(
    client: Client, procurement: User, published: Questionnaire
) -> None:
    client.force_login(procurement)

    response = client.post(
        reverse("engagements:create"), _form(published, own_regulated_industries=10)
    )

    assert "The weights add up to 110%" in response.text


def _round(owner: User, template: Questionnaire, reviewer: User) -> Engagement:
    engagement = EngagementFactory(
        owner=owner,
        status=EngagementStatus.OPEN,
        opened_at=timezone.now(),
        questionnaire=template,
        weights={**DEFAULT_WEIGHTS, "references": 10, "own_regulated_industries": 10},
    )
    engagement.reviewers.add(reviewer)
    return engagement


def _submitted(engagement: Engagement, name: str, sector: str) -> Submission:
    submission = SubmissionFactory(
        engagement=engagement,
        consultant=ConsultantFactory(name=name),
        status=SubmissionStatus.SUBMITTED,
        started_at=timezone.now(),
        submitted_at=timezone.now(),
    )
    values = {**VALID_ANSWERS, "which_regulated_sector_have_you_worked_in": sector}
    Answer.objects.bulk_create(
        Answer(submission=submission, question=q, value=values.get(q.key, "x"), is_complete=True)
        for q in engagement.questionnaire.questions.all()
    )
    scorecards_recompute([submission.pk])
    return submission


@pytest.fixture
def scored(procurement: User, manager: User, published: Questionnaire) -> Engagement:
    engagement = _round(procurement, published, manager)
    _submitted(engagement, "Ada Quill", "banking")
    _submitted(engagement, "Bram Holt", "none")
    return engagement


def test_the_card_explains_the_points_of_the_buyers_own_criterion(scored: Engagement) -> None:
    ada = ScoreCard.objects.get(submission__consultant__name="Ada Quill")
    bram = ScoreCard.objects.get(submission__consultant__name="Bram Holt")

    row = ada.criterion("own_regulated_industries")
    assert row["label"] == "Regulated industries"
    assert row["weight"] == 10
    assert "Banking, 2 of 2 points" in row["sources"][0]["explanation"]
    assert ada.custom == {"own_regulated_industries": 1.0}
    assert bram.custom == {"own_regulated_industries": 0.0}
    assert ada.total > bram.total


def test_a_reviewer_rates_the_buyers_own_criterion_against_what_it_covers(
    client: Client, manager: User, scored: Engagement
) -> None:
    submission = Submission.objects.get(consultant__name="Ada Quill")
    client.force_login(manager)
    review = reverse("submissions:review", args=[submission.pk])
    client.post(review, {"has_conflict": "no"})

    page = client.get(review).text
    ratings = {f"rating_{k}": "4" for k in DEFAULT_WEIGHTS}
    incomplete = client.post(review, {**ratings, "recommendation": "yes", "submit": "1"})
    done = client.post(
        review,
        {
            **ratings,
            "rating_own_regulated_industries": "5",
            "recommendation": "yes",
            "submit": "1",
        },
    )

    assert "Regulated industries" in page
    assert "No evidence of this: work for banks or insurers." in page
    assert incomplete.status_code == 422
    assert "Rate this criterion to submit." in incomplete.text
    assert done.status_code == 302
    scorecards_recompute([submission.pk])  # as the recompute queued on commit does
    card = ScoreCard.objects.get(submission=submission)
    kinds = [s["kind"] for s in card.criterion("own_regulated_industries")["sources"]]
    assert kinds == ["reviews", "your questions"]


def test_the_ranking_draws_a_bar_for_the_buyers_own_criterion(
    client: Client, procurement: User, scored: Engagement
) -> None:
    client.force_login(procurement)

    page = client.get(reverse("engagements:ranking", args=[scored.pk])).text

    assert "Regulated industries" in page
    assert 'class="cb w8 ' in page  # eight bars: the core seven and the buyer's own


def test_the_compare_page_and_the_export_show_the_buyers_own_criterion(
    client: Client, procurement: User, scored: Engagement
) -> None:
    client.force_login(procurement)
    ids = "&".join(f"s={s.pk}" for s in scored.submissions.order_by("pk"))

    compare = client.get(reverse("engagements:compare", args=[scored.pk]) + "?" + ids).text
    table = assemble(scored, score_sight(procurement, scored), viewer=procurement)
    rows = list(table.rows)

    assert "Regulated industries" in compare
    column = table.header.index("Regulated industries (0-100)")
    assert sorted(row[column] for row in rows) == [0.0, 100.0]
    assert table.header[column + 1] == SECTOR["prompt"]


# --- What it costs -------------------------------------------------------------------------


def _many_questions(template: Questionnaire, by: User, count: int = 12) -> None:
    for n in range(count):
        services.question_add(
            template=template,
            by=by,
            data={
                "prompt": f"Extra question {n}?",
                "kind": "short_text",
                "criterion": "own_regulated_industries",
                "required": False,
            },
        )


def _queries(client: Client, url: str) -> int:
    client.get(url)
    clear_cache()  # the ranking keeps its built content: measure the build
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_review_score_and_ranking_pages_cost_the_same_with_many_questions_and_own_criteria(
    client: Client, procurement: User, manager: User, template: Questionnaire
) -> None:
    _with_criterion(template, procurement)
    _many_questions(template, procurement)
    services.template_publish(template=template, by=procurement)
    # The same page on a buyer's template with one question of theirs and no criterion.
    small = services.template_create(by=procurement, title="Bakery: Instagram")
    services.question_add(
        template=small,
        by=procurement,
        data={"prompt": "Which tools?", "kind": "short_text", "criterion": "business_background"},
    )
    services.template_publish(template=small, by=procurement)
    mine = _submitted(_round(procurement, template, manager), "Ada Quill", "")
    plain = _submitted(_round(procurement, small, manager), "Bram Holt", "")
    for submission in (mine, plain):
        services.review_for(submission=submission, reviewer=procurement)
    client.force_login(procurement)

    for name in ("submissions:review", "submissions:score", "submissions:read"):
        assert _queries(client, reverse(name, args=[mine.pk])) == _queries(
            client, reverse(name, args=[plain.pk])
        ), name
    ranking = _queries(client, reverse("engagements:ranking", args=[mine.engagement_id]))
    assert ranking == _queries(client, reverse("engagements:ranking", args=[plain.engagement_id]))
