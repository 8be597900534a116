"""The approved-vendor register's pages and API: what the register lists and filters, that
another organisation finds nothing (404), that an expired vendor is marked on the directory,
profile, ranking and compare pages, the differences page (old and new side by side, the
changed words marked, escaped), the audit trail's entries, and query counts that do not
grow with the register."""

from __future__ import annotations

from datetime import timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from tests.factories import EngagementFactory, UserFactory, submitted_quickly
from tests.vendor_helpers import make_admin, select, selected_vendor
from vetting.audit import engagement_audit
from vetting.models import (
    EngagementStatus,
    Membership,
    Question,
    User,
    VendorEntry,
)
from vetting.roles import Role
from vetting.services import answer_save, scorecards_recompute, submission_submit
from vetting.services.organisations import organisation_create
from vetting.services.vendors import revetting_changes_save, revetting_open

pytestmark = pytest.mark.django_db

# Another answer to the greatest accomplishment (50 characters at least), no word in common.
LONG_ANSWER = "Rebuilt Ledgerly's LinkedIn channel around weekly customer-led webinars."


def _browser(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _expire(entry: VendorEntry) -> None:
    entry.review_on = timezone.localdate() - timedelta(days=2)
    entry.save()


@pytest.fixture
def entry(procurement: User, consultant: User) -> VendorEntry:
    return selected_vendor(owner=procurement, consultant=consultant)


@pytest.fixture
def rival() -> User:
    """Procurement (admin) of another organisation only."""
    user = UserFactory(email="rival@example.com", role=Role.PROCUREMENT)
    Membership.objects.filter(user=user).delete()
    organisation_create(name="Rival Retail", by=user)
    return user


def test_the_register_lists_the_vendor_with_status_review_date_and_round(
    procurement: User, consultant: User, entry: VendorEntry
) -> None:
    page = _browser(procurement).get(reverse("vendors:register"))

    html = page.content.decode()
    assert page.status_code == 200
    assert consultant.consultant.name in html
    assert entry.submission.engagement.title in html
    assert f"{entry.review_on:%-d %b %Y}" in html
    assert 'data-testid="vendor-active"' in html
    assert "</i>Vendors" in html  # in the navigation


def test_the_register_filters_by_status(
    procurement: User, entry: VendorEntry, consultant: User
) -> None:
    browser = _browser(procurement)
    _expire(entry)

    expired = browser.get(reverse("vendors:register"), {"status": "expired"}).content.decode()
    active = browser.get(reverse("vendors:register"), {"status": "active"}).content.decode()

    assert consultant.consultant.name in expired
    assert 'data-testid="vendor-expired"' in expired
    assert consultant.consultant.name not in active
    assert "No vendor has this status" in active


def test_another_organisation_finds_nothing(
    rival: User, entry: VendorEntry, consultant: User
) -> None:
    browser = _browser(rival)
    assert (
        consultant.consultant.name not in browser.get(reverse("vendors:register")).content.decode()
    )
    assert browser.get(reverse("vendors:detail", args=[entry.pk])).status_code == 404
    assert browser.post(reverse("vendors:revet", args=[entry.pk])).status_code == 404
    api = APIClient()
    api.force_authenticate(rival)
    assert api.get(f"/api/v1/vendors/{entry.pk}/").status_code == 404
    assert api.get("/api/v1/vendors/").json()["results"] == []


def test_an_expired_vendor_is_marked_on_the_directory_profile_ranking_and_compare(
    procurement: User, entry: VendorEntry, consultant: User
) -> None:
    browser = _browser(procurement)
    engagement = entry.submission.engagement
    other = submitted_quickly(engagement, name="Pat Peer")
    scorecards_recompute([entry.submission_id, other.pk])
    pages = [
        reverse("consultants:directory"),
        reverse("consultants:detail", args=[consultant.consultant.pk]),
        reverse("engagements:ranking", args=[engagement.pk]),
        reverse("engagements:compare", args=[engagement.pk])
        + f"?s={entry.submission_id}&s={other.pk}",
    ]
    before = [browser.get(url).content.decode() for url in pages]
    _expire(entry)
    after = [browser.get(url).content.decode() for url in pages]

    for url, old, new in zip(pages, before, after, strict=True):
        assert 'data-testid="vendor-expired"' not in old, url
        assert new.count('data-testid="vendor-expired"') == 1, url


def test_a_consultant_never_sees_their_register_status(
    entry: VendorEntry, consultant: User
) -> None:
    _expire(entry)
    page = _browser(consultant).get(reverse("consultants:detail", args=[consultant.consultant.pk]))

    assert page.status_code == 200
    assert "Expired vendor" not in page.content.decode()
    assert _browser(consultant).get(reverse("vendors:register")).status_code == 404


def test_the_register_page_costs_the_same_queries_with_few_and_many_vendors(
    procurement: User,
) -> None:
    engagement = EngagementFactory(owner=procurement, status=EngagementStatus.OPEN)
    today = timezone.localdate()

    def add(count: int) -> None:
        for _ in range(count):
            submission = submitted_quickly(engagement)
            VendorEntry.objects.create(
                organisation=engagement.organisation,
                consultant=submission.consultant,
                submission=submission,
                approved_on=today,
                review_on=today + timedelta(days=30),
            )

    browser = _browser(procurement)
    url = reverse("vendors:register")
    add(1)
    browser.get(url)  # warm the session and the caches
    with CaptureQueriesContext(connection) as few:
        assert browser.get(url).status_code == 200
    add(6)
    with CaptureQueriesContext(connection) as many:
        page = browser.get(url)
    assert page.content.decode().count('data-testid="vendor-due"') == 7
    # Session and user, the organisation and the membership checks, then the entries with
    # their rounds and one prefetch of the re-vetting rounds.
    assert len(many) == len(few), [q["sql"][:80] for q in many.captured_queries]


def _revetted(procurement: User, consultant: User, entry: VendorEntry, new_text: str):
    revetting = revetting_open(entry=entry, by=procurement)
    submission = revetting.submission
    question = Question.objects.get(
        questionnaire=submission.engagement.questionnaire, key="greatest_accomplishment"
    )
    answer_save(submission=submission, by=consultant, question=question, raw=new_text)
    revetting_changes_save(
        submission=submission, by=consultant, text="We now run <b>three</b> communities."
    )
    submission_submit(submission=submission, by=consultant)
    scorecards_recompute([submission.pk])
    return revetting


def test_the_differences_page_shows_old_and_new_with_the_changed_words_marked_and_escaped(
    procurement: User, consultant: User, entry: VendorEntry
) -> None:
    new_text = (
        "Took a payroll start-up from no social presence to half <script>x</script> of its "
        "pipeline in eighteen months, with a community run by its own support staff."
    )
    revetting = _revetted(procurement, consultant, entry, new_text)

    page = _browser(procurement).get(reverse("vendors:differences", args=[revetting.submission_id]))

    html = page.content.decode()
    assert page.status_code == 200
    assert '<del class="diff-removed">a quarter</del>' in html
    assert '<ins class="diff-added">half &lt;script&gt;x&lt;/script&gt;</ins>' in html
    assert "<script>x" not in html
    assert "We now run &lt;b&gt;three&lt;/b&gt; communities." in html
    assert 'data-testid="score-changes"' in html
    assert html.count('data-testid="answer-changed"') == 1


def test_the_differences_page_is_linked_from_the_round_the_score_page_and_the_register(
    procurement: User, consultant: User, entry: VendorEntry
) -> None:
    revetting = _revetted(procurement, consultant, entry, LONG_ANSWER)
    link = reverse("vendors:differences", args=[revetting.submission_id])
    browser = _browser(procurement)

    for url in (
        revetting.engagement.get_absolute_url(),
        reverse("submissions:score", args=[revetting.submission_id]),
        reverse("vendors:register"),
        reverse("vendors:detail", args=[entry.pk]),
    ):
        assert link in browser.get(url).content.decode(), url


def test_the_differences_api_gives_both_sides(
    procurement: User, consultant: User, entry: VendorEntry
) -> None:
    revetting = _revetted(procurement, consultant, entry, LONG_ANSWER)
    api = APIClient()
    api.force_authenticate(procurement)

    data = api.get(f"/api/v1/submissions/{revetting.submission_id}/differences/").json()

    changed = [a for a in data["answers"] if a["changed"]]
    assert len(changed) == 1
    assert {"text": LONG_ANSWER, "change": "added"} in changed[0]["new"]
    assert data["changes"] == "We now run <b>three</b> communities."
    assert data["score"]["new_total"] is not None


def test_starting_a_revetting_round_from_the_api(procurement: User, entry: VendorEntry) -> None:
    api = APIClient()
    api.force_authenticate(procurement)

    first = api.post(f"/api/v1/vendors/{entry.pk}/revetting/")
    again = api.post(f"/api/v1/vendors/{entry.pk}/revetting/")

    assert first.status_code == 201
    assert again.status_code == 409
    listed = api.get("/api/v1/vendors/", {"status": "active"}).json()["results"]
    assert [e["id"] for e in listed] == [entry.pk]
    assert listed[0]["revettings"][0]["engagement"] == first.json()["engagement"]


def test_removing_a_vendor_from_the_api_needs_a_reason_and_the_current_version(
    entry: VendorEntry,
) -> None:
    api = APIClient()
    api.force_authenticate(make_admin(entry.organisation))
    url = f"/api/v1/vendors/{entry.pk}/remove/"

    blank = api.post(url, {"reason": " ", "version": entry.version}, format="json")
    stale = api.post(url, {"reason": "Sold.", "version": entry.version - 1}, format="json")
    removed = api.post(url, {"reason": "Sold.", "version": entry.version}, format="json")
    again = api.post(url, {"reason": "Sold.", "version": entry.version + 1}, format="json")

    assert blank.status_code == 400 and "reason" in blank.json()
    assert stale.status_code == 409
    assert removed.status_code == 200
    assert removed.json()["status"] == "removed"
    assert removed.json()["removal_reason"] == "Sold."
    assert again.status_code == 409


def test_the_audit_trail_says_who_entered_renewed_and_removed_the_vendor(
    procurement: User, consultant: User, entry: VendorEntry
) -> None:
    revetting = _revetted(procurement, consultant, entry, LONG_ANSWER)
    select(revetting.submission, procurement)
    admin = make_admin(entry.organisation, first_name="Ada", last_name="Admin")
    from vetting.services.vendors import vendor_remove

    vendor_remove(entry=entry, by=admin, reason="Contract ended.")

    first = [e.action for e in engagement_audit(entry.submission.engagement).entries]
    second = [e.action for e in engagement_audit(revetting.engagement).entries]
    name = consultant.consultant.name
    assert any(a.startswith(f"entered {name} in the vendor register") for a in first)
    assert any(a.startswith(f"opened a re-vetting round of {name}") for a in first)
    assert any(a.startswith(f"opened a re-vetting round of {name}") for a in second)
    assert any(a.startswith(f"renewed {name} in the vendor register") for a in second)
    assert f"removed {name} from the vendor register" in second


def test_an_admin_sets_the_cadence_from_the_organisation_page(
    procurement: User, entry: VendorEntry
) -> None:
    admin = _browser(make_admin(entry.organisation))
    members = admin.get(reverse("organisation:members")).content.decode()
    assert 'data-testid="vendor-settings"' in members

    saved = admin.post(
        reverse("vendors:settings"),
        {"revetting_months": "6", "reference_max_age_months": "9", "next": "members"},
    )
    refused = admin.post(
        reverse("vendors:settings"), {"revetting_months": "0", "reference_max_age_months": "9"}
    )

    assert saved.status_code == 302
    assert saved.url == reverse("organisation:members")
    entry.refresh_from_db()
    assert entry.review_on == entry.approved_on + relativedelta(months=6)
    assert refused.status_code == 422
    assert "greater than or equal to 1" in refused.content.decode()
    assert 'value="0"' in refused.content.decode()  # what was typed is kept
