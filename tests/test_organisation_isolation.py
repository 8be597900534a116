"""Isolation between buyer organisations, as blind review is tested: every page and API
list a member of one organisation can reach is rendered on two databases that differ only in
what another organisation has (a round with consultants, answers, prices, reviews, calls,
flags, a decision and an export), and the responses must be the same bytes. A count, a
name, a total or an id that leaked would make them differ."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Decimal
from unittest.mock import patch

import factory.random
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    ConsultantFactory,
    EngagementFactory,
    ReferenceCheckFactory,
    UserFactory,
    submitted_quickly,
    submitted_review,
)
from vetting.models import (
    CommercialProposal,
    Decision,
    EngagementStatus,
    Outcome,
    Submission,
)
from vetting.services import organisations as orgs
from vetting.services import scorecards_recompute

pytestmark = pytest.mark.django_db

# Random per render: CSRF tokens and the one-time token of a creation form.
TOKEN = re.compile(
    r'(name="(?:csrfmiddlewaretoken|form_token)" value=")[^"]+"|("X-CSRFToken": ")[^"]+"'
)
# Both databases are built and read at this instant, so that no time tells them apart.
NOW = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)


def _ours() -> dict:
    """Harbour Bank, the organisation whose member looks: one round of its own."""
    bea = UserFactory(email="bea@harbour.example", first_name="Bea", last_name="Hartley")
    harbour = orgs.organisation_create(name="Harbour Bank", by=bea)
    manager = UserFactory(email="calls@harbour.example", first_name="Cal", last_name="Lee")
    orgs._join(harbour, manager, "manager")
    engagement = EngagementFactory(
        owner=bea, organisation=harbour, status=EngagementStatus.OPEN, title="Harbour savings"
    )
    mine = submitted_quickly(
        engagement, consultant=ConsultantFactory(name="Ola Own", email="ola@own.example")
    )
    Submission.objects.filter(pk=mine.pk).update(invited_at=NOW)  # its default is read early
    scorecards_recompute([mine.pk])
    return {"owner": bea, "manager": manager, "engagement": engagement}


def _theirs() -> None:
    """Northwind Retail's round, with everything a round can hold."""
    priya = UserFactory(email="priya@northwind.example")
    northwind = orgs.organisation_create(name="Northwind Retail", by=priya)
    reviewer = UserFactory(email="rev@northwind.example")
    orgs._join(northwind, reviewer, "manager")
    engagement = EngagementFactory(
        owner=priya,
        organisation=northwind,
        status=EngagementStatus.OPEN,
        title="Northwind launch",
        price_weight=20,
    )
    engagement.reviewers.add(reviewer)
    # Consultants who did not make their profile discoverable: only Northwind, which invited
    # them, may see them.
    subs = [
        submitted_quickly(engagement, consultant=ConsultantFactory(name=n, discoverable=False))
        for n in ("Ada Quill", "Bram Holt")
    ]
    scorecards_recompute([s.pk for s in subs])
    for submission in subs:
        proposal = CommercialProposal.objects.create(submission=submission, currency="GBP")
        proposal.lines.create(
            description="Retainer", quantity=1, unit_price=Decimal(9000), unit="month"
        )
        ReferenceCheckFactory(submission=submission, channel="phone")
        submitted_review(submission, reviewer)
    Decision.objects.create(
        submission=subs[0],
        outcome=Outcome.SHORTLIST,
        rationale="Strong references.",
        approver=priya,
        decided_by=priya,
        decided_at=timezone.now(),
    )
    Submission.objects.filter(pk=subs[0].pk).update(status="shortlisted")


def _urls(ours: dict) -> list[str]:
    e = ours["engagement"].pk
    return [
        reverse("procurement_home"),
        reverse("engagements:list"),
        reverse("engagements:create"),
        reverse("engagements:detail", args=[e]),
        reverse("engagements:ranking", args=[e]),
        reverse("engagements:value", args=[e]),
        reverse("checks:reviews"),
        reverse("checks:calls"),
        reverse("checks:discrepancies"),
        reverse("consultants:directory"),
        reverse("questionnaires:list"),
        reverse("organisation:members"),
        "/api/v1/engagements/",
        "/api/v1/submissions/",
        "/api/v1/consultants/",
        "/api/v1/references/",
        "/api/v1/reviews/",
        "/api/v1/reference-checks/",
        "/api/v1/flags/",
        "/api/v1/score-cards/",
        "/api/v1/decisions/",
        "/api/v1/questionnaires/",
    ]


def _render(ours: dict, viewer_role: str) -> dict[str, str]:
    """Every page and list of `_urls` as the viewer gets it (status and bytes)."""
    from tests.conftest import clear_cache

    clear_cache()  # no kept page from before
    client = Client()
    client.force_login(ours[viewer_role])
    found = {}
    for url in _urls(ours):
        response = client.get(url)
        text = TOKEN.sub(r"\1\2", response.content.decode())
        found[url] = f"{response.status_code}\n{text}"
    return found


@pytest.mark.parametrize("viewer", ["owner", "manager"])
def test_a_member_of_another_organisation_gets_the_same_bytes_whatever_this_one_holds(
    viewer: str,
) -> None:
    with patch("django.utils.timezone.now", return_value=NOW):
        factory.random.reseed_random("isolation")
        ours = _ours()
        alone = _render(ours, viewer)
        _theirs()  # another organisation fills a round, after ours exists
        beside = _render(ours, viewer)

    assert alone.keys() == beside.keys()
    differ = [url for url in alone if alone[url] != beside[url]]
    assert differ == []
    # Most are pages the viewer may open (a few answer 403 to their role, the same way).
    assert sum(page.startswith("200") for page in alone.values()) >= 15
