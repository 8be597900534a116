"""Provisioning through SCIM 2.0: an organisation's identity provider, with the bearer
token the organisation's admin created, adds people (a new account, or an existing buyer
who joins; never a consultant), reads and lists them (filtered by userName, paged),
renames them, moves them between roles (the Groups) and deprovisions them, which removes
them from the organisation and signs them out everywhere at once. Only the organisation's
members exist for its token; another organisation's token, a revoked one, a person's
session or API token reach nothing. Responses are checked against the SCIM shapes of
RFC 7643/7644."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from knox.models import AuthToken

from tests.factories import UserFactory, consultant_user
from vetting.models import Membership, Organisation, ProvisioningToken, User
from vetting.roles import Role
from vetting.scim import protocol
from vetting.services import organisations as orgs
from vetting.services import provisioning

SCIM_JSON = "application/scim+json"


# --- The world: two organisations, each with its admin and its token ----------------------


@pytest.fixture
def northwind(db: None) -> Organisation:
    return orgs.organisation_create(
        name="Northwind Retail", by=UserFactory(email="priya@northwind.example")
    )


@pytest.fixture
def harbour(db: None) -> Organisation:
    return orgs.organisation_create(
        name="Harbour Bank", by=UserFactory(email="bea@harbour.example")
    )


def _admin(organisation: Organisation) -> User:
    return Membership.objects.get(organisation=organisation, role="admin").user


def _member(organisation: Organisation, role: str, email: str) -> User:
    user = UserFactory(email=email)
    orgs._join(organisation, user, role)
    return user


def _token(organisation: Organisation) -> str:
    _, raw = provisioning.provisioning_token_create(
        organisation=organisation, by=_admin(organisation), label="Okta"
    )
    return raw


class Scim:
    """An identity provider speaking SCIM to one organisation's endpoints."""

    def __init__(self, organisation: Organisation, token: str | None) -> None:
        self.base = f"/scim/v2/{organisation.slug}"
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
        self.client = Client(**headers)

    def request(self, method: str, path: str, body: Any = None, **params: Any) -> Any:
        kwargs: dict[str, Any] = {}
        if body is not None:
            kwargs = {"data": json.dumps(body), "content_type": SCIM_JSON}
        call = getattr(self.client, method)
        if params:
            return call(self.base + path, params, **kwargs)
        return call(self.base + path, **kwargs)

    def get(self, path: str, **params: Any) -> Any:
        return self.request("get", path, **params)


@pytest.fixture
def idp(northwind: Organisation) -> Scim:
    return Scim(northwind, _token(northwind))


def user_body(email: str, given: str = "Marcus", family: str = "Reed") -> dict[str, Any]:
    return {
        "schemas": [protocol.USER],
        "userName": email,
        "name": {"givenName": given, "familyName": family},
        "emails": [{"value": email, "type": "work", "primary": True}],
        "active": True,
    }


def patch(*operations: dict[str, Any]) -> dict[str, Any]:
    return {"schemas": [protocol.PATCH_OP], "Operations": list(operations)}


# --- The shapes of RFC 7643/7644 -----------------------------------------------------------


def assert_user(resource: dict[str, Any], *, email: str, active: bool = True) -> None:
    assert resource["schemas"] == [protocol.USER]
    assert resource["id"] and isinstance(resource["id"], str)
    assert resource["userName"] == email
    assert resource["active"] is active
    assert resource["emails"] == [{"value": email, "type": "work", "primary": True}]
    assert resource["meta"]["resourceType"] == "User"
    assert resource["meta"]["location"].endswith(f"/Users/{resource['id']}")


def assert_list(body: dict[str, Any], *, total: int, items: int, start: int = 1) -> None:
    assert body["schemas"] == [protocol.LIST_RESPONSE]
    assert (body["totalResults"], body["itemsPerPage"], body["startIndex"]) == (total, items, start)
    assert len(body["Resources"]) == items


def assert_error(response: Any, status: int, scim_type: str | None = None) -> None:
    assert response.status_code == status
    body = response.json()
    assert body["schemas"] == [protocol.ERROR]
    assert body["status"] == str(status)
    assert body["detail"]
    assert body.get("scimType") == scim_type


