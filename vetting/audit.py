"""Oversight reads: an engagement's audit trail from the recorded history, and the
managers' discrepancies list across engagements. Both cost a fixed number of queries.

The trail reads one query per historical model (django-simple-history). Each is filtered
to the engagement through the *historical* submissions, not the live ones, so that rows
about objects deleted since (a flag that no longer applies, say) still show. The rows
become entries in Python: one per meaningful change, in plain words, newest first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.translation import gettext, pgettext_lazy

from vetting.models import (
    Answer,
    Approval,
    ApprovalAction,
    ApprovalStep,
    CallAttempt,
    CallOutcome,
    Channel,
    CheckStatus,
    Comment,
    Consensus,
    Decision,
    Engagement,
    EngagementStatus,
    Flag,
    FlagKind,
    Invitation,
    Outcome,
    ReferenceCheck,
    Review,
    ReviewStatus,
    ScoreRelease,
    Submission,
    SubmissionStatus,
    User,
)
from vetting.models.engagements import BRIEF_FIELDS
from vetting.models.vendors import Revetting, VendorEntry
from vetting.scoring.evidence import describe as describe_evidence
from vetting.scoring.rubric import CRITERIA_BY_KEY

# The kinds of entry, as the trail's badges and its filter show them.
KINDS = {
    "invitation": pgettext_lazy("audit entry kind", "Invitation"),
    "submission": pgettext_lazy("audit entry kind", "Submission"),
    "answer": pgettext_lazy("audit entry kind", "Answers"),
    "review": pgettext_lazy("audit entry kind", "Review"),
    "reference": pgettext_lazy("audit entry kind", "Reference check"),
    "flag": pgettext_lazy("audit entry kind", "Flag"),
    "decision": pgettext_lazy("audit entry kind", "Decision"),
    "approval": pgettext_lazy("audit entry kind", "Approval"),
    "comment": pgettext_lazy("audit entry kind", "Comment"),
    "settings": pgettext_lazy("audit entry kind", "Settings"),
    "vendor": pgettext_lazy("audit entry kind", "Vendor register"),
    "clarification": pgettext_lazy("audit entry kind", "Clarification"),
    "release": pgettext_lazy("audit entry kind", "Score released"),
}
REFEREE, SYSTEM = "referee", "system"
# Autosave writes a history row per pause in typing: saves of one person on one
# submission with no more than this between them are one entry, "edited N answers".
ANSWER_SESSION = timedelta(minutes=10)
# One form save writes the engagement, then its reviewers: rows this close are one save.
SAME_SAVE = timedelta(seconds=5)

_BASE = ("id", "history_id", "history_date", "history_type")


@dataclass
class Entry:
    when: datetime
    who: str
    who_key: str  # a user's pk as text, REFEREE or SYSTEM: what the person filter matches
    kind: str
    action: str  # follows the actor: "Pat Jones" + " invited Clara Okafor"
    url: str = ""
    link_label: str = ""
    detail: str = ""
    since: datetime | None = None  # the first save of a run of answer edits

    @property
    def sentence(self) -> str:
        return f"{self.who} {self.action}."

    @property
    def kind_label(self) -> str:
        return str(KINDS.get(self.kind) or ORGANISATION_KINDS[self.kind])


@dataclass(frozen=True)
class AuditTrail:
    entries: list[Entry]  # newest first
    people: list[tuple[str, str]]  # (key, name) of everyone in the trail, by name

    def filtered(self, *, person: str = "", kind: str = "") -> list[Entry]:
        """The entries of one person (a key from `people`) and of one kind (of KINDS)."""
        return [
            e
            for e in self.entries
            if (not person or e.who_key == person) and (not kind or e.kind == kind)
        ]


# --- Small pure helpers ---------------------------------------------------------------------


def _name(first: str | None, last: str | None, email: str | None) -> str:
    """User.display_name from a values() row."""
    return f"{first or ''} {last or ''}".strip() or email or "A deleted user"


def _actor(row: dict[str, Any], prefix: str = "history_user") -> tuple[str, str]:
    """(name, person key) of whoever wrote a history row; nobody means the system."""
    if row[f"{prefix}_id"] is None:
        return "System", SYSTEM
    name = _name(row[f"{prefix}__first_name"], row[f"{prefix}__last_name"], row[f"{prefix}__email"])
    return name, str(row[f"{prefix}_id"])


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _when(value: datetime) -> str:
    return dateformat.format(timezone.localtime(value), "j F Y, H:i")


def _pairs(rows: Iterable[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], dict | None]]:
    """Each history row (oldest first) with the previous row of the same object."""
    previous: dict[int, dict[str, Any]] = {}
    for row in rows:
        yield row, previous.get(row["id"])
        previous[row["id"]] = row


def _became(row: dict[str, Any], before: dict | None, name: str) -> bool:
    """The field went from empty to set in this row."""
    return row[name] is not None and (before is None or before[name] is None)


@dataclass(frozen=True)
class AnswerSave:
    submission_id: int
    answer_id: int
    who_key: str
    when: datetime


def answer_runs(
    saves: Iterable[AnswerSave], gap: timedelta = ANSWER_SESSION
) -> list[list[AnswerSave]]:
    """Group answer saves (oldest first) into runs: consecutive saves on one submission by
    one person, each within `gap` of the one before."""
    runs: list[list[AnswerSave]] = []
    current: dict[int, list[AnswerSave]] = {}
    for save in saves:
        run = current.get(save.submission_id)
        if run and run[-1].who_key == save.who_key and save.when - run[-1].when <= gap:
            run.append(save)
            continue
        run = [save]
        runs.append(run)
        current[save.submission_id] = run
    return runs


Actor = tuple[str, str]  # (name, person key)
SYSTEM_ACTOR: Actor = ("System", SYSTEM)
REFEREE_ACTOR: Actor = ("Referee", REFEREE)
Link = tuple[str, str]  # (url, label)


@dataclass
class _Context:
    """What the rows need to name things: consultants by submission, referees by check."""

    consultants: dict[int, str]
    referees: dict[int, str]
    # Agreed prices are named only to someone who may see every price of the round.
    currency: str = ""
    prices: bool = False

    def price(self, amount: Decimal | None) -> str:
        return "none" if amount is None else f"{amount:,.2f} {self.currency}"

    def consultant(self, submission_id: int) -> str:
        name = self.consultants.get(submission_id)
        return gettext("a consultant") if name is None else name

    def referee(self, check_id: int) -> str:
        name = self.referees.get(check_id)
        return gettext("a referee") if name is None else name

    def submission(self, submission_id: int) -> Link:
        url = reverse("submissions:read", args=[submission_id])
        return url, f"{self.consultant(submission_id)}'s self-assessment"

    def check(self, check_id: int) -> Link:
        url = reverse("checks:detail", args=[check_id])
        return url, f"Reference check: {self.referee(check_id)}"

    @staticmethod
    def entry(
        row: dict[str, Any],
        kind: str,
        action: str,
        link: Link,
        detail: str = "",
        actor: Actor | None = None,
    ) -> Entry:
        who, key = actor or _actor(row)
        return Entry(row["history_date"], who, key, kind, action, *link, detail=detail)


def _person(prefix: str) -> tuple[str, ...]:
    return (f"{prefix}_id", f"{prefix}__first_name", f"{prefix}__last_name", f"{prefix}__email")


# --- The rows, one query per historical model ---------------------------------------------


def _rows(model: type, *fields: str, **filters: Any) -> list[dict[str, Any]]:
    return list(
        model.history.filter(**filters)
        .order_by("history_date", "history_id")
        .values(*_BASE, *_person("history_user"), *fields)
    )


ENGAGEMENT_FIELDS = tuple(Engagement._meta.get_field(name).attname for name in BRIEF_FIELDS)
ENGAGEMENT_STATUS_ACTIONS = {
    EngagementStatus.DRAFT: "set the engagement back to draft",
    EngagementStatus.OPEN: "opened the engagement",
    EngagementStatus.CLOSED: "closed the engagement",
    EngagementStatus.DECIDED: "completed the decisions: the engagement is decided",
}


def _reviewer_snapshots(engagement: Engagement) -> dict[int, dict[int, str]]:
    """history_id -> {reviewer pk: name} as each version of the engagement listed them."""
    through = apps.get_model("vetting", "HistoricalEngagement_reviewers")
    rows = through.objects.filter(engagement_id=engagement.pk).values_list(
        "history_id", "user_id", "user__first_name", "user__last_name", "user__email"
    )
    snapshots: dict[int, dict[int, str]] = {}
    for history_id, user_id, first, last, email in rows:
        snapshots.setdefault(history_id, {})[user_id] = _name(first, last, email)
    return snapshots


def _engagement_changes(row: dict[str, Any], before: dict | None) -> list[str]:
    if before is None:
        return ["created the engagement"] if row["history_type"] == "+" else []
    if row["history_type"] == "-":
        return ["deleted the engagement"]
    parts = []
    if row["status"] != before["status"]:
        parts.append(ENGAGEMENT_STATUS_ACTIONS[row["status"]])
    if row["deadline"] != before["deadline"]:
        parts.append(f"moved the deadline to {_when(row['deadline'])}")
    if row["weights"] != before["weights"]:
        parts.append(_weights_change(before["weights"] or {}, row["weights"] or {}))
    changed = [
        str(Engagement._meta.get_field(name.removesuffix("_id")).verbose_name)
        for name in ENGAGEMENT_FIELDS
        if row[name] != before[name]
    ]
    if changed:
        parts.append(f"changed the {_and(changed)}")
    return parts


def _engagement_entries(engagement: Engagement) -> list[Entry]:
    """Settings, weights, reviewers and status. Two queries."""
    rows = _rows(Engagement, "status", "deadline", "weights", *ENGAGEMENT_FIELDS, id=engagement.pk)
    reviewers = _reviewer_snapshots(engagement)
    link = (engagement.get_absolute_url(), "the engagement")
    entries: list[Entry] = []
    for row, before in _pairs(rows):
        parts = _engagement_changes(row, before)
        old = reviewers.get(before["history_id"], {}) if before else {}
        new = reviewers.get(row["history_id"], {})
        changes = []
        if added := sorted(new[pk] for pk in new.keys() - old.keys()):
            changes.append(f"added {_and(added)} as reviewer{'s' if len(added) > 1 else ''}")
        if removed := sorted(old[pk] for pk in old.keys() - new.keys()):
            changes.append(f"removed {_and(removed)} from the reviewers")
        entry = _Context.entry(row, "settings", "; ".join(parts + changes), link)
        last = entries[-1] if entries else None
        if changes and not parts and last and _same_save(last, entry):
            # One form save writes the engagement, then its reviewers (one row each way).
            last.action, last.when = f"{last.action}; {entry.action}", entry.when
        elif parts or changes:
            entries.append(entry)
    return entries


def _same_save(first: Entry, then: Entry) -> bool:
    return first.who_key == then.who_key and then.when - first.when <= SAME_SAVE


def _criterion(key: str) -> str:
    return CRITERIA_BY_KEY[key].label if key in CRITERIA_BY_KEY else key


def _weights_change(old: dict[str, int], new: dict[str, int]) -> str:
    keys = [*CRITERIA_BY_KEY, *sorted((old.keys() | new.keys()) - CRITERIA_BY_KEY.keys())]
    changes = [
        f"{_criterion(key)} {old.get(key, 0)}% → {new.get(key, 0)}%"
        for key in keys
        if old.get(key, 0) != new.get(key, 0)
    ]
    return f"changed the criterion weights ({', '.join(changes)})"


Rows = list[dict[str, Any]]

SUBMISSION_STATUS_ACTIONS = {
    SubmissionStatus.IN_PROGRESS: "started answering",
    SubmissionStatus.SUBMITTED: "submitted the self-assessment",
    SubmissionStatus.WITHDRAWN: "withdrew the self-assessment",
    # Under review follows the first submitted review, and shortlisted, selected and
    # rejected follow a decision: those entries say it, with who reviewed or decided.
}


def _submission_entries(rows: Rows, ctx: _Context) -> Iterator[Entry]:
    for row, before in _pairs(rows):
        name, link = ctx.consultant(row["id"]), ctx.submission(row["id"])
        if row["history_type"] == "+":
            yield ctx.entry(row, "invitation", f"invited {name}", link)
        elif row["history_type"] == "-":
            yield ctx.entry(row, "invitation", f"removed {name} from the engagement", link)
        elif before and row["status"] != before["status"]:
            action = SUBMISSION_STATUS_ACTIONS.get(row["status"])
            if action:
                yield ctx.entry(row, "submission", action, link)


def _invitation_entries(rows: Rows, ctx: _Context) -> Iterator[Entry]:
    for row, before in _pairs(rows):
        link = ctx.submission(row["submission_id"])
        if _became(row, before, "sent_at"):
            # Sent by a task: whoever's request happened to run it did not send it.
            action = f"emailed the invitation to {ctx.consultant(row['submission_id'])}"
            yield ctx.entry(row, "invitation", action, link, actor=SYSTEM_ACTOR)
        if _became(row, before, "accepted_at"):
            yield ctx.entry(row, "invitation", "accepted the invitation", link)


def _answer_entries(rows: Rows, ctx: _Context) -> Iterator[Entry]:
    names = {}
    saves = []
    for row in rows:
        who, key = _actor(row)
        names[key] = who
        saves.append(AnswerSave(row["submission_id"], row["id"], key, row["history_date"]))
    for run in answer_runs(saves):
        first, last = run[0], run[-1]
        edited = len({save.answer_id for save in run})
        yield Entry(
            last.when,
            names[last.who_key],
            last.who_key,
            "answer",
            f"edited {_plural(edited, 'answer')}",
            *ctx.submission(last.submission_id),
            detail=_plural(len(run), "save") if len(run) > 1 else "",
            since=first.when if first.when != last.when else None,
        )


def _review_entries(rows: Rows, ctx: _Context) -> Iterator[Entry]:
    for row, before in _pairs(rows):
        if before is None:
            continue  # opening the review page starts a draft: nothing happened yet
        name, link = ctx.consultant(row["submission_id"]), ctx.submission(row["submission_id"])
        if before["has_conflict"] is None and row["has_conflict"] is not None:
            which = "a" if row["has_conflict"] else "no"
            action = f"declared {which} conflict of interest reviewing {name}"
            yield ctx.entry(row, "review", action, link)
        if row["status"] == ReviewStatus.SUBMITTED and before["status"] != row["status"]:
            # Neither ratings nor recommendation: reviewers who have not submitted yet
            # read this page too, and reviews stay blind until they do.
            yield ctx.entry(row, "review", f"submitted a review of {name}", link)
        if _became(row, before, "conflict_overridden_at"):
            reviewer = _actor(row, "reviewer")[0]
            action = f"let {reviewer}'s review of {name} count despite the declared conflict"
            yield ctx.entry(row, "review", action, link)


def _consensus_entries(rows: Rows, ctx: _Context) -> Iterator[Entry]:
    for row, before in _pairs(rows):
        if before and (row["rating"], row["reason"]) == (before["rating"], before["reason"]):
            continue
        verb = "changed" if before else "recorded"
        name = ctx.consultant(row["submission_id"])
        # No rating: the score page, where it shows, is closed to reviewers still rating.
        action = f"{verb} the panel's consensus on {_criterion(row['criterion'])} for {name}"
        yield ctx.entry(row, "review", action, ctx.submission(row["submission_id"]))


CHECK_STATUS_ACTIONS: dict[str, tuple[Actor | None, str]] = {
    # status -> (who, if not the row's author; what they did)
    CheckStatus.IN_PROGRESS: (None, "claimed the call to {referee}"),
    CheckStatus.UNREACHABLE: (None, "closed the call to {referee} as unreachable"),
    CheckStatus.DECLINED: (REFEREE_ACTOR, "{referee} declined to give a reference for {name}"),
    CheckStatus.CANCELLED: (SYSTEM_ACTOR, "cancelled the check of {referee}: {name} withdrew"),
}


def _check_actions(row: dict[str, Any], before: dict | None, name: str) -> Iterator[tuple]:
    """(actor or None for the row's author, action) for each thing that happened to a
    reference check in this row."""
    referee, status = row["referee_name"], row["status"]
    channel = Channel(row["channel"]).label.lower()
    if before is None:
        yield None, f"requested a reference check of {referee} for {name} by {channel}"
        return
    if row["sent_at"] is not None and row["sent_at"] != before["sent_at"]:
        yield SYSTEM_ACTOR, f"emailed the reference request to {referee}"
    if _became(row, before, "phone_fallback_at"):
        yield SYSTEM_ACTOR, f"queued a call to {referee}: the reference form went unanswered"
    elif row["channel"] != before["channel"]:
        yield None, f"switched the check of {referee} to {channel}"
    if status != before["status"]:
        if status == CheckStatus.COMPLETED and row["history_user_id"] is None:
            yield REFEREE_ACTOR, f"{referee} answered the reference form for {name}"
        elif status == CheckStatus.COMPLETED:
            yield None, f"recorded the call with {referee} for {name}"
        elif status == CheckStatus.REQUESTED and row["channel"] == before["channel"]:
            yield None, f"released the call to {referee}"
        elif status in CHECK_STATUS_ACTIONS:
            actor, action = CHECK_STATUS_ACTIONS[status]
            yield actor, action.format(referee=referee, name=name)
    if _became(row, before, "notes_reviewed_at"):
        yield None, f"reviewed the notes of the call with {referee}"


def _check_entries(rows: Rows, ctx: _Context) -> Iterator[Entry]:
    for row, before in _pairs(rows):
        name = ctx.consultant(row["submission_id"])
        for actor, action in _check_actions(row, before, name):
            yield ctx.entry(row, "reference", action, ctx.check(row["id"]), actor=actor)


def _attempt_entries(rows: Rows, ctx: _Context) -> Iterator[Entry]:
    for row in rows:
        if row["history_type"] == "+":
            check_id = row["reference_check_id"]
            outcome = CallOutcome(row["outcome"]).label.lower()
            action = f"logged a call attempt to {ctx.referee(check_id)}: {outcome}"
            yield ctx.entry(row, "reference", action, ctx.check(check_id), row["note"])


def _flag_entries(rows: Rows, ctx: _Context) -> Iterator[Entry]:
    for row, before in _pairs(rows):
        check_id, submission_id = row["reference_check_id"], row["submission_id"]
        about = ctx.consultant(submission_id)
        link = ctx.submission(submission_id)
        if check_id:
            about = f"{about}'s reference {ctx.referee(check_id)}"
            link = ctx.check(check_id)
        kind = FlagKind(row["kind"]).label.lower()
        what = f"a hold ({kind})" if row["hold"] else f"a {row['severity']} {kind}"
        message = row["message"]
        # Raised and withdrawn by the rules, whoever's request was running when they fired.
        if row["history_type"] == "+":
            yield ctx.entry(row, "flag", f"raised {what} on {about}", link, message, SYSTEM_ACTOR)
        elif row["history_type"] == "-":
            action = f"withdrew {what} on {about}: it no longer applies"
            yield ctx.entry(row, "flag", action, link, message, SYSTEM_ACTOR)
        elif _became(row, before, "cleared_at"):
            detail = f"{message} Cleared because: {row['cleared_note']}"
            yield ctx.entry(row, "flag", f"cleared {what} on {about}", link, detail)


OUTCOME_VERBS = {
    Outcome.SHORTLIST: "shortlisted",
    Outcome.SELECT: "selected",
    Outcome.REJECT: "rejected",
}


def _decision_block(row: dict[str, Any], before: dict | None, name: str) -> tuple[str, bool]:
    """(what happened, by the rules) when the row blocked or unblocked the decision."""
    if before is None or row["outcome"] != before["outcome"]:
        return "", False  # a new or changed decision: said as such
    if _became(row, before, "blocked_at"):
        return (
            f"blocked the decision on {name}: a new hold was raised after it, so {name} "
            "cannot be shortlisted or selected until a manager clears it"
        ), True
    if row["blocked_at"] is None and before["blocked_at"] is not None:
        # Cleared by a manager (who wrote this row), or withdrawn by the rules (nobody).
        return f"lifted the block on the decision on {name}: no hold is left", False
    return "", False


def _decision_entries(rows: Rows, ctx: _Context) -> Iterator[Entry]:
    for row, before in _pairs(rows):
        name = ctx.consultant(row["submission_id"])
        link = ctx.submission(row["submission_id"])
        block, by_rules = _decision_block(row, before, name)
        if block:
            actor = SYSTEM_ACTOR if by_rules else None
            yield ctx.entry(row, "decision", block, link, actor=actor)
            continue
        approver = _actor(row, "approver")[0]
        verb = OUTCOME_VERBS.get(row["outcome"], row["outcome"])
        agreed = row["agreed_price"]
        price = f", at an agreed price of {ctx.price(agreed)}" if ctx.prices and agreed else ""
        if before is None:
            action = f"{verb} {name}, approved by {approver}{price}"
        elif row["outcome"] != before["outcome"]:
            was = OUTCOME_VERBS.get(before["outcome"], before["outcome"])
            action = (
                f"changed the decision on {name} from {was} to {verb}, approved by "
                f"{approver}{price}"
            )
        elif row["rationale"] != before["rationale"]:
            action = f"revised the rationale of the decision on {name}{price}"
        elif ctx.prices and agreed != before["agreed_price"]:
            action = (
                f"changed the agreed price on {name} from {ctx.price(before['agreed_price'])} "
                f"to {ctx.price(agreed)}"
            )
        else:
            continue
        yield ctx.entry(row, "decision", action, link, row["rationale"])


DECISION_VERBS = {
    Outcome.SHORTLIST: "shortlist",
    Outcome.SELECT: "select",
    Outcome.REJECT: "reject",
}
ANSWER_ACTIONS = {
    "approved": "approved",
    "rejected": "rejected",
    "changes": "requested changes at",
}


def _route_entries(rows: Rows, ctx: _Context) -> Iterator[Entry]:
    """The round's approval route as its owner set it: steps added and removed."""
    for row in rows:
        url = reverse("engagements:approval_route", args=[row["engagement_id"]])
        link = (url, "The approval route")
        who = _actor(row, "approver")[0]
        step = f"step {row['position']} ({row['label']}, {who})"
        if row["history_type"] == "+":
            yield ctx.entry(row, "approval", f"added {step} to the approval route", link)
        elif row["history_type"] == "-":
            yield ctx.entry(row, "approval", f"removed {step} from the approval route", link)


def _approval_entries(rows: Rows, ctx: _Context) -> Iterator[Entry]:
    """Decisions sent through the route (again, after changes), and routes completed."""
    for row, before in _pairs(rows):
        name = ctx.consultant(row["submission_id"])
        link = ctx.submission(row["submission_id"])
        what = f"the decision to {DECISION_VERBS.get(row['outcome'], row['outcome'])} {name}"
        if before is None or row["round"] != before["round"]:
            again = " again, amended after changes were requested" if before else ""
            yield ctx.entry(row, "approval", f"sent {what} for approval{again}", link)
        elif row["state"] == "approved" and before["state"] != "approved":
            yield ctx.entry(
                row, "approval", f"completed the approval route: {what} took effect", link
            )


def _approval_action_entries(rows: Rows, ctx: _Context) -> Iterator[Entry]:
    """Each step's answer, with its note: "approved step 1 (Procurement lead) of ..."."""
    for row in rows:
        if row["history_type"] != "+":
            continue
        name = ctx.consultant(row["approval__submission_id"])
        outcome = row["approval__outcome"]
        what = f"the decision to {DECISION_VERBS.get(outcome, outcome)} {name}"
        verb = ANSWER_ACTIONS.get(row["answer"], row["answer"])
        action = f"{verb} step {row['step']} ({row['label']}) of {what}"
        if row["note"]:
            action += f": {row['note']}"
        link = ctx.submission(row["approval__submission_id"])
        yield ctx.entry(row, "approval", action, link, actor=_actor(row, "approver"))


def _vendor_entries(rows: Rows, ctx: _Context) -> Iterator[Entry]:
    """The register entry of a consultant selected in this round: entered (or renewed by
    a selection here), review date changed (the organisation's cadence), removed."""
    for row, before in _pairs(rows):
        name = ctx.consultant(row["submission_id"])
        link = (reverse("vendors:detail", args=[row["id"]]), f"{name} in the vendor register")
        review = dateformat.format(row["review_on"], "j F Y")
        if _became(row, before, "removed_at"):
            action = f"removed {name} from the vendor register"
            yield ctx.entry(row, "vendor", action, link, row["removal_reason"])
        elif before is None or before["submission_id"] != row["submission_id"]:
            renewed = (row["history_change_reason"] or "").startswith("Selected again")
            verb = "renewed" if renewed else "entered"
            action = f"{verb} {name} in the vendor register, to be reviewed on {review}"
            yield ctx.entry(row, "vendor", action, link)
        elif row["review_on"] != before["review_on"]:
            action = f"changed the review date of {name} to {review}"
            yield ctx.entry(row, "vendor", action, link, row["history_change_reason"] or "")


def _release_entries(rows: Rows, ctx: _Context) -> Iterator[Entry]:
    """The owner released a consultant's score to them (vetting/services/profiles.py):
    never the score itself, which the trail's blind readers may not see."""
    for row, before in _pairs(rows):
        name = ctx.consultant(row["submission_id"])
        verb = "released" if before is None else "released again"
        action = f"{verb} the score to {name}, who may show it on their verified profile"
        yield ctx.entry(row, "release", action, ctx.submission(row["submission_id"]))


def _revetting_entries(rows: Rows, ctx: _Context) -> Iterator[Entry]:
    """A re-vetting round opened: in its own trail, and in the trail of the round it
    re-vets."""
    for row, before in _pairs(rows):
        if before is not None:
            continue
        url = reverse("vendors:differences", args=[row["submission_id"]])
        link = (url, "The differences from the previous round")
        by_schedule = row["opened_by_id"] is None
        actor = SYSTEM_ACTOR if by_schedule else _actor(row, "opened_by")
        name = row["entry__consultant__name"]
        action = f"opened a re-vetting round of {name} (review date {row['review_on']:%d %B %Y})"
        yield ctx.entry(row, "vendor", action, link, actor=actor)


CLARIFICATION_SETTLED = {
    "accepted": "accepted the reply to the clarification on {subject} of {name}: it counts in "
    "the score",
    "withdrawn": "withdrew the clarification request on {subject} of {name}",
}


def _clarified_subject(row: dict[str, Any], prefix: str = "") -> str:
    """What a clarification is about, from a history row (`prefix`: the path to it)."""
    about = row[f"{prefix}about"]
    if about == "answer":
        return f"“{row[f'{prefix}question__prompt']}”"
    if about == "reference":
        return f"{row[f'{prefix}reference__name']}'s claim"
    return "the commercial proposal"


def _clarification_entries(rows: Rows, ctx: _Context) -> Iterator[Entry]:
    """Clarification requests asked (and followed up), accepted, withdrawn: who and on what,
    never the words (they stay in the thread, where the access rules decide who reads
    them)."""
    for row, before in _pairs(rows):
        name = ctx.consultant(row["submission_id"])
        subject = _clarified_subject(row)
        url = reverse("submissions:clarifications", args=[row["submission_id"]])
        link = (f"{url}#clarification-{row['root_id'] or row['id']}", f"{name}'s clarifications")
        if before is None:
            verb = "asked a follow-up" if row["follow_up_of_id"] else "asked for a clarification"
            yield ctx.entry(row, "clarification", f"{verb} on {subject} of {name}", link)
        elif row["status"] != before["status"] and row["status"] in CLARIFICATION_SETTLED:
            action = CLARIFICATION_SETTLED[row["status"]].format(subject=subject, name=name)
            yield ctx.entry(row, "clarification", action, link)


def _clarification_reply_entries(rows: Rows, ctx: _Context) -> Iterator[Entry]:
    """The consultant's replies to clarification requests, and each revision."""
    for row, before in _pairs(rows):
        submission_id = row["clarification__submission_id"]
        subject = _clarified_subject(row, "clarification__")
        url = reverse("submissions:clarifications", args=[submission_id])
        thread = row["clarification__root_id"] or row["clarification_id"]
        label = f"{ctx.consultant(submission_id)}'s clarifications"
        link = (f"{url}#clarification-{thread}", label)
        verb = "answered" if before is None else f"revised (version {row['version']}) the answer to"
        yield ctx.entry(row, "clarification", f"{verb} the clarification on {subject}", link)


def _clarification_readers(submissions: QuerySet) -> list[tuple[Callable, Rows]]:
    """The clarification rows of the round's submissions (two queries)."""
    from vetting.models import Clarification, ClarificationReply

    return [
        (
            _clarification_entries,
            _rows(
                Clarification,
                "submission_id",
                "about",
                "question__prompt",
                "reference__name",
                "status",
                "follow_up_of_id",
                "root_id",
                submission_id__in=submissions,
            ),
        ),
        (
            _clarification_reply_entries,
            _rows(
                ClarificationReply,
                "clarification_id",
                "clarification__submission_id",
                "clarification__root_id",
                "clarification__about",
                "clarification__question__prompt",
                "clarification__reference__name",
                "version",
                clarification__submission_id__in=submissions,
            ),
        ),
    ]


def _comment_entries(rows: Rows, ctx: _Context) -> Iterator[Entry]:
    """Internal comments posted, edited and removed: who and where, never what they say.
    The trail's readers may read every thread of the round today, but the trail is a record
    of actions; the text stays in the thread, where the access rules decide who reads it."""
    for row, before in _pairs(rows):
        name = ctx.consultant(row["submission_id"])
        if row["reference_check_id"]:
            where = f"the reference check of {ctx.referee(row['reference_check_id'])} for {name}"
            link = ctx.check(row["reference_check_id"])
        else:
            where = f"the decision on {name}" if row["decision_id"] else name
            url = reverse("submissions:score", args=[row["submission_id"]])
            link = (url, f"{name}'s score page and its comments")
        if before is None:
            yield ctx.entry(row, "comment", f"commented on {where}", link)
        elif _became(row, before, "removed_at"):
            yield ctx.entry(row, "comment", f"removed a comment on {where}", link)
        elif row["edited_at"] != before["edited_at"]:
            yield ctx.entry(row, "comment", f"edited a comment on {where}", link)


def _people(entries: list[Entry]) -> list[tuple[str, str]]:
    """Everyone in the trail, by name; the referee and the system last."""
    names = {entry.who_key: entry.who for entry in entries}
    users = sorted(
        ((key, name) for key, name in names.items() if key not in (REFEREE, SYSTEM)),
        key=lambda item: item[1].lower(),
    )
    return users + [(key, names[key]) for key in (REFEREE, SYSTEM) if key in names]


def engagement_audit(engagement: Engagement, *, prices: bool = False) -> AuditTrail:
    """Who did what and when in this engagement, newest first, and who took part; with
    `prices` (for a viewer who may see every price of the round), the agreed prices.

    Eleven queries whatever the size of the history: the engagement's rows, its reviewers
    as each version listed them, then the rows of its submissions, reference checks,
    invitations, answers, reviews, consensus ratings, call attempts, flags and decisions;
    plus one for the internal comments (who commented where, never the text).
    """
    submissions = Submission.history.filter(engagement_id=engagement.pk).values("id")
    checks = ReferenceCheck.history.filter(submission_id__in=submissions).values("id")
    ours = {"submission_id__in": submissions}

    entries = _engagement_entries(engagement)
    submission_rows = _rows(Submission, "status", "consultant__name", engagement_id=engagement.pk)
    check_fields = ("channel", "status", "sent_at", "phone_fallback_at", "notes_reviewed_at")
    check_rows = _rows(ReferenceCheck, "submission_id", "referee_name", *check_fields, **ours)
    ctx = _Context(
        consultants={r["id"]: r["consultant__name"] or "a consultant" for r in submission_rows},
        referees={r["id"]: r["referee_name"] for r in check_rows},
        currency=engagement.currency,
        prices=prices,
    )
    readers: list[tuple[Callable[[Rows, _Context], Iterable[Entry]], Rows]] = [
        (_submission_entries, submission_rows),
        (_check_entries, check_rows),
        (_invitation_entries, _rows(Invitation, "submission_id", "sent_at", "accepted_at", **ours)),
        (_answer_entries, _rows(Answer, "submission_id", **ours)),
        (
            _review_entries,
            _rows(
                Review,
                "submission_id",
                "status",
                "has_conflict",
                "conflict_overridden_at",
                *_person("reviewer"),
                **ours,
            ),
        ),
        (
            _consensus_entries,
            _rows(Consensus, "submission_id", "criterion", "rating", "reason", **ours),
        ),
        (
            _attempt_entries,
            _rows(
                CallAttempt, "reference_check_id", "outcome", "note", reference_check_id__in=checks
            ),
        ),
        (
            _flag_entries,
            _rows(
                Flag,
                "submission_id",
                "reference_check_id",
                "kind",
                "severity",
                "message",
                "hold",
                "cleared_at",
                "cleared_note",
                **ours,
            ),
        ),
        (
            _decision_entries,
            _rows(
                Decision,
                "submission_id",
                "outcome",
                "rationale",
                "blocked_at",
                "agreed_price",
                *_person("approver"),
                **ours,
            ),
        ),
    ]
    readers += [
        (
            _route_entries,
            _rows(
                ApprovalStep,
                "engagement_id",
                "position",
                "label",
                *_person("approver"),
                engagement_id=engagement.pk,
            ),
        ),
        (
            _approval_entries,
            _rows(Approval, "submission_id", "outcome", "state", "round", **ours),
        ),
        (
            _approval_action_entries,
            _rows(
                ApprovalAction,
                "approval__submission_id",
                "approval__outcome",
                "step",
                "label",
                "answer",
                "note",
                *_person("approver"),
                approval__submission_id__in=submissions,
            ),
        ),
    ]
    vendor_fields = ("submission_id", "review_on", "removed_at", "removal_reason")
    readers.append(
        (_vendor_entries, _rows(VendorEntry, *vendor_fields, "history_change_reason", **ours))
    )
    revetting_fields = ("submission_id", "review_on", "entry__consultant__name")
    readers.append(
        (
            _revetting_entries,
            _rows(
                Revetting,
                *revetting_fields,
                *_person("opened_by"),
                engagement_id__in=[engagement.pk],
            )
            + _rows(
                Revetting, *revetting_fields, *_person("opened_by"), previous_id__in=submissions
            ),
        )
    )
    readers += _clarification_readers(submissions)
    readers.append((_release_entries, _rows(ScoreRelease, "submission_id", **ours)))
    comment_fields = ("submission_id", "reference_check_id", "decision_id", "edited_at")
    readers.append((_comment_entries, _rows(Comment, *comment_fields, "removed_at", **ours)))
    for read, rows in readers:
        entries += read(rows, ctx)
    # Newest first; of entries written at the same moment, the one read last first.
    entries.reverse()
    entries.sort(key=lambda e: e.when, reverse=True)
    return AuditTrail(entries=entries, people=_people(entries))


# --- The managers' discrepancies list -------------------------------------------------------

FLAG_STATUSES = {
    "open": pgettext_lazy("flag status", "Open"),
    "cleared": pgettext_lazy("flag status", "Cleared"),
    "all": pgettext_lazy("flag status", "All"),
}


def evidence_summary(evidence: dict[str, Any], limit: int = 160) -> str:
    """A flag's evidence in one line: "Consultant said: Client · Referee said: Peer"."""
    summary = " · ".join(describe_evidence(evidence))
    return summary if len(summary) <= limit else summary[: limit - 1].rstrip() + "…"


def discrepancies(
    user: User, *, kind: str = "", status: str = "open", holds_only: bool = False
) -> QuerySet[Flag]:
    """Discrepancy and fraud flags across every engagement the user may see: open ones
    first, then holds, then the most severe, newest first.

    One query per page (plus the paginator's count): each flag with its consultant,
    engagement, reference check and whoever cleared it.
    """
    flags = Flag.objects.for_user(user).select_related(
        "submission__consultant", "submission__engagement", "reference_check", "cleared_by"
    )
    if kind:
        flags = flags.filter(kind=kind)
    if status == "open":
        flags = flags.filter(cleared_at__isnull=True)
    elif status == "cleared":
        flags = flags.filter(cleared_at__isnull=False)
    if holds_only:
        flags = flags.filter(hold=True)
    cleared_last = Case(
        When(cleared_at__isnull=True, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    severest_first = Case(
        When(severity="high", then=Value(0)),
        When(severity="medium", then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return flags.order_by(cleared_last, "-hold", severest_first, "-created_at", "pk")


# --- An organisation's webhook endpoints ------------------------------------------------------

# Kinds of an organisation's entries (not of an engagement's trail).
ORGANISATION_KINDS = {"webhook": pgettext_lazy("audit entry kind", "Webhook endpoint")}


def _webhook_actions(row: dict[str, Any], before: dict | None) -> list[str]:
    url = row["url"]
    if row["history_type"] == "+":
        return [f"registered the webhook endpoint {url} for {_and(row['events'] or ['no event'])}"]
    if row["history_type"] == "-":
        return [f"removed the webhook endpoint {url}"]
    if before is None:
        return []
    actions = []
    if url != before["url"]:
        actions.append(f"moved the webhook endpoint {before['url']} to {url}")
    if row["events"] != before["events"]:
        actions.append(f"set the events of {url} to {_and(row['events'] or ['none'])}")
    if row["secret_rotated_at"] != before["secret_rotated_at"]:
        actions.append(f"rotated the signing secret of {url}")
    if before["active"] and not row["active"]:
        reason = row["disabled_reason"].rstrip(".") if row["history_user_id"] is None else ""
        actions.append(f"disabled the webhook endpoint {url}" + (f": {reason}" if reason else ""))
    if row["active"] and not before["active"]:
        actions.append(f"enabled the webhook endpoint {url} again")
    return actions


def webhook_audit(organisation: Any) -> list[Entry]:
    """The history of an organisation's webhook endpoints, newest first, in one query:
    who registered, changed, disabled (or the system, after repeated failures, with why),
    enabled, rotated the secret of or removed each."""
    from vetting.models import WebhookEndpoint

    rows = _rows(
        WebhookEndpoint,
        "url",
        "events",
        "active",
        "disabled_reason",
        "secret_rotated_at",
        organisation_id=getattr(organisation, "pk", organisation),
    )
    entries = []
    for row, before in _pairs(rows):
        who, key = _actor(row)
        removed = row["history_type"] == "-"
        url = "" if removed else reverse("organisation:webhook", args=[row["id"]])
        for action in _webhook_actions(row, before):
            entries.append(
                Entry(
                    when=row["history_date"],
                    who=who,
                    who_key=key,
                    kind="webhook",
                    action=action,
                    url=url,
                )
            )
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries
