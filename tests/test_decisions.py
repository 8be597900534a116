"""Decisions: the rules of `decision_record` one by one, the consultant's neutral outcome
email, the history, the decide page, and that a refused decision records nothing."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from tests.factories import (
    EngagementFactory,
    FlagFactory,
    SubmissionFactory,
    UserFactory,
    submitted_quickly,
)
from vetting.concurrency import StaleVersionError
from vetting.models import (
    Decision,
    Engagement,
    EngagementStatus,
    Flag,
    ScoreCard,
    Submission,
    SubmissionStatus,
    User,
)
from vetting.roles import Role
from vetting.services import (
    ServiceError,
    decision_record,
    engagement_close,
    flag_clear,
    scorecards_recompute,
)
from vetting.tasks import send_decision_outcome

pytestmark = pytest.mark.django_db

FOUND, FORBIDDEN, MISSING = 302, 403, 404
TITLE = "Social marketing for the Ledgerly launch"
RATIONALE = "Strongest measured results; both references confirmed the pipeline figures."
HOLD_MESSAGE = "The referee's email domain was registered the week before the check."
HOLD_BLOCKED = (
    "1 hold flag (suspected reference fraud) must be cleared by a manager before this "
    "consultant can be shortlisted or selected."
)


@pytest.fixture
def engagement(procurement: User, manager: User) -> Engagement:
    """An open round owned by `procurement` and reviewed by `manager`."""
    round_ = EngagementFactory(
        owner=procurement, title=TITLE, status=EngagementStatus.OPEN, opened_at=timezone.now()
    )
    round_.reviewers.add(manager)
    return round_


@pytest.fixture
def clara(engagement: Engagement, consultant: User) -> Submission:
    """Clara's scored self-assessment, with a red flag (more years for clients than in
    social media at all)."""
    submission = submitted_quickly(
        engagement, consultant=consultant.consultant, years_social=3, years_clients=5
    )
    scorecards_recompute([submission.pk])
    return submission


@pytest.fixture
def hold(clara: Submission) -> Flag:
    return FlagFactory(
        reference_check__submission=clara,
        hold=True,
        code="referee_domain_new",
        severity="high",
        message=HOLD_MESSAGE,
    )


@pytest.fixture
def record(
    procurement: User, django_capture_on_commit_callbacks: Callable[..., Any]
) -> Callable[..., Decision]:
    """`decision_record` by the owner, with the outcome email sent as it would be after the
    commit."""

    def call(submission: Submission, outcome: str, **kwargs: Any) -> Decision:
        kwargs.setdefault("by", procurement)
        kwargs.setdefault("rationale", RATIONALE)
        with django_capture_on_commit_callbacks(execute=True):
            return decision_record(submission=submission, outcome=outcome, **kwargs)

    return call


def outcome_emails(submission: Submission) -> list[mail.EmailMessage]:
    return [m for m in mail.outbox if m.to == [submission.consultant.email]]


# The rules of decision_record


def test_recording_a_decision_keeps_outcome_rationale_approver_and_who(
    record, clara, procurement, manager
):
    decision = record(clara, "shortlisted", approver=manager)

    decision.refresh_from_db()
    clara.refresh_from_db()
    assert decision.outcome == "shortlisted"
    assert decision.rationale == RATIONALE
    assert decision.approver == manager
    assert decision.decided_by == procurement
    assert clara.status == SubmissionStatus.SHORTLISTED


def test_the_approver_is_whoever_decides_unless_named(record, clara, procurement):
    assert record(clara, "rejected").approver == procurement


@pytest.mark.parametrize("who", ["manager", "other_procurement"])
def test_only_the_engagement_owner_records_a_decision(record, clara, request, who):
    with pytest.raises(PermissionDenied):
        record(clara, "rejected", by=request.getfixturevalue(who))

    assert not Decision.objects.exists()


@pytest.mark.parametrize("rationale", ["", "   \n  "])
def test_a_rationale_is_required(record, clara, rationale):
    with pytest.raises(ServiceError, match="Write the rationale"):
        record(clara, "rejected", rationale=rationale)

    assert not Decision.objects.exists()


def test_the_rationale_is_kept_without_surrounding_spaces(record, clara):
    assert record(clara, "rejected", rationale=f"  {RATIONALE}\n").rationale == RATIONALE


@pytest.mark.parametrize("approver", ["consultant", "outsider"])
def test_the_approver_must_be_procurement_or_a_manager(record, clara, request, approver):
    with pytest.raises(ServiceError, match="procurement or manager colleague"):
        record(clara, "selected", approver=request.getfixturevalue(approver))

    assert not Decision.objects.exists()


def test_a_manager_or_another_procurement_colleague_may_approve(record, clara, manager):
    colleague = UserFactory(role=Role.PROCUREMENT)

    assert record(clara, "shortlisted", approver=manager).approver == manager
    assert record(clara, "selected", approver=colleague).approver == colleague


def test_an_unknown_outcome_is_refused(record, clara):
    with pytest.raises(ServiceError, match="Choose shortlist, select or reject"):
        record(clara, "maybe")


@pytest.mark.parametrize(
    "status", [SubmissionStatus.INVITED, SubmissionStatus.IN_PROGRESS, SubmissionStatus.WITHDRAWN]
)
def test_only_a_submitted_self_assessment_can_be_decided(record, engagement, status):
    draft = SubmissionFactory(engagement=engagement, status=status)

    with pytest.raises(ServiceError, match="Only a submitted self-assessment"):
        record(draft, "rejected")

    draft.refresh_from_db()
    assert draft.status == status


@pytest.mark.parametrize("outcome", ["shortlisted", "selected"])
def test_an_uncleared_hold_blocks_shortlisting_and_selecting(record, clara, hold, outcome):
    with pytest.raises(ServiceError) as refused:
        record(clara, outcome)

    assert str(refused.value) == HOLD_BLOCKED
    clara.refresh_from_db()
    assert clara.status == SubmissionStatus.SUBMITTED
    assert not Decision.objects.exists()
    assert outcome_emails(clara) == []


def test_the_hold_message_counts_every_hold(record, clara, hold):
    FlagFactory(reference_check__submission=clara, hold=True, code="referee_is_relative")

    with pytest.raises(ServiceError, match=r"^2 hold flags \(suspected reference fraud\)"):
        record(clara, "selected")


def test_a_consultant_on_hold_can_still_be_rejected(record, clara, hold):
    decision = record(clara, "rejected")

    assert decision.outcome == "rejected"
    clara.refresh_from_db()
    assert clara.status == SubmissionStatus.REJECTED


def test_a_manager_clearing_the_hold_allows_selection(record, clara, hold, manager):
    flag_clear(flag=hold, by=manager, note="Called the referee's company: the person is real.")

    assert record(clara, "selected").outcome == "selected"


def test_a_stale_form_cannot_overwrite_a_newer_decision(record, clara):
    first = record(clara, "shortlisted")
    record(clara, "selected", expected_version=first.version)

    with pytest.raises(StaleVersionError):
        record(clara, "rejected", expected_version=first.version)

    assert Decision.objects.get().outcome == "selected"


# The outcome email and the history


def test_the_consultant_gets_a_neutral_outcome_email(record, clara, hold):
    card = ScoreCard.objects.get(submission=clara)
    assert card.red_flags  # a red flag and a hold the email must not mention

    record(clara, "rejected")

    [email] = outcome_emails(clara)
    html = email.alternatives[0][0]
    assert TITLE in email.body
    assert "decided not to take your application further" in email.body
    for part in (email.subject, email.body, html):
        text = part.replace(settings.SITE_URL, "").lower()
        assert "score" not in text
        assert "flag" not in text
        assert "hold" not in text
        assert "fraud" not in text
        assert RATIONALE.lower() not in text
        assert HOLD_MESSAGE.lower() not in text
        assert f"{card.total:.0f}" not in text
        for flag in card.data["flags"]:
            assert flag["message"].lower() not in text


@pytest.mark.parametrize(
    ("outcome", "subject"),
    [
        ("shortlisted", f'You are on the shortlist: "{TITLE}"'),
        ("selected", f'You are selected: "{TITLE}"'),
        ("rejected", f'An update: "{TITLE}"'),
    ],
)
def test_the_email_subject_says_the_outcome_only(record, clara, outcome, subject):
    record(clara, outcome)

    assert [m.subject for m in outcome_emails(clara)] == [subject]


def test_changing_the_decision_sends_one_more_email_and_keeps_the_history(record, clara, manager):
    record(clara, "shortlisted", rationale="On the shortlist for the pitch.")
    record(clara, "selected", rationale="Best pitch of the three.", approver=manager)

    assert [m.subject.split(":")[0] for m in outcome_emails(clara)] == [
        "You are on the shortlist",
        "You are selected",
    ]
    decision = Decision.objects.get(submission=clara)
    assert decision.version == 2
    history = list(decision.history.order_by("history_date", "history_id"))
    assert [(h.outcome, h.rationale) for h in history] == [
        ("shortlisted", "On the shortlist for the pitch."),
        ("selected", "Best pitch of the three."),
    ]
    assert [h.history_user for h in history] == [clara.engagement.owner] * 2
    assert history[-1].approver_id == manager.pk


def test_changing_back_to_an_earlier_outcome_tells_the_consultant_again(record, clara):
    record(clara, "shortlisted")
    record(clara, "rejected")
    record(clara, "shortlisted")

    assert [m.subject.split(":")[0] for m in outcome_emails(clara)] == [
        "You are on the shortlist",
        "An update",
        "You are on the shortlist",
    ]


def test_rewording_the_rationale_sends_no_second_email(record, clara):
    record(clara, "rejected")
    record(clara, "rejected", rationale="No measured results for B2B clients.")

    assert len(outcome_emails(clara)) == 1
    assert Decision.objects.get().history.count() == 2


def test_the_outcome_email_is_sent_once_however_often_the_task_runs(record, clara):
    record(clara, "selected")

    assert send_decision_outcome(clara.pk, "selected") is False
    assert send_decision_outcome(clara.pk, "selected") is False
    assert len(outcome_emails(clara)) == 1


def test_an_outdated_outcome_email_is_not_sent(record, clara):
    record(clara, "shortlisted")
    record(clara, "rejected")

    # a retry of the first task, arriving after the change
    assert send_decision_outcome(clara.pk, "shortlisted") is False
    assert len(outcome_emails(clara)) == 2


# When the engagement becomes decided


@pytest.fixture
def otto(engagement: Engagement, other_consultant: User) -> Submission:
    submission = submitted_quickly(engagement, consultant=other_consultant.consultant)
    scorecards_recompute([submission.pk])
    return submission


@pytest.fixture
def bystanders(engagement: Engagement) -> None:
    """An invited consultant who never started and one who withdrew: neither needs a
    decision."""
    SubmissionFactory(engagement=engagement)
    SubmissionFactory(
        engagement=engagement, status=SubmissionStatus.WITHDRAWN, withdrawn_at=timezone.now()
    )


def status_of(engagement: Engagement) -> str:
    engagement.refresh_from_db()
    return engagement.status


def test_an_open_engagement_stays_open_when_everyone_is_decided(record, engagement, clara, otto):
    record(clara, "selected")
    record(otto, "rejected")

    assert status_of(engagement) == EngagementStatus.OPEN


def test_a_closed_engagement_is_decided_with_its_last_decision(
    record, engagement, procurement, clara, otto, bystanders
):
    engagement_close(engagement=engagement, by=procurement)

    record(clara, "selected")
    assert status_of(engagement) == EngagementStatus.CLOSED

    record(otto, "rejected")
    assert status_of(engagement) == EngagementStatus.DECIDED


def test_closing_an_engagement_where_everyone_is_decided_marks_it_decided(
    record, engagement, procurement, clara, otto, bystanders
):
    record(clara, "selected")
    record(otto, "rejected")

    engagement_close(engagement=engagement, by=procurement)

    assert status_of(engagement) == EngagementStatus.DECIDED


def test_closing_with_someone_undecided_leaves_the_engagement_closed(
    record, engagement, procurement, clara, otto
):
    record(clara, "selected")

    engagement_close(engagement=engagement, by=procurement)

    assert status_of(engagement) == EngagementStatus.CLOSED


def test_closing_an_engagement_nobody_submitted_to_does_not_decide_it(
    engagement, procurement, bystanders
):
    engagement_close(engagement=engagement, by=procurement)

    assert status_of(engagement) == EngagementStatus.CLOSED


# The decide page


def decide_url(submission: Submission) -> str:
    return reverse("submissions:decide", args=[submission.pk])


def test_the_decide_form_records_the_decision_and_returns_to_the_ranking(
    client, procurement, manager, clara, django_capture_on_commit_callbacks
):
    client.force_login(procurement)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            decide_url(clara),
            {"outcome": "shortlisted", "rationale": RATIONALE, "approver": manager.pk},
            follow=True,
        )

    assert response.redirect_chain == [
        (reverse("engagements:ranking", args=[clara.engagement_id]), FOUND)
    ]
    assert f"Decision recorded for {clara.consultant.name}." in response.text
    decision = Decision.objects.get(submission=clara)
    assert (decision.outcome, decision.approver) == ("shortlisted", manager)
    assert len(outcome_emails(clara)) == 1


def test_the_decide_form_without_a_rationale_records_nothing(client, procurement, clara):
    client.force_login(procurement)

    response = client.post(decide_url(clara), {"outcome": "selected", "approver": procurement.pk})

    assert response.status_code == 422
    assert "This field is required." in response.text
    assert not Decision.objects.exists()


def test_the_decide_form_offers_only_procurement_and_managers_as_approvers(
    client, procurement, manager, consultant, outsider, clara
):
    client.force_login(procurement)

    response = client.post(
        decide_url(clara), {"outcome": "rejected", "rationale": RATIONALE, "approver": outsider.pk}
    )

    assert response.status_code == 422
    offered = set(response.context["form"].fields["approver"].queryset)
    assert {procurement, manager} <= offered
    assert not offered & {consultant, outsider}
    assert not Decision.objects.exists()


def test_the_decide_page_shows_the_holds_and_refuses_selection(client, procurement, clara, hold):
    client.force_login(procurement)

    page = client.get(decide_url(clara))
    refused = client.post(
        decide_url(clara),
        {"outcome": "selected", "rationale": RATIONALE, "approver": procurement.pk},
    )

    assert escape(HOLD_MESSAGE) in page.text
    assert 'data-testid="holds"' in page.text
    assert refused.status_code == 422
    assert HOLD_BLOCKED in refused.text
    assert not Decision.objects.exists()


def test_the_decide_page_shows_the_current_decision(client, record, procurement, clara):
    record(clara, "shortlisted")
    client.force_login(procurement)

    response = client.get(decide_url(clara))

    assert "Current decision: <strong>Shortlist</strong>" in response.text
    assert response.context["form"].initial["rationale"] == RATIONALE


def test_a_first_decision_expecting_none_is_refused_once_someone_decided(record, clara):
    record(clara, "selected", expected_version=0)

    with pytest.raises(StaleVersionError, match=r"changed .* \(by "):
        record(clara, "rejected", expected_version=0)

    assert Decision.objects.get().outcome == "selected"
    assert len(outcome_emails(clara)) == 1


def test_a_second_tab_deciding_for_the_first_time_is_told_and_overwrites_nothing(
    client, procurement, clara, django_capture_on_commit_callbacks
):
    client.force_login(procurement)
    first_tab = client.get(decide_url(clara)).context["form"]["version"].value()
    second_tab = client.get(decide_url(clara)).context["form"]["version"].value()
    typed = "Weak on B2B; no measured results."

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            decide_url(clara),
            {
                "outcome": "selected",
                "rationale": RATIONALE,
                "approver": procurement.pk,
                "version": first_tab,
            },
        )
        refused = client.post(
            decide_url(clara),
            {
                "outcome": "rejected",
                "rationale": typed,
                "approver": procurement.pk,
                "version": second_tab,
            },
        )

    assert refused.status_code == 409
    assert "Current decision: <strong>Select</strong>" in refused.text
    assert refused.text.count('data-testid="stale-version"') == 1
    assert "Some answers need fixing" not in refused.text
    assert refused.context["form"]["rationale"].value() == typed  # what they typed is kept
    assert Decision.objects.get().outcome == "selected"
    assert len(outcome_emails(clara)) == 1


def test_the_api_refuses_a_first_decision_expecting_none_but_skips_the_check_without_one(
    procurement, clara, django_capture_on_commit_callbacks
):
    api = APIClient()
    api.force_authenticate(procurement)
    url = "/api/v1/decisions/"
    body = {"submission": clara.pk, "outcome": "selected", "rationale": RATIONALE, "version": 0}

    def post(data: dict[str, Any]) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return api.post(url, data, format="json")

    made = post(body)
    refused = post({**body, "outcome": "rejected"})
    unchecked = post({**body, "outcome": "shortlisted", "version": None})

    assert (made.status_code, refused.status_code, unchecked.status_code) == (201, 409, 200)
    assert "changed in another window" in refused.json()["detail"]
    assert Decision.objects.get().outcome == "shortlisted"
    assert len(outcome_emails(clara)) == 2  # selected, then shortlisted: never rejected


@pytest.mark.parametrize(
    "who", ["other_procurement", "unassigned_manager", "consultant", "outsider", "nobody"]
)
def test_the_api_answers_404_for_a_submission_the_user_cannot_see(request, clara, procurement, who):
    """As for every other object the user may not see: 404, the same as for no such id
    (a 400 "No such submission" told them apart from objects that do not exist at all)."""
    users = {
        "other_procurement": UserFactory(role=Role.PROCUREMENT),
        "unassigned_manager": UserFactory(role=Role.MANAGER),
        "nobody": procurement,  # the owner, naming a submission that does not exist
    }
    user = users.get(who) or request.getfixturevalue(who)
    api = APIClient()
    api.force_authenticate(user)
    submission = clara.pk if who != "nobody" else clara.pk + 1000

    response = api.post(
        "/api/v1/decisions/",
        {"submission": submission, "outcome": "rejected", "rationale": RATIONALE},
        format="json",
    )

    assert response.status_code == MISSING
    assert response.json() == {"detail": "No Submission matches the given query."}
    assert not Decision.objects.exists()


def test_saving_again_after_a_stale_refusal_replaces_the_decision_deliberately(
    client, record, procurement, clara
):
    record(clara, "selected")
    client.force_login(procurement)
    data = {"outcome": "rejected", "rationale": RATIONALE, "approver": procurement.pk}

    refused = client.post(decide_url(clara), {**data, "version": 0})
    again = client.post(
        decide_url(clara), {**data, "version": refused.context["form"]["version"].value()}
    )

    assert again.status_code == FOUND
    assert Decision.objects.get().outcome == "rejected"


def test_rewording_only_the_rationale_says_no_email_is_sent(client, record, procurement, clara):
    decision = record(clara, "rejected")
    client.force_login(procurement)

    response = client.post(
        decide_url(clara),
        {
            "outcome": "rejected",
            "rationale": "Reworded.",
            "approver": procurement.pk,
            "version": decision.version,
        },
        follow=True,
    )

    assert "The outcome is unchanged, so the consultant is not emailed again." in response.text
    assert "They receive a short, neutral email" not in response.text
    assert len(outcome_emails(clara)) == 1


# A refused decision records nothing (who may open the decide, ranking, compare and home
# pages is in tests/permission_matrix.py)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("manager", FORBIDDEN),  # on the panel
        ("other_procurement", MISSING),
        ("consultant", MISSING),  # even on their own submission
        ("other_consultant", MISSING),
        ("outsider", MISSING),
    ],
)
def test_nobody_but_the_owner_can_post_a_decision(client, request, clara, role, expected):
    user = request.getfixturevalue(role)
    client.force_login(user)

    response = client.post(
        decide_url(clara), {"outcome": "rejected", "rationale": RATIONALE, "approver": user.pk}
    )

    assert response.status_code == expected
    assert not Decision.objects.exists()
