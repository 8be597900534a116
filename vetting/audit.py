"""Oversight reads: an engagement's audit trail from the recorded history, and the
managers' discrepancies list across engagements. Both cost a fixed number of queries.

The trail reads one query per historical model (django-simple-history). Each is filtered
to the engagement through the *historical* submissions, not the live ones, so that rows
about objects deleted since (a flag that no longer applies, say) still show. The rows
become entries in Python: one per meaningful change, in plain words, newest first.

The words are the reader's: each entry is one whole sentence in the language active while
the trail is built (the page's request builds it; nothing caches it), with the actor left
as `%(who)s` ("%(who)s hat %(name)s eingeladen") and shown bold by the page. Dates, prices,
lists and the criteria's and fields' names are the reader's too.
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
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import get_text_list
from django.utils.translation import (
    gettext,
    gettext_lazy,
    ngettext,
    npgettext,
    pgettext,
    pgettext_lazy,
)

from vetting.i18n import criterion_words, evidence_lines, say_again
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
    Question,
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
from vetting.money import format_money
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

# The actor's place in an entry's sentence, filled in when it is shown.
WHO = "%(who)s"


@dataclass
class Entry:
    when: datetime
    who: str
    who_key: str  # a user's pk as text, REFEREE or SYSTEM: what the person filter matches
    kind: str
    # The whole sentence in the reader's language, without its full stop, the actor left as
    # WHO: "%(who)s invited Clara Okafor" (any other "%" doubled).
    text: str
    url: str = ""
    link_label: str = ""
    detail: str = ""
    since: datetime | None = None  # the first save of a run of answer edits

    @property
    def sentence(self) -> str:
        """ "Pat Jones invited Clara Okafor.", "Pat Jones hat Clara Okafor eingeladen." """
        return f"{self.text % {'who': self.who}}."

    @property
    def html(self) -> SafeString:
        """The sentence for a page, the actor in bold, everything else escaped."""
        who = format_html("<strong>{}</strong>", self.who)
        return mark_safe(f"{conditional_escape(self.text) % {'who': who}}.")  # noqa: S308

    @property
    def action(self) -> str:
        """What the actor did, when the sentence starts with them ("invited Clara Okafor");
        else the whole sentence without its full stop."""
        return self.text.removeprefix(f"{WHO} ") % {"who": self.who}

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


def _say(message: Any, **words: Any) -> str:
    """A sentence (a translated message) with its words filled in, all but the actor: they
    stay WHO until the entry is shown. Whatever the words hold, a "%" stays a "%"."""
    filled = {name: str(value).replace("%", "%%") for name, value in words.items()}
    return str(message) % {"who": WHO, **filled}


def _name(first: str | None, last: str | None, email: str | None) -> str:
    """User.display_name from a values() row."""
    return f"{first or ''} {last or ''}".strip() or email or gettext("A deleted user")


SYSTEM_NAME = gettext_lazy("System")
REFEREE_NAME = gettext_lazy("Referee")


def _actor(row: dict[str, Any], prefix: str = "history_user") -> tuple[str, str]:
    """(name, person key) of whoever wrote a history row; nobody means the system."""
    if row[f"{prefix}_id"] is None:
        return str(SYSTEM_NAME), SYSTEM
    name = _name(row[f"{prefix}__first_name"], row[f"{prefix}__last_name"], row[f"{prefix}__email"])
    return name, str(row[f"{prefix}_id"])


def _and(items: list[str]) -> str:
    """ "A, B and C" in the reader's language ("A, B und C", "A, B y C")."""
    return str(get_text_list(items, pgettext("audit trail: before the last of a list", "and")))


def _when(value: datetime) -> str:
    return date_format(timezone.localtime(value), "DATETIME_FORMAT")


def _day(value: Any) -> str:
    return date_format(value, "DATE_FORMAT")


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


Actor = tuple[Any, str]  # (name, person key)
SYSTEM_ACTOR: Actor = (SYSTEM_NAME, SYSTEM)
REFEREE_ACTOR: Actor = (REFEREE_NAME, REFEREE)
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
        if amount is None:
            return pgettext("audit trail: no agreed price", "none")
        return format_money(amount, self.currency)

    def consultant(self, submission_id: int) -> str:
        name = self.consultants.get(submission_id)
        return gettext("a consultant") if name is None else name

    def referee(self, check_id: int) -> str:
        name = self.referees.get(check_id)
        return gettext("a referee") if name is None else name

    def submission(self, submission_id: int) -> Link:
        url = reverse("submissions:read", args=[submission_id])
        name = self.consultant(submission_id)
        return url, gettext("%(name)s's self-assessment") % {"name": name}

    def check(self, check_id: int) -> Link:
        url = reverse("checks:detail", args=[check_id])
        return url, gettext("Reference check: %(name)s") % {"name": self.referee(check_id)}

    @staticmethod
    def entry(
        row: dict[str, Any],
        kind: str,
        text: str,
        link: Link,
        detail: str = "",
        actor: Actor | None = None,
    ) -> Entry:
        who, key = actor or _actor(row)
        return Entry(row["history_date"], str(who), key, kind, text, *link, detail=detail)


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

