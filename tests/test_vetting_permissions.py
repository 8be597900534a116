"""Who may open the engagement and submission pages: the owner, a reviewer, another
procurement user, the invited consultant, another consultant, an outsider and staff.

An object a user may not see is a 404; a page they may see but not use is a 403.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import EngagementFactory, SubmissionFactory, UserFactory
from vetting.models import EngagementStatus
from vetting.roles import Role

pytestmark = pytest.mark.django_db

OK, FOUND, FORBIDDEN, MISSING = 200, 302, 403, 404
ROLES = ["owner", "reviewer", "other_procurement", "consultant", "other_consultant", "outsider"]


@pytest.fixture
def owner(procurement):
    return procurement


@pytest.fixture
def reviewer(manager):
    return manager


@pytest.fixture
def other_procurement(db):
    return UserFactory(email="other.buyer@example.com", role=Role.PROCUREMENT)


@pytest.fixture
def round_(owner, reviewer, consultant, other_consultant):
    """An open engagement with `consultant` invited (and `other_consultant` invited to
    another owner's engagement)."""
    engagement = EngagementFactory(owner=owner, status=EngagementStatus.OPEN)
    engagement.reviewers.add(reviewer)
    submission = SubmissionFactory(engagement=engagement, consultant=consultant.consultant)
    SubmissionFactory(
        engagement=EngagementFactory(status=EngagementStatus.OPEN),
        consultant=other_consultant.consultant,
    )
    return {"engagement": engagement.pk, "submission": submission.pk}


# url name, object kind, method, expected per role (in ROLES order)
MATRIX = [
    ("engagements:list", None, "get", [OK, OK, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN]),
    ("engagements:create", None, "get", [OK, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN]),
    ("engagements:detail", "engagement", "get", [OK, OK, MISSING, MISSING, MISSING, MISSING]),
    ("engagements:edit", "engagement", "get", [OK, FORBIDDEN, MISSING, MISSING, MISSING, MISSING]),
    (
        "engagements:invite",
        "engagement",
        "get",
        [OK, FORBIDDEN, MISSING, MISSING, MISSING, MISSING],
    ),
    (
        "engagements:deadline",
        "engagement",
        "get",
        [OK, FORBIDDEN, MISSING, MISSING, MISSING, MISSING],
    ),
    (
        "engagements:close",
        "engagement",
        "post",
        [FOUND, FORBIDDEN, MISSING, MISSING, MISSING, MISSING],
    ),
    (
        "engagements:open",
        "engagement",
        "post",
        [FOUND, FORBIDDEN, MISSING, MISSING, MISSING, MISSING],
    ),
    ("my_invitations", None, "get", [FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK, FORBIDDEN]),
    ("submissions:read", "submission", "get", [OK, OK, MISSING, FOUND, MISSING, MISSING]),
    (
        "submissions:answer",
        "submission",
        "get",
        [FORBIDDEN, FORBIDDEN, MISSING, OK, MISSING, MISSING],
    ),
    (
        "submissions:copy",
        "submission",
        "post",
        [FORBIDDEN, FORBIDDEN, MISSING, FOUND, MISSING, MISSING],
    ),
    (
        "submissions:submit",
        "submission",
        "post",
        [FORBIDDEN, FORBIDDEN, MISSING, 422, MISSING, MISSING],
    ),
    (
        "submissions:withdraw",
        "submission",
        "post",
        [FORBIDDEN, FORBIDDEN, MISSING, FOUND, MISSING, MISSING],
    ),
]


def _url(name: str, kind: str | None, objects: dict[str, int]) -> str:
    return reverse(name, args=[objects[kind]] if kind else [])


@pytest.mark.parametrize(("name", "kind", "method", "expected"), MATRIX, ids=[m[0] for m in MATRIX])
@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_each_role_reaches_only_what_it_may(
    client, request, round_, name, kind, method, expected, role_index
):
    client.force_login(request.getfixturevalue(ROLES[role_index]))

    response = getattr(client, method)(_url(name, kind, round_))

    assert response.status_code == expected[role_index]


@pytest.mark.parametrize(("name", "kind", "method", "expected"), MATRIX, ids=[m[0] for m in MATRIX])
def test_anonymous_visitors_are_sent_to_sign_in(client, round_, name, kind, method, expected):
    url = _url(name, kind, round_)

    response = getattr(client, method)(url)

    assert response.status_code == FOUND
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("owner", FORBIDDEN),
        ("reviewer", FORBIDDEN),
        ("other_procurement", MISSING),
        ("other_consultant", MISSING),
        ("outsider", MISSING),
    ],
)
def test_only_the_invited_consultant_can_autosave_an_answer(
    client, request, round_, role, expected
):
    client.force_login(request.getfixturevalue(role))
    url = reverse("submissions:save_answer", args=[round_["submission"], "years_social_media"])

    response = client.post(url, {"years_social_media": "7"})

    assert response.status_code == expected


def test_staff_see_every_engagement(client, staff, round_):
    client.force_login(staff)

    response = client.get(reverse("engagements:detail", args=[round_["engagement"]]))

    assert response.status_code == OK


def test_a_consultant_does_not_see_an_invitation_to_a_draft_round(client, consultant):
    draft = EngagementFactory(status=EngagementStatus.DRAFT)
    submission = SubmissionFactory(engagement=draft, consultant=consultant.consultant)
    client.force_login(consultant)

    assert client.get(reverse("submissions:answer", args=[submission.pk])).status_code == 404
    assert draft.title not in client.get(reverse("my_invitations")).text
