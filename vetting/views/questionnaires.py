"""The question builder: procurement's own questionnaire templates (the core seven plus
their questions), built as drafts, previewed as the consultant will see them, published,
versioned, exported and imported as JSON. The rules are asked of the access layer; every
change is a service."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from vetting import services
from vetting.access import require, template_or_404, visible_templates
from vetting.answers import check_answer
from vetting.forms import CriterionForm, QuestionForm, TemplateForm, TemplateImportForm
from vetting.forms.questionnaires import LIMITS_BY_KIND
from vetting.i18n import criterion_words
from vetting.models import Question, Questionnaire
from vetting.scoring.rubric import CRITERIA, CUSTOM_MAX
from vetting.selectors.answers import Field
from vetting.services.errors import ServiceError
from vetting.services.organisations import SESSION_KEY, current_organisation


def _sections(template: Questionnaire) -> list[tuple[str, list[Question]]]:
    """The template's questions as the builder lists them: the core ones first, then the
    buyer's own under their headings, in their order."""
    questions = list(template.questions.all())
    core = [q for q in questions if q.is_core]
    groups: list[tuple[str, list[Question]]] = [(_("Core questions"), core)]
    for question in (q for q in questions if not q.is_core):
        heading = question.section or _("Your questions")
        if groups[-1][0] != heading or groups[-1][1] is core:
            groups.append((heading, []))
        groups[-1][1].append(question)
    return groups


@login_required
def template_list(request: HttpRequest) -> HttpResponse:
    require(
        request.user, "vetting.create_engagement", None, _("Questionnaires are for procurement.")
    )
    templates = (
        visible_templates(request.user, Questionnaire.objects.select_related("owner"))
        .order_by("owner_id", "-version")
        .prefetch_related("questions")
    )
    return render(
        request,
        "questionnaires/list.html",
        {"templates": templates, "form": TemplateForm(), "import_form": TemplateImportForm()},
    )


@login_required
@require_POST
def template_create(request: HttpRequest) -> HttpResponse:
    require(
        request.user, "vetting.create_engagement", None, _("Questionnaires are for procurement.")
    )
    form = TemplateForm(request.POST)
    if not form.is_valid():
        templates = visible_templates(request.user).order_by("owner_id", "-version")
        context = {"templates": templates, "form": form, "import_form": TemplateImportForm()}
        return render(request, "questionnaires/list.html", context, status=422)
    organisation = current_organisation(request.user, request.session.get(SESSION_KEY))
    template = services.template_create(
        by=request.user, title=form.cleaned_data["title"], organisation=organisation
    )
    messages.success(request, _("Template created: add your questions below the core ones."))
    return redirect("questionnaires:detail", pk=template.pk)


@login_required
def template_detail(request: HttpRequest, pk: int) -> HttpResponse:
    template = template_or_404(request.user, pk)
    criteria = template.criteria
    context = {
        "template": template,
        "sections": _sections(template),
        "core_criteria": CRITERIA,
        "own_criteria": criteria[len(CRITERIA) :],
        "criterion_labels": {c.key: criterion_words(c)[0] for c in criteria},
        "custom_max": CUSTOM_MAX,
    }
    return render(request, "questionnaires/detail.html", context)


def _question_of(template: Questionnaire, question_pk: int) -> Question:
    for question in template.questions.all():
        if question.pk == question_pk:
            return question
    raise Http404("No such question in this template.")


def _question_page(
    request: HttpRequest, template: Questionnaire, form: QuestionForm, question: Question | None
) -> HttpResponse:
    context = {
        "template": template,
        "form": form,
        "question": question,
        "limits": {name: " ".join(sorted(kinds)) for name, kinds in LIMITS_BY_KIND.items()},
    }
    status = 422 if form.is_bound else 200
    return render(request, "questionnaires/question_form.html", context, status=status)


@login_required
def question_add(request: HttpRequest, pk: int) -> HttpResponse:
    template = template_or_404(request.user, pk, perm="vetting.change_template")
    if request.method != "POST":
        return _question_page(request, template, QuestionForm(criteria=template.criteria), None)
    form = QuestionForm(request.POST, criteria=template.criteria)
    if not form.is_valid():
        return _question_page(request, template, form, None)
    question = services.question_add(template=template, by=request.user, data=form.cleaned_data)
    messages.success(request, _("Added: %(prompt)s") % {"prompt": question.prompt})
    return redirect("questionnaires:detail", pk=template.pk)


