"""Delivery reviews (the list, one review: rating it point by point, its date and
assignee) and the organisation's outcome report (page, CSV, adopting its suggested
weights). Access is asked of the access layer; every change is a service."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from vetting.access import can, require
from vetting.concurrency import StaleVersionError, refuse_stale
from vetting.forms.delivery import (
    DeliveryListForm,
    DeliveryReviewForm,
    DeliveryScheduleForm,
    WeightingAdoptForm,
)
from vetting.i18n import criterion_words
from vetting.models import DeliveryReview, Organisation
from vetting.selectors import delivery as selectors
from vetting.services import delivery as service
from vetting.services import organisations as organisation_service
from vetting.services.errors import ServiceError


@login_required
@require_GET
def reviews(request: HttpRequest) -> HttpResponse:
    require(request.user, "vetting.browse_engagements")
    filters = DeliveryListForm(request.GET or None)
    show = filters.cleaned_data["show"] if filters.is_valid() else "open"
    context = {
        "reviews": list(selectors.delivery_reviews(request.user, show=show)),
        "filters": filters,
        "show": show,
        "show_label": selectors.LIST_FILTERS[show],
    }
    return render(request, "delivery/list.html", context)


def _review_page(
    request: HttpRequest,
    review: DeliveryReview,
    form: DeliveryReviewForm | None = None,
    schedule_form: DeliveryScheduleForm | None = None,
    status: int = 200,
) -> HttpResponse:
    completes = can(request.user, "vetting.complete_delivery_review", review)
    schedules = can(request.user, "vetting.schedule_delivery_review", review)
    if form is None:
        form = DeliveryReviewForm(review=review)
    if schedule_form is None and schedules and review.is_open:
        schedule_form = DeliveryScheduleForm(review=review)
    context = {
        "review": review,
        "form": form,
        "schedule_form": schedule_form,
        "completes": completes and review.is_open,
        "schedules": schedules and review.is_open,
        "history": selectors.delivery_review_history(review),
        "report_url": can(request.user, "vetting.view_outcomes", review.organisation_id),
        # The card as it was: for who sees the round's scores (blind review).
        "card_shown": can(request.user, "vetting.view_scores", review.submission),
    }
    return render(request, "delivery/detail.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, pk: int) -> HttpResponse:
    review = selectors.delivery_review_or_404(request.user, pk)
    if request.method == "GET":
        return _review_page(request, review)
    require(request.user, "vetting.complete_delivery_review", review)
    form = DeliveryReviewForm(request.POST, review=review)
    if not form.is_valid():
        return _review_page(request, review, form, status=422)
    data = form.cleaned_data
    try:
        service.delivery_review_save(
            review=review,
            by=request.user,
            points=data["points"],
            overall_rating=data["overall_rating"],
            summary=data["summary"],
            submit=data["submit"],
            expected_version=data["version"],
        )
    except StaleVersionError as exc:
        refuse_stale(form, exc)
        return _review_page(request, review, form, status=409)
    except ServiceError as exc:
        form.add_error(None, str(exc))
        return _review_page(request, review, form, status=422)
    if data["submit"]:
        messages.success(
            request,
            _("Delivery review submitted. It now counts in your organisation's outcome report."),
        )
    else:
        messages.success(request, _("Draft saved. Submit it once every point is rated."))
    return redirect(review)


@login_required
@require_POST
def schedule(request: HttpRequest, pk: int) -> HttpResponse:
    review = selectors.delivery_review_or_404(request.user, pk)
    require(request.user, "vetting.schedule_delivery_review", review)
    form = DeliveryScheduleForm(request.POST, review=review)
    if not form.is_valid():
        return _review_page(request, review, schedule_form=form, status=422)
    try:
        service.delivery_review_reschedule(
            review=review,
            by=request.user,
            due_on=form.cleaned_data["due_on"],
            assignee=form.cleaned_data["assignee"],
            expected_version=form.cleaned_data["version"],
        )
    except StaleVersionError as exc:
        refuse_stale(form, exc)
        return _review_page(request, review, schedule_form=form, status=409)
    except ServiceError as exc:
        form.add_error(None, str(exc))
        return _review_page(request, review, schedule_form=form, status=422)
    messages.success(request, _("Review date and assignee saved."))
    return redirect(review)


# --- The outcome report ---------------------------------------------------------------------


def _organisation(request: HttpRequest) -> Organisation:
    """The organisation the user works in, if they may read its outcomes (a member in
    another role is refused; someone in none finds nothing)."""
    organisation = organisation_service.current_organisation(
        request.user, request.session.get(organisation_service.SESSION_KEY)
    )
    if organisation is None:
        raise Http404("You are not a member of a buyer organisation.")
    require(
        request.user,
        "vetting.view_outcomes",
        organisation,
        _("The outcome report is for the organisation's procurement people and managers."),
    )
    return organisation


@login_required
@require_GET
def report(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    page = selectors.outcome_report(organisation, request.user)
    return _report_page(request, page, WeightingAdoptForm(initial={"number": page.number}))


def _report_page(
    request: HttpRequest, page: selectors.OutcomeReportPage, form: WeightingAdoptForm
) -> HttpResponse:
    context = {
        "page": page,
        "report": page.report,
        "form": form,
        "adopts": can(request.user, "vetting.adopt_weighting", page.organisation),
        "chart_labels": [criterion_words(c)[0] for c in page.report.criteria],
        "chart_series": [
            {
                "label": _("Mean delivery, top half by the criterion"),
                "values": [c.top_mean for c in page.report.criteria],
            },
            {
                "label": _("Mean delivery, bottom half"),
                "values": [c.bottom_mean for c in page.report.criteria],
            },
        ],
    }
    return render(request, "delivery/report.html", context, status=422 if form.errors else 200)


@login_required
@require_GET
def report_csv(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    page = selectors.outcome_report(organisation, request.user)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="outcome-report.csv"'
    writer = csv.writer(response)
    for row in selectors.outcome_report_rows(page):
        # A cell that starts like a formula is read as text by spreadsheets.
        writer.writerow([_cell(c) for c in row])
    return response


def _cell(text: str) -> str:
    """A text cell that starts like a formula is written so a spreadsheet reads it as text
    (numbers, negative ones too, stay numbers)."""
    if text[:1] not in ("=", "+", "-", "@"):
        return text
    try:
        float(text)
    except ValueError:
        return "'" + text
    return text


@login_required
@require_POST
def adopt(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    require(request.user, "vetting.adopt_weighting", organisation, _("Only its admins do."))
    form = WeightingAdoptForm(request.POST)
    if form.is_valid():
        try:
            weighting = service.weighting_adopt(
                organisation=organisation,
                by=request.user,
                name=form.cleaned_data["name"],
                expected_number=form.cleaned_data["number"],
            )
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _(
                    "Adopted: %(weighting)s. New rounds start from these weights; rounds "
                    "already running keep theirs."
                )
                % {"weighting": weighting.label},
            )
            return redirect("delivery:report")
    return _report_page(request, selectors.outcome_report(organisation, request.user), form)