# A change to the engagement's settings as a sentence, and as the clause that follows the
# first change of the same save ("Pat Jones opened the engagement; moved the deadline to …").
Change = tuple[str, str]

ENGAGEMENT_STATUS_ACTIONS = {
    EngagementStatus.DRAFT: (
        gettext_lazy("%(who)s set the engagement back to draft"),
        pgettext_lazy(
            "audit trail: a further change of the same save", "set the engagement back to draft"
        ),
    ),
    EngagementStatus.OPEN: (
        gettext_lazy("%(who)s opened the engagement"),
        pgettext_lazy("audit trail: a further change of the same save", "opened the engagement"),
    ),
    EngagementStatus.CLOSED: (
        gettext_lazy("%(who)s closed the engagement"),
        pgettext_lazy("audit trail: a further change of the same save", "closed the engagement"),
    ),
    EngagementStatus.DECIDED: (
        gettext_lazy("%(who)s completed the decisions: the engagement is decided"),
        pgettext_lazy(
            "audit trail: a further change of the same save",
            "completed the decisions: the engagement is decided",
        ),
    ),
}


def _change(sentence: Any, clause: Any, **words: Any) -> Change:
    return _say(sentence, **words), _say(clause, **words)


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


def _engagement_changes(row: dict[str, Any], before: dict | None) -> list[Change]:
    if before is None:
        if row["history_type"] != "+":
            return []
        return [
            _change(
                gettext_lazy("%(who)s created the engagement"),
                pgettext_lazy(
                    "audit trail: a further change of the same save", "created the engagement"
                ),
            )
        ]
    if row["history_type"] == "-":
        return [
            _change(
                gettext_lazy("%(who)s deleted the engagement"),
                pgettext_lazy(
                    "audit trail: a further change of the same save", "deleted the engagement"
                ),
            )
        ]
    parts = []
    if row["status"] != before["status"]:
        parts.append(_change(*ENGAGEMENT_STATUS_ACTIONS[row["status"]]))
    if row["deadline"] != before["deadline"]:
        parts.append(
            _change(
                gettext_lazy("%(who)s moved the deadline to %(date)s"),
                pgettext_lazy(
                    "audit trail: a further change of the same save",
                    "moved the deadline to %(date)s",
                ),
                date=_when(row["deadline"]),
            )
        )
    if row["weights"] != before["weights"]:
        parts.append(_weights_change(before["weights"] or {}, row["weights"] or {}))
    changed = [
        str(Engagement._meta.get_field(name.removesuffix("_id")).verbose_name)
        for name in ENGAGEMENT_FIELDS
        if row[name] != before[name]
    ]
    if changed:
        parts.append(
            _change(
                gettext_lazy("%(who)s changed the %(fields)s"),
                pgettext_lazy(
                    "audit trail: a further change of the same save", "changed the %(fields)s"
                ),
                fields=_and(changed),
            )
        )
    return parts


def _reviewer_changes(old: dict[int, str], new: dict[int, str]) -> list[Change]:
    changes = []
    if added := sorted(new[pk] for pk in new.keys() - old.keys()):
        n = len(added)
        changes.append(
            _change(
                ngettext(
                    "%(who)s added %(names)s as reviewer", "%(who)s added %(names)s as reviewers", n
                ),
                npgettext(
                    "audit trail: a further change of the same save",
                    "added %(names)s as reviewer",
                    "added %(names)s as reviewers",
                    n,
                ),
                names=_and(added),
            )
        )
    if removed := sorted(old[pk] for pk in old.keys() - new.keys()):
        changes.append(
            _change(
                gettext_lazy("%(who)s removed %(names)s from the reviewers"),
                pgettext_lazy(
                    "audit trail: a further change of the same save",
                    "removed %(names)s from the reviewers",
                ),
                names=_and(removed),
            )
        )
    return changes


def _joined(changes: list[Change]) -> str:
    """The first change as a sentence, the others as clauses after it."""
    return "; ".join([changes[0][0], *(clause for _, clause in changes[1:])])


def _engagement_entries(engagement: Engagement) -> list[Entry]:
    """Settings, weights, reviewers and status. Two queries."""
    rows = _rows(Engagement, "status", "deadline", "weights", *ENGAGEMENT_FIELDS, id=engagement.pk)
    reviewers = _reviewer_snapshots(engagement)
    link = (engagement.get_absolute_url(), gettext("the engagement"))
    entries: list[Entry] = []
    for row, before in _pairs(rows):
        parts = _engagement_changes(row, before)
        old = reviewers.get(before["history_id"], {}) if before else {}
        changes = _reviewer_changes(old, reviewers.get(row["history_id"], {}))
        if not parts and not changes:
            continue
        entry = _Context.entry(row, "settings", _joined(parts + changes), link)
        last = entries[-1] if entries else None
        if changes and not parts and last and _same_save(last, entry):
            # One form save writes the engagement, then its reviewers (one row each way).
            last.text = "; ".join([last.text, *(clause for _, clause in changes)])
            last.when = entry.when
        else:
            entries.append(entry)
    return entries


