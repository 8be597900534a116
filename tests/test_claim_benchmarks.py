"""Claim-level reference benchmarks (issue 19, part 2): a buyer sees how often their
organisation's referees confirm each kind of claim, and each consultant's confirmations
against that norm, with the sample size; below the minimum sample the rate is refused on
the page and in the API. Cheap: checks are seeded as rows (factories) and the summary table
rebuilt, except where completing a check through its service is what is tested."""

from __future__ import annotations

import random
import re
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from rest_framework.test import APIClient

from tests.benchmark_helpers import accomplishments_question, checked_claims, open_round
from tests.factories import (
    UserFactory,
    consultant_user,
    submitted_review,
    submitted_with_checks,
)
from vetting import services
from vetting.models import (
    ClaimTally,
    Membership,
    Organisation,
    User,
)
from vetting.scoring.benchmarks import Tally, norm_of, wilson_interval
from vetting.services.benchmarks import claim_tallies_rebuild
from vetting.services.organisations import organisation_create

pytestmark = pytest.mark.django_db

AREAS = ("monetization", "pr", "database_building")
RELATIONSHIPS = ("client", "employer", "peer")
VERDICTS = ("confirmed", "partly", "not_confirmed", "dont_know")
# Random per render: CSRF tokens (as tests/test_blind_review.py masks them).
CSRF = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+"|("X-CSRFToken": ")[^"]+"')


# --- The counting rules (pure) ---------------------------------------------------------------


def test_partly_counts_half_and_dont_know_is_left_out_of_the_denominator() -> None:
    tally = Tally()
    for verdict in ("confirmed", "partly", "not_confirmed", "dont_know", "dont_know"):
        tally = tally.with_verdict(verdict)

    assert tally.judged == 3
    assert tally.rate == pytest.approx(1.5 / 3)


@given(
    st.integers(min_value=0, max_value=60),
    st.integers(min_value=0, max_value=60),
    st.integers(min_value=0, max_value=60),
    st.integers(min_value=1, max_value=40),
)
def test_a_norm_has_a_rate_inside_its_interval_only_from_the_minimum_sample(
    confirmed: int, partly: int, refuted: int, least: int
) -> None:
    norm = norm_of(Tally(confirmed, partly, refuted, 3), least)

    assert norm.n == confirmed + partly + refuted
    if norm.n < least:
        assert (norm.rate, norm.low, norm.high) == (None, None, None)
    else:
        assert 0 <= norm.low <= norm.rate <= norm.high <= 1


def test_the_wilson_interval_narrows_as_the_sample_grows() -> None:
    small, large = wilson_interval(7, 10), wilson_interval(70, 100)

    assert small[1] - small[0] > large[1] - large[0]
    assert small[0] < 0.7 < small[1]


# --- Seeding checked history cheaply --------------------------------------------------------


@pytest.fixture
def accomplishments() -> Any:
    return accomplishments_question()


def _history(engagement: Any, question: Any, consultants: int, seed: int) -> list[tuple]:
    """Random checked claims of `consultants` new consultants; returns each check as
    (consultant id, relationship, [(area, verdict), ...])."""
    rng = random.Random(seed)
    seeded = []
    for _ in range(consultants):
        consultant = consultant_user().consultant
        for _ in range(2):
            relationship = rng.choice(RELATIONSHIPS)
            claims = [(rng.choice(AREAS), rng.choice(VERDICTS)) for _ in range(rng.randint(1, 4))]
            checked_claims(engagement, consultant, claims, relationship)
            seeded.append((consultant.pk, relationship, claims))
    return seeded


def _expected(seeded: list[tuple], leave_out: int | None = None) -> dict[tuple, tuple]:
    """(area, relationship) -> (n, rate), counted here from the seeded claims."""
    counts: dict[tuple, list[float]] = {}
    for consultant, relationship, claims in seeded:
        if consultant == leave_out:
            continue
        for area, verdict in claims:
            if verdict == "dont_know":
                continue
            n_score = counts.setdefault((area, relationship), [0, 0.0])
            n_score[0] += 1
            n_score[1] += {"confirmed": 1, "partly": 0.5, "not_confirmed": 0}[verdict]
    return {key: (n, score / n) for key, (n, score) in counts.items()}


def _organisation_of(user: User) -> Organisation:
    return Organisation.objects.get(memberships__user=user)


def _api(user: User) -> APIClient:
    client = APIClient()
    # A fresh instance per request, as a token's would be (the user caches its memberships).
    client.force_authenticate(User.objects.get(pk=user.pk))
    return client


def _org_api(user: User, organisation: Organisation) -> Any:
    return _api(user).get(f"/api/v1/organisations/{organisation.pk}/claim-benchmarks/")


# --- The organisation's table -----------------------------------------------------------------


def test_the_organisations_rates_match_a_count_of_its_checked_claims(
    procurement: User, accomplishments: Any, settings: Any
) -> None:
    settings.CLAIM_BENCHMARK_MIN_SAMPLE = 3
    seeded = _history(open_round(procurement), accomplishments, consultants=6, seed=19)
    claim_tallies_rebuild()
    expected = _expected(seeded)

    cells = _org_api(procurement, _organisation_of(procurement)).json()["cells"]

    assert len(cells) == 9  # three areas by three relationships
    for cell in cells:
        n, rate = expected.get((cell["area"], cell["relationship"]), (0, None))
        assert cell["norm"]["n"] == n
        if n >= 3:
            assert cell["norm"]["rate"] == pytest.approx(rate)
            assert cell["norm"]["low"] <= rate <= cell["norm"]["high"]
        else:
            assert cell["norm"]["rate"] is None


def test_below_the_minimum_sample_the_rate_is_refused_on_the_page_and_in_the_api(
    client: Client, procurement: User, accomplishments: Any, settings: Any
) -> None:
    settings.CLAIM_BENCHMARK_MIN_SAMPLE = 20
    engagement = open_round(procurement)
    consultant = consultant_user().consultant
    # 7 judged database-building claims by clients (and a don't know, left out), 5 confirmed.
    verdicts = ["confirmed"] * 5 + ["not_confirmed", "partly", "dont_know"]
    checked_claims(engagement, consultant, [("database_building", v) for v in verdicts])
    claim_tallies_rebuild()
    client.force_login(procurement)

    page = client.get(reverse("benchmarks:organisation")).content.decode()
    cell = _org_api(procurement, _organisation_of(procurement)).json()["cells"][6]

    shown = re.search(r'data-testid="cell-database_building-client">(.*?)</td>', page).group(1)
    assert "Too few checked claims (7); needs 20" in shown
    assert "%" not in shown
    assert cell["area"] == "database_building" and cell["relationship"] == "client"
    assert cell["norm"] == {
        "n": 7,
        "shown": False,
        "rate": None,
        "low": None,
        "high": None,
        "sentence": "too few checked claims (7) to compare; needs 20",
    }
    assert "benchmarks-chart" not in page  # nothing to draw: no rate anywhere


def test_from_the_minimum_sample_the_page_shows_the_rate_its_range_and_n_with_a_chart(
    client: Client, procurement: User, accomplishments: Any, settings: Any
) -> None:
    settings.CLAIM_BENCHMARK_MIN_SAMPLE = 4
    consultant = consultant_user().consultant
    claims = [("pr", "confirmed")] * 3 + [("pr", "not_confirmed")]
    checked_claims(open_round(procurement), consultant, claims, "employer")
    claim_tallies_rebuild()
    client.force_login(procurement)

    page = client.get(reverse("benchmarks:organisation")).content.decode()

    shown = re.search(r'data-testid="cell-pr-employer">(.*?)</td>', page).group(1)
    assert "<strong>75%</strong>" in shown and "n=4" in shown
    assert 'data-values="[75]"' in page
    assert "Benchmarks" in page  # in the navigation


def test_another_organisations_checks_never_count_and_its_people_get_404(
    client: Client,
    procurement: User,
    other_procurement: User,
    accomplishments: Any,
    settings: Any,
) -> None:
    settings.CLAIM_BENCHMARK_MIN_SAMPLE = 1
    Membership.objects.filter(user=other_procurement).delete()
    organisation_create(name="Rival Retail", by=other_procurement)
    rival = Organisation.objects.get(name="Rival Retail")
    ours = _organisation_of(procurement)
    checked_claims(open_round(procurement), consultant_user().consultant, [("pr", "confirmed")])
    theirs = open_round(other_procurement)
    assert theirs.organisation == rival
    checked_claims(theirs, consultant_user().consultant, [("pr", "not_confirmed")] * 3)
    claim_tallies_rebuild()

    our_cells = _org_api(procurement, ours).json()["cells"]
    their_cells = _org_api(other_procurement, rival).json()["cells"]

    assert our_cells[3]["norm"]["n"] == 1 and our_cells[3]["norm"]["rate"] == 1.0
    assert their_cells[3]["norm"]["n"] == 3 and their_cells[3]["norm"]["rate"] == 0.0
    assert _org_api(other_procurement, ours).status_code == 404
    assert _org_api(procurement, rival).status_code == 404


def test_consultants_outsiders_and_reviewer_only_members_see_no_benchmarks(
    client: Client, consultant: User, outsider: User, procurement: User
) -> None:
    reviewer_only = UserFactory(role=None)
    organisation = _organisation_of(procurement)
    organisation.memberships.create(user=reviewer_only, role="reviewer")

    for person, status in ((consultant, 404), (outsider, 404), (reviewer_only, 403)):
        client.force_login(person)
        assert client.get(reverse("benchmarks:organisation")).status_code == status
        assert _org_api(person, organisation).status_code == status
        assert "Benchmarks" not in client.get(reverse("password_change")).content.decode()
    anonymous = APIClient().get(f"/api/v1/organisations/{organisation.pk}/claim-benchmarks/")
    assert anonymous.status_code == 401


# --- A consultant's claims against the norm --------------------------------------------------


def test_the_score_page_sets_the_consultants_claims_against_a_norm_without_their_own(
    client: Client, procurement: User, accomplishments: Any, settings: Any
) -> None:
    settings.CLAIM_BENCHMARK_MIN_SAMPLE = 4
    engagement = open_round(procurement)
    judged = consultant_user().consultant
    # Their own claims in an earlier round (all refuted) would drag the norm down: left out.
    earlier = [("database_building", "not_confirmed")] * 5
    checked_claims(open_round(procurement), judged, earlier)
    mine = checked_claims(engagement, judged, [("database_building", "confirmed")] * 2)
    others = consultant_user().consultant
    claims = [("database_building", "confirmed")] * 3 + [("database_building", "partly")]
    checked_claims(engagement, others, claims)
    claim_tallies_rebuild()
    services.scorecards_recompute([mine.pk])
    client.force_login(procurement)

    page = client.get(reverse("submissions:score", args=[mine.pk])).content.decode()
    api = _api(procurement).get(f"/api/v1/submissions/{mine.pk}/claim-benchmarks/").json()

    line = (
        "2 of 2 database-building claims confirmed by clients; such claims are confirmed "
        "88% of the time (n=4; likely between"
    )
    assert line in page
    (row,) = api["lines"]
    assert (row["confirmed"], row["norm"]["n"]) == (2, 4)
    assert row["norm"]["rate"] == pytest.approx(3.5 / 4)


def test_the_check_page_says_too_few_below_the_minimum_sample(
    client: Client, procurement: User, accomplishments: Any, settings: Any
) -> None:
    settings.CLAIM_BENCHMARK_MIN_SAMPLE = 20
    engagement = open_round(procurement)
    mine = checked_claims(engagement, consultant_user().consultant, [("pr", "partly")])
    checked_claims(engagement, consultant_user().consultant, [("pr", "confirmed")] * 7)
    claim_tallies_rebuild()
    client.force_login(procurement)

    check = mine.reference_checks.get()
    page = client.get(reverse("checks:detail", args=[check.pk])).content.decode()
    api = _api(procurement).get(f"/api/v1/submissions/{mine.pk}/claim-benchmarks/").json()

    assert (
        "0 of 1 PR claim confirmed by clients (1 partly); too few checked claims (7) to "
        "compare; needs 20." in page
    )
    assert api["lines"][0]["norm"]["rate"] is None


def test_the_relationship_is_the_referees_when_they_did_not_confirm_the_claimed_one(
    procurement: User, accomplishments: Any
) -> None:
    consultant = consultant_user().consultant
    checked_claims(
        open_round(procurement),
        consultant,
        [("monetization", "confirmed")],
        "client",
        relationship_confirmed=False,
        relationship="peer",
    )
    claim_tallies_rebuild()

    assert list(ClaimTally.objects.values_list("area", "relationship", "confirmed")) == [
        ("monetization", "peer", 1)
    ]


# --- Kept in step, cheaply ------------------------------------------------------------------


def test_a_referee_answering_updates_the_benchmarks_at_once(
    consultant: User, procurement: User
) -> None:
    submission = submitted_with_checks(consultant=consultant, owner=procurement, references=1)
    check = submission.reference_checks.get()
    answer = submission.answers.get(question__key="accomplishments")
    answer.value = [{**answer.value[0], "reference": str(check.reference_id)}]
    answer.save()

    services.referee_submit(
        check=check,
        data={"relationship_confirmed": True, "verdicts": {"0": "confirmed"}},
        ip="198.51.100.7",
        user_agent="Firefox",
    )

    tally = ClaimTally.objects.get()
    assert (tally.area, tally.relationship, tally.confirmed) == ("monetization", "client", 1)
    assert tally.consultant_id == consultant.consultant.pk


def test_the_rebuild_command_is_idempotent(procurement: User, accomplishments: Any) -> None:
    _history(open_round(procurement), accomplishments, consultants=2, seed=3)
    call_command("claim_benchmarks_rebuild")
    first = list(ClaimTally.objects.values_list("consultant", "area", "relationship", "confirmed"))
    call_command("claim_benchmarks_rebuild")

    assert first
    assert (
        list(ClaimTally.objects.values_list("consultant", "area", "relationship", "confirmed"))
        == first
    )


def _queries(call: Any) -> int:
    with CaptureQueriesContext(connection) as queries:
        call()
    return len(queries)


def test_the_benchmark_pages_and_api_cost_the_same_queries_with_few_or_many_checks(
    client: Client, procurement: User, accomplishments: Any
) -> None:
    engagement = open_round(procurement)
    mine = checked_claims(engagement, consultant_user().consultant, [("pr", "partly")])
    organisation = _organisation_of(procurement)
    client.force_login(procurement)
    pages = [
        lambda: client.get(reverse("benchmarks:organisation")),
        lambda: _org_api(procurement, organisation),
        lambda: _api(procurement).get(f"/api/v1/submissions/{mine.pk}/claim-benchmarks/"),
    ]
    claim_tallies_rebuild()
    few = [_queries(page) for page in pages]
    _history(engagement, accomplishments, consultants=8, seed=7)
    claim_tallies_rebuild()

    # The page (7): the user, their memberships (the current organisation), the permission
    # (their role there), their groups (the navigation), the summed summary rows, the
    # organisation's own criteria, whether the viewer is blind to anyone. The organisation
    # API (8): the user, the organisation, membership, the permission, groups, the summed
    # rows, own criteria, blind. The submission API (6): the user, the submission with its
    # round and consultant, groups (who sees results), its completed checks, their
    # accomplishments, the summed rows.
    assert few == [7, 8, 6]
    assert [_queries(page) for page in pages] == few


# --- Blind review ---------------------------------------------------------------------------


def test_a_reviewer_before_their_review_learns_nothing_of_that_consultants_referees(
    client: Client, procurement: User, reviewer: User, accomplishments: Any, settings: Any
) -> None:
    """The reviewer has reviewed A, not B: A's score page and the organisation's page are
    the same bytes whatever B's referees said (B is left out of every norm shown to them)."""
    settings.CLAIM_BENCHMARK_MIN_SAMPLE = 1
    engagement = open_round(procurement)
    engagement.reviewers.add(reviewer)
    a, b = consultant_user(), consultant_user()
    seen = checked_claims(engagement, a.consultant, [("pr", "confirmed")])
    blind = checked_claims(engagement, b.consultant, [("pr", "confirmed")] * 3)
    checked_claims(open_round(procurement), consultant_user().consultant, [("pr", "partly")])
    services.scorecards_recompute([seen.pk, blind.pk])
    submitted_review(seen, reviewer)
    client.force_login(reviewer)

    def pages() -> list[bytes]:
        claim_tallies_rebuild()
        urls = [reverse("submissions:score", args=[seen.pk]), reverse("benchmarks:organisation")]
        return [CSRF.sub(r"\1\2-", client.get(url).content.decode()).encode() for url in urls]

    before = pages()
    check = blind.reference_checks.get()
    check.verdicts = {"0": "not_confirmed", "1": "not_confirmed", "2": "dont_know"}
    check.save()
    after = pages()
    blind_check = client.get(reverse("checks:detail", args=[check.pk])).content.decode()
    api = _api(reviewer).get(f"/api/v1/submissions/{blind.pk}/claim-benchmarks/")

    assert before == after
    assert b"PR claim confirmed by clients; such claims are confirmed 50% of the time" in after[0]
    assert b"consultants you have yet to review are left out" in after[1]
    assert 'data-testid="claim-benchmarks"' not in blind_check
    assert api.status_code == 404
