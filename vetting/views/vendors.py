"""The approved-vendor register (the list, an entry, its settings, removing a vendor,
starting a re-vetting round), the consultant's "what changed since" and the differences
between a re-vetting round and the previous one. Access is asked of the access layer;
every change is a service."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from vetting.access import can, require
from vetting.concurrency import StaleVersionError
from vetting.forms.vendors import (
    RegisterFilterForm,
    RevettingChangesForm,
    VendorRemoveForm,
    VendorSettingsForm,
)
from vetting.models import Organisation, Revetting, Submission, VendorEntry
from vetting.selectors import vendors as selectors
from vetting.services import organisations as organisation_service
from vetting.services import vendors as service
from vetting.services.errors import ServiceError


def _organisation(request: HttpRequest) -> Organisation:
    """The organisation the user works in (its register), if they may see it; else 404."""
    organisation = organisation_service.current_organisation(
        request.user, request.session.get(organisation_service.SESSION_KEY)
    )
    if organisation is None:
        raise Http404("You are not a member of a buyer organisation.")
    require(request.user, "vetting.view_organisation", organisation)
    return organisation


def _register_page(
    request: HttpRequest, organisation: Organisation, settings_form: VendorSettingsForm
) -> HttpResponse:
    filters = RegisterFilterForm(request.GET or None)
    status, sort = "", "review"
    if filters.is_valid():
        status, sort = filters.cleaned_data["status"], filters.cleaned_data["sort"]
    entries = list(selectors.register(request.user, organisation, status=status, sort=sort))
    context = {
        "organisation": organisation,
        "entries": entries,
        "filters": filters,
        "status": status,
        "sort": sort,
        "settings_form": settings_form,
        "manages": can(request.user, "vetting.manage_organisation", organisation),
    }
    return render(
        request, "vendors/register.html", context, status=422 if settings_form.is_bound else 200
    )


@login_required
@require_GET
def register(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    return _register_page(request, organisation, VendorSettingsForm(instance=organisation))


@login_required
@require_POST
def register_settings(request: HttpRequest) -> HttpResponse:
    """The re-vetting cadence and the age of reference checks, from the register page or
    the organisation page (`next=members`)."""
    organisation = _organisation(request)
    require(request.user, "vetting.manage_organisation", organisation, _("Only its admins do."))
    form = VendorSettingsForm(request.POST, instance=Organisation.objects.get(pk=organisation.pk))
    if not form.is_valid():
        return _register_page(request, organisation, form)
    try:
        service.vendor_settings_set(
            organisation=organisation,
            by=request.user,
            revetting_months=form.cleaned_data["revetting_months"],
            reference_max_age_months=form.cleaned_data["reference_max_age_months"],
        )
    except ServiceError as exc:
        form.add_error(None, str(exc))
        return _register_page(request, organisation, form)
    messages.success(
        request,
        ngettext(
            "Saved: vendors are reviewed every %(months)s months after approval; review dates "
            "follow.",
            "Saved: vendors are reviewed every %(months)s months after approval; review dates "
            "follow.",
            form.cleaned_data["revetting_months"],
        )
        % {"months": form.cleaned_data["revetting_months"]},
    )
    if request.POST.get("next") == "members":
        return redirect("organisation:members")
    return redirect("vendors:register")


def _entry(request: HttpRequest, pk: int) -> VendorEntry:
    try:
        return selectors.entry_detail(request.user, pk)
    except VendorEntry.DoesNotExist as exc:
        raise Http404("No such vendor in your organisations' registers.") from exc


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _entry(request, pk)
    history = list(entry.history.select_related("history_user").order_by("-history_date"))
    context = {
        "entry": entry,
        "history": history,
        "revettings": list(entry.revettings.all()),
        "remove_form": VendorRemoveForm(initial={"version": entry.version}),
        "may_remove": can(request.user, "vetting.remove_vendor", entry),
        "may_revet": can(request.user, "vetting.revet_vendor", entry),
    }
    return render(request, "vendors/detail.html", context)


@login_required
@require_POST
def revet(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _entry(request, pk)
    try:
        revetting = service.revetting_open(entry=entry, by=request.user)
    except ServiceError as exc:
        messages.error(request, str(exc))
        return redirect(entry)
    messages.success(
        request,
        _(
            "Re-vetting round opened: %(name)s is invited by email, with their last answers "
            "filled in. Follow it on the round's page."
        )
        % {"name": entry.consultant.name},
    )
    return redirect(revetting.engagement)


@login_required
@require_POST
def remove(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _entry(request, pk)
    require(request.user, "vetting.remove_vendor", entry)
    form = VendorRemoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the vendor is removed: the reason is kept."))
        return redirect(entry)
    try:
        service.vendor_remove(
            entry=entry,
            by=request.user,
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
        )
    except StaleVersionError:
        messages.error(request, _("This entry changed meanwhile: look at it again, then remove."))
    except ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("%(name)s is removed from the register.") % {"name": entry.consultant.name}
        )
    return redirect(entry)


def _revetting_of(request: HttpRequest, pk: int) -> Revetting:
    """The re-vetting round of a submission the user sees (404 otherwise, or when the
    submission is not a re-vetting round's)."""
    submission = (
        Submission.objects.for_user(request.user)
        .select_related("engagement", "consultant")
        .filter(pk=pk)
        .first()
    )
    revetting = (
        Revetting.objects.select_related(
            "entry", "previous__engagement", "engagement", "submission__consultant"
        )
        .filter(submission=submission)
        .first()
        if submission is not None
        else None
    )
    if revetting is None:
        raise Http404("No such re-vetting round.")
    revetting.submission = submission
    return revetting


@login_required
@require_GET
def differences(request: HttpRequest, pk: int) -> HttpResponse:
    revetting = _revetting_of(request, pk)
    submission = revetting.submission
    require(request.user, "vetting.view_differences", submission)
    results_shown = can(request.user, "vetting.view_scores", submission)
    context = {
        "revetting": revetting,
        "submission": submission,
        "engagement": submission.engagement,
        "previous": revetting.previous,
        "diff": selectors.differences(revetting, results_shown=results_shown),
        "results_shown": results_shown,
    }
    return render(request, "vendors/differences.html", context)


@login_required
@require_POST
def changes(request: HttpRequest, pk: int) -> HttpResponse:
    """The consultant says what changed since their last round (on their answer page)."""
    revetting = _revetting_of(request, pk)
    submission = revetting.submission
    require(request.user, "vetting.answer_submission", submission)
    form = RevettingChangesForm(request.POST, instance=revetting)
    if not form.is_valid():
        messages.error(request, _("Say in a few words what changed (4,000 characters at most)."))
        return redirect("submissions:answer", pk=submission.pk)
    try:
        service.revetting_changes_save(
            submission=submission, by=request.user, text=form.cleaned_data["changes"]
        )
    except ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Saved what changed since your last round."))
    return redirect("submissions:answer", pk=submission.pk)