def _same_save(first: Entry, then: Entry) -> bool:
    return first.who_key == then.who_key and then.when - first.when <= SAME_SAVE


def _criterion(key: str) -> str:
    """A criterion's name in the reader's language (a buyer's own as they wrote it)."""
    label = CRITERIA_BY_KEY[key].label if key in CRITERIA_BY_KEY else key
    return criterion_words({"key": key, "label": label})[0]


def _weights_change(old: dict[str, int], new: dict[str, int]) -> Change:
    keys = [*CRITERIA_BY_KEY, *sorted((old.keys() | new.keys()) - CRITERIA_BY_KEY.keys())]
    changes = [
        gettext("%(criterion)s %(old)s%% → %(new)s%%")
        % {"criterion": _criterion(key), "old": old.get(key, 0), "new": new.get(key, 0)}
        for key in keys
        if old.get(key, 0) != new.get(key, 0)
    ]
    return _change(
        gettext_lazy("%(who)s changed the criterion weights (%(changes)s)"),
        pgettext_lazy(
            "audit trail: a further change of the same save",
            "changed the criterion weights (%(changes)s)",
        ),
        changes=", ".join(changes),
    )


Rows = list[dict[str, Any]]

SUBMISSION_STATUS_ACTIONS = {
    SubmissionStatus.IN_PROGRESS: gettext_lazy("%(who)s started answering"),
    SubmissionStatus.SUBMITTED: gettext_lazy("%(who)s submitted the self-assessment"),
    SubmissionStatus.WITHDRAWN: gettext_lazy("%(who)s withdrew the self-assessment"),
    # Under review follows the first submitted review, and shortlisted, selected and
    # rejected follow a decision: those entries say it, with who reviewed or decided.
}


def _submission_entries(rows: Rows, ctx: _Context) -> Iterator[Entry]:
    for row, before in _pairs(rows):
        name, link = ctx.consultant(row["id"]), ctx.submission(row["id"])
        if row["history_type"] == "+":
            text = _say(gettext("%(who)s invited %(name)s"), name=name)
            yield ctx.entry(row, "invitation", text, link)
        elif row["history_type"] == "-":
            text = _say(gettext("%(who)s removed %(name)s from the engagement"), name=name)
            yield ctx.entry(row, "invitation", text, link)
        elif before and row["status"] != before["status"]:
            action = SUBMISSION_STATUS_ACTIONS.get(row["status"])
            if action:
                yield ctx.entry(row, "submission", _say(action), link)


def _invitation_entries(rows: Rows, ctx: _Context) -> Iterator[Entry]:
    for row, before in _pairs(rows):
        link = ctx.submission(row["submission_id"])
        if _became(row, before, "sent_at"):
            # Sent by a task: whoever's request happened to run it did not send it.
            text = _say(
                gettext("%(who)s emailed the invitation to %(name)s"),
                name=ctx.consultant(row["submission_id"]),
            )
            yield ctx.entry(row, "invitation", text, link, actor=SYSTEM_ACTOR)
        if _became(row, before, "accepted_at"):
            text = _say(gettext("%(who)s accepted the invitation"))
            yield ctx.entry(row, "invitation", text, link)


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
        text = _say(
            ngettext("%(who)s edited %(count)s answer", "%(who)s edited %(count)s answers", edited),
            count=edited,
        )
        saved = ngettext("%(count)s save", "%(count)s saves", len(run)) % {"count": len(run)}
        yield Entry(
            last.when,
            names[last.who_key],
            last.who_key,
            "answer",
            text,
            *ctx.submission(last.submission_id),
            detail=saved if len(run) > 1 else "",
            since=first.when if first.when != last.when else None,
        )


def _review_entries(rows: Rows, ctx: _Context) -> Iterator[Entry]:
    for row, before in _pairs(rows):
        if before is None:
            continue  # opening the review page starts a draft: nothing happened yet
        name, link = ctx.consultant(row["submission_id"]), ctx.submission(row["submission_id"])
        if before["has_conflict"] is None and row["has_conflict"] is not None:
            if row["has_conflict"]:
                message = gettext("%(who)s declared a conflict of interest reviewing %(name)s")
            else:
                message = gettext("%(who)s declared no conflict of interest reviewing %(name)s")
            yield ctx.entry(row, "review", _say(message, name=name), link)
        if row["status"] == ReviewStatus.SUBMITTED and before["status"] != row["status"]:
            # Neither ratings nor recommendation: reviewers who have not submitted yet
            # read this page too, and reviews stay blind until they do.
            text = _say(gettext("%(who)s submitted a review of %(name)s"), name=name)
            yield ctx.entry(row, "review", text, link)
        if _became(row, before, "conflict_overridden_at"):
            text = _say(
                gettext(
                    "%(who)s let %(reviewer)s's review of %(name)s count despite the declared "
                    "conflict"
                ),
                reviewer=_actor(row, "reviewer")[0],
                name=name,
            )
            yield ctx.entry(row, "review", text, link)


