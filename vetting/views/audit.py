"""Oversight pages: an engagement's audit trail, and the managers' discrepancies list."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.vary import vary_on_headers

from vetting import audit
from vetting.access import engagement_or_404, require, score_sight, sees_round_value
from vetting.forms import AuditFilterForm, DiscrepancyFilterForm

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
    """Who did what and when, for the engagement's owner and staff, and for reviewers once
    they have reviewed every consultant (the trail records flags raised and consensus
    ratings: it would lift blind review)."""
    engagement = engagement_or_404(request.user, pk)
    sight = score_sight(request.user, engagement)
    if not sight.ranks:
        context = {"engagement": engagement}
        return render(request, "engagements/audit_blind.html", context)
    trail = audit.engagement_audit(
        engagement, prices=sees_round_value(request.user, engagement, sight)
    )
    form = AuditFilterForm(request.GET or None, people=trail.people)
    page, query = _page(request, trail.filtered(**form.filters()))
    context = {"engagement": engagement, "form": form, "page": page, "query": query}
    template = _template(request, "engagements/audit.html", "engagements/audit_entries.html")
    return render(request, template, context)


@login_required
@vary_on_headers("HX-Request")
def discrepancies(request: HttpRequest) -> HttpResponse:
    """Discrepancy and fraud flags across engagements, for managers, linked to the checks."""
    require(request.user, "vetting.run_calls", message=_("The discrepancies list is for managers."))
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
