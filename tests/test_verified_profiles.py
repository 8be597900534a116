"""A consultant's verified profile: consent links (created, listed, revoked, expiring), the
public page they open (what it shows, and nothing else: tested the indistinguishable way),
every view logged for the consultant, the owner's release of a score, an organisation's
consent to be named; the pages' query counts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    EngagementFactory,
    ReferenceCheckFactory,
    UserFactory,
    submitted_quickly,
)
from vetting.audit import engagement_audit
from vetting.models import (
    Answer,
    CheckStatus,
    EngagementStatus,
    Organisation,
    ProfileLink,
    ProfileView,
    ReferenceCheck,
    ScoreCard,
    ScoreRelease,
    User,
)
from vetting.roles import Role
from vetting.services import scorecards_recompute
from vetting.services.profiles import (
    organisation_set_profile_consent,
    profile_link_create,
    profile_link_revoke,
    score_release,
    viewer_agent,
)
from vetting.tokens import hash_token

pytestmark = pytest.mark.django_db

CLAIMS = [
    {
        "area": "monetization",
        "what": "Ran a LinkedIn community programme for a payroll start-up.",
        "result": "Demo requests from social up 38% in a year.",
        "evidence_url": "",
        "reference": "",
    },
    {
        "area": "pr",
        "what": "Placed the founder in three trade titles within one quarter.",
        "result": "Six articles and a podcast.",
        "evidence_url": "",
        "reference": "",
    },
    {
        "area": "database_building",
        "what": "Built a newsletter list of finance leads from a standing start.",
        "result": "Twelve thousand subscribers.",
        "evidence_url": "",
        "reference": "",
    },
]
PHONE_CHROME = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0 Mobile Safari/537.36"
)


def _round(owner: User, consultant: User, *, confirmations: int = 1, claims: int = 3) -> object:
    """A scored submission with `claims` accomplishments, and `confirmations` completed
    checks each confirming the first, partly confirming the second, not confirming the
    third; and one declined check."""
    engagement = EngagementFactory(owner=owner, status=EngagementStatus.OPEN)
    submission = submitted_quickly(engagement, consultant=consultant.consultant)
    items = [CLAIMS[i % 3] | {"what": f"{CLAIMS[i % 3]['what']} ({i})"} for i in range(claims)]
    Answer.objects.filter(submission=submission, question__key="accomplishments").update(
        value=items
    )
    scorecards_recompute([submission.pk])
    verdicts = {"0": "confirmed", "1": "partly", "2": "not_confirmed"}
    verdicts |= {str(i): "confirmed" for i in range(3, claims)}
    for n in range(confirmations):
        ReferenceCheckFactory(
            submission=submission,
            status=CheckStatus.COMPLETED,
            completed_at=timezone.now(),
            relationship="client" if n % 2 == 0 else "peer",
            verdicts=verdicts,
            strengths="Rhea's words: sharp on strategy.",
            concerns="Rhea's words: slow to invoice.",
            referee_name="Rhea Referee",
            referee_company="Quietco",
        )
    ReferenceCheckFactory(
        submission=submission,
        status=CheckStatus.DECLINED,
        completed_at=timezone.now(),
        decline_reason="I never worked with her.",
        referee_name="Dan Decliner",
    )
    return submission


@pytest.fixture
def submission(owner: User, consultant: User) -> object:
    return _round(owner, consultant)


def _link(consultant: User, **kwargs: object) -> tuple[ProfileLink, str]:
    kwargs.setdefault("include_scores", False)
    kwargs.setdefault("label", "Ledgerly procurement")
    return profile_link_create(consultant=consultant.consultant, by=consultant, **kwargs)


def _open(raw: str, **headers: str) -> object:
    return Client().get(reverse("profiles:public", args=[raw]), **headers)


def _signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- What the public page shows ----------------------------------------------------------


def test_the_page_shows_confirmed_claims_by_kind_of_referee_and_month(submission, consultant):
    _, raw = _link(consultant)

    response = _open(raw)

    assert response.status_code == 200
    text = response.text
    month = timezone.now().strftime("%B %Y")
    assert "Ran a LinkedIn community programme" in text
    assert f"Confirmed</span> by a client in {month}" in text
    assert "Partly confirmed" in text and "Placed the founder" in text
    assert "Built a newsletter list" not in text  # not confirmed: not listed
    assert f"Vetted by a buyer in {month}" in text
    assert f"Scoring rubric version {submission.scorecard.rubric_version}" in text
    assert "Score released" not in text
    # kept out of search engines and caches; the secret link is never sent on as a referrer
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex, nofollow">' in text


def test_nothing_a_referee_said_or_a_buyer_kept_reaches_the_page(
    submission, consultant, other_consultant, owner
):
    _, raw = _link(consultant, include_scores=True)
    other = _round(owner, other_consultant)
    before = _open(raw).content

    # Referees' words and names, the reviewers' scores (unreleased), a non-consenting
    # buyer's name, another consultant's confirmations: all changed.
    ReferenceCheck.objects.update(
        strengths="Changed praise.",
        concerns="Changed worry.",
        decline_reason="Changed reason.",
        call_notes="Changed notes.",
        referee_name="Someone Else",
        referee_company="Elsewhere Ltd",
        referee_email="else@example.com",
    )
    ScoreCard.objects.update(total=12.5, low=3, high=20, red_flags=4)
    Organisation.objects.update(name="Renamed Buyer Ltd")
    ReferenceCheck.objects.filter(submission=other).update(verdicts={"0": "partly"})
    after = _open(raw).content

    assert after == before
    for secret in (b"Rhea", b"Quietco", b"slow to invoice", b"never worked", b"Renamed"):
        assert secret not in after


def test_consent_and_release_change_the_page(submission, consultant, owner):
    _, with_scores = _link(consultant, include_scores=True)
    _, without = _link(consultant, label="Another buyer")
    before = _open(with_scores).content
    owner.memberships.update(role="admin")

    organisation_set_profile_consent(
        organisation=submission.engagement.organisation, by=owner, consent=True
    )
    named = _open(with_scores).text
    release = score_release(submission=submission, by=owner)
    scored = _open(with_scores).text

    assert named.encode() != before
    assert f"Vetted by {submission.engagement.organisation.name} in" in named
    assert f"<strong>{release.total:.0f}</strong> out of 100" in scored
    assert "Score released" not in _open(without).text  # a link without scores shows none


def test_expired_revoked_and_unknown_links_get_one_and_the_same_page(submission, consultant):
    expired, expired_raw = _link(consultant)
    ProfileLink.objects.filter(pk=expired.pk).update(expires_at=timezone.now())
    revoked, revoked_raw = _link(consultant, label="Revoked")
    profile_link_revoke(link=revoked, by=consultant)

    responses = [_open(raw) for raw in (expired_raw, revoked_raw, "not-a-link-at-all")]

    assert [r.status_code for r in responses] == [404, 404, 404]
    assert responses[0].content == responses[1].content == responses[2].content
    assert "This link no longer works" in responses[0].text
    assert "Ask them for a new link" in responses[0].text
    assert "Ran a LinkedIn" not in responses[0].text
    assert ProfileView.objects.count() == 0


# --- The consultant's side ---------------------------------------------------------------


def test_a_new_link_is_shown_once_and_only_its_hash_is_kept(consultant):
    client = _signed_in(consultant)

    response = client.post(
        reverse("profiles:links"), {"label": "Ledgerly procurement", "days": "30"}
    )

    link = ProfileLink.objects.get()
    raw = response.text.split("/verified/", 1)[1].split("/", 1)[0]
    assert link.token_hash == hash_token(raw) and raw not in link.token_hash
    assert abs(link.expires_at - (timezone.now() + timedelta(days=30))) < timedelta(minutes=1)
    assert "This is the only time the link is shown" in response.text
    assert raw not in client.get(reverse("profiles:links")).text
    assert _open(raw).status_code == 200


def test_a_link_lives_at_most_a_year_and_errors_keep_what_was_typed(consultant):
    response = _signed_in(consultant).post(
        reverse("profiles:links"), {"label": "Ledgerly procurement", "days": "400"}
    )

    assert response.status_code == 422
    assert "less than or equal to 365" in response.text
    assert 'value="Ledgerly procurement"' in response.text
    assert ProfileLink.objects.count() == 0


def test_each_view_is_logged_coarsely_and_the_consultant_sees_it(submission, consultant):
    link, raw = _link(consultant)
    other, other_raw = _link(consultant, label="Second buyer")

    _open(raw, HTTP_USER_AGENT=PHONE_CHROME, REMOTE_ADDR="203.0.113.9")
    _open(raw, HTTP_USER_AGENT=PHONE_CHROME, REMOTE_ADDR="203.0.113.9")
    _open(other_raw, HTTP_USER_AGENT=PHONE_CHROME, REMOTE_ADDR="203.0.113.9")

    first, second = link.views.all()
    (elsewhere,) = other.views.all()
    assert first.agent == "Chrome on a phone"
    assert first.viewer == second.viewer != elsewhere.viewer  # same viewer, per link only
    assert "203.0.113" not in first.viewer
    page = _signed_in(consultant).get(reverse("profiles:links")).text
    assert "2 views" in page and "1 view<" in page
    log = _signed_in(consultant).get(reverse("profiles:link_views", args=[link.pk])).text
    assert log.count("Chrome on a phone") == 2


@pytest.mark.parametrize(
    ("agent", "said"),
    [
        ("Mozilla/5.0 (Windows NT 10.0) Gecko/20100101 Firefox/128.0", "Firefox on a computer"),
        ("Mozilla/5.0 (Macintosh) AppleWebKit/605 Version/17 Safari/605", "Safari on a computer"),
        ("Mozilla/5.0 (Windows) Chrome/126.0 Safari/537.36 Edg/126.0", "Edge on a computer"),
        ("Slackbot-LinkExpanding 1.0", "A bot or link preview"),
        ("", "A browser on a computer"),
    ],
)
def test_a_viewer_is_described_by_browser_family_and_device_only(agent, said):
    assert viewer_agent(agent) == said


def test_a_revoked_link_stops_working_and_a_peer_cannot_reach_it(
    submission, consultant, other_consultant
):
    link, raw = _link(consultant)
    revoke = reverse("profiles:link_revoke", args=[link.pk])

    assert _signed_in(other_consultant).post(revoke).status_code == 404
    assert (
        _signed_in(other_consultant).get(reverse("profiles:link_views", args=[link.pk])).status_code
        == 404
    )
    assert _open(raw).status_code == 200
    assert _signed_in(consultant).post(revoke).status_code == 302

    assert _open(raw).status_code == 404
    page = _signed_in(consultant).get(reverse("profiles:links")).text
    assert "Revoked</span>" in page


def test_the_preview_shows_exactly_what_the_public_page_shows(submission, consultant):
    _, raw = _link(consultant)
    public = _open(raw).text
    # everything under the name (the page's heading there, not in the preview)
    start = public.index('<p class="text-body-secondary">Vetted through Winnow')
    body = public[start : public.rindex("</section>") + len("</section>")]

    page = _signed_in(consultant).get(reverse("profiles:links")).text

    assert "Ran a LinkedIn community programme" in body
    assert body in page
    assert page.count("<h1") == 1


# --- Releasing a score -------------------------------------------------------------------


def test_only_the_round_owner_releases_a_score_and_the_consultant_then_sees_it(
    submission, owner, consultant, reviewer
):
    staff = UserFactory(is_staff=True, is_superuser=True)
    submission.engagement.reviewers.add(reviewer)
    for refused in (staff, reviewer, consultant):
        with pytest.raises(PermissionDenied):
            score_release(submission=submission, by=refused)

    response = _signed_in(owner).post(reverse("profiles:score_release", args=[submission.pk]))

    release = ScoreRelease.objects.get(submission=submission)
    assert response.status_code == 302
    assert release.total == submission.scorecard.total
    assert release.history.get().history_user == owner
    trail = engagement_audit(submission.engagement).entries
    assert any(e.action.startswith("released the score to") and e.kind == "release" for e in trail)
    score_page = _signed_in(owner).get(reverse("submissions:score", args=[submission.pk])).text
    assert "Released to" in score_page
    mine = _signed_in(consultant).get(reverse("profiles:links")).text
    assert f"{release.total:.0f} <span" in mine
    invitations = _signed_in(consultant).get(reverse("my_invitations")).text
    assert f"released by the buyer:</strong> {release.total:.0f} / 100" in invitations


def test_an_organisation_admin_consents_to_its_name_and_others_may_not(submission, owner):
    organisation = submission.engagement.organisation
    member = UserFactory(role=Role.PROCUREMENT)  # procurement in the same organisation
    assert member.memberships.get().organisation == organisation
    url = reverse("profiles:consent")

    assert _signed_in(member).post(url, {"name_on_verified_profiles": "on"}).status_code == 403
    owner.memberships.filter(organisation=organisation).update(role="admin")
    assert _signed_in(owner).post(url, {"name_on_verified_profiles": "on"}).status_code == 302

    organisation.refresh_from_db()
    assert organisation.name_on_verified_profiles


# --- The API -----------------------------------------------------------------------------


def test_the_api_creates_a_link_once_lists_it_and_revokes_it(submission, consultant):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(consultant)

    created = api.post("/api/v1/profile-links/", {"label": "By API"}, format="json")
    raw = created.json()["url"].rstrip("/").rsplit("/", 1)[1]
    assert created.status_code == 201 and created.json()["status"] == "active"
    assert _open(raw).status_code == 200
    listed = api.get("/api/v1/profile-links/").json()["results"]
    assert [(r["label"], r["view_count"]) for r in listed] == [("By API", 1)]
    assert "url" not in listed[0]
    pk = created.json()["id"]
    assert api.get(f"/api/v1/profile-links/{pk}/views/").json()["count"] == 1
    assert api.post(f"/api/v1/profile-links/{pk}/revoke/").json()["status"] == "revoked"
    assert _open(raw).status_code == 404


# --- Query counts ------------------------------------------------------------------------


def _queries(url: str, client: Client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_public_page_reads_the_same_number_of_queries_for_few_and_many(owner, consultant):
    _round(owner, consultant, confirmations=1, claims=3)
    _, raw = _link(consultant)
    few = _queries(reverse("profiles:public", args=[raw]), Client())
    for _ in range(3):
        _round(owner, consultant, confirmations=4, claims=8)

    many = _queries(reverse("profiles:public", args=[raw]), Client())

    # the link with its consultant; the logged view (insert); the rounds with their
    # organisation, card and release; the accomplishments answers; the completed checks
    assert few == many == 5


def test_the_links_page_reads_the_same_number_of_queries_for_few_and_many(owner, consultant):
    _round(owner, consultant)
    _, raw = _link(consultant)
    client = _signed_in(consultant)
    url = reverse("profiles:links")
    few = _queries(url, client)
    for n in range(6):
        _link(consultant, label=f"Buyer {n}")
    for _ in range(5):
        _open(raw)
    score_release(submission=_round(owner, consultant), by=owner)

    many = _queries(url, client)

    # session, user (sign-in); the consultant; the links with their view counts; the latest
    # views with their link; the released scores with their round; the preview's rounds,
    # answers and checks
    assert few == many == 9