def _consensus_entries(rows: Rows, ctx: _Context) -> Iterator[Entry]:
    for row, before in _pairs(rows):
        if before and (row["rating"], row["reason"]) == (before["rating"], before["reason"]):
            continue
        if before:
            message = gettext("%(who)s changed the panel's consensus on %(criterion)s for %(name)s")
        else:
            message = gettext(
                "%(who)s recorded the panel's consensus on %(criterion)s for %(name)s"
            )
        # No rating: the score page, where it shows, is closed to reviewers still rating.
        text = _say(
            message,
            criterion=_criterion(row["criterion"]),
            name=ctx.consultant(row["submission_id"]),
        )
        yield ctx.entry(row, "review", text, ctx.submission(row["submission_id"]))


CHECK_STATUS_ACTIONS: dict[str, tuple[Actor | None, Any]] = {
    # status -> (who, if not the row's author; what they did)
    CheckStatus.IN_PROGRESS: (None, gettext_lazy("%(who)s claimed the call to %(referee)s")),
    CheckStatus.UNREACHABLE: (
        None,
        gettext_lazy("%(who)s closed the call to %(referee)s as unreachable"),
    ),
    CheckStatus.DECLINED: (
        REFEREE_ACTOR,
        gettext_lazy("%(who)s %(referee)s declined to give a reference for %(name)s"),
    ),
    CheckStatus.CANCELLED: (
        SYSTEM_ACTOR,
        gettext_lazy("%(who)s cancelled the check of %(referee)s: %(name)s withdrew"),
    ),
}
CHECK_REQUESTED = {
    Channel.WEB: gettext_lazy(
        "%(who)s requested a reference check of %(referee)s for %(name)s by web form"
    ),
    Channel.PHONE: gettext_lazy(
        "%(who)s requested a reference check of %(referee)s for %(name)s by phone call"
    ),
}
CHECK_SWITCHED = {
    Channel.WEB: gettext_lazy("%(who)s switched the check of %(referee)s to web form"),
    Channel.PHONE: gettext_lazy("%(who)s switched the check of %(referee)s to phone call"),
}


def _check_actions(row: dict[str, Any], before: dict | None, name: str) -> Iterator[tuple]:
    """(actor or None for the row's author, sentence) for each thing that happened to a
    reference check in this row."""
    referee, status = row["referee_name"], row["status"]
    channel = Channel(row["channel"])
    words = {"referee": referee, "name": name}
    if before is None:
        yield None, _say(CHECK_REQUESTED[channel], **words)
        return
    if row["sent_at"] is not None and row["sent_at"] != before["sent_at"]:
        message = gettext("%(who)s emailed the reference request to %(referee)s")
        yield SYSTEM_ACTOR, _say(message, **words)
    if _became(row, before, "phone_fallback_at"):
        message = gettext(
            "%(who)s queued a call to %(referee)s: the reference form went unanswered"
        )
        yield SYSTEM_ACTOR, _say(message, **words)
    elif row["channel"] != before["channel"]:
        yield None, _say(CHECK_SWITCHED[channel], **words)
    if status != before["status"]:
        if status == CheckStatus.COMPLETED and row["history_user_id"] is None:
            message = gettext("%(who)s %(referee)s answered the reference form for %(name)s")
            yield REFEREE_ACTOR, _say(message, **words)
        elif status == CheckStatus.COMPLETED:
            message = gettext("%(who)s recorded the call with %(referee)s for %(name)s")
            yield None, _say(message, **words)
        elif status == CheckStatus.REQUESTED and row["channel"] == before["channel"]:
            yield None, _say(gettext("%(who)s released the call to %(referee)s"), **words)
        elif status in CHECK_STATUS_ACTIONS:
            actor, message = CHECK_STATUS_ACTIONS[status]
            yield actor, _say(message, **words)
    if _became(row, before, "notes_reviewed_at"):
        message = gettext("%(who)s reviewed the notes of the call with %(referee)s")
        yield None, _say(message, **words)


def _check_entries(rows: Rows, ctx: _Context) -> Iterator[Entry]:
    for row, before in _pairs(rows):
        name = ctx.consultant(row["submission_id"])
        for actor, text in _check_actions(row, before, name):
            yield ctx.entry(row, "reference", text, ctx.check(row["id"]), actor=actor)


CALL_OUTCOMES = {
    CallOutcome.REACHED: pgettext_lazy("audit trail: a call attempt's outcome", "reached"),
    CallOutcome.VOICEMAIL: pgettext_lazy("audit trail: a call attempt's outcome", "voicemail"),
    CallOutcome.NO_ANSWER: pgettext_lazy("audit trail: a call attempt's outcome", "no answer"),
    CallOutcome.WRONG_NUMBER: pgettext_lazy(
        "audit trail: a call attempt's outcome", "wrong number"
    ),
}


