"""Who may open which page: every URL that shows or changes data, for every role.

Another consultant's profile or reference is a 404 (it does not exist for them); a page a
role may see but not change is a 403.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from consultants.models import Reference
from tests.factories import ReferenceFactory

pytestmark = pytest.mark.django_db

ANON, OK, REDIRECT, FORBIDDEN, MISSING = "anon", 200, 302, 403, 404

ROLES = ["procurement", "manager", "consultant", "other_consultant", "outsider", "staff"]


@pytest.fixture
def target(consultant) -> dict[str, int]:
    """The objects everyone reaches for: `consultant`'s profile and one of its references."""
    profile = consultant.consultant
    reference = ReferenceFactory(consultant=profile)
    return {"profile": profile.pk, "reference": reference.pk}


# url name, which object's pk it takes, expected status per role (in ROLES order)
MATRIX = [
    ("consultants:directory", None, [OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK]),
    ("consultants:detail", "profile", [OK, OK, OK, MISSING, MISSING, OK]),
    ("consultants:history", "profile", [OK, OK, OK, MISSING, MISSING, OK]),
    ("consultants:edit", "profile", [FORBIDDEN, FORBIDDEN, OK, MISSING, MISSING, OK]),
    ("consultants:reference_create", "profile", [FORBIDDEN, FORBIDDEN, OK, MISSING, MISSING, OK]),
    ("consultants:reference_edit", "reference", [FORBIDDEN, FORBIDDEN, OK, MISSING, MISSING, OK]),
    (
        "consultants:reference_delete",
        "reference",
        [FORBIDDEN, FORBIDDEN, OK, MISSING, MISSING, OK],
    ),
]


def _url(name: str, kind: str | None, target: dict[str, int]) -> str:
    return reverse(name, args=[target[kind]] if kind else [])


@pytest.mark.parametrize(("name", "kind", "expected"), MATRIX, ids=[m[0] for m in MATRIX])
@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_each_role_gets_the_page_it_may_see_and_nothing_else(
    client, request, target, name, kind, expected, role_index
):
    user = request.getfixturevalue(ROLES[role_index])
    client.force_login(user)

    response = client.get(_url(name, kind, target))

    assert response.status_code == expected[role_index]


@pytest.mark.parametrize(("name", "kind", "expected"), MATRIX, ids=[m[0] for m in MATRIX])
def test_anonymous_visitors_are_sent_to_sign_in(client, target, name, kind, expected):
    url = _url(name, kind, target)

    response = client.get(url)

    assert response.status_code == REDIRECT
    assert response["Location"] == f"{reverse('login')}?next={url}"


@pytest.mark.parametrize(
    ("role", "expected"),
    [("procurement", FORBIDDEN), ("other_consultant", MISSING), ("outsider", MISSING)],
)
def test_nobody_but_the_consultant_can_change_their_profile_by_posting(
    client, request, target, consultant, role, expected
):
    client.force_login(request.getfixturevalue(role))
    profile = consultant.consultant

    response = client.post(
        reverse("consultants:edit", args=[profile.pk]),
        {"name": "Hijacked", "email": "evil@example.com", "version": profile.version},
    )

    assert response.status_code == expected
    profile.refresh_from_db()
    assert profile.name != "Hijacked"


@pytest.mark.parametrize(
    ("role", "expected"),
    [("procurement", FORBIDDEN), ("other_consultant", MISSING), ("outsider", MISSING)],
)
def test_nobody_but_the_consultant_can_remove_their_reference(
    client, request, target, role, expected
):
    client.force_login(request.getfixturevalue(role))

    response = client.post(reverse("consultants:reference_delete", args=[target["reference"]]))

    assert response.status_code == expected
    assert Reference.objects.filter(pk=target["reference"]).exists()


@pytest.mark.parametrize(
    ("role", "expected"),
    [("procurement", FORBIDDEN), ("other_consultant", MISSING), ("outsider", MISSING)],
)
def test_nobody_but_the_consultant_can_add_a_reference_to_their_profile(
    client, request, target, consultant, role, expected
):
    client.force_login(request.getfixturevalue(role))
    profile = consultant.consultant

    response = client.post(
        reverse("consultants:reference_create", args=[profile.pk]),
        {"name": "Planted", "email": "planted@example.com"},
    )

    assert response.status_code == expected
    assert not profile.references.filter(name="Planted").exists()


def test_my_profile_leads_a_consultant_to_their_own_profile(client, consultant, other_consultant):
    client.force_login(consultant)

    response = client.get(reverse("consultants:mine"))

    assert response.status_code == REDIRECT
    assert response["Location"] == consultant.consultant.get_absolute_url()


@pytest.mark.parametrize("role", ["procurement", "outsider"])
def test_my_profile_is_missing_for_people_without_a_profile(client, request, role):
    client.force_login(request.getfixturevalue(role))

    assert client.get(reverse("consultants:mine")).status_code == MISSING


@pytest.mark.parametrize("role", ["procurement", "manager", "consultant", "outsider"])
def test_only_staff_reach_the_django_admin(client, request, role):
    client.force_login(request.getfixturevalue(role))

    response = client.get("/admin/")

    assert response.status_code == REDIRECT
    assert response["Location"].startswith("/admin/login/")


def test_staff_reach_the_django_admin(client, staff):
    client.force_login(staff)

    assert client.get("/admin/").status_code == OK
