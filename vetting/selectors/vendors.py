"""Reads behind the approved-vendor register and the differences between a re-vetting round
and the previous one. Read only, a fixed number of queries."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet

from vetting.answers import answer_display
from vetting.i18n import criterion_words
from vetting.models import (
    Answer,
    CheckStatus,
    Organisation,
    QuestionKind,
    ReferenceCheck,
    Revetting,
    ScoreCard,
    Submission,
    User,
    VendorEntry,
    VendorStatus,
)

REGISTER_SORTS = {"review": ("review_on", "pk"), "-review": ("-review_on", "-pk")}


def register(
    user: User, organisation: Organisation, *, status: str = "", sort: str = "review"
) -> QuerySet[VendorEntry]:
    """The organisation's register as the user may see it, with each entry's status, the
    round it came from and its latest re-vetting round. Two queries when evaluated (the
    entries with their rounds, the re-vetting rounds)."""
    entries = (
        VendorEntry.objects.for_user(user)
        .filter(organisation=organisation)
        .with_status()
        .select_related("consultant", "submission__engagement", "decision")
        .prefetch_related(
            Prefetch(
                "revettings",
                queryset=Revetting.objects.select_related("engagement", "submission").order_by(
                    "-created_at", "-pk"
                ),
            )
        )
    )
    if status in VendorStatus.values:
        entries = entries.filter(status=status)
    return entries.order_by(*REGISTER_SORTS.get(sort, REGISTER_SORTS["review"]))


def entry_detail(user: User, pk: int) -> VendorEntry:
    """One entry the user may see (DoesNotExist otherwise: a 404)."""
    return (
        VendorEntry.objects.for_user(user)
        .with_status()
        .select_related(
            "organisation", "consultant", "submission__engagement__owner", "decision", "removed_by"
        )
        .prefetch_related(
            Prefetch(
                "revettings",
                queryset=Revetting.objects.select_related("engagement", "submission", "opened_by"),
            )
        )
        .get(pk=pk)
    )


# --- The differences page -------------------------------------------------------------------

# A word with the spaces after it (so that a changed run of words is one piece).
_WORDS = re.compile(r"\s*\S+\s*|\s+")


@dataclass(frozen=True)
class Piece:
    """A run of words in an answer: kept, removed (old side) or added (new side)."""

    text: str
    change: str = ""  # "", "removed" or "added"


@dataclass
class AnswerChange:
    prompt: str
    old: list[Piece]
    new: list[Piece]
    changed: bool
    only_new: bool = False  # asked only in the new round


def answer_text(question: Any, value: Any) -> str:
    """An answer as plain text for comparison: accomplishments item by item."""
    if question.kind == QuestionKind.ACCOMPLISHMENTS and isinstance(value, list):
        lines = []
        for number, item in enumerate(value, start=1):
            if isinstance(item, dict):
                parts = [str(v) for k, v in item.items() if k != "files" and v not in (None, "")]
                lines.append(f"{number}. " + " · ".join(parts))
        return "\n".join(lines)
    return answer_display(question, value)


def word_diff(old: str, new: str) -> tuple[list[Piece], list[Piece]]:
    """Both sides of a change split into pieces, the changed words marked (difflib, on words
    and the spaces between them). Plain strings: the template escapes them."""
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    left: list[Piece] = []
    right: list[Piece] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        before, after = "".join(a[i1:i2]), "".join(b[j1:j2])
        if tag == "equal":
            left.append(Piece(before))
            right.append(Piece(after))
            continue
        if before:
            left.extend(_marked(before, "removed"))
        if after:
            right.extend(_marked(after, "added"))
    return left, right


def _marked(text: str, change: str) -> list[Piece]:
    """A changed run, its spaces around it left unmarked."""
    word = text.strip()
    if not word:
        return [Piece(text)]
    start = text.index(word)
    pieces = [Piece(text[:start])] if start else []
    pieces.append(Piece(word, change))
    rest = text[start + len(word) :]
    return [*pieces, Piece(rest)] if rest else pieces


@dataclass
class CriterionChange:
    label: str
    old: float | None
    new: float | None

    @property
    def delta(self) -> float | None:
        if self.old is None or self.new is None:
            return None
        return round((self.new - self.old) * 100)


@dataclass
class CheckPair:
    referee: str
    then: ReferenceCheck | None
    now: ReferenceCheck | None
    still_valid: bool = False  # not checked again: the last check is recent enough


@dataclass
class Differences:
    revetting: Revetting
    answers: list[AnswerChange]
    old_card: ScoreCard | None
    new_card: ScoreCard | None
    criteria: list[CriterionChange] = field(default_factory=list)
    checks: list[CheckPair] = field(default_factory=list)

    @property
    def changed_count(self) -> int:
        return sum(1 for a in self.answers if a.changed)

    @property
    def total_delta(self) -> float | None:
        if self.old_card is None or self.new_card is None:
            return None
        return round(self.new_card.total - self.old_card.total, 1)


def _answers(previous: Submission, submission: Submission) -> list[AnswerChange]:
    old = {a.question.key: a for a in previous.answers.all()}
    rows = []
    for answer in submission.answers.all():
        question = answer.question
        before = old.get(question.key)
        old_text = answer_text(before.question, before.value) if before else ""
        new_text = answer_text(question, answer.value)
        left, right = word_diff(old_text, new_text)
        rows.append(
            AnswerChange(
                prompt=question.shown_prompt,
                old=left,
                new=right,
                changed=old_text != new_text,
                only_new=before is None,
            )
        )
    return rows


def _criteria(old: ScoreCard | None, new: ScoreCard | None) -> list[CriterionChange]:
    before = {c["key"]: c for c in (old.data.get("criteria", []) if old else [])}
    after = {c["key"]: c for c in (new.data.get("criteria", []) if new else [])}
    keys = list(after) + [k for k in before if k not in after]
    return [
        CriterionChange(
            label=criterion_words(after.get(k) or before.get(k) or {"key": k})[0],
            old=(before.get(k) or {}).get("value"),
            new=(after.get(k) or {}).get("value"),
        )
        for k in keys
    ]


def _checks(previous: Submission, submission: Submission) -> list[CheckPair]:
    then = {c.reference_id: c for c in previous.reference_checks.all()}
    now = {c.reference_id: c for c in submission.reference_checks.all()}
    pairs = []
    for reference_id in list(then) + [r for r in now if r not in then]:
        old, new = then.get(reference_id), now.get(reference_id)
        pairs.append(
            CheckPair(
                referee=(new or old).referee_name,
                then=old,
                now=new,
                still_valid=new is None
                and old is not None
                and old.status == CheckStatus.COMPLETED
                and submission.submitted_at is not None,
            )
        )
    return pairs


def _with_everything(pk: int) -> Submission:
    answers = Answer.objects.select_related("question").order_by("question__position", "pk")
    return (
        Submission.objects.select_related("engagement", "consultant", "scorecard")
        .prefetch_related(
            Prefetch("answers", queryset=answers),
            Prefetch("reference_checks", queryset=ReferenceCheck.objects.order_by("pk")),
        )
        .get(pk=pk)
    )


def differences(revetting: Revetting, *, results_shown: bool) -> Differences:
    """The previous round and the re-vetting round side by side: each answer old and new
    with the changed words marked, and, when `results_shown` (blind review: the viewer
    sees the scores and reference results of the consultant), the score, each criterion
    and the reference checks then and now."""
    previous = _with_everything(revetting.previous_id)
    submission = _with_everything(revetting.submission_id)
    old_card = getattr(previous, "scorecard", None) if results_shown else None
    new_card = getattr(submission, "scorecard", None) if results_shown else None
    return Differences(
        revetting=revetting,
        answers=_answers(previous, submission),
        old_card=old_card,
        new_card=new_card,
        criteria=_criteria(old_card, new_card) if results_shown else [],
        checks=_checks(previous, submission) if results_shown else [],
    )
