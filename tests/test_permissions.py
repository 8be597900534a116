"""Nobody but the consultant changes their profile and references: a refused POST changes
nothing. (Who may open which page is in tests/permission_matrix.py.)

Another consultant's profile or reference is a 404 (it does not exist for them); a page a
role may see but not change is a 403.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from consultants.models import Reference
from tests.factories import ReferenceFactory

pytestmark = pytest.mark.django_db

REDIRECT, FORBIDDEN, MISSING = 302, 403, 404


@pytest.fixture
def target(consultant) -> dict[str, int]:
    """The objects everyone reaches for: `consultant`'s profile and one of its references."""
    profile = consultant.consultant
    reference = ReferenceFactory(consultant=profile)
    return {"profile": profile.pk, "reference": reference.pk}


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