def signed_in(user: User) -> tuple[Client, Client]:
    """A browser signed in as the user and an API client with their personal token, both
    working now."""
    browser = Client()
    browser.force_login(user)
    _, token = AuthToken.objects.create(user)
    api = Client(HTTP_AUTHORIZATION=f"Token {token}")
    assert browser.get(reverse("engagements:list")).status_code == 200
    assert api.get("/api/v1/engagements/").status_code == 200
    return browser, api


def assert_signed_out(browser: Client, api: Client) -> None:
    page = browser.get(reverse("engagements:list"))
    assert page.status_code == 302 and reverse("login") in page["Location"]
    assert api.get("/api/v1/engagements/").status_code == 401


# --- Users -------------------------------------------------------------------------------------


def test_creating_a_user_makes_an_account_that_joins_as_a_reviewer(
    idp: Scim, northwind: Organisation
) -> None:
    response = idp.request("post", "/Users", user_body("marcus@northwind.example"))

    assert response.status_code == 201
    assert response["Content-Type"] == SCIM_JSON
    assert "no-store" in response["Cache-Control"]
    resource = response.json()
    assert_user(resource, email="marcus@northwind.example")
    assert resource["name"]["givenName"] == "Marcus"
    assert resource["groups"][0]["value"] == "reviewer"
    assert response["Location"] == resource["meta"]["location"]
    marcus = User.objects.get(email="marcus@northwind.example")
    assert resource["id"] == str(marcus.pk)
    assert (marcus.first_name, marcus.last_name) == ("Marcus", "Reed")
    assert Membership.objects.get(user=marcus, organisation=northwind).role == "reviewer"
    assert idp.get(f"/Users/{marcus.pk}").json() == resource


def test_an_existing_buyer_joins_and_a_consultant_is_refused_with_a_scim_error(
    idp: Scim, northwind: Organisation, harbour: Organisation
) -> None:
    buyer = _member(harbour, "procurement", "kim@harbour.example")
    consultant_user(email="clara@agency.example")

    joined = idp.request("post", "/Users", user_body("Kim@Harbour.example", "Other", "Name"))
    refused = idp.request("post", "/Users", user_body("clara@agency.example"))
    again = idp.request("post", "/Users", user_body("kim@harbour.example"))

    assert joined.status_code == 201
    assert joined.json()["id"] == str(buyer.pk)
    assert Membership.objects.filter(user=buyer, organisation=northwind).exists()
    buyer.refresh_from_db()
    assert buyer.first_name != "Other"  # joining renames nobody
    assert_error(refused, 409, "uniqueness")
    assert not Membership.objects.filter(user__email="clara@agency.example").exists()
    assert_error(again, 409, "uniqueness")


def test_a_user_without_a_username_or_with_a_malformed_body_is_a_scim_error(idp: Scim) -> None:
    assert_error(idp.request("post", "/Users", {"schemas": [protocol.USER]}), 400, "invalidValue")
    assert_error(idp.request("post", "/Users", user_body("not-an-address")), 400, "invalidValue")
    broken = idp.client.post(f"{idp.base}/Users", "{", content_type=SCIM_JSON)
    assert_error(broken, 400, "invalidSyntax")


def test_an_organisation_with_verified_domains_provisions_addresses_there_only(
    idp: Scim, northwind: Organisation
) -> None:
    northwind.domains = ["northwind.example"]
    northwind.save()

    assert idp.request("post", "/Users", user_body("ana@northwind.example")).status_code == 201
    assert_error(idp.request("post", "/Users", user_body("ana@gmail.example")), 400, "invalidValue")


def test_listing_filters_by_username_and_pages(idp: Scim, northwind: Organisation) -> None:
    for name in ("ana", "ben", "cy", "dee"):
        _member(northwind, "reviewer", f"{name}@northwind.example")  # 5 with the admin

    first = idp.get("/Users", count=2).json()
    last = idp.get("/Users", startIndex=5, count=2).json()
    found = idp.get("/Users", filter='userName eq "BEN@northwind.example"').json()
    none = idp.get("/Users", filter='userName eq "zed@northwind.example"').json()
    just_count = idp.get("/Users", count=0).json()

    assert_list(first, total=5, items=2)
    assert_list(last, total=5, items=1, start=5)
    ids = [r["id"] for r in first["Resources"] + last["Resources"]]
    assert len(set(ids)) == 3
    assert_list(found, total=1, items=1)
    assert_user(found["Resources"][0], email="ben@northwind.example")
    assert_list(none, total=0, items=0)
    assert_list(just_count, total=5, items=0)
    assert_error(idp.get("/Users", filter='title co "x"'), 400, "invalidFilter")
    assert_error(idp.get("/Users", count="many"), 400, "invalidValue")


