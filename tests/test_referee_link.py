"""The referee's private link and form: random, hashed, expiring, single-use, rate-limited,
and a form that refuses bad answers without losing what was typed."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.factories import REFEREE_FORM, submitted_with_checks
from vetting.models import CheckStatus, ReferenceCheck
from vetting.tokens import hash_token

pytestmark = pytest.mark.django_db

ANSWERS = REFEREE_FORM
UNKNOWN = "This link does not work"
EXPIRED = "This link has expired"
REPLIED = "You have already replied: thank you"


@pytest.fixture
def check(procurement, consultant, django_capture_on_commit_callbacks) -> ReferenceCheck:
    with django_capture_on_commit_callbacks(execute=True):
        submission = submitted_with_checks(consultant=consultant, owner=procurement)
    return submission.reference_checks.first()


@pytest.fixture
def path(check) -> str:
    """The path of the link emailed to the referee."""
    (email,) = [m for m in mail.outbox if m.to == [check.referee_email]]
    return re.search(r"http://127\.0\.0\.1:8000(/r/\S+/)", email.body).group(1)


def fresh(check: ReferenceCheck) -> ReferenceCheck:
    return ReferenceCheck.objects.get(pk=check.pk)


def test_the_referees_email_does_not_claim_they_have_an_account(check, consultant):
    (email,) = [m for m in mail.outbox if m.to == [check.referee_email]]
    html = email.alternatives[0][0]

    assert f"because {consultant.consultant.name} named you as a reference" in html
    assert "You have no account with us" in html
    assert "because of your account" not in html


# The token


def test_the_emailed_link_opens_the_form_about_the_consultant(client, check, path, consultant):
    response = client.get(path)

    assert response.status_code == 200
    assert f"A reference for {consultant.get_full_name()}" in response.text
    assert check.referee_company in response.text


def test_the_token_has_at_least_128_random_bits_in_url_safe_characters(path):
    token = path.split("/")[2]

    assert len(token) >= 22  # 128 bits in URL-safe base64
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", token)  # 32 random bytes


def test_only_the_sha256_of_the_token_is_stored(check, path):
    token = path.split("/")[2]
    check = fresh(check)

    assert check.token_hash == hash_token(token)
    stored = ReferenceCheck.objects.filter(pk=check.pk).values().get()
    assert not [name for name, value in stored.items() if token in str(value)]
    for row in ReferenceCheck.history.filter(id=check.pk).values():
        assert token not in str(row.values())
        assert hash_token(token) not in str(row.values())


def test_an_expired_link_says_so(client, check, path):
    ReferenceCheck.objects.filter(pk=check.pk).update(
        token_expires_at=timezone.now() - timedelta(seconds=1)
    )

    shown = client.get(path)
    posted = client.post(path, ANSWERS)

    assert (shown.status_code, posted.status_code) == (410, 410)
    assert EXPIRED in shown.text
    assert fresh(check).status == CheckStatus.REQUESTED


def test_the_link_works_once_and_then_says_it_was_answered(client, check, path):
    client.post(path, ANSWERS)

    response = client.get(path)
    again = client.post(path, {**ANSWERS, "would_hire_again": "no"})

    assert (response.status_code, again.status_code) == (410, 410)
    assert REPLIED in response.text and REPLIED in again.text
    assert check.submission.consultant.name not in response.text
    assert fresh(check).would_hire_again == "yes"


def test_an_answer_sent_from_a_second_tab_after_answering_says_it_was_answered(client, check, path):
    client.get(path)  # two tabs open the form
    client.post(path, ANSWERS)

    second = client.post(path, {**ANSWERS, "would_hire_again": "no"})

    assert second.status_code == 410
    assert REPLIED in second.text


def test_an_unknown_token_shows_the_link_does_not_work(client, check):
    response = client.get(reverse("referee:form", args=["x" * 43]))

    assert response.status_code == 404
    assert UNKNOWN in response.text


def test_guessing_links_is_rate_limited_per_address(client, check):
    for n in range(30):
        assert client.get(reverse("referee:form", args=[f"guess-{n}"])).status_code == 404

    blocked = client.get(reverse("referee:form", args=["guess-final"]))
    elsewhere = client.get(reverse("referee:form", args=["guess-final"]), REMOTE_ADDR="10.0.0.9")

    assert blocked.status_code == 429
    assert elsewhere.status_code == 404


# The form


def test_missing_ratings_are_refused_next_to_each_field_keeping_what_was_typed(client, check, path):
    response = client.post(
        path, {**ANSWERS, "rating_relationships": "", "rating_honesty": "", "rating_results": ""}
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    for field in ("rating_relationships", "rating_honesty", "rating_results"):
        assert errors[field] == ["Choose a rating from 1 to 5."]
    assert response.text.count("Choose a rating from 1 to 5.") == 3
    assert "Some answers need fixing; each one is marked below." in response.text
    assert "She asked who our buyers were before proposing anything." in response.text
    assert fresh(check).status == CheckStatus.REQUESTED


def test_overlong_concerns_are_refused_with_the_limit(client, check, path):
    response = client.post(path, {**ANSWERS, "concerns": "c" * 2001})

    assert response.status_code == 200
    assert response.context["form"].errors["concerns"] == [
        "1 character too long: the limit is 2,000."
    ]
    assert "1 character too long: the limit is 2,000." in response.text
    assert fresh(check).status == CheckStatus.REQUESTED


def test_a_valid_reference_shows_the_thank_you_page(client, check, path, procurement):
    client.get(path)

    response = client.post(path, ANSWERS)

    assert response.status_code == 200
    assert "Thank you" in response.text
    assert f"Your reference reached {procurement.display_name}" in response.text
    check = fresh(check)
    assert (check.status, check.rating_honesty) == (CheckStatus.COMPLETED, 5)
    assert check.strengths == ANSWERS["strengths"]


def test_a_reference_sent_seconds_after_opening_the_form_is_flagged(client, check, path):
    client.get(path)

    client.post(path, ANSWERS)

    assert fresh(check).form_seconds < 30
    assert list(fresh(check).flags.values_list("code", flat=True)) == ["form_too_fast"]


def test_a_reference_posted_without_opening_the_form_is_flagged(client, check, path):
    client.post(path, ANSWERS)

    assert "form_too_fast" in fresh(check).flags.values_list("code", flat=True)


def test_a_referee_may_decline_and_the_link_then_stops_working(client, check, path):
    response = client.post(path, {"decline": "1", "decline_reason": "I barely knew her work."})

    assert response.status_code == 200
    assert "We told the buyer you would rather not answer." in response.text
    check = fresh(check)
    assert (check.status, check.decline_reason) == (
        CheckStatus.DECLINED,
        "I barely knew her work.",
    )
    reopened = client.get(path)
    assert reopened.status_code == 410
    assert REPLIED in reopened.text
