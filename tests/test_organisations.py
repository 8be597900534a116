"""Buyer organisations: an organisation's admin adds people (an existing buyer joins, a new
address gets an account and a single-use link to choose a password), changes their role and
removes them (signed out everywhere, API tokens revoked, at once); a member of another
organisation learns nothing of a round, a template, a consultant invited or a call of this
one, by page, API or count; a person in two organisations switches between them."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from knox.models import AuthToken

from tests.factories import (
    ConsultantFactory,
    EngagementFactory,
    ReferenceCheckFactory,
    UserFactory,
    consultant_user,
    submitted_quickly,
    submitted_review,
)
from vetting import services
from vetting.models import (
    EngagementStatus,
    Membership,
    Organisation,
    OrganisationRole,
    Questionnaire,
    User,
)
from vetting.roles import Role
from vetting.services import organisations as orgs
from vetting.services import scorecards_recompute

pytestmark = pytest.mark.django_db


@pytest.fixture
def northwind() -> Organisation:
    admin = UserFactory(email="priya@northwind.example")
    return orgs.organisation_create(name="Northwind Retail", by=admin)


@pytest.fixture
def harbour() -> Organisation:
    admin = UserFactory(email="bea@harbour.example")
    return orgs.organisation_create(name="Harbour Bank", by=admin)


def _admin(organisation: Organisation) -> User:
    return Membership.objects.get(organisation=organisation, role="admin").user


def _member(organisation: Organisation, role: str, email: str) -> User:
    user = UserFactory(email=email)
    orgs._join(organisation, user, role)
    return user


# --- Members ---------------------------------------------------------------------------


def test_an_admin_adds_a_new_address_which_gets_an_account_and_a_link_to_choose_a_password(
    client: Client, northwind: Organisation, django_capture_on_commit_callbacks
) -> None:
    client.force_login(_admin(northwind))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("organisation:members"),
            {"email": "Marcus@Northwind.example", "name": "Marcus Lee", "role": "manager"},
        )

    assert response.status_code == 302
    marcus = User.objects.get(email="marcus@northwind.example")
    assert (marcus.first_name, marcus.has_usable_password()) == ("Marcus", False)
    assert marcus.has_role(Role.MANAGER)
    assert Membership.objects.get(user=marcus).role == OrganisationRole.MANAGER
    (sent,) = mail.outbox
    assert sent.to == ["marcus@northwind.example"]
    assert "Northwind Retail has added you" in sent.body and "as manager" in sent.body
    link = re.search(r"https?://\S+/accounts/reset/\S+/", sent.body).group(0)
    page = client.get(link.split("testserver")[-1] if "testserver" in link else link, follow=True)
    assert page.status_code == 200


def test_an_existing_buyer_joins_and_a_consultant_cannot(
    client: Client, northwind: Organisation, harbour: Organisation
) -> None:
    client.force_login(_admin(northwind))
    bea = _admin(harbour)
    consultant = consultant_user(email="clara@okafor.example")

    joined = client.post(reverse("organisation:members"), {"email": bea.email, "role": "reviewer"})
    refused = client.post(
        reverse("organisation:members"),
        {"email": consultant.email, "name": "Clara", "role": "procurement"},
    )

    assert joined.status_code == 302
    assert set(bea.memberships.values_list("organisation__slug", flat=True)) == {
        northwind.slug,
        harbour.slug,
    }
    assert refused.status_code == 422
    assert "consultants are not members of a buyer organisation" in refused.text
    assert 'value="clara@okafor.example"' in refused.text  # nothing typed is lost
    assert not consultant.memberships.exists()


def test_the_last_admin_stays_an_admin(client: Client, northwind: Organisation) -> None:
    admin = _admin(northwind)
    client.force_login(admin)
    membership = Membership.objects.get(user=admin)

    page = client.post(
        reverse("organisation:member_role", args=[membership.pk]),
        {"role": "manager"},
        follow=True,
    ).text

    assert "keeps one admin at least" in page
    membership.refresh_from_db()
    assert membership.role == OrganisationRole.ADMIN


def test_a_removed_member_is_signed_out_everywhere_and_their_tokens_stop_working(
    northwind: Organisation,
) -> None:
    admin = _admin(northwind)
    marcus = _member(northwind, "procurement", "marcus@northwind.example")
    theirs = Client()
    theirs.force_login(marcus)
    _, token = AuthToken.objects.create(marcus)
    assert theirs.get(reverse("engagements:list")).status_code == 200
    api = Client(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/v1/engagements/").status_code == 200
    client = Client()
    client.force_login(admin)

    client.post(
        reverse("organisation:member_remove", args=[Membership.objects.get(user=marcus).pk])
    )

    assert not Membership.objects.filter(user=marcus).exists()
    signed_out = theirs.get(reverse("engagements:list"))
    assert signed_out.status_code == 302 and reverse("login") in signed_out["Location"]
    assert api.get("/api/v1/engagements/").status_code == 401


def test_a_member_who_is_not_an_admin_sees_the_members_and_changes_nothing(
    client: Client, northwind: Organisation
) -> None:
    marcus = _member(northwind, "manager", "marcus@northwind.example")
    client.force_login(marcus)

    page = client.get(reverse("organisation:members")).text
    refused = client.post(
        reverse("organisation:members"), {"email": "x@y.example", "role": "admin"}
    )

    assert "priya@northwind.example" in page and "Add a member" not in page
    assert refused.status_code == 403
    assert not User.objects.filter(email="x@y.example").exists()


def test_an_admin_of_another_organisation_cannot_touch_this_ones_members(
    client: Client, northwind: Organisation, harbour: Organisation
) -> None:
    marcus = _member(northwind, "manager", "marcus@northwind.example")
    membership = Membership.objects.get(user=marcus)
    client.force_login(_admin(harbour))

    role = client.post(
        reverse("organisation:member_role", args=[membership.pk]),
        {"role": "admin"},
    )
    remove = client.post(reverse("organisation:member_remove", args=[membership.pk]))

    assert role.status_code == remove.status_code == 404
    membership.refresh_from_db()
    assert membership.role == OrganisationRole.MANAGER


# --- Isolation -------------------------------------------------------------------------


@pytest.fixture
def rounds(northwind: Organisation, harbour: Organisation) -> dict:
    """A round of each organisation, each with a submitted consultant and a manager."""
    found = {}
    for organisation in (northwind, harbour):
        owner = _admin(organisation)
        engagement = EngagementFactory(
            owner=owner, organisation=organisation, status=EngagementStatus.OPEN
        )
        manager = _member(organisation, "manager", f"calls@{organisation.slug}.example")
        engagement.reviewers.add(manager)
        consultant = ConsultantFactory(discoverable=False)
        submission = submitted_quickly(engagement, consultant=consultant)
        found[organisation.slug] = {
            "engagement": engagement,
            "owner": owner,
            "manager": manager,
            "consultant": consultant,
            "submission": submission,
        }
    return found


def test_a_member_of_another_organisation_learns_nothing_of_a_round_by_page_or_api(
    client: Client, rounds: dict
) -> None:
    theirs = rounds["northwind-retail"]
    client.force_login(rounds["harbour-bank"]["owner"])
    engagement = theirs["engagement"]

    for name in ("engagements:detail", "engagements:ranking", "engagements:value"):
        assert client.get(reverse(name, args=[engagement.pk])).status_code == 404, name
    assert (
        client.get(reverse("submissions:read", args=[theirs["submission"].pk])).status_code == 404
    )
    listed = client.get("/api/v1/engagements/").json()
    assert [row["id"] for row in listed["results"]] == [rounds["harbour-bank"]["engagement"].pk]
    assert listed["count"] == 1
    assert client.get(f"/api/v1/engagements/{engagement.pk}/").status_code == 404
    assert client.get(f"/api/v1/submissions/{theirs['submission'].pk}/").status_code == 404


def test_the_directory_shows_the_consultants_a_buyer_invited_and_the_discoverable_only(
    client: Client, rounds: dict
) -> None:
    shown = ConsultantFactory(name="Dora Discoverable", discoverable=True)
    client.force_login(rounds["harbour-bank"]["owner"])

    page = client.get(reverse("consultants:directory")).text
    other = rounds["northwind-retail"]["consultant"]

    assert rounds["harbour-bank"]["consultant"].name in page
    assert shown.name in page
    assert other.name not in page
    assert client.get(reverse("consultants:detail", args=[other.pk])).status_code == 404


def test_a_manager_runs_the_calls_of_their_organisations_rounds_only(
    client: Client, rounds: dict
) -> None:
    from vetting.access import visible_checks

    checks = {
        slug: ReferenceCheckFactory(submission=found["submission"], channel="phone")
        for slug, found in rounds.items()
    }
    manager = rounds["harbour-bank"]["manager"]
    client.force_login(manager)

    assert list(visible_checks(manager)) == [checks["harbour-bank"]]
    theirs = checks["northwind-retail"]
    assert client.get(reverse("checks:detail", args=[theirs.pk])).status_code == 404


def test_a_rounds_reviewers_are_chosen_among_its_organisations_people(
    client: Client, rounds: dict
) -> None:
    client.force_login(rounds["harbour-bank"]["owner"])

    page = client.get(reverse("engagements:create")).text

    assert rounds["northwind-retail"]["manager"].display_name not in page
    assert rounds["harbour-bank"]["manager"].display_name in page


def test_a_template_is_shared_within_its_organisation_and_invisible_outside(
    client: Client, rounds: dict
) -> None:
    owner = rounds["northwind-retail"]["owner"]
    template = services.template_create(by=owner, title="Northwind: Instagram")
    services.template_publish(template=template, by=owner)
    colleague = _member(template.organisation, "procurement", "pat@northwind.example")

    seen_by_colleague = Client()
    seen_by_colleague.force_login(colleague)
    client.force_login(rounds["harbour-bank"]["owner"])

    assert template.organisation.slug == "northwind-retail"
    url = reverse("questionnaires:detail", args=[template.pk])
    assert seen_by_colleague.get(url).status_code == 200
    assert client.get(url).status_code == 404
    assert "Northwind: Instagram" not in client.get(reverse("engagements:create")).text


# --- Several organisations -------------------------------------------------------------


def test_someone_in_two_organisations_switches_and_new_rounds_go_to_the_one_chosen(
    client: Client, northwind: Organisation, harbour: Organisation
) -> None:
    bea = _admin(harbour)
    orgs._join(northwind, bea, "procurement")
    client.force_login(bea)

    menu = client.get(reverse("engagements:list")).text
    client.post(reverse("organisation:switch"), {"organisation": northwind.pk})
    template = client.post(reverse("questionnaires:create"), {"title": "Shared at Northwind"})
    refused = client.post(reverse("organisation:switch"), {"organisation": 999999})

    assert "Switch to Northwind Retail" in menu
    assert template.status_code == 302
    assert Questionnaire.objects.get(title="Shared at Northwind").organisation == northwind
    assert refused.status_code == 404


def test_a_panel_member_outside_the_rounds_organisation_cannot_open_it(
    client: Client, rounds: dict
) -> None:
    theirs = rounds["northwind-retail"]
    stranger = rounds["harbour-bank"]["manager"]
    theirs["engagement"].reviewers.add(stranger)  # as if put there before leaving
    client.force_login(stranger)

    assert (
        client.get(reverse("engagements:detail", args=[theirs["engagement"].pk])).status_code == 404
    )
    review = reverse("submissions:review", args=[theirs["submission"].pk])
    assert client.get(review).status_code == 404
    assert client.get("/api/v1/engagements/").json()["count"] == 1


def test_approvers_of_a_decision_are_the_rounds_organisations_people(
    client: Client, rounds: dict
) -> None:
    ours = rounds["harbour-bank"]
    client.force_login(ours["owner"])

    page = client.get(reverse("submissions:decide", args=[ours["submission"].pk])).text

    assert ours["manager"].display_name in page
    assert rounds["northwind-retail"]["manager"].display_name not in page
    assert rounds["northwind-retail"]["owner"].display_name not in page


def test_a_consultant_is_seen_once_they_accept_an_invitation_not_when_merely_invited(
    client: Client, rounds: dict
) -> None:
    from tests.factories import SubmissionFactory

    ours = rounds["harbour-bank"]
    invited = ConsultantFactory(name="Ines Invited", discoverable=False)
    draft = SubmissionFactory(engagement=ours["engagement"], consultant=invited)
    client.force_login(ours["owner"])
    before = client.get(reverse("consultants:detail", args=[invited.pk])).status_code

    draft.started_at = draft.invited_at
    draft.status = "in_progress"
    draft.save()

    assert before == 404
    assert client.get(reverse("consultants:detail", args=[invited.pk])).status_code == 200


def test_a_reviewer_member_without_another_role_reviews_the_rounds_they_are_put_on(
    client: Client, rounds: dict
) -> None:
    ours = rounds["harbour-bank"]
    rita = _member(ours["engagement"].organisation, "reviewer", "rita@harbour.example")
    assert not rita.groups.exists()  # no product role: the organisation's is enough
    ours["engagement"].reviewers.add(rita)
    client.force_login(rita)

    queue = client.get(reverse("checks:reviews"))
    review = client.get(reverse("submissions:review", args=[ours["submission"].pk]))
    theirs = rounds["northwind-retail"]["engagement"]

    assert queue.status_code == 200 and review.status_code == 200
    assert client.get(reverse("engagements:detail", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("engagements:create")).status_code == 403


def test_someone_removed_from_the_organisation_but_still_on_a_panel_sees_no_score_or_price(
    rounds: dict,
) -> None:
    from vetting.access import visible_proposals, visible_scorecards
    from vetting.models import CommercialProposal, Membership

    ours = rounds["harbour-bank"]
    manager = ours["manager"]
    CommercialProposal.objects.create(submission=ours["submission"], currency="GBP")
    ours["engagement"].price_visibility = "always"
    ours["engagement"].save()
    submitted_review(ours["submission"], manager)
    scorecards_recompute([ours["submission"].pk])
    assert visible_scorecards(manager).exists() and visible_proposals(manager).exists()

    Membership.objects.filter(user=manager).delete()  # still on the panel
    del manager.organisation_ids

    assert not visible_scorecards(manager).exists()
    assert not visible_proposals(manager).exists()