def test_only_the_organisations_members_are_visible(
    idp: Scim, northwind: Organisation, harbour: Organisation
) -> None:
    theirs = _member(harbour, "procurement", "kim@harbour.example")
    consultant = consultant_user(email="clara@agency.example")
    outsider = UserFactory(email="out@example.com")

    listed = idp.get("/Users").json()
    assert [r["userName"] for r in listed["Resources"]] == ["priya@northwind.example"]
    for person in (theirs, consultant, outsider):
        assert_error(idp.get(f"/Users/{person.pk}"), 404)
        assert_error(
            idp.request(
                "patch",
                f"/Users/{person.pk}",
                patch({"op": "replace", "path": "active", "value": False}),
            ),
            404,
        )
        assert_error(idp.request("delete", f"/Users/{person.pk}"), 404)
    assert_list(
        idp.get("/Users", filter='userName eq "kim@harbour.example"').json(), total=0, items=0
    )
    assert Membership.objects.filter(user=theirs, organisation=harbour).exists()


def test_replacing_and_patching_change_the_name_and_address(
    idp: Scim, northwind: Organisation
) -> None:
    marcus = _member(northwind, "procurement", "marcus@northwind.example")
    url = f"/Users/{marcus.pk}"

    put = idp.request("put", url, user_body("marcus.reed@northwind.example", "Marc", "Reed"))
    # Entra ID's style: capitalised ops, a filtered email path, a boolean as a string
    entra = idp.request(
        "patch",
        url,
        patch(
            {"op": "Replace", "path": "name.familyName", "value": "Reed-Ola"},
            {
                "op": "Replace",
                "path": 'emails[type eq "work"].value',
                "value": "mr@northwind.example",
            },
            {"op": "Replace", "path": "active", "value": "True"},
        ),
    )
    # Okta's style: no path, an object of attributes
    okta = idp.request(
        "patch",
        url,
        patch({"op": "replace", "value": {"name": {"givenName": "Marcus"}, "title": "Buyer"}}),
    )

    assert put.status_code == entra.status_code == okta.status_code == 200
    assert_user(okta.json(), email="mr@northwind.example")
    marcus.refresh_from_db()
    assert (marcus.email, marcus.first_name, marcus.last_name) == (
        "mr@northwind.example",
        "Marcus",
        "Reed-Ola",
    )
    assert Membership.objects.get(user=marcus, organisation=northwind).role == "procurement"


def test_an_account_shared_with_another_organisation_is_not_renamed_by_one(
    idp: Scim, northwind: Organisation, harbour: Organisation
) -> None:
    kim = _member(harbour, "procurement", "kim@harbour.example")
    orgs._join(northwind, kim, "reviewer")

    renamed = idp.request(
        "patch",
        f"/Users/{kim.pk}",
        patch({"op": "replace", "path": "userName", "value": "kim@northwind.example"}),
    )
    same = idp.request(
        "put", f"/Users/{kim.pk}", user_body("kim@harbour.example", kim.first_name, kim.last_name)
    )

    assert_error(renamed, 400, "mutability")
    kim.refresh_from_db()
    assert kim.email == "kim@harbour.example"
    assert same.status_code == 200  # the same values are no change


def test_an_address_of_another_account_is_a_uniqueness_conflict(
    idp: Scim, northwind: Organisation
) -> None:
    marcus = _member(northwind, "procurement", "marcus@northwind.example")
    UserFactory(email="taken@example.com")

    response = idp.request(
        "patch",
        f"/Users/{marcus.pk}",
        patch({"op": "replace", "path": "userName", "value": "taken@example.com"}),
    )

    assert_error(response, 409, "uniqueness")


