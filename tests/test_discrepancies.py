"""The managers' discrepancies list: every discrepancy and fraud flag across engagements,
with its evidence and status, linked to the reference check that raised it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import FlagFactory
from vetting.audit import evidence_summary
from vetting.models import Flag, FlagKind, User

pytestmark = pytest.mark.django_db

OK, FORBIDDEN = 200, 403
URL = reverse("checks:discrepancies")


@pytest.fixture
def flags(procurement: User, manager: User, consultant: User) -> dict[str, Flag]:
    """On the consultant's submission to procurement's engagement: an open discrepancy, an
    open fraud hold, and a fraud signal a manager cleared."""
    discrepancy = FlagFactory(
        reference_check__submission__consultant=consultant.consultant,
        reference_check__submission__engagement__owner=procurement,
        message="The consultant said client; the referee said peer.",
    )
    check = discrepancy.reference_check
    hold = FlagFactory(
        reference_check=check,
        kind=FlagKind.FRAUD,
        severity="high",
        hold=True,
        message="The referee's email address is on the consultant's own domain.",
        evidence={"referee_domain": "okafor.example", "consultant_domains": ["okafor.example"]},
    )
    cleared = FlagFactory(
        reference_check=check,
        kind=FlagKind.FRAUD,
        severity="low",
        message="A reference presented as a client uses a free-mail address.",
        cleared_by=manager,
        cleared_at=timezone.now(),
        cleared_note="Small client: they have no company address.",
    )
    return {"discrepancy": discrepancy, "hold": hold, "cleared": cleared}


def shown(response) -> list[str]:
    return [flag.message for flag, _ in response.context["rows"]]


# Who sees it (the statuses are in tests/permission_matrix.py: managers and staff only)


def test_a_refused_buyer_reads_nothing_of_the_flags(client, procurement, flags):
    """The owner of the round is refused the list (they see its flags on the check pages),
    and the refusal shows none of it."""
    client.force_login(procurement)

    response = client.get(URL)

    assert response.status_code == FORBIDDEN
    assert "peer" not in response.text


@pytest.mark.parametrize(
    ("role", "listed"),
    [("manager", True), ("procurement", False), ("consultant", False), ("outsider", False)],
)
def test_the_menu_offers_the_list_to_managers_only(client, request, role, listed):
    client.force_login(request.getfixturevalue(role))

    response = client.get(reverse("home"), follow=True)

    assert (f'href="{URL}"' in response.text) is listed


# What it shows


def test_open_flags_show_first_holds_and_the_severest_on_top(client, manager, flags):
    client.force_login(manager)

    response = client.get(URL)

    assert shown(response) == [flags["hold"].message, flags["discrepancy"].message]
    check_url = flags["hold"].reference_check.get_absolute_url()
    assert f'href="{check_url}"' in response.text
    assert (
        "Referee&#x27;s email domain: okafor.example"
        " · Consultant&#x27;s own domains: okafor.example"
    ) in response.text
    assert flags["hold"].submission.consultant.name in response.text
    assert flags["hold"].submission.engagement.title in response.text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": "fraud"}, ["hold"]),
        ({"kind": "discrepancy"}, ["discrepancy"]),
        ({"status": "cleared"}, ["cleared"]),
        ({"status": "all"}, ["hold", "discrepancy", "cleared"]),
        ({"status": "all", "kind": "fraud"}, ["hold", "cleared"]),
        ({"status": "all", "holds": "on"}, ["hold"]),
        ({"kind": "nonsense", "status": "nonsense"}, ["hold", "discrepancy"]),  # an old link
    ],
)
def test_filters_by_kind_status_and_holds(client, manager, flags, query, expected):
    client.force_login(manager)

    response = client.get(URL, query)

    assert shown(response) == [flags[name].message for name in expected]


def test_a_cleared_flag_says_who_cleared_it_and_why(client, manager, flags):
    client.force_login(manager)

    response = client.get(URL, {"status": "cleared"})

    assert f"Cleared by {manager.display_name}" in response.text
    assert "Small client: they have no company address." in response.text


def test_htmx_swaps_in_the_rows_alone(client, manager, flags):
    client.force_login(manager)

    response = client.get(URL, {"status": "all"}, HTTP_HX_REQUEST="true")

    assert 'data-testid="discrepancies"' in response.text
    assert "<html" not in response.text


def test_nothing_open_says_so(client, manager):
    client.force_login(manager)

    response = client.get(URL)

    assert "No open flags" in response.text


def test_evidence_reads_as_one_line():
    assert evidence_summary({"claimed": "client", "referee": "peer"}) == (
        "Consultant said: Client · Referee said: Peer"
    )
    assert evidence_summary({}) == ""
    assert evidence_summary({"text": "x" * 400}).endswith("…")


def test_the_list_is_paged_fifty_flags_at_a_time(client, manager):
    FlagFactory.create_batch(51)
    client.force_login(manager)

    first = client.get(URL)
    second = client.get(URL, {"page": 2})

    assert len(first.context["rows"]) == 50
    assert len(second.context["rows"]) == 1
    assert "page=2" in first.text


@pytest.mark.parametrize("query", [{}, {"status": "all"}, {"kind": "fraud", "holds": "on"}])
def test_the_list_costs_the_same_queries_with_3_or_40_flags(client, manager, query):
    FlagFactory.create_batch(3, kind=FlagKind.FRAUD, hold=True)
    client.force_login(manager)
    with CaptureQueriesContext(connection) as few:
        assert client.get(URL, query).status_code == OK
    FlagFactory.create_batch(37, kind=FlagKind.FRAUD, hold=True)
    with CaptureQueriesContext(connection) as many:
        response = client.get(URL, query)

    assert len(response.context["rows"]) == 40
    # user, the user's groups (role check and menu), the count, then the flags
    # with their consultant, engagement, reference check and who cleared them
    assert len(few) == len(many) == 4


def test_the_reference_check_page_states_a_flags_evidence_in_words(client, manager, flags):
    client.force_login(manager)

    response = client.get(flags["hold"].reference_check.get_absolute_url())

    assert response.status_code == OK
    assert "Referee&#x27;s email domain: okafor.example" in response.text
    assert "referee_domain" not in response.text
