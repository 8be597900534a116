"""Consultant directory, profiles and references. Thin: check access, bind, call a service."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from consultants import selectors, services
from consultants.forms import ConsultantProfileForm, DirectorySearchForm, ReferenceForm
from consultants.models import Consultant, Reference
from vetting.access import can
from vetting.concurrency import StaleVersionError, refuse_stale

DIRECTORY_PAGE_SIZE = 25


def _visible_consultant(request: HttpRequest, pk: int) -> Consultant:
    try:
        return selectors.profile(request.user, pk)
    except Consultant.DoesNotExist as exc:
        raise Http404("No such consultant.") from exc


def _editable_consultant(request: HttpRequest, pk: int) -> Consultant:
    consultant = get_object_or_404(Consultant.objects.for_user(request.user), pk=pk)
    if not can(request.user, "consultants.change_consultant", consultant):
        raise PermissionDenied(_("Only the consultant can change this profile."))
    return consultant


def _editable_reference(request: HttpRequest, pk: int) -> Reference:
    reference = get_object_or_404(
        Reference.objects.for_user(request.user).select_related("consultant"), pk=pk
    )
    if not can(request.user, "consultants.change_consultant", reference.consultant):
        raise PermissionDenied(_("Only the consultant can change their references."))
    return reference


@login_required
def directory(request: HttpRequest) -> HttpResponse:
    if not can(request.user, "consultants.view_directory"):
        raise PermissionDenied(_("The directory is for procurement teams and managers."))
    form = DirectorySearchForm(request.GET or None)
    form.is_valid()
    # Every valid filter applies; a search too long to apply says so above the results.
    filters = getattr(form, "cleaned_data", {})
    consultants = selectors.directory(
        request.user,
        text=filters.get("q") or "",
        service=filters.get("service"),
        ordering=form.ordering(),
    )
    page = Paginator(consultants, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    partial = request.htmx and not request.htmx.history_restore_request
    template = "consultants/directory_results.html" if partial else "consultants/directory.html"
    return render(request, template, context)


@login_required
def my_profile(request: HttpRequest) -> HttpResponse:
    consultant = Consultant.objects.filter(user=request.user).only("pk").first()
    if consultant is None:
        raise Http404("You have no consultant profile.")
    return redirect(consultant)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    consultant = _visible_consultant(request, pk)
    references = list(consultant.references.all())
    context = {
        "consultant": consultant,
        "references": references,
        "can_edit": can(request.user, "consultants.change_consultant", consultant),
        "next_steps": _next_steps(consultant, references),
    }
    return render(request, "consultants/detail.html", context)


def _next_steps(consultant: Consultant, references: list[Reference]) -> list[str]:
    """What a consultant still has to do for a profile buyers take seriously."""
    steps = []
    if not consultant.headline:
        steps.append(_("Write a one-line headline buyers read first."))
    if not consultant.business_background:
        steps.append(_("Describe your business background beyond social platforms."))
    if not consultant.services_offered.all():
        steps.append(_("Tick the services you offer."))
    if not consultant.services_not_offered.all():
        steps.append(_("Say which services you do not offer: buyers trust vendors who do."))
    if len(references) < 2:
        steps.append(
            ngettext(
                "Name at least two references (%(count)s so far).",
                "Name at least two references (%(count)s so far).",
                len(references),
            )
            % {"count": len(references)}
        )
    elif not any(r.consent_to_contact for r in references):
        steps.append(_("Confirm that your references agreed to be contacted."))
    return steps


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    consultant = _editable_consultant(request, pk)
    form = ConsultantProfileForm(request.POST or None, instance=consultant)
    if request.method == "POST" and form.is_valid():
        try:
            services.consultant_update(
                consultant=consultant,
                by=request.user,
                data=form.cleaned_data,
                services_offered=form.cleaned_data["services_offered"],
                services_not_offered=form.cleaned_data["services_not_offered"],
                expected_version=form.cleaned_data["version"],
            )
        except StaleVersionError as exc:
            refuse_stale(form, exc)
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect(consultant)
    return render(request, "consultants/edit.html", {"consultant": consultant, "form": form})


@login_required
def reference_create(request: HttpRequest, pk: int) -> HttpResponse:
    consultant = _editable_consultant(request, pk)
    form = ReferenceForm(request.POST or None, instance=Reference(consultant=consultant))
    if request.method == "POST" and form.is_valid():
        reference = services.reference_create(
            consultant=consultant, by=request.user, data=form.cleaned_data
        )
        messages.success(
            request, _("%(name)s is now one of your references.") % {"name": reference.name}
        )
        if "add_another" in request.POST:
            return redirect("consultants:reference_create", pk=consultant.pk)
        return redirect(consultant)
    context = {"consultant": consultant, "form": form, "creating": True}
    return render(request, "consultants/reference_form.html", context)


@login_required
def reference_edit(request: HttpRequest, pk: int) -> HttpResponse:
    reference = _editable_reference(request, pk)
    form = ReferenceForm(request.POST or None, instance=reference)
    if request.method == "POST" and form.is_valid():
        services.reference_update(reference=reference, by=request.user, data=form.cleaned_data)
        messages.success(request, _("Reference %(name)s is saved.") % {"name": reference.name})
        return redirect(reference.consultant)
    context = {"consultant": reference.consultant, "form": form, "reference": reference}
    return render(request, "consultants/reference_form.html", context)


@login_required
def reference_delete(request: HttpRequest, pk: int) -> HttpResponse:
    reference = _editable_reference(request, pk)
    if request.method == "POST":
        services.reference_delete(reference=reference, by=request.user)
        messages.success(
            request, _("%(name)s was removed from your references.") % {"name": reference.name}
        )
        return redirect(reference.consultant)
    return render(request, "consultants/reference_delete.html", {"reference": reference})


@login_required
def history(request: HttpRequest, pk: int) -> HttpResponse:
    consultant = get_object_or_404(Consultant.objects.for_user(request.user), pk=pk)
    entries = selectors.profile_history(consultant)
    return render(
        request, "consultants/history.html", {"consultant": consultant, "entries": entries}
    )