def test_deactivating_removes_them_and_their_session_and_api_token_stop_working_at_once(
    idp: Scim, northwind: Organisation
) -> None:
    marcus = _member(northwind, "procurement", "marcus@northwind.example")
    browser, api = signed_in(marcus)

    response = idp.request(
        "patch", f"/Users/{marcus.pk}", patch({"op": "replace", "value": {"active": False}})
    )

    assert response.status_code == 200
    assert_user(response.json(), email="marcus@northwind.example", active=False)
    assert not Membership.objects.filter(user=marcus, organisation=northwind).exists()
    assert_signed_out(browser, api)
    assert_error(idp.get(f"/Users/{marcus.pk}"), 404)


def test_deleting_deprovisions_even_the_last_admin(idp: Scim, northwind: Organisation) -> None:
    priya = _admin(northwind)
    browser, api = signed_in(priya)

    response = idp.request("delete", f"/Users/{priya.pk}")

    assert response.status_code == 204
    assert not Membership.objects.filter(organisation=northwind).exists()
    assert_signed_out(browser, api)


def test_a_put_with_active_false_deprovisions_too(idp: Scim, northwind: Organisation) -> None:
    marcus = _member(northwind, "manager", "marcus@northwind.example")
    body = user_body("marcus@northwind.example") | {"active": False}

    response = idp.request("put", f"/Users/{marcus.pk}", body)

    assert response.status_code == 200 and response.json()["active"] is False
    assert not Membership.objects.filter(user=marcus).exists()


# --- Groups: the organisation's roles ----------------------------------------------------------


def test_the_groups_are_the_organisations_roles_with_their_members(
    idp: Scim, northwind: Organisation
) -> None:
    marcus = _member(northwind, "manager", "marcus@northwind.example")

    groups = idp.get("/Groups").json()
    found = idp.get("/Groups", filter='displayName eq "Manager"').json()
    bare = idp.get("/Groups", excludedAttributes="members").json()

    assert_list(groups, total=4, items=4)
    assert [g["id"] for g in groups["Resources"]] == ["admin", "procurement", "manager", "reviewer"]
    for group in groups["Resources"]:
        assert group["schemas"] == [protocol.GROUP]
        assert group["meta"]["resourceType"] == "Group"
    managers = groups["Resources"][2]
    assert managers["displayName"] == "Manager"
    assert [m["value"] for m in managers["members"]] == [str(marcus.pk)]
    assert_list(found, total=1, items=1)
    assert "members" not in bare["Resources"][0]
    assert_error(idp.get("/Groups/owners"), 404)


def test_adding_a_member_to_a_group_gives_them_its_role_and_removing_makes_them_a_reviewer(
    idp: Scim, northwind: Organisation
) -> None:
    marcus = _member(northwind, "reviewer", "marcus@northwind.example")

    added = idp.request(
        "patch",
        "/Groups/procurement",
        patch({"op": "add", "path": "members", "value": [{"value": str(marcus.pk)}]}),
    )

    assert added.status_code == 200
    assert str(marcus.pk) in [m["value"] for m in added.json()["members"]]
    assert Membership.objects.get(user=marcus).role == "procurement"
    assert marcus.groups.filter(name=Role.PROCUREMENT).exists()
    assert idp.get(f"/Users/{marcus.pk}").json()["groups"][0]["value"] == "procurement"

    removed = idp.request(
        "patch",
        "/Groups/procurement",
        patch({"op": "remove", "path": f'members[value eq "{marcus.pk}"]'}),
    )

    assert removed.status_code == 200 and removed.json()["members"] == []
    assert Membership.objects.get(user=marcus).role == "reviewer"


def test_replacing_a_groups_members_moves_the_others_to_reviewer(
    idp: Scim, northwind: Organisation
) -> None:
    ana = _member(northwind, "manager", "ana@northwind.example")
    ben = _member(northwind, "reviewer", "ben@northwind.example")

    response = idp.request(
        "put",
        "/Groups/manager",
        {
            "schemas": [protocol.GROUP],
            "displayName": "Manager",
            "members": [{"value": str(ben.pk)}],
        },
    )

    assert response.status_code == 200
    roles = dict(Membership.objects.filter(organisation=northwind).values_list("user", "role"))
    assert (roles[ana.pk], roles[ben.pk]) == ("reviewer", "manager")


def test_the_last_admin_stays_an_admin_through_the_groups(
    idp: Scim, northwind: Organisation
) -> None:
    priya = _admin(northwind)

    response = idp.request(
        "patch", "/Groups/admin", patch({"op": "remove", "path": f'members[value eq "{priya.pk}"]'})
    )

    assert_error(response, 409)
    assert Membership.objects.get(user=priya).role == "admin"


