"""The value ranking page: quality blended with price, at the round's split or at a what-if
split moved on the page (nothing saved: the owner saves a split on the commercial settings
page). Who may see it is asked of the access layer (`sees_round_value`)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from vetting.access import can, engagement_or_404, score_sight, sees_round_value
from vetting.selectors.value import value_ranking


def _split(request: HttpRequest) -> int | None:
    """The what-if price share asked (?split=0..100), or None for the round's own."""
    asked = request.GET.get("split", "")
    return int(asked) if asked.isdigit() and int(asked) <= 100 else None


@login_required
def value(request: HttpRequest, pk: int) -> HttpResponse:
    engagement = engagement_or_404(request.user, pk, panel=False)
    sight = score_sight(request.user, engagement)
    allowed = sees_round_value(request.user, engagement, sight)
    context = {
        "engagement": engagement,
        "allowed": allowed,
        "ranking": value_ranking(engagement, sight, split=_split(request)) if allowed else None,
        "runs": can(request.user, "vetting.run_engagement", engagement),
    }
    return render(request, "dashboard/value.html", context)