def _attempt_entries(rows: Rows, ctx: _Context) -> Iterator[Entry]:
    for row in rows:
        if row["history_type"] == "+":
            check_id = row["reference_check_id"]
            outcome = CALL_OUTCOMES.get(row["outcome"], row["outcome"])
            text = _say(
                gettext("%(who)s logged a call attempt to %(referee)s: %(outcome)s"),
                referee=ctx.referee(check_id),
                outcome=outcome,
            )
            yield ctx.entry(row, "reference", text, ctx.check(check_id), row["note"])


# A flag as the trail names it: a hold by its kind, any other by its severity and kind.
FLAG_HOLDS = {
    FlagKind.DISCREPANCY: pgettext_lazy("audit trail: a flag", "a hold (discrepancy)"),
    FlagKind.FRAUD: pgettext_lazy("audit trail: a flag", "a hold (fraud signal)"),
}
FLAG_NAMES = {
    (FlagKind.DISCREPANCY, "low"): pgettext_lazy("audit trail: a flag", "a low discrepancy"),
    (FlagKind.DISCREPANCY, "medium"): pgettext_lazy("audit trail: a flag", "a medium discrepancy"),
    (FlagKind.DISCREPANCY, "high"): pgettext_lazy("audit trail: a flag", "a high discrepancy"),
    (FlagKind.FRAUD, "low"): pgettext_lazy("audit trail: a flag", "a low fraud signal"),
    (FlagKind.FRAUD, "medium"): pgettext_lazy("audit trail: a flag", "a medium fraud signal"),
    (FlagKind.FRAUD, "high"): pgettext_lazy("audit trail: a flag", "a high fraud signal"),
}


def _flag_name(row: dict[str, Any]) -> str:
    if row["hold"]:
        return str(FLAG_HOLDS.get(row["kind"]) or f"a hold ({row['kind']})")
    return str(
        FLAG_NAMES.get((row["kind"], row["severity"])) or f"a {row['severity']} {row['kind']}"
    )


def _flag_entries(rows: Rows, ctx: _Context) -> Iterator[Entry]:
    for row, before in _pairs(rows):
        check_id, submission_id = row["reference_check_id"], row["submission_id"]
        about = ctx.consultant(submission_id)
        link = ctx.submission(submission_id)
        if check_id:
            about = gettext("%(name)s's reference %(referee)s") % {
                "name": about,
                "referee": ctx.referee(check_id),
            }
            link = ctx.check(check_id)
        words = {"flag": _flag_name(row), "about": about}
        message = say_again(row["message"], row["message_said"])
        # Raised and withdrawn by the rules, whoever's request was running when they fired.
        if row["history_type"] == "+":
            text = _say(gettext("%(who)s raised %(flag)s on %(about)s"), **words)
            yield ctx.entry(row, "flag", text, link, message, SYSTEM_ACTOR)
        elif row["history_type"] == "-":
            text = _say(
                gettext("%(who)s withdrew %(flag)s on %(about)s: it no longer applies"), **words
            )
            yield ctx.entry(row, "flag", text, link, message, SYSTEM_ACTOR)
        elif _became(row, before, "cleared_at"):
            detail = gettext("%(message)s Cleared because: %(note)s") % {
                "message": message,
                "note": row["cleared_note"],
            }
            text = _say(gettext("%(who)s cleared %(flag)s on %(about)s"), **words)
            yield ctx.entry(row, "flag", text, link, detail)


# A decision made: "Pat Jones shortlisted Clara Okafor, approved by Sam Lee".
DECISIONS_MADE = {
    Outcome.SHORTLIST: gettext_lazy(
        "%(who)s shortlisted %(name)s, approved by %(approver)s%(price)s"
    ),
    Outcome.SELECT: gettext_lazy("%(who)s selected %(name)s, approved by %(approver)s%(price)s"),
    Outcome.REJECT: gettext_lazy("%(who)s rejected %(name)s, approved by %(approver)s%(price)s"),
}
# A decision's outcome, in "changed the decision on X from shortlisted to selected".
OUTCOME_WORDS = {
    Outcome.SHORTLIST: pgettext_lazy("audit trail: a decision's outcome", "shortlisted"),
    Outcome.SELECT: pgettext_lazy("audit trail: a decision's outcome", "selected"),
    Outcome.REJECT: pgettext_lazy("audit trail: a decision's outcome", "rejected"),
}


