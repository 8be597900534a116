"""Oversight pages: an engagement's audit trail, and the managers' discrepancies list."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.vary import vary_on_headers

from vetting import audit
from vetting.audit_forms import AuditFilterForm, DiscrepancyFilterForm
from vetting.rules import is_manager, is_staff
from vetting.views.engagements import visible_engagement

PAGE_SIZE = 50


def _page(request: HttpRequest, items: object) -> tuple[Page, str]:
    """The requested page, and the query string without it (for the page links)."""
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


def _template(request: HttpRequest, page: str, partial: str) -> str:
    """htmx swaps in the results alone when a filter or page link changes."""
    return partial if request.htmx and not request.htmx.history_restore_request else page


@login_required
@vary_on_headers("HX-Request")
def engagement_audit(request: HttpRequest, pk: int) -> HttpResponse:
    """Who did what and when, for the engagement's owner, its reviewers and staff."""
    engagement = visible_engagement(request, pk)
    trail = audit.engagement_audit(engagement)
    form = AuditFilterForm(request.GET or None, people=trail.people)
    page, query = _page(request, trail.filtered(**form.filters()))
    context = {"engagement": engagement, "form": form, "page": page, "query": query}
    template = _template(request, "engagements/audit.html", "engagements/audit_entries.html")
    return render(request, template, context)


@login_required
@vary_on_headers("HX-Request")
def discrepancies(request: HttpRequest) -> HttpResponse:
    """Discrepancy and fraud flags across engagements, for managers, linked to the checks."""
    if not (is_manager(request.user) or is_staff(request.user)):
        raise PermissionDenied("The discrepancies list is for managers.")
    form = DiscrepancyFilterForm(request.GET or None)
    filters = form.filters()
    page, query = _page(request, audit.discrepancies(request.user, **filters))
    rows = [(flag, audit.evidence_summary(flag.evidence)) for flag in page]
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "query": query,
        "status": filters["status"],
    }
    template = _template(request, "checks/discrepancies.html", "checks/discrepancy_rows.html")
    return render(request, template, context)
