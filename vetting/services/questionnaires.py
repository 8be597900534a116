"""Questionnaire templates: a buyer's own questions on top of the core seven, built as a
draft, frozen when published, changed later only as a new version. Every change is one
function and one transaction, checked by the access layer first.

The core questions (the built-in template's) are in every template, with their keys: the
scoring service reads them. A template's own questions come after them, in the order the
buyer gives, under the headings (sections) the buyer names.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vetting.access import require
from vetting.models import Organisation, Question, Questionnaire, TemplateStatus, User
from vetting.models.questionnaires import CUSTOM_POSITIONS, QUESTION_FIELDS
from vetting.scoring.rubric import CUSTOM_MAX, CUSTOM_PREFIX
from vetting.services.errors import ServiceError

EXPORT_FORMAT = "winnow-template/1"


def _save(instance: Any, by: User) -> None:
    instance._history_user = by
    instance.full_clean()
    instance.save()


def core_keys() -> frozenset[str]:
    """The keys of the core questions (the built-in template's), which every template
    keeps as they are."""
    core = Questionnaire.objects.filter(owner__isnull=True).default()
    return frozenset(core.questions.values_list("key", flat=True))


def _copy(questionnaire: Questionnaire, by: User, **fields: Any) -> Questionnaire:
    """A copy of `questionnaire` with its questions, as the next version (call within a
    transaction)."""
    latest = Questionnaire.objects.select_for_update().order_by("-version").first()
    copy = Questionnaire(
        title=fields.pop("title", questionnaire.title),
        version=(latest.version if latest else 0) + 1,
        based_on=questionnaire,
        custom_criteria=[dict(c) for c in questionnaire.custom_criteria or ()],
        **fields,
    )
    _save(copy, by)
    for question in questionnaire.questions.all():
        question.pk = None
        question.questionnaire = copy
        _save(question, by)
    return copy


def questionnaire_new_version(*, questionnaire: Questionnaire, by: User) -> Questionnaire:
    """Copy a questionnaire and its questions into the next version, ready to edit (staff,
    from the admin)."""
    require(by, "vetting.create_engagement", None, _("Only procurement changes questionnaires."))
    with transaction.atomic():
        return _copy(questionnaire, by)


def template_create(
    *,
    by: User,
    title: str,
    based_on: Questionnaire | None = None,
    organisation: Organisation | None = None,
) -> Questionnaire:
    """A new draft template of `by` in `organisation` (the one they work in): the core
    questions, or a copy of `based_on` (a template they may see) to change."""
    require(by, "vetting.create_engagement", None, _("Only procurement builds questionnaires."))
    source = based_on or Questionnaire.objects.filter(owner__isnull=True).default()
    require(by, "vetting.view_template", source)
    from vetting.services.engagements import organisation_for

    with transaction.atomic():
        organisation = organisation_for(by, organisation)
        return _copy(
            source,
            by,
            title=title,
            owner=by,
            organisation=organisation,
            status=TemplateStatus.DRAFT,
        )


def template_new_version(*, template: Questionnaire, by: User) -> Questionnaire:
    """A draft copy of a published template, to change: rounds that use the published one
    keep it, and their answers keep pointing at its questions."""
    require(by, "vetting.view_template", template)
    if template.is_draft:
        raise ServiceError(_("This template is still a draft: change it as it is."))
    return template_create(by=by, title=template.title, based_on=template)


def template_rename(*, template: Questionnaire, by: User, title: str) -> Questionnaire:
    require(by, "vetting.change_template", template, str(_DRAFTS_ONLY))
    template.title = title
    _save(template, by)
    return template


def _own_questions(template: Questionnaire) -> list[Question]:
    return list(template.questions.filter(position__gte=CUSTOM_POSITIONS).order_by("position"))


def _renumber(questions: list[Question], by: User) -> None:
    for position, question in enumerate(questions, start=CUSTOM_POSITIONS):
        if question.position != position:
            question.position = position
            _save(question, by)


def _free_key(template: Questionnaire, prompt: str, taken: set[str] | None = None) -> str:
    """A key for a new question, from its prompt: stable once answered, unique in the
    template, never a core question's."""
    taken = taken if taken is not None else set(template.questions.values_list("key", flat=True))
    taken |= core_keys()
    base = slugify(prompt).replace("-", "_")[:50].strip("_") or "question"
    base = re.sub(r"^(\d)", r"q_\1", base)
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    return key


_DRAFTS_ONLY = gettext_lazy(
    "Only its owner changes a draft template; a published one changes by a new version."
)


def question_add(*, template: Questionnaire, by: User, data: dict[str, Any]) -> Question:
    """Add one of the buyer's own questions at the end (`data`: a QuestionForm's cleaned
    data)."""
    require(by, "vetting.change_template", template, str(_DRAFTS_ONLY))
    with transaction.atomic():
        own = _own_questions(template)
        question = Question(
            questionnaire=template,
            key=_free_key(template, data["prompt"]),
            position=CUSTOM_POSITIONS + len(own),
            **{name: data[name] for name in QUESTION_FIELDS if name in data},
        )
        _save(question, by)
    return question


def question_update(*, question: Question, by: User, data: dict[str, Any]) -> Question:
    """Change one of the template's own questions (its key stays)."""
    template = question.questionnaire
    require(by, "vetting.change_template", template, str(_DRAFTS_ONLY))
    if question.is_core:
        raise ServiceError(_("The core questions stay as they are: the score reads them."))
    for name in QUESTION_FIELDS:
        if name in data:
            setattr(question, name, data[name])
    with transaction.atomic():
        _save(question, by)
    return question


def question_delete(*, question: Question, by: User) -> None:
    template = question.questionnaire
    require(by, "vetting.change_template", template, str(_DRAFTS_ONLY))
    if question.is_core:
        raise ServiceError(_("The core questions stay in every template: the score reads them."))
    with transaction.atomic():
        question._history_user = by
        question.delete()
        _renumber(_own_questions(template), by)


def question_move(*, question: Question, by: User, step: int) -> None:
    """Move one of the template's own questions up (-1) or down (+1) one place."""
    template = question.questionnaire
    require(by, "vetting.change_template", template, str(_DRAFTS_ONLY))
    if question.is_core:
        raise ServiceError(_("The core questions keep their places."))
    with transaction.atomic():
        own = _own_questions(template)
        at = next(i for i, q in enumerate(own) if q.pk == question.pk)
        to = min(max(at + step, 0), len(own) - 1)
        own.insert(to, own.pop(at))
        _renumber(own, by)


def question_duplicate(*, question: Question, by: User) -> Question:
    """A copy of one of the template's own questions, right after it."""
    template = question.questionnaire
    data = {name: getattr(question, name) for name in QUESTION_FIELDS}
    data["prompt"] = f"{question.prompt} (copy)"[:300]
    with transaction.atomic():
        copy = question_add(template=template, by=by, data=data)
        question_move(question=copy, by=by, step=-(copy.position - question.position - 1))
    copy.refresh_from_db()
    return copy


def _criterion_key(template: Questionnaire, label: str) -> str:
    """A key for a new criterion of the template's own, from its name: `own_` and a slug,
    unique in the template (and so never a core criterion's)."""
    taken = {c.key for c in template.criteria}
    base = CUSTOM_PREFIX + (slugify(label).replace("-", "_")[:30].strip("_") or "criterion")
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    return key


def criterion_add(*, template: Questionnaire, by: User, data: dict[str, Any]) -> dict[str, Any]:
    """Add a criterion of the buyer's own (`data`: a CriterionForm's cleaned data): its
    questions feed it, reviewers rate it, each round weights it."""
    require(by, "vetting.change_template", template, str(_DRAFTS_ONLY))
    with transaction.atomic():
        template = Questionnaire.objects.select_for_update().get(pk=template.pk)
        if len(template.custom_criteria) >= CUSTOM_MAX:
            raise ServiceError(
                _("A template has %(max)s criteria of its own at most.") % {"max": CUSTOM_MAX}
            )
        criterion = {"key": _criterion_key(template, data["label"]), **_criterion_fields(data)}
        template.custom_criteria = [*template.custom_criteria, criterion]
        _save(template, by)
    return criterion


def _criterion_fields(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "label": data["label"],
        "summary": data.get("summary") or "",
        "weight": int(data.get("weight") or 0),
    }


def criterion_of(template: Questionnaire, key: str) -> dict[str, Any] | None:
    """One of the template's own criteria by key (None if it has no such criterion)."""
    return next((c for c in template.custom_criteria or () if c.get("key") == key), None)


def criterion_update(
    *, template: Questionnaire, by: User, key: str, data: dict[str, Any]
) -> dict[str, Any]:
    """Rename or re-describe one of the template's own criteria (its key stays)."""
    require(by, "vetting.change_template", template, str(_DRAFTS_ONLY))
    with transaction.atomic():
        template = Questionnaire.objects.select_for_update().get(pk=template.pk)
        if criterion_of(template, key) is None:
            raise ServiceError(_("The template has no such criterion."))
        changed = {"key": key, **_criterion_fields(data)}
        template.custom_criteria = [
            changed if c.get("key") == key else c for c in template.custom_criteria
        ]
        _save(template, by)
    return changed


def criterion_delete(*, template: Questionnaire, by: User, key: str) -> None:
    """Remove one of the template's own criteria that no question feeds any more."""
    require(by, "vetting.change_template", template, str(_DRAFTS_ONLY))
    with transaction.atomic():
        template = Questionnaire.objects.select_for_update().get(pk=template.pk)
        if criterion_of(template, key) is None:
            raise ServiceError(_("The template has no such criterion."))
        feeding = list(template.questions.filter(criterion=key).values_list("prompt", flat=True))
        if feeding:
            raise ServiceError(
                _(
                    "Questions feed this criterion: give them another one or delete them "
                    "first (%(questions)s)."
                )
                % {"questions": "; ".join(feeding[:3]) + ("; ..." if len(feeding) > 3 else "")}
            )
        template.custom_criteria = [c for c in template.custom_criteria if c.get("key") != key]
        _save(template, by)


def template_publish(*, template: Questionnaire, by: User) -> Questionnaire:
    """Freeze the draft: rounds may use it from now on, and it changes only by a new
    version."""
    require(by, "vetting.change_template", template, str(_DRAFTS_ONLY))
    template.status = TemplateStatus.PUBLISHED
    with transaction.atomic():
        _save(template, by)
    return template


def template_export(template: Questionnaire) -> dict[str, Any]:
    """The template as JSON, to share: its title and its own questions (the core ones are
    in every template, so they are named, not copied)."""
    return {
        "format": EXPORT_FORMAT,
        "title": template.title,
        "core": sorted(core_keys()),
        "criteria": [dict(c) for c in template.custom_criteria or ()],
        "questions": [
            {"key": q.key, **{name: getattr(q, name) for name in QUESTION_FIELDS}}
            for q in _own_questions(template)
        ],
    }


def template_import(
    *,
    by: User,
    title: str,
    questions: list[dict[str, Any]],
    criteria: list[dict[str, Any]] | None = None,
) -> Questionnaire:
    """A new draft template of `by`: the core questions, its own `criteria` (keys kept: the
    questions name them), then `questions` (each already checked by the builder's forms:
    see forms.TemplateImportForm)."""
    with transaction.atomic():
        template = template_create(by=by, title=title)
        if criteria:
            template.custom_criteria = [
                {"key": c["key"], **_criterion_fields(c)} for c in criteria[:CUSTOM_MAX]
            ]
            _save(template, by)
        taken = set(template.questions.values_list("key", flat=True))
        for position, data in enumerate(questions, start=CUSTOM_POSITIONS):
            key = data.get("key") or ""
            key = key if key and key not in taken | core_keys() else ""
            question = Question(
                questionnaire=template,
                key=key or _free_key(template, data["prompt"], taken),
                position=position,
                **{name: data[name] for name in QUESTION_FIELDS if name in data},
            )
            _save(question, by)
            taken.add(question.key)
    return template
