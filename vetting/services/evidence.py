"""Evidence files: attaching one to an answer and removing it (one function each, one
transaction each). The file's bytes go to the private `evidence` storage before its row is
written, and are deleted again if the transaction does not commit; a removed file leaves the
storage once the removal has committed."""

from __future__ import annotations

import logging
from typing import Any

from django.core.files.base import ContentFile, File
from django.db import transaction
from django.utils.translation import gettext as _

from vetting.access import require
from vetting.answers import Checked
from vetting.evidence import (
    EvidenceRefused,
    evidence_check,
    evidence_check_size,
    evidence_storage,
    stored_name_new,
)
from vetting.models import Answer, EvidenceFile, Question, QuestionKind, Submission, User
from vetting.services.errors import ServiceError
from vetting.services.submissions import _locked, _require_editable, answer_save

log = logging.getLogger(__name__)

# Enough for any honest answer; a cap so that one answer cannot fill the storage.
MAX_FILES_PER_ANSWER = 30
# Questions that take files: an accomplishment's, and a file question's.
KINDS_WITH_FILES = (QuestionKind.ACCOMPLISHMENTS, QuestionKind.FILE)


class EvidenceRejected(ServiceError):
    """The file itself is refused (too large, a type we do not take, a polyglot): the
    message goes next to the file field (the page re-renders the question with it; the
    API answers 400 on `file`)."""


def evidence_upload(
    *, submission: Submission, by: User, question: Question, upload: File
) -> EvidenceFile:
    """Check a file and keep it as evidence for one question of a draft submission. It is
    not yet part of an accomplishment: the answer lists it by id (`evidence_attach` does
    both, the API lets the client put the id in the item)."""
    require(
        by, "vetting.answer_submission", submission, _("Only the invited consultant can answer.")
    )
    if question.questionnaire_id != submission.engagement.questionnaire_id:
        raise ServiceError(_("This question is not part of this engagement's questionnaire."))
    if question.kind not in KINDS_WITH_FILES:
        raise ServiceError(_("This question does not take files."))
    # Said before the file is read or stored; checked again under the lock below.
    _require_editable(submission)
    try:
        evidence_check_size(upload.size or 0)  # before reading it
        upload.seek(0)
        data = upload.read()
        checked = evidence_check(upload.name or "", data)
    except EvidenceRefused as exc:
        raise EvidenceRejected(str(exc)) from exc
    storage = evidence_storage()
    stored = storage.save(stored_name_new(), ContentFile(data))
    try:
        with transaction.atomic():
            locked = _locked(submission)
            _require_editable(locked)
            count = EvidenceFile.objects.filter(submission=locked, question=question).count()
            if count >= MAX_FILES_PER_ANSWER:
                raise ServiceError(
                    _("An answer can have %(max)s files at most: remove one first.")
                    % {"max": MAX_FILES_PER_ANSWER}
                )
            evidence = EvidenceFile(
                submission=locked,
                question=question,
                original_name=checked.name,
                stored_name=stored,
                size=checked.size,
                content_type=checked.content_type,
                sha256=checked.sha256,
                uploaded_by=by,
            )
            evidence._history_user = by  # type: ignore[attr-defined]
            evidence.full_clean()
            evidence.save()
    except BaseException:
        storage.delete(stored)
        raise
    return evidence


def evidence_attach(
    *,
    submission: Submission,
    by: User,
    question: Question,
    raw: Any,
    item: int,
    upload: File,
    expected_version: int | None,
) -> tuple[EvidenceFile, Answer, Checked]:
    """The page's "Attach a file": keep the file and save the answer as typed (`raw`, the
    accomplishments of the form) with the file listed in accomplishment `item`, against the
    version the page loaded. A refused save (StaleVersionError, a closed round) keeps
    nothing: the file leaves the storage again."""
    rows = list(raw) if isinstance(raw, list) else []
    files_only = question.kind == QuestionKind.FILE  # the answer is the files' ids
    if not files_only and (not 0 <= item < len(rows) or not isinstance(rows[item], dict)):
        raise ServiceError(_("This accomplishment is no longer on the page: reload it."))
    storage = evidence_storage()
    with transaction.atomic():
        evidence = evidence_upload(submission=submission, by=by, question=question, upload=upload)
        if files_only:
            rows = [*rows, evidence.pk]
        else:
            rows[item] = {**rows[item], "files": [*_listed(rows[item]), evidence.pk]}
        try:
            answer, checked = answer_save(
                submission=submission,
                by=by,
                question=question,
                raw=rows,
                expected_version=expected_version,
            )
        except BaseException:
            storage.delete(evidence.stored_name)
            raise
    return evidence, answer, checked


def evidence_delete(
    *,
    evidence: EvidenceFile,
    by: User,
    raw: Any = None,
    expected_version: int | None = None,
) -> tuple[Answer, Checked] | None:
    """Remove a file of a draft: its row now, its bytes from the storage once that has
    committed, and its id from the accomplishment that lists it. With `raw` (the page's
    typed accomplishments) the answer is saved as typed, against `expected_version`;
    without it (the API), the saved answer loses the id."""
    require(by, "vetting.change_evidence", evidence, _("Only the consultant removes their files."))
    with transaction.atomic():
        submission = _locked(evidence.submission)
        _require_editable(submission)
        question = evidence.question
        saved = None
        if raw is None:
            answer = Answer.objects.filter(submission=submission, question=question).first()
            value = answer.value if answer else None
            if question.kind == QuestionKind.FILE and isinstance(value, list):
                rows = [f for f in value if str(f).strip() != str(evidence.pk)]
                saved = answer_save(submission=submission, by=by, question=question, raw=rows)
            elif isinstance(value, list) and any(_lists(row, evidence.pk) for row in value):
                rows = [_without(row, evidence.pk) for row in value]
                saved = answer_save(submission=submission, by=by, question=question, raw=rows)
        else:
            if question.kind == QuestionKind.FILE:  # the answer is the files' ids
                listed = raw if isinstance(raw, list) else []
                rows = [f for f in listed if str(f).strip() != str(evidence.pk)]
            else:
                rows = [_without(r, evidence.pk) for r in raw] if isinstance(raw, list) else raw
            saved = answer_save(
                submission=submission,
                by=by,
                question=question,
                raw=rows,
                expected_version=expected_version,
            )
        stored = evidence.stored_name
        evidence._history_user = by  # type: ignore[attr-defined]
        evidence.delete()
        transaction.on_commit(lambda: _storage_delete(stored))
    return saved


def _listed(row: dict[str, Any]) -> list[Any]:
    files = row.get("files")
    return list(files) if isinstance(files, list) else ([files] if files else [])


def _lists(row: Any, file_id: int) -> bool:
    return isinstance(row, dict) and str(file_id) in {str(f).strip() for f in _listed(row)}


def _without(row: Any, file_id: int) -> Any:
    if not isinstance(row, dict) or "files" not in row:
        return row
    kept = [f for f in _listed(row) if str(f).strip() != str(file_id)]
    return {**row, "files": kept}


def _storage_delete(stored: str) -> None:
    """Delete a removed file's bytes; a storage that fails leaves an orphan, logged (the
    row is gone, so nobody can reach it)."""
    try:
        evidence_storage().delete(stored)
    except Exception:
        log.exception("Could not delete evidence file %s from storage", stored)