def test_a_group_takes_only_the_organisations_members_and_keeps_its_name(
    idp: Scim, northwind: Organisation, harbour: Organisation
) -> None:
    kim = _member(harbour, "procurement", "kim@harbour.example")

    outsider = idp.request(
        "patch",
        "/Groups/admin",
        patch({"op": "add", "path": "members", "value": [{"value": str(kim.pk)}]}),
    )
    renamed = idp.request(
        "patch", "/Groups/admin", patch({"op": "replace", "path": "displayName", "value": "Owners"})
    )

    assert_error(outsider, 400, "invalidValue")
    assert not Membership.objects.filter(user=kim, organisation=northwind).exists()
    assert Membership.objects.get(user=kim).role == "procurement"
    assert_error(renamed, 400, "mutability")


# --- Discovery ---------------------------------------------------------------------------------


def test_the_service_provider_says_what_it_supports(idp: Scim, northwind: Organisation) -> None:
    config = idp.get("/ServiceProviderConfig").json()
    types = idp.get("/ResourceTypes").json()
    schemas = idp.get("/Schemas").json()
    user_schema = idp.get(f"/Schemas/{protocol.USER}").json()

    assert config["schemas"] == [protocol.SERVICE_PROVIDER_CONFIG]
    assert config["patch"]["supported"] and not config["bulk"]["supported"]
    assert config["authenticationSchemes"][0]["type"] == "oauthbearertoken"
    assert config["meta"]["location"].endswith(f"/scim/v2/{northwind.slug}/ServiceProviderConfig")
    assert_list(types, total=2, items=2)
    assert {t["endpoint"] for t in types["Resources"]} == {"/Users", "/Groups"}
    assert_list(schemas, total=2, items=2)
    assert "userName" in [a["name"] for a in user_schema["attributes"]]
    assert_error(idp.get("/Schemas/urn:nothing"), 404)


# --- The token ---------------------------------------------------------------------------------


def test_a_token_of_another_organisation_finds_nothing_here(
    northwind: Organisation, harbour: Organisation
) -> None:
    theirs = Scim(northwind, _token(harbour))
    priya = _admin(northwind)

    assert_error(theirs.get("/Users"), 404)
    assert_error(theirs.get(f"/Users/{priya.pk}"), 404)
    assert_error(theirs.request("delete", f"/Users/{priya.pk}"), 404)
    assert_error(theirs.request("post", "/Users", user_body("x@northwind.example")), 404)
    assert Membership.objects.filter(user=priya, organisation=northwind).exists()
    assert not User.objects.filter(email="x@northwind.example").exists()


def test_no_token_a_wrong_one_or_a_persons_credentials_are_refused(
    northwind: Organisation,
) -> None:
    priya = _admin(northwind)
    _, personal = AuthToken.objects.create(priya)
    session = Client()
    session.force_login(priya)
    url = f"/scim/v2/{northwind.slug}/Users"

    for response in (
        Client().get(url),
        Client(HTTP_AUTHORIZATION="Bearer not-a-token").get(url),
        Client(HTTP_AUTHORIZATION=f"Token {personal}").get(url),
        Client(HTTP_AUTHORIZATION=f"Bearer {personal}").get(url),
        session.get(url),
    ):
        assert_error(response, 401)
        assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_token_is_refused(idp: Scim, northwind: Organisation) -> None:
    assert idp.get("/Users").status_code == 200
    token = ProvisioningToken.objects.get(organisation=northwind)

    provisioning.provisioning_token_revoke(token=token, by=_admin(northwind))

    assert_error(idp.get("/Users"), 401)
    assert_error(idp.request("post", "/Users", user_body("x@northwind.example")), 401)


def test_the_token_is_stored_as_its_sha256_digest_only(northwind: Organisation) -> None:
    raw = _token(northwind)

    token = ProvisioningToken.objects.get(organisation=northwind)
    assert token.digest == hashlib.sha256(raw.encode()).hexdigest()
    assert len(raw) >= 43  # 32 random bytes
    stored = ProvisioningToken.objects.filter(pk=token.pk).values().get()
    assert raw not in json.dumps(stored, default=str)
    assert token.history.count() == 1


