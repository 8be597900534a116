"""The reads behind the clarification threads: one submission's threads for whoever may see
them, with what the viewer may do on each (asked of the access layer once per page), and a
consultant's requests still waiting for a reply. A constant number of queries however many
threads there are. Nothing here shows a rating or a recommendation: the threads are the
same for a blind reviewer whatever the others rated."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from vetting import access
from vetting.access.objects import clarification_settler, replies_clarification
from vetting.forms.clarifications import clarification_forms
from vetting.models import (
    Answer,
    Clarification,
    ClarificationAbout,
    ClarificationStatus,
    Submission,
    User,
)
from vetting.scoring.inputs import clarified_text
from vetting.services.clarifications import (
    ASKABLE_STATUSES,
    PROPOSAL,
    clarification_default_due,
    clarification_subjects,
)


@dataclass
class Thread:
    """One subject's chain of requests (a first request and its follow-ups), oldest first."""

    id: int
    subject: str  # a question's key, "proposal" or "reference:<id>"
    label: str
    requests: list[Clarification]
    may_reply: bool = False  # the viewer may reply to (or revise the reply to) the newest
    may_settle: bool = False  # the viewer may accept, follow up or withdraw the newest
    answer: Any = None  # the locked answer it is about (an Answer), if any
    claim: str = ""  # the reference's claim it is about, if any

    @property
    def latest(self) -> Clarification:
        return self.requests[-1]

    @property
    def status(self) -> str:
        return self.latest.status


@dataclass
class ClarificationPanel:
    """What one person sees of a submission's clarifications, and may do."""

    submission: Submission
    threads: list[Thread]
    may_ask: bool
    subjects: list[tuple[str, str]] = field(default_factory=list)  # for the ask form
    default_due: Any = None
    is_consultant: bool = False

    @property
    def by_subject(self) -> dict[str, list[Thread]]:
        found: dict[str, list[Thread]] = {}
        for thread in self.threads:
            found.setdefault(thread.subject, []).append(thread)
        return found

    @property
    def elsewhere(self) -> list[Thread]:
        """Threads not about an answer (the proposal, references): listed on their own."""
        return [t for t in self.threads if t.latest.about != ClarificationAbout.ANSWER]

    @property
    def waiting(self) -> int:
        """Requests waiting for the consultant's reply."""
        return sum(1 for t in self.threads if t.status == ClarificationStatus.OPEN)


def _requests(user: User, submission: Submission) -> list[Clarification]:
    """The submission's requests the user may read, with their replies (one query)."""
    return list(
        Clarification.objects.for_user(user)
        .filter(submission=submission)
        .select_related("asked_by", "settled_by", "question", "reference", "reply")
        .order_by("created_at", "pk")
    )


def clarification_panel(
    user: User,
    submission: Submission,
    *,
    with_answers: bool = False,
    bound: tuple[int, str, Any] | None = None,
) -> ClarificationPanel:
    """The submission's threads for `user` (who sees the submission), with what they may
    do and the forms for it (`forms.clarification_forms`; `bound`: a form sent back with
    its problems). `with_answers`: each thread also carries the locked answer it is about
    (for the threads page; the submission's page shows the answers itself)."""
    requests = _requests(user, submission)
    for request in requests:
        request.submission = submission  # the rules ask of the submission already loaded
    settles = clarification_settler(user, submission)
    threads: dict[int, Thread] = {}
    for request in requests:
        thread = threads.get(request.thread_id)
        if thread is None:
            thread = threads[request.thread_id] = Thread(
                request.thread_id, request.subject_key, request.subject_label, []
            )
        thread.requests.append(request)
    answers = {}
    if with_answers and any(t.latest.about == ClarificationAbout.ANSWER for t in threads.values()):
        answers = {
            a.question.key: a
            for a in Answer.objects.filter(submission=submission).select_related("question")
        }
    for thread in threads.values():
        latest = thread.latest
        live = latest.is_live
        thread.may_reply = live and bool(replies_clarification(user, latest))
        thread.may_settle = live and settles(latest)
        thread.answer = answers.get(thread.subject)
        if latest.reference_id:
            thread.claim = latest.reference.can_confirm
    may_ask = submission.status in ASKABLE_STATUSES and access.can(
        user, "vetting.ask_clarification", submission
    )
    subjects = []
    if may_ask:
        priced = access.may_see_price(user, submission)
        subjects = [
            (key, label)
            for key, label in clarification_subjects(submission)
            if key != PROPOSAL or priced
        ]
    panel = ClarificationPanel(
        submission=submission,
        threads=list(threads.values()),
        may_ask=may_ask,
        subjects=subjects,
        default_due=clarification_default_due(),
        is_consultant=bool(access.owns_submission(user, submission)),
    )
    clarification_forms(panel, bound)
    return panel


def clarifications_waiting(user: User) -> list[Clarification]:
    """The consultant's requests still waiting for their reply, soonest due first (one
    query)."""
    return list(
        Clarification.objects.for_user(user)
        .filter(submission__consultant__user=user, status=ClarificationStatus.OPEN)
        .exclude(submission__status="withdrawn")
        .select_related("submission__engagement", "question", "reference", "asked_by")
        .order_by("due_on", "pk")
    )


@dataclass
class CardClarified:
    """A score card's accepted clarifications (its data's "clarified"), for the score page:
    by criterion (next to the criterion they moved) and by subject (next to the answer)."""

    criteria: dict[str, list[dict[str, Any]]]
    subjects: dict[str, list[dict[str, Any]]]

    def text(self, key: str, answer: str) -> str:
        """The answer's text as the card read it: with its accepted replies (the signals'
        spans point into this text)."""
        return clarified_text(answer, [note["reply"] for note in self.subjects.get(key, ())])


def card_clarified(data: dict[str, Any]) -> CardClarified:
    """What a score card's data says of accepted clarifications (none on cards without)."""
    criteria: dict[str, list[dict[str, Any]]] = {}
    subjects: dict[str, list[dict[str, Any]]] = {}
    for entry in data.get("clarified", ()):
        note = {**entry, "on": date.fromisoformat(entry["on"])}
        criteria.setdefault(entry["criterion"], []).append(note)
        subjects.setdefault(entry["subject"], []).append(note)
    return CardClarified(criteria, subjects)
