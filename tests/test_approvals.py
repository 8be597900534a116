"""Routed approvals of decisions: a round's route (set by its owner, of its organisation's
people, fixed while a decision waits on it), the steps answered in order by their approvers
only, the decision taking effect (and the consultant told) only when the last step approves,
rejection, changes requested then resubmitted, holds, the emails, the audit trail, the "My
approvals" queue and the API."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from tests.factories import (
    EngagementFactory,
    FlagFactory,
    UserFactory,
    submitted_quickly,
)
from vetting.audit import engagement_audit
from vetting.concurrency import StaleVersionError
from vetting.models import (
    Approval,
    ApprovalState,
    Decision,
    Engagement,
    EngagementStatus,
    Submission,
    SubmissionStatus,
    User,
)
from vetting.roles import Role
from vetting.services import (
    ServiceError,
    decision_block_for_hold,
    decision_record,
    scorecards_recompute,
)
from vetting.services.approvals import approval_act, approval_route_set

pytestmark = pytest.mark.django_db

RATIONALE = "Strongest measured results; both references confirmed the pipeline figures."


@pytest.fixture
def lead(db: None) -> User:
    return UserFactory(
        email="lead@example.com", first_name="Lena", last_name="Lead", role=Role.PROCUREMENT
    )


@pytest.fixture
def budget(db: None) -> User:
    return UserFactory(
        email="budget@example.com", first_name="Bo", last_name="Budget", role=Role.MANAGER
    )


@pytest.fixture
def engagement(procurement: User, lead: User, budget: User) -> Engagement:
    """A closed round owned by `procurement`, with a two-step route: the procurement lead,
    then the budget holder (neither on its panel)."""
    round_ = EngagementFactory(
        owner=procurement,
        title="Ledgerly launch",
        status=EngagementStatus.OPEN,
        opened_at=timezone.now(),
    )
    approval_route_set(
        engagement=round_,
        by=procurement,
        steps=[("Procurement lead", lead), ("Budget holder", budget)],
    )
    return round_


@pytest.fixture
def clara(engagement: Engagement, consultant: User) -> Submission:
    submission = submitted_quickly(engagement, consultant=consultant.consultant)
    scorecards_recompute([submission.pk])
    return submission


@pytest.fixture
def run(django_capture_on_commit_callbacks: Callable[..., Any]) -> Callable[..., Any]:
    """Call a service with its after-commit effects (the emails) run."""

    def call(service: Callable[..., Any], **kwargs: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return call


@pytest.fixture
def decide(run: Callable[..., Any], procurement: User) -> Callable[..., Any]:
    def call(submission: Submission, outcome: str = "selected", **kwargs: Any) -> Any:
        kwargs.setdefault("rationale", RATIONALE)
        return run(
            decision_record, submission=submission, by=procurement, outcome=outcome, **kwargs
        )

    return call


@pytest.fixture
def act(run: Callable[..., Any]) -> Callable[..., Any]:
    def call(approval: Approval, by: User, answer: str = "approved", note: str = "") -> Any:
        approval = Approval.objects.get(pk=approval.pk)
        return run(approval_act, approval=approval, by=by, answer=answer, note=note)

    return call


def sent_to(address: str) -> list[str]:
    return [m.subject for m in mail.outbox if address in m.to]


# --- The route ------------------------------------------------------------------------------


def test_a_decision_in_a_routed_round_waits_for_its_first_approver(
    decide: Callable[..., Any], clara: Submission, lead: User, consultant: User
) -> None:
    approval = decide(clara, agreed_price=Decimal("4200"))
    assert isinstance(approval, Approval)
    assert approval.state == ApprovalState.PENDING and approval.step == 1
    clara.refresh_from_db()
    assert clara.status == SubmissionStatus.SUBMITTED
    assert not Decision.objects.filter(submission=clara).exists()
    assert sent_to(lead.email) == [
        'Your approval is needed: select Clara Okafor ("Ledgerly launch")'
    ]
    assert sent_to(consultant.email) == []
    assert list(Approval.objects.waiting_on(lead)) == [approval]


def test_steps_answer_in_order_and_the_consultant_learns_the_outcome_only_at_the_end(
    decide: Callable[..., Any],
    act: Callable[..., Any],
    clara: Submission,
    lead: User,
    budget: User,
    consultant: User,
    procurement: User,
) -> None:
    approval = decide(clara)
    with pytest.raises(PermissionDenied):  # step 2's approver cannot act on step 1
        act(approval, budget)
    approval = act(approval, lead, note="Fits the brief.")
    assert approval.step == 2 and approval.state == ApprovalState.PENDING
    assert sent_to(budget.email) and sent_to(consultant.email) == []
    assert not Decision.objects.filter(submission=clara).exists()
    with pytest.raises(PermissionDenied):  # step 1's approver is done
        act(approval, lead)
    approval = act(approval, budget)
    assert approval.state == ApprovalState.APPROVED
    clara.refresh_from_db()
    assert clara.status == SubmissionStatus.SELECTED
    decision = Decision.objects.get(submission=clara)
    assert (decision.decided_by, decision.approver, decision.rationale) == (
        procurement,
        budget,
        RATIONALE,
    )
    assert approval.decision == decision
    assert sent_to(consultant.email) == ['You are selected: "Ledgerly launch"']
    assert sent_to(procurement.email) == [
        'Approved: your decision on Clara Okafor took effect ("Ledgerly launch")'
    ]


def test_a_rejection_ends_the_route_and_nothing_takes_effect(
    decide: Callable[..., Any],
    act: Callable[..., Any],
    clara: Submission,
    lead: User,
    budget: User,
    consultant: User,
    procurement: User,
) -> None:
    approval = decide(clara)
    with pytest.raises(ServiceError, match="Write a note"):
        act(approval, lead, "rejected")
    approval = act(approval, lead, "rejected", "Over budget for this quarter.")
    assert approval.state == ApprovalState.REJECTED and approval.closed_at
    clara.refresh_from_db()
    assert clara.status == SubmissionStatus.SUBMITTED
    assert not Decision.objects.filter(submission=clara).exists()
    assert sent_to(consultant.email) == [] and sent_to(budget.email) == []
    [told] = [m for m in mail.outbox if procurement.email in m.to]
    assert told.subject.startswith("Rejected: your decision on Clara Okafor")
    assert "Over budget for this quarter." in told.body
    # A new decision starts a new route from step 1.
    again = decide(clara, "shortlisted")
    assert again.pk != approval.pk and again.step == 1 and again.round == 1


def test_changes_requested_then_resubmitted_restarts_the_route_keeping_the_history(
    decide: Callable[..., Any],
    act: Callable[..., Any],
    clara: Submission,
    lead: User,
    budget: User,
    consultant: User,
    procurement: User,
) -> None:
    approval = decide(clara, agreed_price=Decimal("9000"))
    approval = act(approval, lead)
    with pytest.raises(ServiceError, match="say what the decider should change"):
        act(approval, budget, "changes")
    approval = act(approval, budget, "changes", "Agree 7,500 or shortlist instead.")
    assert approval.state == ApprovalState.CHANGES
    [told] = [m for m in mail.outbox if procurement.email in m.to]
    assert "Agree 7,500 or shortlist instead." in told.body
    mail.outbox.clear()
    amended = decide(clara, agreed_price=Decimal("7500"), rationale="Agreed 7,500 on a call.")
    assert amended.pk == approval.pk
    assert (amended.state, amended.step, amended.round) == (ApprovalState.PENDING, 1, 2)
    assert amended.agreed_price == Decimal("7500")
    assert sent_to(lead.email)  # step 1 is asked again
    act(amended, lead)
    done = act(amended, budget)
    assert done.state == ApprovalState.APPROVED
    answers = [(a.round, a.step, a.answer) for a in done.actions.all()]
    assert answers == [
        (1, 1, "approved"),
        (1, 2, "changes"),
        (2, 1, "approved"),
        (2, 2, "approved"),
    ]
    decision = Decision.objects.get(submission=clara)
    assert (decision.agreed_price, decision.rationale) == (
        Decimal("7500"),
        "Agreed 7,500 on a call.",
    )
    assert sent_to(consultant.email) == ['You are selected: "Ledgerly launch"']


def test_a_decision_waiting_for_approval_cannot_be_recorded_again(
    decide: Callable[..., Any], clara: Submission
) -> None:
    decide(clara)
    with pytest.raises(ServiceError, match="already waiting for approval"):
        decide(clara, "rejected")


def test_two_tabs_cannot_answer_the_same_step_twice(
    decide: Callable[..., Any], clara: Submission, lead: User
) -> None:
    approval = decide(clara)
    seen = approval.version
    approval_act(approval=approval, by=lead, answer="approved", expected_version=seen)
    stale = Approval.objects.get(pk=approval.pk)
    with pytest.raises(StaleVersionError):
        approval_act(approval=stale, by=lead, answer="approved", expected_version=seen)
    assert stale.actions.count() == 1


def test_a_tab_opened_before_the_step_was_answered_shows_the_approval_as_it_stands(
    decide: Callable[..., Any], clara: Submission, lead: User, client: Any
) -> None:
    approval = decide(clara)
    opened = approval.version
    approval_act(approval=approval, by=lead, answer="approved", expected_version=opened)
    client.force_login(lead)

    response = client.post(
        reverse("approvals:answer", args=[approval.pk]),
        {"answer": "approved", "note": "", "version": opened},
        follow=True,
    )

    assert response.redirect_chain == [(reverse("approvals:detail", args=[approval.pk]), 302)]
    assert "moved on after your page was opened" in response.content.decode()
    assert Approval.objects.get(pk=approval.pk).actions.count() == 1


def test_a_hold_blocks_approving_a_selection_at_every_step(
    decide: Callable[..., Any],
    act: Callable[..., Any],
    run: Callable[..., Any],
    procurement: User,
    clara: Submission,
    lead: User,
    budget: User,
    consultant: User,
) -> None:
    approval = decide(clara)
    approval = act(approval, lead)
    mail.outbox.clear()
    FlagFactory(reference_check__submission=clara, hold=True, code="referee_domain_new")
    # The rules call this in the transaction that raised the hold: the current approver
    # and the decider are told that the route is blocked.
    run(decision_block_for_hold, submission=clara)
    blocked = "Blocked: a hold on Clara Okafor stops the approval of the select decision"
    assert sent_to(budget.email) == sent_to(procurement.email) == [blocked]
    with pytest.raises(ServiceError, match="The route is blocked: 1 hold flag"):
        act(approval, budget)
    assert Approval.objects.get(pk=approval.pk).step == 2
    assert not Decision.objects.filter(submission=clara).exists()
    assert sent_to(consultant.email) == []
    # Rejecting stays possible.
    assert act(approval, budget, "rejected", "Not with a hold.").state == ApprovalState.REJECTED


def test_a_selection_is_refused_when_recorded_while_a_hold_stands(
    decide: Callable[..., Any], clara: Submission
) -> None:
    FlagFactory(reference_check__submission=clara, hold=True, code="referee_domain_new")
    with pytest.raises(ServiceError, match="hold flag"):
        decide(clara)
    assert not Approval.objects.exists()


def test_the_route_cannot_change_while_a_decision_waits_on_it(
    decide: Callable[..., Any],
    act: Callable[..., Any],
    clara: Submission,
    engagement: Engagement,
    procurement: User,
    lead: User,
) -> None:
    approval = decide(clara)
    with pytest.raises(ServiceError, match="A decision is waiting on this route"):
        approval_route_set(engagement=engagement, by=procurement, steps=[("Lead", lead)])
    act(approval, lead, "rejected", "No.")
    approval_route_set(engagement=engagement, by=procurement, steps=[("Lead", lead)])
    assert [s.label for s in engagement.approval_steps.all()] == ["Lead"]


def test_a_route_takes_people_of_the_rounds_organisation_only(
    engagement: Engagement, procurement: User, other_procurement: User
) -> None:
    from vetting.models import Membership
    from vetting.services.organisations import organisation_create

    Membership.objects.filter(user=other_procurement).delete()
    organisation_create(name="Rival Retail", by=other_procurement)
    with pytest.raises(ServiceError, match="member of the round's organisation"):
        approval_route_set(
            engagement=engagement, by=procurement, steps=[("Lead", other_procurement)]
        )
    with pytest.raises(PermissionDenied):
        approval_route_set(engagement=engagement, by=other_procurement, steps=[])


def test_without_a_route_a_decision_takes_effect_at_once(
    decide: Callable[..., Any],
    clara: Submission,
    engagement: Engagement,
    procurement: User,
    consultant: User,
) -> None:
    approval_route_set(engagement=engagement, by=procurement, steps=[])
    decision = decide(clara)
    assert isinstance(decision, Decision)
    assert not Approval.objects.exists()
    assert sent_to(consultant.email) == ['You are selected: "Ledgerly launch"']


# --- Audit trail ---------------------------------------------------------------------------


def test_the_audit_trail_tells_the_route_step_by_step(
    decide: Callable[..., Any],
    act: Callable[..., Any],
    clara: Submission,
    engagement: Engagement,
    lead: User,
    budget: User,
    procurement: User,
) -> None:
    approval = decide(clara)
    act(approval, lead, note="Fits the brief")
    act(approval, budget, "changes", "Agree a lower price")
    decide(clara, agreed_price=Decimal("100"))
    act(approval, lead)
    act(approval, budget)
    sentences = [e.sentence for e in engagement_audit(engagement).entries]
    for expected in (
        f"{procurement.display_name} added step 1 (Procurement lead, Lena Lead) to the "
        "approval route.",
        "Lena Lead approved step 1 (Procurement lead) of the decision to select Clara "
        "Okafor: Fits the brief.",
        "Bo Budget requested changes at step 2 (Budget holder) of the decision to select "
        "Clara Okafor: Agree a lower price.",
        "Bo Budget approved step 2 (Budget holder) of the decision to select Clara Okafor.",
        "Bo Budget completed the approval route: the decision to select Clara Okafor took effect.",
    ):
        assert expected in sentences, sentences
    sent = [s for s in sentences if "sent the decision to select Clara Okafor for approval" in s]
    assert len(sent) == 2 and "again, amended after changes were requested" in sent[0]


# --- Pages and API ---------------------------------------------------------------------------


def test_my_approvals_costs_the_same_queries_with_few_and_many(
    decide: Callable[..., Any],
    engagement: Engagement,
    lead: User,
    client: Any,
    django_assert_num_queries: Any,
) -> None:
    client.force_login(lead)
    url = reverse("approvals:mine")

    def fill(n: int) -> None:
        for _ in range(n):
            decide(submitted_quickly(engagement))

    fill(1)
    # session, user, the approvals (one query, steps and holds as subqueries), and the
    # navigation's permission checks: counted with one row, then again with six.
    with CaptureQueriesContext(connection) as few:
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.count(b'data-testid="approval-row"') == 1
    assert b'data-testid="nav-count">1<' in response.content
    fill(5)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.content.count(b'data-testid="approval-row"') == 6
    assert b'data-testid="nav-count">6<' in response.content


def test_the_api_answers_a_step_for_its_approver_only(
    decide: Callable[..., Any],
    clara: Submission,
    lead: User,
    budget: User,
    other_procurement: User,
    consultant: User,
) -> None:
    approval = decide(clara)

    def post(user: User, path: str, data: dict[str, Any]) -> Any:
        api = APIClient()
        api.force_authenticate(user)
        return api.post(f"/api/v1/approvals/{approval.pk}/{path}/", data, format="json")

    assert post(budget, "approve", {}).status_code == 403  # sees it, not their step
    assert post(consultant, "approve", {}).status_code == 404
    assert post(lead, "reject", {}).status_code == 400  # a note is required
    response = post(lead, "approve", {"version": approval.version})
    assert response.status_code == 200
    assert (response.json()["step"], response.json()["state"]) == (2, "pending")
    api = APIClient()
    api.force_authenticate(budget)
    pending = api.get("/api/v1/approvals/pending/").json()
    assert [row["id"] for row in pending["results"]] == [approval.pk]
    response = post(budget, "request-changes", {"note": "Lower the price."})
    assert response.json()["state"] == "changes"
    assert [s["state"] for s in response.json()["progress"]] == ["approved", "changes"]


def test_the_route_completing_emits_approval_completed_in_its_transaction(
    decide: Callable[..., Any],
    act: Callable[..., Any],
    clara: Submission,
    engagement: Engagement,
    lead: User,
    budget: User,
) -> None:
    from vetting.models import WebhookEndpoint, WebhookEvent

    WebhookEndpoint.objects.create(
        organisation_id=engagement.organisation_id,
        url="http://127.0.0.1:9/hook",
        events=["approval.completed"],
        secret="whsec_test",
    )
    approval = decide(clara)
    act(approval, lead)
    assert not WebhookEvent.objects.filter(type="approval.completed").exists()
    act(approval, budget)
    [event] = WebhookEvent.objects.filter(type="approval.completed")
    data = event.payload["data"]
    decision = Decision.objects.get(submission=clara)
    assert (data["approval"]["result"], data["approval"]["decision"]) == (
        "approved",
        {"id": decision.pk},
    )


def test_the_decide_page_shows_the_routes_progress_and_waits_while_it_is_pending(
    decide: Callable[..., Any],
    act: Callable[..., Any],
    clara: Submission,
    procurement: User,
    lead: User,
    client: Any,
) -> None:
    approval = decide(clara)
    act(approval, lead, note="Fits the brief.")
    client.force_login(procurement)
    page = client.get(reverse("submissions:decide", args=[clara.pk])).content.decode()
    assert "Procurement lead (Lena Lead), then Budget holder (Bo Budget)" in page
    assert page.count('data-testid="approval-step"') == 2
    assert "“Fits the brief.”" in page and "Waiting" in page
    assert 'data-testid="waiting-for-approval"' in page
    assert 'data-testid="decision-form"' not in page


def test_an_amended_decision_is_sent_again_from_the_decide_page(
    decide: Callable[..., Any],
    act: Callable[..., Any],
    clara: Submission,
    procurement: User,
    lead: User,
    client: Any,
) -> None:
    approval = decide(clara, agreed_price=Decimal("9000"))
    act(approval, lead, "changes", "Agree a lower price.")
    client.force_login(procurement)
    url = reverse("submissions:decide", args=[clara.pk])
    page = client.get(url).content.decode()
    assert "Agree a lower price." in page and 'value="9000.00"' in page
    assert "Approved by" not in page  # the route's last approver approves it
    response = client.post(
        url,
        {
            "outcome": "selected",
            "rationale": RATIONALE,
            "approver": procurement.pk,
            "agreed_price": "7500",
            "version": 0,
        },
    )
    assert response.status_code == 302
    approval.refresh_from_db()
    assert (approval.state, approval.round, approval.agreed_price) == (
        "pending",
        2,
        Decimal("7500"),
    )


def test_the_api_list_of_approvals_costs_the_same_queries_with_few_and_many(
    decide: Callable[..., Any], engagement: Engagement, lead: User, procurement: User
) -> None:
    api = APIClient()
    api.force_authenticate(lead)
    decide(submitted_quickly(engagement), agreed_price=Decimal("100"))
    with CaptureQueriesContext(connection) as few:
        rows = api.get("/api/v1/approvals/").json()["results"]
    assert [r["agreed_price"] for r in rows] == ["100.00"]  # the approver sees the price
    for _ in range(4):
        decide(submitted_quickly(engagement))
    with CaptureQueriesContext(connection) as many:
        rows = api.get("/api/v1/approvals/").json()["results"]
    assert len(rows) == 5
    assert len(many) == len(few)