def test_a_listing_costs_the_same_queries_however_many_members(
    idp: Scim, northwind: Organisation, django_assert_num_queries: Any
) -> None:
    idp.get("/Users")  # notes the token's last use (once a minute)
    for count in (1, 30):
        for n in range(count):
            _member(northwind, "reviewer", f"p{count}-{n}@northwind.example")
        # the token with its organisation, the organisation by slug, the count, the page
        with django_assert_num_queries(4):
            assert idp.get("/Users", count=50).status_code == 200


# --- The admin's page --------------------------------------------------------------------------


def test_an_admin_creates_a_token_seen_once_lists_it_and_revokes_it(
    client: Client, northwind: Organisation
) -> None:
    client.force_login(_admin(northwind))
    members = client.get(reverse("organisation:members")).text
    assert reverse("organisation:provisioning") in members

    created = client.post(reverse("organisation:provisioning_token_create"), {"label": "Okta"})

    assert created.status_code == 200
    raw = created.context["raw"]
    assert raw in created.text
    assert f"/scim/v2/{northwind.slug}" in created.text
    token = ProvisioningToken.objects.get(organisation=northwind)
    Scim(northwind, raw).get("/Users")
    listing = client.get(reverse("organisation:provisioning")).text
    assert raw not in listing and "Okta" in listing and token.hint in listing
    assert "Never" not in listing  # last used is shown

    client.post(reverse("organisation:provisioning_token_revoke", args=[token.pk]))

    token.refresh_from_db()
    assert token.is_revoked
    assert_error(Scim(northwind, raw).get("/Users"), 401)
    assert 'data-testid="no-tokens"' in client.get(reverse("organisation:provisioning")).text


def test_a_member_who_is_not_an_admin_cannot_manage_provisioning(
    client: Client, northwind: Organisation
) -> None:
    client.force_login(_member(northwind, "procurement", "marcus@northwind.example"))

    assert client.get(reverse("organisation:provisioning")).status_code == 403
    refused = client.post(reverse("organisation:provisioning_token_create"), {"label": "Mine"})
    assert refused.status_code == 403
    assert not ProvisioningToken.objects.exists()
    assert (
        reverse("organisation:provisioning") not in client.get(reverse("organisation:members")).text
    )


def test_an_admin_of_another_organisation_cannot_revoke_this_ones_token(
    client: Client, northwind: Organisation, harbour: Organisation
) -> None:
    _token(northwind)
    token = ProvisioningToken.objects.get(organisation=northwind)
    client.force_login(_admin(harbour))

    response = client.post(reverse("organisation:provisioning_token_revoke", args=[token.pk]))

    assert response.status_code == 404
    token.refresh_from_db()
    assert not token.is_revoked


def test_a_token_without_a_label_is_not_created(client: Client, northwind: Organisation) -> None:
    client.force_login(_admin(northwind))

    response = client.post(reverse("organisation:provisioning_token_create"), {"label": ""})

    assert response.status_code == 422
    assert not ProvisioningToken.objects.exists()


# --- The wire format, without a database --------------------------------------------------------


def test_patch_operations_read_the_forms_providers_send() -> None:
    changes = protocol.user_patch(
        patch(
            {"op": "Replace", "path": "active", "value": "False"},
            {"op": "add", "path": "name.givenName", "value": " Ana "},
            {"op": "remove", "path": "name.familyName"},
            {"op": "replace", "path": "phoneNumbers", "value": [{"value": "1"}]},
        )
    )

    assert changes == protocol.UserChanges(email=None, first_name="Ana", last_name="", active=False)
    with pytest.raises(protocol.ScimError):
        protocol.user_patch({"Operations": [{"op": "move"}]})
    assert protocol.group_patch(
        patch(
            {"op": "add", "value": {"members": [{"value": "7"}]}},
            {"op": "remove", "path": 'members[value eq "8"]'},
        )
    ) == [("add", ["7"]), ("remove", ["8"])]


def test_paging_bounds_the_start_and_the_count() -> None:
    assert protocol.page({}) == (1, protocol.MAX_RESULTS)
    assert protocol.page({"startIndex": "0", "count": "-3"}) == (1, 0)
    assert protocol.page({"count": "100000"}) == (1, protocol.MAX_RESULTS)
