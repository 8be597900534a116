"""The answers of a submission laid out for reading and answering: each question with its
stored (or typed) value, what to fix, and the warnings other answers raise; grouped by
criterion. One builder for the answer page, the read page, the review page and the report."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

from vetting.answers import ITEM_FIELDS, Checked, check_answer, cross_warnings, is_blank
from vetting.models import EvidenceFile, Question, QuestionKind, Submission
from vetting.scoring.rubric import CRITERIA


@dataclass(frozen=True)
class AnswerConflict:
    """An autosave refused because another tab saved this answer first: what is saved now
    (its version, to save over it on purpose) beside what this tab typed."""

    saved: Any
    saved_version: int
    saved_at: datetime | None
    typed: Any


class Field:
    """One question as the form shows it: its stored or typed value and what to fix, and
    the answer's version the form saves against (0: not answered yet)."""

    def __init__(
        self,
        question: Question,
        value: Any,
        checked: Checked | None,
        rows: int = 0,
        *,
        version: int = 0,
        conflict: AnswerConflict | None = None,
        evidence: dict[int, EvidenceFile] | None = None,
    ):
        self.question = question
        # The question's evidence files by id, as its accomplishments list them ("files");
        # None until loaded (`evidence_by_question`, one query for the whole page).
        self.evidence = evidence
        self.value = value
        self.version = version
        self.conflict = conflict
        self.errors = checked.errors if checked else []
        self.item_errors = checked.item_errors if checked else []
        self.complete = bool(checked and checked.complete)
        self.warning = ""  # from other answers (see with_warnings); never blocks submitting
        if question.kind == QuestionKind.ACCOMPLISHMENTS:
            items = list(value or [])
            while len(items) < max(rows, 1):
                items.append(dict.fromkeys(ITEM_FIELDS, ""))
            errors = list(self.item_errors) + [{}] * len(items)
            self.items = [(i, item, errors[i]) for i, item in enumerate(items)]

    @property
    def file_item(self) -> dict[str, Any]:
        """A file question's answer as the evidence templates read an accomplishment."""
        return {"files": self.value if isinstance(self.value, list) else []}

    @property
    def key(self) -> str:
        return self.question.key

    @property
    def blank(self) -> bool:
        return is_blank(self.value)

    @property
    def invalid(self) -> bool:
        """Kept as a draft, but not an answer that can be submitted as it is."""
        return bool(self.errors or any(self.item_errors))

    @property
    def unlisted_evidence(self) -> list[EvidenceFile]:
        """The question's files that no accomplishment lists (its row was removed, or an
        API upload was not put in an item): the consultant sees them to remove them;
        the buyer's pages show only what an accomplishment lists."""
        listed = set()
        for item in self.value if isinstance(self.value, list) else []:
            files = item.get("files") if isinstance(item, dict) else None
            listed |= {str(f).strip() for f in files or []}
        return [f for pk, f in (self.evidence or {}).items() if str(pk) not in listed]


def answer_fields(submission: Submission, *, show_all_errors: bool) -> list[Field]:
    references = _reference_ids(submission)
    evidence = evidence_by_question(submission)
    fields = []
    from vetting.selectors import submission_answers  # the selectors package imports this

    for question, answer in submission_answers(submission):
        value = answer.value if answer else None
        files = evidence.get(question.pk, {})
        checked = check_answer(question, value, reference_ids=references, file_ids=files)
        if is_blank(value) and not show_all_errors:
            checked.errors = []
        version = answer.version if answer else 0
        fields.append(Field(question, value, checked, version=version, evidence=files))
    return with_warnings(fields)


def evidence_by_question(
    submission: Submission, question: Question | None = None
) -> dict[int, dict[int, EvidenceFile]]:
    """The submission's evidence files (of one question, if given), by question id then
    by file id: one query however many there are."""
    files = EvidenceFile.objects.filter(submission=submission)
    if question is not None:
        files = files.filter(question=question)
    grouped: dict[int, dict[int, EvidenceFile]] = {}
    for evidence in files.order_by("uploaded_at", "pk"):
        grouped.setdefault(evidence.question_id, {})[evidence.pk] = evidence
    return grouped


def with_warnings(fields: list[Field]) -> list[Field]:
    warnings = cross_warnings({f.key: f.value for f in fields})
    for field in fields:
        field.warning = warnings.get(field.key, "")
    return fields


def _reference_ids(submission: Submission) -> set[int]:
    return {r.pk for r in submission.consultant.references.all()}


@dataclass(frozen=True)
class Section:
    """A heading the buyer's own questions are shown under (as a criterion is shown)."""

    key: str
    label: str


def answer_sections(fields: list[Field]) -> list[tuple[Any, list[Field]]]:
    """The questions as the pages show them: the core ones by the criterion they feed, then
    the buyer's own under their template's headings (sections), in the template's order."""
    core = [f for f in fields if f.question.is_core]
    by_criterion = [(c, [f for f in core if f.question.criterion == c.key]) for c in CRITERIA]
    sections: list[tuple[Any, list[Field]]] = [(c, group) for c, group in by_criterion if group]
    for field in (f for f in fields if not f.question.is_core):
        label = field.question.shown_section or _("More from the buyer")
        if not sections or sections[-1][0].label != label or sections[-1][0] in CRITERIA:
            sections.append((Section(f"section-{len(sections)}", label), []))
        sections[-1][1].append(field)
    return sections


def own_questions(questionnaire: Any) -> list[Question]:
    """The buyer's own questions of a questionnaire (after the core ones), in order."""
    return [q for q in questionnaire.questions.order_by("position", "pk") if not q.is_core]


def answers_shown(submission_ids: Iterable[int], questions: list[Question]) -> dict[int, list[str]]:
    """Each submission's answers to `questions`, as a reader says them
    (`answers.answer_display`; a file question by its files' names), in the questions'
    order: for the exports. One query, two when a file question has files."""
    from vetting.answers import answer_display
    from vetting.models import Answer, EvidenceFile, QuestionKind

    ids = list(submission_ids)
    if not ids or not questions:
        return {}
    by_pk = {q.pk: i for i, q in enumerate(questions)}
    shown: dict[int, list[str]] = {pk: [""] * len(questions) for pk in ids}
    answers = Answer.objects.filter(submission_id__in=ids, question_id__in=list(by_pk))
    rows = list(answers.values_list("submission_id", "question_id", "value"))
    files = {
        int(f)
        for _submission, question_id, value in rows
        if questions[by_pk[question_id]].kind == QuestionKind.FILE and isinstance(value, list)
        for f in value
        if str(f).isdigit()
    }
    names = (
        dict(EvidenceFile.objects.filter(pk__in=files).values_list("pk", "original_name"))
        if files
        else {}
    )
    for submission_id, question_id, value in rows:
        question = questions[by_pk[question_id]]
        if question.kind == QuestionKind.FILE and isinstance(value, list):
            listed = [names[int(f)] for f in value if str(f).isdigit() and int(f) in names]
            shown[submission_id][by_pk[question_id]] = ", ".join(listed)
        else:
            shown[submission_id][by_pk[question_id]] = answer_display(question, value)
    return shown
