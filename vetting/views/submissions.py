"""The consultant portal (my invitations, the self-assessment) and the read-only page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from vetting import selectors, services
from vetting.access import can, require
from vetting.answers import (
    ITEM_FIELDS,
    YEARS_CLIENTS,
    YEARS_SOCIAL,
    check_answer,
    cross_warnings,
    is_blank,
    normalise_items,
)
from vetting.concurrency import StaleVersionError
from vetting.forms import CheckRequestForm
from vetting.http import client_fingerprint
from vetting.models import Question, QuestionKind, Submission
from vetting.models.questionnaires import AccomplishmentArea
from vetting.selectors.answers import (
    AnswerConflict,
    Field,
    answer_fields,
    answer_sections,
    evidence_by_question,
    with_warnings,
)
from vetting.selectors.clarifications import clarification_panel, clarifications_waiting
from vetting.selectors.commercial import proposal_panel
from vetting.services.evidence import MAX_FILES_PER_ANSWER


def _submission(request: HttpRequest, pk: int) -> Submission:
    submission = (
        Submission.objects.for_user(request.user)
        .select_related(
            "engagement__owner", "engagement__questionnaire", "consultant", "decision__approver"
        )
        .filter(pk=pk)
        .first()
    )
    if submission is None:
        raise Http404("No such submission.")
    return submission


def _own_submission(request: HttpRequest, pk: int) -> Submission:
    submission = _submission(request, pk)
    require(request.user, "vetting.answer_submission", submission)
    return submission


@login_required
def my_invitations(request: HttpRequest) -> HttpResponse:
    require(
        request.user, "vetting.answer_invitations", message=_("Invitations are for consultants.")
    )
    submissions = list(selectors.my_invitations(request.user))
    context = {"submissions": submissions, "waiting": clarifications_waiting(request.user)}
    return render(request, "submissions/my_invitations.html", context)


def raw_answer(question: Question, data: QueryDict) -> Any:
    """Read one question's input from a POST: a string, the keys ticked (several choices),
    or a list of accomplishment rows."""
    if question.kind == QuestionKind.MULTIPLE_CHOICE:
        return [key for key in data.getlist(question.key) if key][:100]
    if question.kind == QuestionKind.FILE:  # the files listed (evidence_attach.html, item 0)
        return [key for key in data.getlist(f"{question.key}-0-files") if key][:100]
    if question.kind != QuestionKind.ACCOMPLISHMENTS:
        return data.get(question.key, "")
    try:
        rows = min(int(data.get(f"{question.key}-rows", "0")), 50)
    except ValueError:
        rows = 0
    return [
        {
            **{name: data.get(f"{question.key}-{i}-{name}", "") for name in ITEM_FIELDS},
            "files": data.getlist(f"{question.key}-{i}-files")[:MAX_FILES_PER_ANSWER],
        }
        for i in range(rows)
    ]


def _answer_context(submission: Submission, fields: list[Field], **extra: Any) -> dict:
    complete = sum(1 for f in fields if f.complete)
    if any(f.evidence is None for f in fields):
        evidence = evidence_by_question(submission)
        for f in fields:
            f.evidence = evidence.get(f.question.pk, {}) if f.evidence is None else f.evidence
    return {
        "submission": submission,
        "engagement": submission.engagement,
        "sections": answer_sections(fields),
        "complete": complete,
        "total": len(fields),
        "references": list(submission.consultant.references.all()),
        "chosen": {r.pk for r in submission.chosen_references.all()},
        "areas": AccomplishmentArea.choices,
        "previous": services.previous_submission(submission),
        "editable": not submission.is_locked and submission.engagement.accepts_answers,
        **extra,
    }


def posted_version(question: Question, data: QueryDict) -> int | None:
    """The answer's version this tab saves against: the one it loaded (`<key>-version`), or
    the newer one it chose to save over ("Keep mine": `<key>-keep`). None when the form
    carries none (skip the check)."""
    for name in (f"{question.key}-keep", f"{question.key}-version"):
        value = data.get(name, "")
        if value.isdigit() and len(value) < 10:
            return int(value)
    return None


def _conflict(question: Question, raw: Any, exc: StaleVersionError) -> AnswerConflict:
    saved = exc.current
    typed = normalise_items(raw) if question.kind == QuestionKind.ACCOMPLISHMENTS else raw
    return AnswerConflict(
        saved=saved.value if saved is not None else None,
        saved_version=exc.current_version or 0,
        saved_at=exc.changed_at,
        typed=typed,
    )


def _saved_field(submission: Submission, question: Question) -> Field:
    """The question as saved now, errors of a blank answer left for submitting time."""
    answer = submission.answers.filter(question=question).first()
    value = answer.value if answer else None
    files = evidence_by_question(submission, question).get(question.pk, {})
    checked = check_answer(
        question,
        value,
        reference_ids={r.pk for r in submission.consultant.references.all()},
        file_ids=files,
    )
    if is_blank(value):
        checked.errors = []
    version = answer.version if answer else 0
    return Field(question, value, checked, version=version, evidence=files)


def _save_all(request: HttpRequest, submission: Submission) -> list[Field]:
    """ "Save draft" without JavaScript: every question as posted, each against the version
    the page loaded. One changed in another tab meanwhile keeps what is saved and shows
    both texts; "Use the saved one" (`<key>-use-saved`) shows the saved answer instead."""
    fields = []
    for question, _answer in selectors.submission_answers(submission):
        if f"{question.key}-use-saved" in request.POST:
            fields.append(_saved_field(submission, question))
            continue
        raw = raw_answer(question, request.POST)
        expected = posted_version(question, request.POST)
        try:
            answer, checked = services.answer_save(
                submission=submission,
                by=request.user,
                question=question,
                raw=raw,
                expected_version=expected,
            )
        except StaleVersionError as exc:
            conflict = _conflict(question, raw, exc)
            fields.append(Field(question, raw, None, version=expected or 0, conflict=conflict))
        else:
            fields.append(Field(question, checked.value, checked, version=answer.version))
    return fields


@login_required
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    """The self-assessment form. Without JavaScript, "Save draft" posts everything here."""
    submission = _own_submission(request, pk)
    if request.method == "POST":
        try:
            fields = _save_all(request, submission)
        except services.ServiceError as exc:
            messages.error(request, str(exc))
            return redirect("submissions:answer", pk=submission.pk)
        if any(f.conflict for f in fields):
            messages.warning(
                request,
                _(
                    "Some answers were changed in another tab or window meanwhile, so they "
                    "were not saved over: each shows both texts below. Your other answers "
                    "are saved."
                ),
            )
        elif any(f.invalid and not f.blank for f in fields):
            messages.warning(
                request, _("Your draft is saved, but some answers are not valid yet: see below.")
            )
        else:
            messages.success(request, _("Your draft is saved."))
        status = 409 if any(f.conflict for f in fields) else 200
        return render(
            request,
            "submissions/answer.html",
            _answer_context(submission, with_warnings(fields)),
            status=status,
        )
    fields = answer_fields(submission, show_all_errors=False)
    return render(request, "submissions/answer.html", _answer_context(submission, fields))


@login_required
@require_POST
def save_answer(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    """Autosave one question (htmx). Accomplishments may also add or remove a row. An
    answer saved meanwhile from another tab is not replaced: the reply shows both texts
    and lets the person keep either."""
    submission = _own_submission(request, pk)
    question = submission.engagement.questionnaire.questions.filter(key=key).first()
    if question is None:
        raise Http404("No such question.")
    if f"{key}-use-saved" in request.POST:
        # "Use the saved one": the question again as saved now, its field in focus.
        field = _saved_field(submission, question)
        context = {
            **_question_context(submission, field),
            "rerender": True,
            "focus": True,
            "status": "showing-saved",
        }
        return render(request, "submissions/saved.html", context)
    raw = raw_answer(question, request.POST)
    ip, agent = client_fingerprint(request)
    services.record_fingerprint(submission=submission, ip=ip, user_agent=agent)
    action = request.POST.get("action", "")
    rows = len(raw) if isinstance(raw, list) else 0
    if action == "add":
        rows += 1
    elif action.startswith("remove-") and isinstance(raw, list):
        index = action.removeprefix("remove-")
        if index.isdigit() and int(index) < len(raw):
            raw.pop(int(index))
            rows -= 1
    expected = posted_version(question, request.POST)
    try:
        answer, checked = services.answer_save(
            submission=submission,
            by=request.user,
            question=question,
            raw=raw,
            expected_version=expected,
        )
    except StaleVersionError as exc:
        return _conflict_reply(request, submission, question, raw, expected, exc)
    except services.ServiceError as exc:
        return render(request, "submissions/save_failed.html", {"message": str(exc), "key": key})
    if is_blank(checked.value):
        checked.errors = []  # an empty draft is not an error until they try to submit
    field = Field(question, checked.value, checked, rows=rows, version=answer.version)
    # Changing either figure may raise or lift the warning shown with the other question.
    years = (YEARS_SOCIAL, YEARS_CLIENTS)
    warnings = None
    if key in years:
        values = dict(
            submission.answers.filter(question__key__in=years).values_list("question__key", "value")
        )
        warnings = [(k, cross_warnings(values).get(k, "")) for k in years]
    context = {
        **_question_context(submission, field),
        "warnings": warnings,
        "rerender": bool(action),
        "status": "kept" if f"{key}-keep" in request.POST else "saved",
    }
    return render(request, "submissions/saved.html", context)


def _question_context(submission: Submission, field: Field) -> dict[str, Any]:
    """What the question partial and the status line need after an autosave."""
    if field.evidence is None:
        question = field.question
        field.evidence = evidence_by_question(submission, question).get(question.pk, {})
    return {
        "field": field,
        "submission": submission,
        "saved_at": timezone.localtime(),
        "complete": submission.answers.filter(is_complete=True).count(),
        "total": submission.engagement.questionnaire.questions.count(),
        "references": list(submission.consultant.references.all()),
        "areas": AccomplishmentArea.choices,
        "editable": True,
    }


@login_required
@require_POST
def choose_references(request: HttpRequest, pk: int) -> HttpResponse:
    """The consultant ticks which of their references this engagement may check."""
    submission = _own_submission(request, pk)
    wanted = [value for value in request.POST.getlist("chosen_references") if value.isdigit()]
    references = submission.consultant.references.filter(pk__in=wanted)
    try:
        services.references_choose(submission=submission, by=request.user, references=references)
    except services.ServiceError as exc:
        if request.htmx:
            return render(request, "submissions/save_failed.html", {"message": str(exc)})
        messages.error(request, str(exc))
        return redirect("submissions:answer", pk=submission.pk)
    chosen = len(wanted)
    if request.htmx:
        return render(
            request,
            "submissions/references_saved.html",
            {"chosen": chosen, "required": submission.engagement.references_required},
        )
    messages.success(request, _("Your choice of references is saved."))
    return redirect("submissions:answer", pk=submission.pk)


@login_required
@require_POST
def copy_answers(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _own_submission(request, pk)
    source = services.previous_submission(submission)
    if source is None:
        messages.info(request, _("You have no earlier answers to copy."))
        return redirect("submissions:answer", pk=submission.pk)
    try:
        copied = services.submission_copy_answers(
            submission=submission, by=request.user, source=source
        )
    except services.ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            ngettext(
                "Copied %(count)s answer from “%(title)s”. Read them again: this buyer's "
                "brief is different.",
                "Copied %(count)s answers from “%(title)s”. Read them again: this buyer's "
                "brief is different.",
                copied.count,
            )
            % {"count": copied.count, "title": source.engagement.title},
        )
        if copied.left:
            messages.warning(
                request,
                _("Not carried over as it was: %(items)s.") % {"items": "; ".join(copied.left)},
            )
    return redirect("submissions:answer", pk=submission.pk)


@login_required
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _own_submission(request, pk)
    ip, agent = client_fingerprint(request)
    services.record_fingerprint(submission=submission, ip=ip, user_agent=agent)
    try:
        services.submission_submit(submission=submission, by=request.user)
    except services.NotReady as exc:
        fields = answer_fields(submission, show_all_errors=True)
        # Asked again for each problem's question (to link to it); the exception's list has
        # the same problems as sentences, for the API.
        problems = services.submission_problems(submission) or exc.problems
        context = _answer_context(submission, fields, problems=problems)
        return render(request, "submissions/answer.html", context, status=422)
    except services.ServiceError as exc:
        messages.error(request, str(exc))
        return redirect("submissions:answer", pk=submission.pk)
    messages.success(
        request,
        _(
            "Your self-assessment is submitted and locked. The buyer has been told; you will "
            "hear about the outcome by email."
        ),
    )
    return redirect(submission)


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _own_submission(request, pk)
    try:
        services.submission_withdraw(submission=submission, by=request.user)
    except services.ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("You withdrew from this engagement."))
    return redirect(submission)


@login_required
def read(request: HttpRequest, pk: int) -> HttpResponse:
    """A submission laid out by criterion, for its owner, reviewers and the consultant."""
    submission = _submission(request, pk)
    is_own = can(request.user, "vetting.answer_submission", submission)
    if is_own and not submission.is_locked and submission.engagement.accepts_answers:
        return redirect("submissions:answer", pk=submission.pk)
    fields = answer_fields(submission, show_all_errors=False)
    references = {r.pk: r for r in submission.consultant.references.all()}
    checks = selectors.submission_checks(submission)
    is_owner = can(request.user, "vetting.request_check", submission)
    results_shown = can(request.user, "vetting.view_submission_results", submission)
    # A hold is a flag: its block shows to those who see flags, never to the consultant.
    decision = getattr(submission, "decision", None) if results_shown and not is_own else None
    checked = {c.reference_id for c in checks}
    context = {
        "submission": submission,
        "engagement": submission.engagement,
        "sections": answer_sections(fields),
        # None, and nothing on the page, for whoever may not see the price (sealed bids).
        "proposal_panel": proposal_panel(request.user, submission),
        "references_by_id": references,
        "is_own": is_own,
        # Consultants see how many checks were requested and completed, nothing more.
        "checks": [] if is_own else checks,
        "check_counts": {
            "requested": len(checks),
            "completed": sum(1 for c in checks if c.status == "completed"),
        },
        "is_owner": is_owner,
        "clarify": clarification_panel(request.user, submission),
        "results_shown": results_shown,
        "blocked_decision": decision if decision is not None and decision.is_blocked else None,
        "request_form": CheckRequestForm(
            references=submission.consultant.references.all(), checked=checked
        )
        if is_owner and submission.submitted_at
        else None,
    }
    return render(request, "submissions/read.html", context)


def _question_of(submission: Submission, key: str) -> Question:
    question = submission.engagement.questionnaire.questions.filter(key=key).first()
    if question is None:
        raise Http404("No such question.")
    return question


def _conflict_reply(
    request: HttpRequest,
    submission: Submission,
    question: Question,
    raw: Any,
    expected: int | None,
    exc: StaleVersionError,
) -> HttpResponse:
    """A save refused because another tab saved first: both versions, in the question's
    status line (a change that targets the whole question, such as adding or removing a
    row or a file, is retargeted there), the fields keeping what was typed."""
    field = Field(question, raw, None, version=expected or 0)
    context = {"field": field, "submission": submission, "conflict": _conflict(question, raw, exc)}
    response = render(request, "submissions/answer_conflict.html", context)
    response["HX-Retarget"] = f"#status-{question.key}"
    response["HX-Reswap"] = "innerHTML"
    return response


def _evidence_reply(
    request: HttpRequest,
    submission: Submission,
    question: Question,
    raw: Any,
    expected: int | None,
    exc: Exception,
) -> HttpResponse:
    """A refused attach or remove: a file refused is said under that accomplishment's file
    field with everything typed kept (the question re-rendered as typed, nothing saved); a
    stale version shows both texts; a closed round says why."""
    if isinstance(exc, StaleVersionError):
        return _conflict_reply(request, submission, question, raw, expected, exc)
    if isinstance(exc, services.EvidenceRejected):
        rows = len(raw) if isinstance(raw, list) else 0
        field = Field(question, raw, None, rows=rows, version=expected or 0)
        context = {
            **_question_context(submission, field),
            "rerender": True,
            "upload_error": {"item": request.POST.get("item", ""), "message": str(exc)},
        }
        return render(request, "submissions/saved.html", context)
    return render(
        request, "submissions/save_failed.html", {"message": str(exc), "key": question.key}
    )


@login_required
@require_POST
def attach_evidence(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    """ "Attach a file" under an accomplishment (htmx, multipart): the file is checked and
    kept, and the question saved as typed with the file listed in that accomplishment."""
    submission = _own_submission(request, pk)
    question = _question_of(submission, key)
    raw = raw_answer(question, request.POST)
    expected = posted_version(question, request.POST)
    item = request.POST.get("item", "")
    upload = request.FILES.get(f"{key}-{item}-upload")
    try:
        if upload is None or not item.isdigit():
            raise services.EvidenceRejected(_("Choose a file to attach."))
        _evidence, answer, checked = services.evidence_attach(
            submission=submission,
            by=request.user,
            question=question,
            raw=raw,
            item=int(item),
            upload=upload,
            expected_version=expected,
        )
    except (StaleVersionError, services.ServiceError) as exc:
        return _evidence_reply(request, submission, question, raw, expected, exc)
    rows = len(raw) if isinstance(raw, list) else 0
    field = Field(question, checked.value, checked, rows=rows, version=answer.version)
    context = {**_question_context(submission, field), "rerender": True, "status": "saved"}
    return render(request, "submissions/saved.html", context)


@login_required
@require_POST
def remove_evidence(request: HttpRequest, pk: int, key: str, file_id: int) -> HttpResponse:
    """A file's "Remove" button: the file leaves the draft and the storage, and the
    question is saved as typed without it."""
    submission = _own_submission(request, pk)
    question = _question_of(submission, key)
    evidence = submission.evidence_files.filter(pk=file_id, question=question).first()
    if evidence is None:
        raise Http404("No such file.")
    raw = raw_answer(question, request.POST)
    expected = posted_version(question, request.POST)
    try:
        saved = services.evidence_delete(
            evidence=evidence, by=request.user, raw=raw, expected_version=expected
        )
    except (StaleVersionError, services.ServiceError) as exc:
        return _evidence_reply(request, submission, question, raw, expected, exc)
    if saved is None:  # not a list of accomplishments: nothing was saved with it
        return redirect("submissions:answer", pk=submission.pk)
    answer, checked = saved
    rows = len(raw) if isinstance(raw, list) else 0
    field = Field(question, checked.value, checked, rows=rows, version=answer.version)
    context = {**_question_context(submission, field), "rerender": True, "status": "saved"}
    return render(request, "submissions/saved.html", context)
