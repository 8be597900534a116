"""The organisation's "Reference benchmarks" page: how often its referees confirm each
kind of claim (area x relationship), with the sample sizes and a chart beside the table.
A submission's own lines are on its score page and its reference checks' pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from vetting.access import require
from vetting.selectors.benchmarks import organisation_claim_benchmarks
from vetting.services import organisations as organisation_service


@login_required
@require_GET
def organisation(request: HttpRequest) -> HttpResponse:
    current = organisation_service.current_organisation(
        request.user, request.session.get(organisation_service.SESSION_KEY)
    )
    if current is None:
        raise Http404("You are not a member of a buyer organisation.")
    require(
        request.user,
        "vetting.view_claim_benchmarks",
        current,
        _("Your organisation's procurement people, admins and managers read the benchmarks."),
    )
    benchmarks = organisation_claim_benchmarks(request.user, current)
    return render(request, "benchmarks/organisation.html", {"benchmarks": benchmarks})
