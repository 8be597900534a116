"""Copied and templated answers: a submission's matches, beside its score card."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from vetting.access import can
from vetting.models import Submission
from vetting.selectors.copies import submission_copies


@login_required
def copies(request: HttpRequest, pk: int) -> HttpResponse:
    """The matches of a submission the user sees the card of (404 otherwise: the matches
    are part of the card, so blind review holds)."""
    submission = (
        Submission.objects.for_user(request.user)
        .select_related("engagement__owner", "consultant")
        .filter(pk=pk)
        .first()
    )
    if submission is None or not can(request.user, "vetting.view_scores", submission):
        raise Http404("No such submission.")
    rows = submission_copies(request.user, submission)
    context = {"submission": submission, "engagement": submission.engagement, "rows": rows}
    return render(request, "copies/page.html", context)