def _decision_block(row: dict[str, Any], before: dict | None, name: str) -> tuple[str, bool]:
    """(what happened, by the rules) when the row blocked or unblocked the decision."""
    if before is None or row["outcome"] != before["outcome"]:
        return "", False  # a new or changed decision: said as such
    if _became(row, before, "blocked_at"):
        message = gettext(
            "%(who)s blocked the decision on %(name)s: a new hold was raised after it, so "
            "%(name)s cannot be shortlisted or selected until a manager clears it"
        )
        return _say(message, name=name), True
    if row["blocked_at"] is None and before["blocked_at"] is not None:
        # Cleared by a manager (who wrote this row), or withdrawn by the rules (nobody).
        message = gettext("%(who)s lifted the block on the decision on %(name)s: no hold is left")
        return _say(message, name=name), False
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
        agreed = row["agreed_price"]
        price = ""
        if ctx.prices and agreed:
            price = gettext(", at an agreed price of %(price)s") % {"price": ctx.price(agreed)}
        words = {"name": name, "approver": approver, "price": price}
        if before is None:
            made = DECISIONS_MADE.get(row["outcome"])
            if made is None:
                made = gettext(
                    "%(who)s decided %(outcome)s on %(name)s, approved by %(approver)s%(price)s"
                )
            text = _say(made, outcome=row["outcome"], **words)
        elif row["outcome"] != before["outcome"]:
            text = _say(
                gettext(
                    "%(who)s changed the decision on %(name)s from %(was)s to %(now)s, approved "
                    "by %(approver)s%(price)s"
                ),
                was=OUTCOME_WORDS.get(before["outcome"], before["outcome"]),
                now=OUTCOME_WORDS.get(row["outcome"], row["outcome"]),
                **words,
            )
        elif row["rationale"] != before["rationale"]:
            text = _say(
                gettext("%(who)s revised the rationale of the decision on %(name)s%(price)s"),
                **words,
            )
        elif ctx.prices and agreed != before["agreed_price"]:
            text = _say(
                gettext("%(who)s changed the agreed price on %(name)s from %(old)s to %(new)s"),
                name=name,
                old=ctx.price(before["agreed_price"]),
                new=ctx.price(agreed),
            )
        else:
            continue
        yield ctx.entry(row, "decision", text, link, row["rationale"])


# The decision an approval is about: "the decision to select Clara Okafor".
DECISIONS_TO = {
    Outcome.SHORTLIST: pgettext_lazy(
        "audit trail: an approval", "the decision to shortlist %(name)s"
    ),
    Outcome.SELECT: pgettext_lazy("audit trail: an approval", "the decision to select %(name)s"),
    Outcome.REJECT: pgettext_lazy("audit trail: an approval", "the decision to reject %(name)s"),
}
# A step's answer: "approved step 1 (Procurement lead) of the decision to ...".
ANSWER_ACTIONS = {
    "approved": gettext_lazy("%(who)s approved step %(step)s (%(label)s) of %(decision)s"),
    "rejected": gettext_lazy("%(who)s rejected step %(step)s (%(label)s) of %(decision)s"),
    "changes": gettext_lazy(
        "%(who)s requested changes at step %(step)s (%(label)s) of %(decision)s"
    ),
}


def _decision_to(outcome: str, name: str) -> str:
    phrase = DECISIONS_TO.get(outcome)
    if phrase is None:
        return f"the decision to {outcome} {name}"
    return str(phrase) % {"name": name}


def _route_entries(rows: Rows, ctx: _Context) -> Iterator[Entry]:
    """The round's approval route as its owner set it: steps added and removed."""
    for row in rows:
        url = reverse("engagements:approval_route", args=[row["engagement_id"]])
        link = (url, gettext("The approval route"))
        words = {
            "position": row["position"],
            "label": row["label"],
            "approver": _actor(row, "approver")[0],
        }
        if row["history_type"] == "+":
            message = gettext(
                "%(who)s added step %(position)s (%(label)s, %(approver)s) to the approval route"
            )
            yield ctx.entry(row, "approval", _say(message, **words), link)
        elif row["history_type"] == "-":
            message = gettext(
                "%(who)s removed step %(position)s (%(label)s, %(approver)s) from the approval "
                "route"
            )
            yield ctx.entry(row, "approval", _say(message, **words), link)


def _approval_entries(rows: Rows, ctx: _Context) -> Iterator[Entry]:
    """Decisions sent through the route (again, after changes), and routes completed."""
    for row, before in _pairs(rows):
        name = ctx.consultant(row["submission_id"])
        link = ctx.submission(row["submission_id"])
        what = _decision_to(row["outcome"], name)
        if before is None:
            text = _say(gettext("%(who)s sent %(decision)s for approval"), decision=what)
            yield ctx.entry(row, "approval", text, link)
        elif row["round"] != before["round"]:
            message = gettext(
                "%(who)s sent %(decision)s for approval again, amended after changes were requested"
            )
            yield ctx.entry(row, "approval", _say(message, decision=what), link)
        elif row["state"] == "approved" and before["state"] != "approved":
            message = gettext("%(who)s completed the approval route: %(decision)s took effect")
            yield ctx.entry(row, "approval", _say(message, decision=what), link)


def _approval_action_entries(rows: Rows, ctx: _Context) -> Iterator[Entry]:
    """Each step's answer, with its note: "approved step 1 (Procurement lead) of ..."."""
    for row in rows:
        if row["history_type"] != "+":
            continue
        name = ctx.consultant(row["approval__submission_id"])
        what = _decision_to(row["approval__outcome"], name)
        message = ANSWER_ACTIONS.get(
            row["answer"], "%(who)s %(answer)s step %(step)s (%(label)s) of %(decision)s"
        )
        words = {"step": row["step"], "label": row["label"], "decision": what}
        text = _say(message, answer=row["answer"], **words)
        if row["note"]:
            text += ": " + row["note"].replace("%", "%%")
        link = ctx.submission(row["approval__submission_id"])
        yield ctx.entry(row, "approval", text, link, actor=_actor(row, "approver"))


