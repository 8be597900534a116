"""Engagement services: create, edit, open, close, move the deadline, invite, and copy a
questionnaire. Who may do each, and what the people involved notice (statuses, emails)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from consultants.models import Consultant
from tests.factories import ConsultantFactory, EngagementFactory
from vetting.concurrency import StaleVersionError
from vetting.models import (
    Engagement,
    EngagementStatus,
    Invitation,
    Questionnaire,
    Submission,
    User,
)
from vetting.services import (
    AlreadyInvited,
    IdempotencyKeyReused,
    ServiceError,
    answer_save,
    engagement_close,
    engagement_create,
    engagement_extend_deadline,
    engagement_open,
    engagement_update,
    invite_existing,
    invite_new,
    questionnaire_new_version,
)
from vetting.services.engagements import REPEAT_WINDOW

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(procurement: User) -> Engagement:
    return EngagementFactory(owner=procurement, title="Social marketing for Ledgerly")


@pytest.fixture
def open_engagement(procurement: User) -> Engagement:
    return EngagementFactory(
        owner=procurement, status=EngagementStatus.OPEN, opened_at=timezone.now()
    )


def brief(**changes: Any) -> dict[str, Any]:
    return {
        "title": "Community building for Ledgerly",
        "target_market": "Finance teams at UK software companies.",
        "goals": "Two hundred demo requests a quarter.",
        "timing": "Start in March.",
        "questionnaire": Questionnaire.objects.default(),
        "deadline": timezone.now() + timedelta(days=10),
        **changes,
    }


def update(engagement: Engagement, by: User, version: int | None = None, **data: Any) -> None:
    engagement_update(
        engagement=engagement, by=by, data=data, reviewers=[], expected_version=version
    )


def invitation_subject(engagement: Engagement) -> str:
    return f"{engagement.owner.display_name} invites you to a vetting round: {engagement.title}"


# Each engagement step, as the owner's screens call it.
ACTIONS: dict[str, Callable[[Engagement, User, Consultant], object]] = {
    "update": lambda e, by, c: update(e, by, title="Hijacked"),
    "open": lambda e, by, c: engagement_open(engagement=e, by=by),
    "close": lambda e, by, c: engagement_close(engagement=e, by=by),
    "extend": lambda e, by, c: engagement_extend_deadline(
        engagement=e, by=by, deadline=e.deadline + timedelta(days=1)
    ),
    "invite_existing": lambda e, by, c: invite_existing(engagement=e, by=by, consultant=c),
    "invite_new": lambda e, by, c: invite_new(engagement=e, by=by, name="N", email="n@x.example"),
}


# Creating and editing


@pytest.mark.parametrize("who", ["procurement", "staff"])
def test_procurement_or_staff_create_a_draft_engagement_with_its_reviewers(request, manager, who):
    owner = request.getfixturevalue(who)

    engagement, created = engagement_create(owner=owner, data=brief(), reviewers=[manager])

    engagement.refresh_from_db()
    assert created
    assert engagement.status == EngagementStatus.DRAFT
    assert engagement.owner == owner
    assert engagement.title == "Community building for Ledgerly"
    assert list(engagement.reviewers.all()) == [manager]
    assert engagement.questionnaire.version == 1
    assert sum(engagement.weights.values()) == 100


def test_creating_the_same_draft_again_moments_later_returns_the_first(procurement, manager):
    """Back then Save, a reload, a double click: the same create twice is one draft."""
    data = brief()
    first, _ = engagement_create(owner=procurement, data=data, reviewers=[manager])

    again, created = engagement_create(owner=procurement, data=dict(data), reviewers=[manager])

    assert (again, created) == (first, False)
    assert Engagement.objects.count() == 1


@pytest.mark.parametrize(
    "change",
    [
        {"title": "Community building for Ledgerly, round 2"},
        {"goals": "Three hundred demo requests a quarter."},
        {"reviewers": []},
        {"later": True},
        {"owner": "other_procurement"},
    ],
    ids=["title", "goals", "reviewers", "after_the_window", "another_owner"],
)
def test_a_create_that_differs_or_comes_later_makes_a_new_draft(
    request, procurement, manager, change
):
    data = brief()
    first, _ = engagement_create(owner=procurement, data=data, reviewers=[manager])
    if change.pop("later", False):
        Engagement.objects.filter(pk=first.pk).update(
            created_at=timezone.now() - REPEAT_WINDOW - timedelta(seconds=1)
        )
    owner = request.getfixturevalue(change.pop("owner", "procurement"))
    reviewers = change.pop("reviewers", [manager])

    second, created = engagement_create(owner=owner, data={**data, **change}, reviewers=reviewers)

    assert created and second != first
    assert Engagement.objects.count() == 2


def test_an_idempotency_key_returns_its_engagement_and_refuses_another_body(procurement):
    first, _ = engagement_create(
        owner=procurement, data=brief(), reviewers=[], idempotency_key="k-1"
    )
    Engagement.objects.filter(pk=first.pk).update(created_at=timezone.now() - timedelta(days=2))

    again, created = engagement_create(
        owner=procurement, data=brief(deadline=first.deadline), reviewers=[], idempotency_key="k-1"
    )
    with pytest.raises(IdempotencyKeyReused):
        engagement_create(
            owner=procurement, data=brief(title="Other"), reviewers=[], idempotency_key="k-1"
        )
    fresh, made = engagement_create(
        owner=procurement, data=brief(deadline=first.deadline), reviewers=[], idempotency_key="k-2"
    )

    assert (again, created) == (first, False)
    assert made and fresh != first  # a new key is a new engagement, whatever its fields


@pytest.mark.parametrize("who", ["consultant", "manager", "outsider"])
def test_only_procurement_and_staff_may_create_an_engagement(request, who):
    user = request.getfixturevalue(who)

    with pytest.raises(PermissionDenied):
        engagement_create(owner=user, data=brief(), reviewers=[])

    assert not Engagement.objects.exists()


def test_the_owner_edits_an_engagement_and_its_version_moves_on(procurement, manager, draft):
    engagement_update(
        engagement=draft,
        by=procurement,
        data={"title": "Renamed", "references_required": 3},
        reviewers=[manager],
        expected_version=1,
    )

    draft.refresh_from_db()
    assert (draft.title, draft.references_required, draft.version) == ("Renamed", 3, 2)
    assert list(draft.reviewers.all()) == [manager]


def test_an_edit_from_a_stale_form_is_refused_and_changes_nothing(procurement, draft):
    update(draft, procurement, version=1, title="First")  # in one tab

    with pytest.raises(StaleVersionError, match="changed in another window"):
        update(draft, procurement, version=1, title="Second")  # in a tab opened before it

    draft.refresh_from_db()
    assert (draft.title, draft.version) == ("First", 2)


def test_the_questionnaire_can_change_only_until_a_consultant_answers(
    procurement, staff, consultant, open_engagement
):
    first = open_engagement.questionnaire
    newer = questionnaire_new_version(questionnaire=first, by=staff)
    update(open_engagement, procurement, questionnaire=newer)
    submission = invite_existing(
        engagement=open_engagement, by=procurement, consultant=consultant.consultant
    )
    question = newer.questions.get(key="years_social_media")
    answer_save(submission=submission, by=consultant, question=question, raw="9")

    with pytest.raises(ServiceError, match="the questionnaire can no longer change"):
        update(open_engagement, procurement, questionnaire=first)

    open_engagement.refresh_from_db()
    assert open_engagement.questionnaire == newer


def test_moving_the_deadline_in_an_edit_keeps_invitation_links_alive_with_it(
    procurement, open_engagement
):
    invite_new(engagement=open_engagement, by=procurement, name="Nina", email="nina@x.example")
    later = open_engagement.deadline + timedelta(days=7)

    update(open_engagement, procurement, deadline=later)

    assert Invitation.objects.get().expires_at == later


# Opening and closing


def test_opening_a_draft_opens_it(procurement, draft):
    engagement = engagement_open(engagement=draft, by=procurement)

    engagement.refresh_from_db()
    assert engagement.status == EngagementStatus.OPEN
    assert engagement.opened_at is not None


def test_opening_sends_the_invitations_prepared_while_it_was_a_draft(
    procurement, consultant, draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite_existing(engagement=draft, by=procurement, consultant=consultant.consultant)
        invite_new(engagement=draft, by=procurement, name="Nina Newcomer", email="nina@x.example")
    assert mail.outbox == []  # nobody hears of a draft
    assert (
        list(Invitation.objects.values_list("sent_at", "expires_at"))
        == [(None, draft.deadline)] * 2
    )

    with django_capture_on_commit_callbacks(execute=True):
        engagement_open(engagement=draft, by=procurement)

    assert sorted(m.to[0] for m in mail.outbox) == ["consultant@example.com", "nina@x.example"]
    assert {m.subject for m in mail.outbox} == {invitation_subject(draft)}
    assert not Invitation.objects.filter(sent_at__isnull=True).exists()


def test_an_engagement_whose_deadline_has_passed_cannot_open(procurement):
    late = EngagementFactory(owner=procurement, deadline=timezone.now() - timedelta(hours=1))

    with pytest.raises(ServiceError, match="The deadline is in the past"):
        engagement_open(engagement=late, by=procurement)

    late.refresh_from_db()
    assert late.status == EngagementStatus.DRAFT


def test_closing_an_open_engagement_closes_it(procurement, open_engagement):
    engagement_close(engagement=open_engagement, by=procurement)

    open_engagement.refresh_from_db()
    assert open_engagement.status == EngagementStatus.CLOSED
    assert open_engagement.closed_at is not None
    assert open_engagement.closed_reason.startswith("This engagement is closed")


# Moving the deadline


def test_extending_the_deadline_moves_the_invitation_links_with_it(procurement, open_engagement):
    invite_new(engagement=open_engagement, by=procurement, name="Nina", email="nina@x.example")
    later = open_engagement.deadline + timedelta(days=7)

    engagement_extend_deadline(engagement=open_engagement, by=procurement, deadline=later)

    open_engagement.refresh_from_db()
    assert open_engagement.deadline == later
    assert Invitation.objects.get().expires_at == later


@pytest.mark.parametrize(
    ("current", "new", "message"),
    [
        (timedelta(days=14), timedelta(days=13), "must be later than the current one"),
        (timedelta(days=-2), timedelta(days=-1), "must be in the future"),
    ],
)
def test_a_deadline_moves_only_later_and_into_the_future(
    procurement, open_engagement, current, new, message
):
    now = timezone.now()
    Engagement.objects.filter(pk=open_engagement.pk).update(deadline=now + current)

    with pytest.raises(ServiceError, match=message):
        engagement_extend_deadline(engagement=open_engagement, by=procurement, deadline=now + new)

    open_engagement.refresh_from_db()
    assert open_engagement.deadline == now + current


# Inviting


def test_inviting_to_an_open_engagement_emails_the_consultant_at_once(
    procurement, consultant, open_engagement, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite_existing(
            engagement=open_engagement, by=procurement, consultant=consultant.consultant
        )

    assert [m.to for m in mail.outbox] == [["consultant@example.com"]]
    assert mail.outbox[0].subject == invitation_subject(open_engagement)


def test_inviting_the_same_consultant_twice_is_refused_and_creates_nothing(
    procurement, consultant, draft
):
    invite_existing(engagement=draft, by=procurement, consultant=consultant.consultant)

    with pytest.raises(AlreadyInvited, match="Clara Okafor is already invited"):
        invite_existing(engagement=draft, by=procurement, consultant=consultant.consultant)

    assert Submission.objects.count() == 1
    assert Invitation.objects.count() == 1


def test_inviting_an_unknown_address_starts_a_profile_without_an_account(procurement, draft):
    submission = invite_new(
        engagement=draft, by=procurement, name=" Nina Newcomer ", email=" Nina@Agency.Example "
    )

    profile = submission.consultant
    assert (profile.name, profile.email, profile.user) == (
        "Nina Newcomer",
        "nina@agency.example",
        None,
    )
    invitation = submission.invitation
    assert (invitation.name, invitation.email) == ("Nina Newcomer", "nina@agency.example")


def test_inviting_a_known_consultant_address_reuses_their_profile(procurement, consultant, draft):
    submission = invite_new(
        engagement=draft, by=procurement, name="Clara", email="CONSULTANT@example.com"
    )

    assert submission.consultant == consultant.consultant
    assert Consultant.objects.count() == 1


def test_a_known_address_reuses_the_profile_linked_to_an_account(procurement, consultant, draft):
    ConsultantFactory(name="Clara (invited earlier)", email="consultant@example.com")

    submission = invite_new(
        engagement=draft, by=procurement, name="Clara", email="consultant@example.com"
    )

    assert submission.consultant == consultant.consultant


def test_an_address_only_listed_on_another_profile_does_not_take_the_invitation(
    procurement, consultant, other_consultant, draft
):
    """Clara lists Olivia's address as her contact email: inviting Olivia must not hand
    Clara the invitation; the address that signs in decides."""
    clara = consultant.consultant
    Consultant.objects.filter(pk=clara.pk).update(email="olivia@agency.example")

    with pytest.raises(ServiceError, match="lists this address on their profile"):
        invite_new(engagement=draft, by=procurement, name="Olivia", email="olivia@agency.example")

    assert not Submission.objects.exists()
    # Her login address still finds her.
    submission = invite_new(
        engagement=draft, by=procurement, name="Clara", email=consultant.email.upper()
    )
    assert submission.consultant == clara
    assert submission.invitation.name == clara.name


def test_an_account_is_found_by_its_login_address_not_its_profiles(procurement, consultant, draft):
    clara = consultant.consultant
    Consultant.objects.filter(pk=clara.pk).update(email="clara@okafor.example")

    submission = invite_new(
        engagement=draft, by=procurement, name="Clara", email="consultant@example.com"
    )

    assert submission.consultant == clara
    assert Consultant.objects.count() == 1


def test_an_address_invited_before_reuses_the_profile_the_first_invitation_started(
    procurement, draft
):
    earlier = ConsultantFactory(name="Nina Newcomer", email="nina@agency.example")

    submission = invite_new(
        engagement=draft, by=procurement, name="Nina", email="NINA@agency.example"
    )

    assert submission.consultant == earlier
    assert Consultant.objects.count() == 1


def test_an_existing_account_is_greeted_by_its_own_name(procurement, consultant, draft):
    submission = invite_new(
        engagement=draft, by=procurement, name="Olivia", email="consultant@example.com"
    )

    assert submission.invitation.name == consultant.consultant.name == "Clara Okafor"


@pytest.mark.parametrize("who", ["procurement", "manager", "outsider"])
def test_an_address_of_an_account_that_is_not_a_consultant_is_refused(request, draft, who):
    user = request.getfixturevalue(who)

    with pytest.raises(ServiceError, match="not a consultant"):
        invite_new(engagement=draft, by=draft.owner, name="Someone", email=user.email)

    assert not Submission.objects.exists()
    assert not Consultant.objects.filter(email=user.email).exists()


# Who may act, and when


@pytest.mark.parametrize("who", ["other_procurement", "manager", "consultant", "outsider"])
@pytest.mark.parametrize("action", ACTIONS)
def test_only_the_owner_acts_on_an_engagement(request, draft, other_consultant, who, action):
    user = request.getfixturevalue(who)
    before = Engagement.objects.filter(pk=draft.pk).values().get()

    with pytest.raises(PermissionDenied):
        ACTIONS[action](draft, user, other_consultant.consultant)

    assert Engagement.objects.filter(pk=draft.pk).values().get() == before
    assert not Submission.objects.exists()
    assert not Consultant.objects.filter(email="n@x.example").exists()


@pytest.mark.parametrize(
    ("action", "status", "message"),
    [
        ("open", EngagementStatus.OPEN, "Only a draft engagement can be opened."),
        ("close", EngagementStatus.DRAFT, "Only an open engagement can be closed."),
        ("update", EngagementStatus.CLOSED, "A closed engagement can no longer be edited."),
        ("extend", EngagementStatus.DECIDED, "The deadline of a closed engagement cannot move."),
        (
            "invite_existing",
            EngagementStatus.CLOSED,
            "Invitations can only be added while the engagement is a draft or open.",
        ),
        (
            "invite_new",
            EngagementStatus.DECIDED,
            "Invitations can only be added while the engagement is a draft or open.",
        ),
    ],
)
def test_each_step_is_refused_when_the_engagement_is_not_ready_for_it(
    procurement, other_consultant, action, status, message
):
    engagement = EngagementFactory(owner=procurement, status=status)
    before = Engagement.objects.filter(pk=engagement.pk).values().get()

    with pytest.raises(ServiceError) as refused:
        ACTIONS[action](engagement, procurement, other_consultant.consultant)

    assert refused.value.message == message
    assert Engagement.objects.filter(pk=engagement.pk).values().get() == before
    assert not Submission.objects.exists()


def test_staff_may_act_on_any_engagement(staff, open_engagement):
    engagement_close(engagement=open_engagement, by=staff)

    open_engagement.refresh_from_db()
    assert open_engagement.status == EngagementStatus.CLOSED


# Questionnaire versions


def test_a_new_questionnaire_version_copies_every_question_and_can_be_edited(
    procurement, consultant, open_engagement
):
    original = Questionnaire.objects.default()
    submission = invite_existing(
        engagement=open_engagement, by=procurement, consultant=consultant.consultant
    )
    answer_save(submission=submission, by=consultant, question=original.questions.first(), raw="9")

    copy = questionnaire_new_version(questionnaire=original, by=procurement)

    def fields(questionnaire: Questionnaire) -> list[tuple[object, ...]]:
        names = ("position", "key", "criterion", "kind", "prompt", "min_length", "max_items")
        return list(questionnaire.questions.values_list(*names))

    assert (copy.version, copy.based_on, copy.is_default) == (2, original, False)
    assert copy.questions.count() == 7
    assert fields(copy) == fields(original)
    assert original.is_frozen
    assert not copy.is_frozen
    assert Questionnaire.objects.default() == original


@pytest.mark.parametrize("who", ["consultant", "outsider"])
def test_only_procurement_and_staff_may_copy_a_questionnaire(request, who):
    with pytest.raises(PermissionDenied):
        questionnaire_new_version(
            questionnaire=Questionnaire.objects.default(), by=request.getfixturevalue(who)
        )
