"""Redis (broker and cache) killed before, during and after a commit: the requests still
succeed, and once Redis is back every email and task happens exactly once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    EngagementFactory,
    SubmissionFactory,
    complete_answers,
    offer_references,
    submitted_quickly,
)
from tests.faults.conftest import Stack, Visits, report
from tests.faults.stack import wait_for
from vetting import outbox
from vetting.models import (
    AnswerPrint,
    EngagementStatus,
    Invitation,
    OutboxMessage,
    ReferenceCheck,
    ScoreCard,
    SentEmail,
    User,
)
from vetting.services import invite_new, scorecards_recompute
from vetting.services.sweep import work_sweep

pytestmark = [
    pytest.mark.faults,
    pytest.mark.django_db(transaction=True),
]


def draft_with_invitations(owner: User, emails: list[str]):
    draft = EngagementFactory(owner=owner, title="Social marketing for Ledgerly")
    for n, email in enumerate(emails):
        invite_new(engagement=draft, by=owner, name=f"Nina {n}", email=email)
    return draft


def all_done() -> bool:
    return not OutboxMessage.objects.filter(done_at__isnull=True).exists()


def delivered(stack: Stack, what: str) -> list[str]:
    """Wait until every outbox row has run in the worker; report and return the recipients."""
    wait_for(all_done, timeout=60, what=f"the worker to run {what}")
    recipients = stack.mailbox.to()
    report(f"  delivered afterwards: {len(recipients)} emails, to {', '.join(recipients)}")
    return recipients


def test_with_redis_killed_before_the_commit_the_round_opens_and_its_invitations_go_once_redis_is_back(  # noqa: E501
    stack: Stack, visits: Visits, procurement: User
):
    emails = ["ann@x.example", "bob@x.example", "cy@x.example"]
    draft = draft_with_invitations(procurement, emails)
    visits.client.force_login(procurement)

    pid = stack.redis.kill()
    report(f"Redis before the commit: killed redis-server (pid {pid}), then opened a round")
    opened = visits.post(reverse("engagements:open", args=[draft.pk]))
    visits.get(reverse("engagements:detail", args=[draft.pk]))

    assert opened.status_code == 302
    draft.refresh_from_db()
    assert draft.status == EngagementStatus.OPEN
    assert OutboxMessage.objects.filter(sent_at__isnull=True).count() == 3

    stack.redis.start()
    assert outbox.relay() == 3  # what beat's relay does within 30 s

    assert delivered(stack, "the invitations") == emails
    assert SentEmail.objects.count() == 3
    assert not Invitation.objects.filter(sent_at__isnull=True).exists()
    assert visits.statuses() == [302, 200]


def test_with_redis_killed_during_the_commit_a_submission_is_saved_and_every_effect_happens_once(
    stack: Stack, visits: Visits, procurement: User, consultant: User, monkeypatch
):
    round_ = EngagementFactory(
        owner=procurement,
        status=EngagementStatus.OPEN,
        opened_at=timezone.now(),
        references_required=2,
    )
    scorecards_recompute([submitted_quickly(round_, name="Ada Earlier").pk])  # a ranked one
    submission = SubmissionFactory(engagement=round_, consultant=consultant.consultant)
    complete_answers(submission, consultant)
    referees = sorted(r.email for r in offer_references(submission, consultant, count=2))
    wait_for(all_done, timeout=30, what="the set-up's tasks")
    stack.mailbox.clear()
    publish = outbox.publish_now

    def redis_dies_first(ids: list[int]) -> None:
        if stack.redis.process is not None:
            pid = stack.redis.kill()
            report(
                f"Redis during the commit: killed redis-server (pid {pid}) between a "
                "submission's commit and its publish"
            )
        publish(ids)

    monkeypatch.setattr(outbox, "publish_now", redis_dies_first)
    visits.client.force_login(consultant)
    submitted = visits.post(reverse("submissions:submit", args=[submission.pk]))
    visits.client.force_login(procurement)
    ranking = visits.get(reverse("engagements:ranking", args=[round_.pk]))  # cache down

    assert submitted.status_code == 302
    assert ranking.status_code == 200
    assert 'id="distribution-chart"' in ranking.text
    submission.refresh_from_db()
    assert submission.submitted_at is not None
    assert OutboxMessage.objects.filter(sent_at__isnull=True).count() == 5  # 2 referees,
    # the notification, the recompute, the check for copied answers

    stack.redis.start()
    assert outbox.relay() == 5

    assert delivered(stack, "the submission's effects") == sorted(
        [consultant.email, procurement.email, *referees]
    )
    assert SentEmail.objects.filter(key__startswith="submitted").count() == 2
    assert ReferenceCheck.objects.filter(sent_at__isnull=False).count() == 2
    assert ScoreCard.objects.filter(submission=submission).count() == 1
    wait_for(
        lambda: AnswerPrint.objects.filter(submission=submission).exists(),
        timeout=30,
        what="the answers' fingerprints",
    )
    assert visits.errors() == []


def test_with_redis_killed_after_the_commit_the_lost_queue_is_swept_and_sent_once(
    stack: Stack, visits: Visits, procurement: User, settings
):
    emails = ["dee@x.example", "eve@x.example"]
    draft = draft_with_invitations(procurement, emails)
    stopped = stack.worker.kill()
    report(f"Redis after the commit: stopped the worker (pids {stopped}), opened a round")
    visits.client.force_login(procurement)

    opened = visits.post(reverse("engagements:open", args=[draft.pk]))

    assert opened.status_code == 302
    assert OutboxMessage.objects.filter(sent_at__isnull=False).count() == 2  # in Redis now
    pid = stack.redis.kill()
    report(f"  then killed redis-server (pid {pid}): its queue, with both invitations, is lost")
    stack.redis.start()
    stack.worker.start()
    assert Invitation.objects.filter(sent_at__isnull=True).count() == 2  # nobody sent them

    settings.OUTBOX_SWEEP_GRACE = timedelta(0)  # beat's sweeper, after its grace period
    swept = work_sweep()
    assert swept["rearmed"] == 2
    assert outbox.relay() == 2

    assert delivered(stack, "the swept invitations") == emails
    assert SentEmail.objects.count() == 2
    assert list(OutboxMessage.objects.values_list("attempts", flat=True)) == [2, 2]
    assert visits.errors() == []