def _vendor_entries(rows: Rows, ctx: _Context) -> Iterator[Entry]:
    """The register entry of a consultant selected in this round: entered (or renewed by
    a selection here), review date changed (the organisation's cadence), removed."""
    for row, before in _pairs(rows):
        name = ctx.consultant(row["submission_id"])
        label = gettext("%(name)s in the vendor register") % {"name": name}
        link = (reverse("vendors:detail", args=[row["id"]]), label)
        review = _day(row["review_on"])
        if _became(row, before, "removed_at"):
            text = _say(gettext("%(who)s removed %(name)s from the vendor register"), name=name)
            yield ctx.entry(row, "vendor", text, link, row["removal_reason"])
        elif before is None or before["submission_id"] != row["submission_id"]:
            renewed = (row["history_change_reason"] or "").startswith("Selected again")
            if renewed:
                message = gettext(
                    "%(who)s renewed %(name)s in the vendor register, to be reviewed on %(date)s"
                )
            else:
                message = gettext(
                    "%(who)s entered %(name)s in the vendor register, to be reviewed on %(date)s"
                )
            yield ctx.entry(row, "vendor", _say(message, name=name, date=review), link)
        elif row["review_on"] != before["review_on"]:
            text = _say(
                gettext("%(who)s changed the review date of %(name)s to %(date)s"),
                name=name,
                date=review,
            )
            yield ctx.entry(row, "vendor", text, link, row["history_change_reason"] or "")


def _release_entries(rows: Rows, ctx: _Context) -> Iterator[Entry]:
    """The owner released a consultant's score to them (vetting/services/profiles.py):
    never the score itself, which the trail's blind readers may not see."""
    for row, before in _pairs(rows):
        if before is None:
            message = gettext(
                "%(who)s released the score to %(name)s, who may show it on their verified profile"
            )
        else:
            message = gettext(
                "%(who)s released again the score to %(name)s, who may show it on their "
                "verified profile"
            )
        text = _say(message, name=ctx.consultant(row["submission_id"]))
        yield ctx.entry(row, "release", text, ctx.submission(row["submission_id"]))


def _revetting_entries(rows: Rows, ctx: _Context) -> Iterator[Entry]:
    """A re-vetting round opened: in its own trail, and in the trail of the round it
    re-vets."""
    for row, before in _pairs(rows):
        if before is not None:
            continue
        url = reverse("vendors:differences", args=[row["submission_id"]])
        link = (url, gettext("The differences from the previous round"))
        by_schedule = row["opened_by_id"] is None
        actor = SYSTEM_ACTOR if by_schedule else _actor(row, "opened_by")
        text = _say(
            gettext("%(who)s opened a re-vetting round of %(name)s (review date %(date)s)"),
            name=row["entry__consultant__name"],
            date=_day(row["review_on"]),
        )
        yield ctx.entry(row, "vendor", text, link, actor=actor)


CLARIFICATION_SETTLED = {
    "accepted": gettext_lazy(
        "%(who)s accepted the reply to the clarification on %(subject)s of %(name)s: it counts "
        "in the score"
    ),
    "withdrawn": gettext_lazy(
        "%(who)s withdrew the clarification request on %(subject)s of %(name)s"
    ),
}


def _clarified_subject(row: dict[str, Any], prefix: str = "") -> str:
    """What a clarification is about, from a history row (`prefix`: the path to it)."""
    about = row[f"{prefix}about"]
    if about == "answer":
        # The question as the template words it in the reader's language, else as written.
        question = Question(
            prompt=row[f"{prefix}question__prompt"] or "",
            translations=row[f"{prefix}question__translations"] or {},
        )
        quoted = pgettext("audit trail: a question, quoted", "“%(question)s”")
        return quoted % {"question": question.shown_prompt}
    if about == "reference":
        claim = pgettext("audit trail: what a clarification is about", "%(name)s's claim")
        return claim % {"name": row[f"{prefix}reference__name"]}
    return pgettext("audit trail: what a clarification is about", "the commercial proposal")


def _clarification_entries(rows: Rows, ctx: _Context) -> Iterator[Entry]:
    """Clarification requests asked (and followed up), accepted, withdrawn: who and on what,
    never the words (they stay in the thread, where the access rules decide who reads
    them)."""
    for row, before in _pairs(rows):
        name = ctx.consultant(row["submission_id"])
        words = {"subject": _clarified_subject(row), "name": name}
        url = reverse("submissions:clarifications", args=[row["submission_id"]])
        label = gettext("%(name)s's clarifications") % {"name": name}
        link = (f"{url}#clarification-{row['root_id'] or row['id']}", label)
        if before is None:
            if row["follow_up_of_id"]:
                message = gettext("%(who)s asked a follow-up on %(subject)s of %(name)s")
            else:
                message = gettext("%(who)s asked for a clarification on %(subject)s of %(name)s")
            yield ctx.entry(row, "clarification", _say(message, **words), link)
        elif row["status"] != before["status"] and row["status"] in CLARIFICATION_SETTLED:
            text = _say(CLARIFICATION_SETTLED[row["status"]], **words)
            yield ctx.entry(row, "clarification", text, link)


