"""Evidence files as the exports list them: by submission, the names of each
accomplishment's files."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from vetting.models import Answer, EvidenceFile, QuestionKind


def evidence_names(submission_ids: Iterable[int]) -> dict[int, str]:
    """Submission id -> "Accomplishment 1: a.pdf, b.png; Accomplishment 2: c.docx", the
    files each accomplishment lists, as the pages show them (a file no accomplishment lists
    is not shown to the buyer, so not here either). One query, two when there are files."""
    ids = list(submission_ids)
    names = dict(
        EvidenceFile.objects.filter(submission_id__in=ids).values_list("pk", "original_name")
    )
    if not names:
        return {}
    answers = Answer.objects.filter(
        submission_id__in=ids, question__kind=QuestionKind.ACCOMPLISHMENTS
    ).order_by("submission_id", "question__position", "question_id")
    listed: dict[int, list[str]] = {}
    for submission_id, value in answers.values_list("submission_id", "value"):
        items = value if isinstance(value, list) else []
        for number, item in enumerate(items, start=1):
            files = item.get("files") if isinstance(item, dict) else None
            found = [names[int(f)] for f in files or [] if str(f).isdigit() and int(f) in names]
            if found:
                listed.setdefault(submission_id, []).append(
                    _("Accomplishment %(number)s: %(files)s")
                    % {"number": number, "files": ", ".join(found)}
                )
    return {submission_id: "; ".join(parts) for submission_id, parts in listed.items()}