@login_required
def question_edit(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    template = template_or_404(request.user, pk, perm="vetting.change_template")
    question = _question_of(template, question_pk)
    if question.is_core:
        raise Http404("The core questions are not edited here.")
    if request.method != "POST":
        form = QuestionForm(instance=question, criteria=template.criteria)
        return _question_page(request, template, form, question)
    form = QuestionForm(request.POST, instance=question, criteria=template.criteria)
    if not form.is_valid():
        return _question_page(request, template, form, question)
    services.question_update(question=question, by=request.user, data=form.cleaned_data)
    messages.success(request, _("Saved: %(prompt)s") % {"prompt": question.prompt})
    return redirect("questionnaires:detail", pk=template.pk)


@login_required
@require_POST
def question_action(request: HttpRequest, pk: int, question_pk: int, action: str) -> HttpResponse:
    """Move up or down, duplicate or delete one of the template's own questions."""
    template = template_or_404(request.user, pk, perm="vetting.change_template")
    question = _question_of(template, question_pk)
    try:
        if action == "up":
            services.question_move(question=question, by=request.user, step=-1)
        elif action == "down":
            services.question_move(question=question, by=request.user, step=1)
        elif action == "duplicate":
            services.question_duplicate(question=question, by=request.user)
            messages.success(request, _("Duplicated: change the copy below the original."))
        elif action == "delete":
            services.question_delete(question=question, by=request.user)
            messages.success(request, _("Deleted: %(prompt)s") % {"prompt": question.prompt})
        else:
            raise Http404("No such action.")
    except ServiceError as exc:
        messages.error(request, str(exc))
    return redirect(f"{template_detail_url(template)}#q-{question.pk}")


def _criterion_page(
    request: HttpRequest, template: Questionnaire, form: CriterionForm, key: str | None
) -> HttpResponse:
    context = {"template": template, "form": form, "key": key}
    status = 422 if form.is_bound else 200
    return render(request, "questionnaires/criterion_form.html", context, status=status)


@login_required
def criterion_add(request: HttpRequest, pk: int) -> HttpResponse:
    """A criterion of the buyer's own: questions feed it, reviewers rate it, rounds weight it."""
    template = template_or_404(request.user, pk, perm="vetting.change_template")
    form = CriterionForm(request.POST or None, taken=template.criteria)
    if request.method != "POST" or not form.is_valid():
        return _criterion_page(request, template, form, None)
    try:
        services.criterion_add(template=template, by=request.user, data=form.cleaned_data)
    except ServiceError as exc:
        form.add_error(None, str(exc))
        return _criterion_page(request, template, form, None)
    messages.success(
        request,
        _("Added the criterion %(label)s: choose it for the questions that feed it.")
        % {"label": form.cleaned_data["label"]},
    )
    return redirect(f"{template_detail_url(template)}#criteria")


@login_required
def criterion_edit(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    template = template_or_404(request.user, pk, perm="vetting.change_template")
    current = services.criterion_of(template, key)
    if current is None:
        raise Http404("No such criterion in this template.")
    others = tuple(c for c in template.criteria if c.key != key)
    form = CriterionForm(request.POST or None, initial=current, taken=others)
    if request.method != "POST" or not form.is_valid():
        return _criterion_page(request, template, form, key)
    services.criterion_update(template=template, by=request.user, key=key, data=form.cleaned_data)
    messages.success(
        request, _("Saved the criterion %(label)s.") % {"label": form.cleaned_data["label"]}
    )
    return redirect(f"{template_detail_url(template)}#criteria")


@login_required
@require_POST
def criterion_delete(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    template = template_or_404(request.user, pk, perm="vetting.change_template")
    if services.criterion_of(template, key) is None:
        raise Http404("No such criterion in this template.")
    try:
        services.criterion_delete(template=template, by=request.user, key=key)
        messages.success(request, _("Criterion deleted."))
    except ServiceError as exc:
        messages.error(request, str(exc))
    return redirect(f"{template_detail_url(template)}#criteria")


def template_detail_url(template: Questionnaire) -> str:
    return reverse("questionnaires:detail", args=[template.pk])


@login_required
@require_POST
def template_publish(request: HttpRequest, pk: int) -> HttpResponse:
    template = template_or_404(request.user, pk, perm="vetting.change_template")
    services.template_publish(template=template, by=request.user)
    messages.success(request, _("Published: you can now choose it when you open a round."))
    return redirect("questionnaires:detail", pk=template.pk)


@login_required
@require_POST
def template_new_version(request: HttpRequest, pk: int) -> HttpResponse:
    template = template_or_404(request.user, pk)
    try:
        copy = services.template_new_version(template=template, by=request.user)
    except ServiceError as exc:
        messages.error(request, str(exc))
        return redirect("questionnaires:detail", pk=template.pk)
    messages.success(
        request, _("A new draft of this template: rounds that use the published one keep it.")
    )
    return redirect("questionnaires:detail", pk=copy.pk)


@login_required
def template_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The template as a consultant will see it (nothing can be typed or saved)."""
    template = template_or_404(request.user, pk)
    fields = []
    for question in template.questions.all():
        checked = check_answer(question, None)
        checked.errors = []
        fields.append(Field(question, None, checked))
    groups: list[tuple[str, list[Field]]] = []
    for heading, questions in _sections(template):
        ids = {q.pk for q in questions}
        groups.append((heading, [f for f in fields if f.question.pk in ids]))
    return render(
        request,
        "questionnaires/preview.html",
        {"template": template, "groups": groups, "editable": False},
    )


@login_required
def template_export(request: HttpRequest, pk: int) -> HttpResponse:
    template = template_or_404(request.user, pk)
    body = json.dumps(services.template_export(template), indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    name = slugify(template.title) or "template"
    response["Content-Disposition"] = f'attachment; filename="{name}-v{template.version}.json"'
    return response


@login_required
@require_POST
def template_import(request: HttpRequest) -> HttpResponse:
    require(
        request.user, "vetting.create_engagement", None, _("Questionnaires are for procurement.")
    )
    form = TemplateImportForm(request.POST, request.FILES)
    if not form.is_valid():
        templates = visible_templates(request.user).order_by("owner_id", "-version")
        context: dict[str, Any] = {
            "templates": templates,
            "form": TemplateForm(),
            "import_form": form,
        }
        return render(request, "questionnaires/list.html", context, status=422)
    imported = form.cleaned_data["file"]
    template = services.template_import(
        by=request.user,
        title=imported["title"],
        questions=imported["questions"],
        criteria=imported["criteria"],
    )
    count = len(imported["questions"])
    messages.success(
        request,
        ngettext(
            "Imported as a draft: the core questions and %(count)s of yours.",
            "Imported as a draft: the core questions and %(count)s of yours.",
            count,
        )
        % {"count": count},
    )
    return redirect("questionnaires:detail", pk=template.pk)