def _clarification_reply_entries(rows: Rows, ctx: _Context) -> Iterator[Entry]:
    """The consultant's replies to clarification requests, and each revision."""
    for row, before in _pairs(rows):
        submission_id = row["clarification__submission_id"]
        subject = _clarified_subject(row, "clarification__")
        url = reverse("submissions:clarifications", args=[submission_id])
        thread = row["clarification__root_id"] or row["clarification_id"]
        label = gettext("%(name)s's clarifications") % {"name": ctx.consultant(submission_id)}
        link = (f"{url}#clarification-{thread}", label)
        if before is None:
            text = _say(
                gettext("%(who)s answered the clarification on %(subject)s"), subject=subject
            )
        else:
            text = _say(
                gettext(
                    "%(who)s revised (version %(version)s) the answer to the clarification on "
                    "%(subject)s"
                ),
                version=row["version"],
                subject=subject,
            )
        yield ctx.entry(row, "clarification", text, link)


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
                "question__translations",
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
                "clarification__question__translations",
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
            where = pgettext(
                "audit trail: what a comment is on",
                "the reference check of %(referee)s for %(name)s",
            ) % {"referee": ctx.referee(row["reference_check_id"]), "name": name}
            link = ctx.check(row["reference_check_id"])
        else:
            if row["decision_id"]:
                where = pgettext(
                    "audit trail: what a comment is on", "the decision on %(name)s"
                ) % {"name": name}
            else:
                where = name
            url = reverse("submissions:score", args=[row["submission_id"]])
            label = gettext("%(name)s's score page and its comments") % {"name": name}
            link = (url, label)
        if before is None:
            text = _say(gettext("%(who)s commented on %(where)s"), where=where)
            yield ctx.entry(row, "comment", text, link)
        elif _became(row, before, "removed_at"):
            text = _say(gettext("%(who)s removed a comment on %(where)s"), where=where)
            yield ctx.entry(row, "comment", text, link)
        elif row["edited_at"] != before["edited_at"]:
            text = _say(gettext("%(who)s edited a comment on %(where)s"), where=where)
            yield ctx.entry(row, "comment", text, link)


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
        consultants={
            r["id"]: r["consultant__name"] or gettext("a consultant") for r in submission_rows
        },
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
                "message_said",
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
    """A flag's evidence in one line, in the reader's language: "Consultant said: Client ·
    Referee said: Peer"."""
    summary = " · ".join(evidence_lines(evidence))
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
        events = row["events"] or [pgettext("audit trail: a webhook's events", "no event")]
        message = gettext("%(who)s registered the webhook endpoint %(url)s for %(events)s")
        return [_say(message, url=url, events=_and(events))]
    if row["history_type"] == "-":
        return [_say(gettext("%(who)s removed the webhook endpoint %(url)s"), url=url)]
    if before is None:
        return []
    actions = []
    if url != before["url"]:
        message = gettext("%(who)s moved the webhook endpoint %(old)s to %(url)s")
        actions.append(_say(message, old=before["url"], url=url))
    if row["events"] != before["events"]:
        events = row["events"] or [pgettext("audit trail: a webhook's events", "none")]
        message = gettext("%(who)s set the events of %(url)s to %(events)s")
        actions.append(_say(message, url=url, events=_and(events)))
    if row["secret_rotated_at"] != before["secret_rotated_at"]:
        actions.append(_say(gettext("%(who)s rotated the signing secret of %(url)s"), url=url))
    if before["active"] and not row["active"]:
        # The system's reason (the failures) is a machine's words: shown as logged.
        reason = row["disabled_reason"].rstrip(".") if row["history_user_id"] is None else ""
        if reason:
            message = gettext("%(who)s disabled the webhook endpoint %(url)s: %(reason)s")
            actions.append(_say(message, url=url, reason=reason))
        else:
            message = gettext("%(who)s disabled the webhook endpoint %(url)s")
            actions.append(_say(message, url=url))
    if row["active"] and not before["active"]:
        message = gettext("%(who)s enabled the webhook endpoint %(url)s again")
        actions.append(_say(message, url=url))
    return actions


def webhook_audit(organisation: Any) -> list[Entry]:
    """The history of an organisation's webhook endpoints, newest first, in one query:
    who registered, changed, disabled (or the system, after repeated failures, with why),
    enabled, rotated the secret of or removed each; in the reader's language."""
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
        for text in _webhook_actions(row, before):
            entries.append(
                Entry(
                    when=row["history_date"],
                    who=who,
                    who_key=key,
                    kind="webhook",
                    text=text,
                    url=url,
                )
            )
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries
