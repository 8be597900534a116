"""Procurement runs a round in the pages: create, invite, open, close, extend."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    ConsultantFactory,
    EngagementFactory,
    SubmissionFactory,
    UserFactory,
)
from vetting.models import Engagement, EngagementStatus, Invitation, Submission
from vetting.pipeline import STAGES
from vetting.roles import Role

pytestmark = pytest.mark.django_db


def _form(**changes: object) -> dict[str, object]:
    deadline = timezone.localtime() + timedelta(days=10)
    data = {
        "title": "Social marketing for the Ledgerly launch",
        "target_market": "Finance teams at UK software companies",
        "goals": "Two hundred qualified demo requests a quarter",
        "timing": "Start in March",
        "budget_min": "20000",
        "budget_max": "40000",
        "currency": "gbp",
        "questionnaire": "",
        "references_required": "2",
        "deadline": deadline.strftime("%Y-%m-%dT%H:%M"),
        "weight_experience_social": "10",
        "weight_experience_clients": "15",
        "weight_accomplishments": "20",
        "weight_business_background": "10",
        "weight_greatest_accomplishment": "10",
        "weight_media_vs_marketing": "15",
        "weight_references": "20",
    }
    data.update(changes)
    return data


@pytest.fixture
def form_data(db):
    from vetting.models import Questionnaire

    return _form(questionnaire=str(Questionnaire.objects.default().pk))


def test_procurement_creates_a_draft_engagement_with_reviewers_and_weights(
    client, procurement, manager, form_data
):
    client.force_login(procurement)

    response = client.post(
        reverse("engagements:create"),
        {
            **form_data,
            "reviewers": [manager.pk],
            "weight_references": "25",
            "weight_accomplishments": "15",
        },
        follow=True,
    )

    engagement = Engagement.objects.get()
    assert engagement.status == EngagementStatus.DRAFT
    assert engagement.owner == procurement
    assert list(engagement.reviewers.all()) == [manager]
    assert engagement.weights["references"] == 25
    assert engagement.currency == "GBP"
    assert "saved as a draft" in response.text
    assert "Next: invite consultants" in response.text


def test_back_then_save_again_leads_to_the_draft_instead_of_a_duplicate(
    client, procurement, form_data
):
    """Chromium fetches the form again on Back: the second post is a fresh form page with
    the same answers."""
    client.force_login(procurement)
    first = client.post(reverse("engagements:create"), form_data)
    client.get(reverse("engagements:create"))  # Back: the form again

    again = client.post(reverse("engagements:create"), form_data, follow=True)

    engagement = Engagement.objects.get()
    assert first.url == again.redirect_chain[-1][0] == engagement.get_absolute_url()
    assert "You created this engagement a moment ago with the same details" in again.text
    assert "saved as a draft" not in again.text


def test_a_changed_create_form_makes_a_new_draft(client, procurement, form_data):
    client.force_login(procurement)

    client.post(reverse("engagements:create"), form_data)
    client.post(reverse("engagements:create"), {**form_data, "title": "A second round"})

    assert Engagement.objects.count() == 2


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"weight_references": "30"}, None, "The weights add up to 110%; they must total 100%."),
        ({"budget_max": "100"}, "budget_max", "The top of the budget must be at least its bottom."),
        ({"currency": "E1R"}, "currency", "Use a three-letter currency code"),
        ({"title": ""}, "title", "This field is required."),
        (
            {"target_market": "x" * 2001},
            "target_market",
            "1 character too long: the limit is 2,000.",
        ),
        ({"deadline": "2020-01-01T10:00"}, "deadline", "Choose a deadline in the future."),
        ({"references_required": "11"}, "references_required", "Ensure this value is less than"),
    ],
)
def test_bad_engagement_input_is_explained_and_nothing_typed_is_lost(
    client, procurement, form_data, changes, field, message
):
    client.force_login(procurement)

    response = client.post(reverse("engagements:create"), {**form_data, **changes})

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors[field or "__all__"][0].startswith(message)
    assert "Two hundred qualified demo requests a quarter" in response.text
    assert not Engagement.objects.exists()


def test_the_brief_is_shown_escaped(client, procurement, form_data):
    client.force_login(procurement)
    client.post(
        reverse("engagements:create"), {**form_data, "goals": "<img src=x onerror=alert(1)>"}
    )

    response = client.get(Engagement.objects.get().get_absolute_url())

    assert "<img src=x" not in response.text
    assert "&lt;img src=x onerror=alert(1)&gt;" in response.text


def test_the_owner_invites_from_the_directory_and_by_email_before_opening(client, procurement):
    engagement = EngagementFactory(owner=procurement)
    sofia = ConsultantFactory(name="Sofia Alvarez", location="Madrid")
    client.force_login(procurement)
    invite = reverse("engagements:invite", args=[engagement.pk])

    search = client.get(invite, {"q": "madrid"})
    assert "Sofia Alvarez" in search.text
    client.post(invite + "?q=madrid", {"consultant": sofia.pk})
    client.post(invite, {"invite_new": "1", "name": "Nadia Karim", "email": "Nadia@Karim.example"})

    invited = Submission.objects.filter(engagement=engagement)
    assert sorted(s.consultant.name for s in invited) == ["Nadia Karim", "Sofia Alvarez"]
    assert Invitation.objects.filter(email="nadia@karim.example").exists()
    assert mail.outbox == []  # a draft sends nothing yet
    assert "Sofia Alvarez" not in client.get(invite, {"q": "madrid"}).context["matches"]


def test_inviting_the_same_consultant_twice_says_so_and_creates_nothing(client, procurement):
    engagement = EngagementFactory(owner=procurement)
    sofia = ConsultantFactory(name="Sofia Alvarez")
    client.force_login(procurement)
    invite = reverse("engagements:invite", args=[engagement.pk])
    client.post(invite, {"consultant": sofia.pk})

    response = client.post(invite, {"consultant": sofia.pk}, follow=True)

    assert "Sofia Alvarez is already invited to this engagement." in response.text
    assert Submission.objects.filter(engagement=engagement).count() == 1


def test_a_bad_invitation_email_is_refused_next_to_the_field(client, procurement):
    engagement = EngagementFactory(owner=procurement)
    client.force_login(procurement)

    response = client.post(
        reverse("engagements:invite", args=[engagement.pk]),
        {"invite_new": "1", "name": "Nadia Karim", "email": "nadia at karim"},
    )

    assert response.context["new_form"].errors["email"] == ["Enter a valid email address."]
    assert 'value="Nadia Karim"' in response.text
    assert not Submission.objects.exists()


def test_opening_sends_the_prepared_invitations(
    client, procurement, django_capture_on_commit_callbacks
):
    engagement = EngagementFactory(owner=procurement)
    client.force_login(procurement)
    invite = reverse("engagements:invite", args=[engagement.pk])
    client.post(invite, {"invite_new": "1", "name": "Nadia Karim", "email": "nadia@karim.example"})

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("engagements:open", args=[engagement.pk]), follow=True)

    assert "The engagement is open. Invitations are on their way." in response.text
    assert [m.to for m in mail.outbox] == [["nadia@karim.example"]]
    assert "/invitations/" in mail.outbox[0].body


def test_opening_twice_is_refused_with_a_message(client, procurement):
    engagement = EngagementFactory(owner=procurement, status=EngagementStatus.OPEN)
    client.force_login(procurement)

    response = client.post(reverse("engagements:open", args=[engagement.pk]), follow=True)

    assert "Only a draft engagement can be opened." in response.text


def test_closing_stops_answers(client, procurement):
    engagement = EngagementFactory(owner=procurement, status=EngagementStatus.OPEN)
    client.force_login(procurement)

    client.post(reverse("engagements:close", args=[engagement.pk]))

    engagement.refresh_from_db()
    assert engagement.status == EngagementStatus.CLOSED
    assert engagement.accepts_answers is False


@pytest.mark.parametrize("status", [EngagementStatus.CLOSED, EngagementStatus.DECIDED])
@pytest.mark.parametrize("page", ["invite", "deadline", "edit"])
def test_a_closed_engagement_says_so_instead_of_offering_a_form(client, procurement, status, page):
    engagement = EngagementFactory(owner=procurement, status=status)
    client.force_login(procurement)

    response = client.get(reverse(f"engagements:{page}", args=[engagement.pk]))

    assert response.status_code == 200
    assert f"This engagement is {status}:" in response.text
    assert "cannot be reopened" in response.text
    assert reverse("engagements:ranking", args=[engagement.pk]) in response.text
    assert "<form" not in response.text.split("<main", 1)[-1].split("</main>", 1)[0]
    assert "invitations are emailed when you open it" not in response.text


def test_posting_to_a_closed_engagement_changes_nothing_and_says_why(client, procurement):
    engagement = EngagementFactory(owner=procurement, status=EngagementStatus.CLOSED)
    client.force_login(procurement)

    response = client.post(
        reverse("engagements:invite", args=[engagement.pk]),
        {"invite_new": "1", "name": "Nadia Karim", "email": "nadia@karim.example"},
    )

    assert response.status_code == 409
    assert "This engagement is closed:" in response.text
    assert not Submission.objects.filter(engagement=engagement).exists()


def test_the_invite_page_of_an_open_engagement_says_invitations_go_at_once(client, procurement):
    engagement = EngagementFactory(owner=procurement, status=EngagementStatus.OPEN)
    client.force_login(procurement)

    response = client.get(reverse("engagements:invite", args=[engagement.pk]))

    assert "each invitation is emailed at once" in response.text
    assert "is a draft" not in response.text


def test_the_owner_extends_the_deadline_but_not_backwards(client, procurement):
    engagement = EngagementFactory(owner=procurement, status=EngagementStatus.OPEN)
    client.force_login(procurement)
    url = reverse("engagements:deadline", args=[engagement.pk])
    earlier = (timezone.localtime(engagement.deadline) - timedelta(days=1)).strftime(
        "%Y-%m-%dT%H:%M"
    )
    later = (timezone.localtime(engagement.deadline) + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")

    refused = client.post(url, {"deadline": earlier})
    accepted = client.post(url, {"deadline": later})

    assert refused.context["form"].errors["deadline"] == [
        "The new deadline must be later than the current one."
    ]
    assert accepted.status_code == 302
    engagement.refresh_from_db()
    assert timezone.localtime(engagement.deadline).strftime("%Y-%m-%dT%H:%M") == later


def test_a_stale_edit_overwrites_nothing_and_is_one_clear_message(client, procurement, form_data):
    engagement = EngagementFactory(owner=procurement)
    client.force_login(procurement)
    url = reverse("engagements:edit", args=[engagement.pk])
    seen = engagement.version
    client.post(url, {**form_data, "title": "First tab", "version": seen})

    response = client.post(url, {**form_data, "title": "Second tab", "version": seen})

    engagement.refresh_from_db()
    assert engagement.title == "First tab"
    assert response.text.count("changed in another window or by someone else") == 1
    assert f"(by {procurement.display_name}, at " in response.text
    assert 'data-testid="stale-version"' in response.text
    assert "Some answers need fixing" not in response.text
    assert 'data-testid="weights-error"' not in response.text
    assert response.context["form"]["title"].value() == "Second tab"  # kept
    assert response.context["form"]["version"].value() == seen + 1  # saving again replaces


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_engagement_page_costs_the_same_queries_with_3_or_60_submissions(
    client, procurement, manager
):
    engagement = EngagementFactory(owner=procurement, status=EngagementStatus.OPEN)
    engagement.reviewers.add(manager)
    SubmissionFactory.create_batch(3, engagement=engagement)
    client.force_login(procurement)
    url = engagement.get_absolute_url()
    few = _queries(client, url)
    SubmissionFactory.create_batch(57, engagement=engagement)
    many = _queries(client, url)

    # user, user's groups, the engagement with owner and questionnaire, its
    # reviewers, the submissions with consultant, invitation and progress
    assert few == many == 5


def test_the_engagement_list_costs_the_same_queries_with_3_or_30_engagements(client, procurement):
    for _ in range(3):
        SubmissionFactory(engagement=EngagementFactory(owner=procurement))
    client.force_login(procurement)
    url = reverse("engagements:list")
    few = _queries(client, url)
    for _ in range(27):
        SubmissionFactory(engagement=EngagementFactory(owner=procurement))
    many = _queries(client, url)

    # user, user's groups, the engagements with owner and pipeline counts
    assert few == many == 3


def test_a_reviewer_sees_the_engagement_but_no_owner_actions(client, procurement, manager):
    engagement = EngagementFactory(owner=procurement)
    engagement.reviewers.add(manager)
    client.force_login(manager)

    response = client.get(engagement.get_absolute_url())

    assert response.status_code == 200
    assert "Invite consultants" not in response.text
    assert "Open engagement" not in response.text


def test_other_procurement_users_do_not_see_each_others_rounds(client, procurement):
    EngagementFactory(owner=procurement, title="Mine")
    other = UserFactory(role=Role.PROCUREMENT)
    client.force_login(other)

    response = client.get(reverse("engagements:list"))

    assert "Mine" not in response.text
    assert "No engagements yet" in response.text


@pytest.mark.parametrize(
    ("field", "value"),
    [("reviewers", str(2**80)), ("questionnaire", str(2**80)), ("reviewers", "abc")],
)
def test_an_impossible_id_is_an_invalid_choice_not_a_server_error(
    client, procurement, form_data, field, value
):
    client.force_login(procurement)

    response = client.post(reverse("engagements:create"), {**form_data, field: value})

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Engagement.objects.exists()


def test_an_impossible_service_id_on_a_profile_is_refused(client, consultant):
    client.force_login(consultant)
    profile = consultant.consultant

    response = client.post(
        reverse("consultants:edit", args=[profile.pk]),
        {"name": "Clara", "email": "c@x.example", "version": 1, "services_offered": str(2**80)},
    )

    assert response.status_code == 200
    assert "services_offered" in response.context["form"].errors


# One pipeline vocabulary on home, the engagements list and the engagement's page


def _round_with_every_stage(owner, manager) -> Engagement:
    """One consultant invited, two in progress, one submitted, two under review, one
    rejected and one withdrawn."""
    engagement = EngagementFactory(
        owner=owner, status=EngagementStatus.OPEN, opened_at=timezone.now()
    )
    engagement.reviewers.add(manager)
    statuses = ["invited", "in_progress", "in_progress", "submitted", "under_review"]
    statuses += ["under_review", "rejected", "withdrawn"]
    for status in statuses:
        SubmissionFactory(engagement=engagement, status=status)
    return engagement


PIPELINE_LINE = "1 invited · 2 in progress · 1 submitted · 2 under review · 1 decided · 1 withdrawn"


def _pipeline_lines(html: str) -> list[str]:
    found = re.findall(r'<ul class="list-inline mb-0" data-testid="pipeline">(.*?)</ul>', html)
    return [" ".join(re.sub(r"<[^>]+>", " ", line).split()) for line in found]


def test_home_the_list_and_the_engagement_page_count_the_pipeline_alike(
    client, procurement, manager
):
    engagement = _round_with_every_stage(procurement, manager)
    client.force_login(procurement)

    home = client.get(reverse("procurement_home"))
    listed = client.get(reverse("engagements:list"))
    detail = client.get(engagement.get_absolute_url())

    [on_home] = home.context["engagements"]
    [on_list] = listed.context["engagements"]
    assert on_home.pipeline == on_list.pipeline == detail.context["pipeline"]
    assert _pipeline_lines(detail.text) == [PIPELINE_LINE]
    assert PIPELINE_LINE in _pipeline_lines(listed.text)  # (for narrow screens)
    headers = re.findall(
        r'<th scope="col" class="text-end small d-none d-xl-table-cell"[^>]*>([^<]+)<', listed.text
    )
    assert headers == [stage.label for stage in STAGES]


def test_the_waiting_note_leaves_the_withdrawn_out_of_the_count(client, procurement, manager):
    engagement = _round_with_every_stage(procurement, manager)
    client.force_login(procurement)

    html = client.get(engagement.get_absolute_url()).text

    # 8 invited, 1 withdrew: 7 in the round, of whom 3 have not handed in their answers
    assert "Waiting for answers from 3 of 7 consultants (1 withdrew)." in html


def test_once_everyone_left_has_submitted_the_note_points_to_the_ranking(client, procurement):
    engagement = EngagementFactory(
        owner=procurement, status=EngagementStatus.OPEN, opened_at=timezone.now()
    )
    for status in ("submitted", "under_review", "withdrawn"):
        SubmissionFactory(engagement=engagement, status=status)
    client.force_login(procurement)

    html = client.get(engagement.get_absolute_url()).text

    assert "Every consultant still in the round has submitted" in html
    assert "Waiting for answers" not in html
