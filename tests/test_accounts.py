"""Sign-up, sign-in and the role home pages, password change and reset, and lockout."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from consultants.models import Consultant
from tests.factories import PASSWORD, EngagementFactory
from vetting.models import EngagementStatus, User
from vetting.roles import Role
from vetting.services import invite_new

pytestmark = pytest.mark.django_db

SIGNUP = {
    "first_name": "Nadia",
    "last_name": "Karim",
    "email": "Nadia.Karim@Example.com",
    "password1": "a-long-unusual-passphrase-42",
    "password2": "a-long-unusual-passphrase-42",
}


@pytest.mark.django_db
def test_a_consultant_signs_up_and_lands_on_their_new_profile_form(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("signup"), SIGNUP)

    user = User.objects.get(email="nadia.karim@example.com")
    profile = Consultant.objects.get(user=user)
    assert response.status_code == 302
    assert response["Location"] == reverse("consultants:edit", args=[profile.pk])
    assert user.has_role(Role.CONSULTANT)
    assert profile.name == "Nadia Karim"
    assert profile.email == "nadia.karim@example.com"
    # Signed in straight away.
    assert client.get(reverse("consultants:mine")).status_code == 302


@pytest.mark.django_db
def test_signing_up_sends_one_welcome_email_with_a_link_to_the_profile(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("signup"), SIGNUP)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nadia.karim@example.com"]
    assert message.subject == "Welcome to Winnow, Nadia"
    assert "http://testserver/profile/" not in message.body  # links use SITE_URL, not the host
    assert "/profile/" in message.body
    html = message.alternatives[0][0]
    assert "Complete your profile" in html


@pytest.mark.django_db
def test_signing_up_with_a_taken_email_says_so_and_keeps_what_was_typed(client, consultant):
    data = {**SIGNUP, "email": "CONSULTANT@example.com"}

    response = client.post(reverse("signup"), data)

    assert response.status_code == 200
    assert "An account with this email address already exists" in response.text
    assert 'value="Nadia"' in response.text
    assert 'value="Karim"' in response.text
    assert User.objects.filter(email__iexact="consultant@example.com").count() == 1


def test_signing_up_with_an_invited_address_points_to_the_invitation_link(
    client, procurement, django_capture_on_commit_callbacks
):
    engagement = EngagementFactory(owner=procurement, status=EngagementStatus.OPEN)
    with django_capture_on_commit_callbacks(execute=True):
        invite_new(
            engagement=engagement, by=procurement, name="Nadia K", email="nadia.karim@example.com"
        )
    link = re.search(r"https?://[^/\s]+(/invitations/\S+/)", mail.outbox[-1].body).group(1)

    refused = client.post(reverse("signup"), SIGNUP)

    assert refused.status_code == 200
    assert "An invitation to Winnow was sent to this address" in refused.text
    assert 'id="error_1_id_email"' in refused.text  # next to the field
    assert 'value="Nadia"' in refused.text
    assert not User.objects.filter(email__iexact="nadia.karim@example.com").exists()
    assert Consultant.objects.count() == 1  # no second, orphaned profile
    # The emailed link proves the address: signing up there brings the invitation along.
    client.post(link, {k: v for k, v in SIGNUP.items() if k != "email"})
    user = User.objects.get(email="nadia.karim@example.com")
    assert Consultant.objects.get().user == user
    assert engagement.title in client.get(reverse("my_invitations")).text


def test_signing_up_with_an_address_another_profile_lists_is_refused(client, consultant):
    Consultant.objects.filter(pk=consultant.consultant.pk).update(email="nadia.karim@example.com")

    response = client.post(reverse("signup"), SIGNUP)

    assert response.status_code == 200
    assert "Another consultant&#x27;s profile lists this email address" in response.text
    assert Consultant.objects.count() == 1


@pytest.mark.django_db
def test_signing_up_with_mismatched_or_weak_passwords_is_refused_next_to_the_field(client):
    response = client.post(
        reverse("signup"), {**SIGNUP, "password1": "password", "password2": "password"}
    )

    assert response.status_code == 200
    assert "This password is too common." in response.text
    assert not User.objects.filter(email="nadia.karim@example.com").exists()


@pytest.mark.django_db
def test_signup_is_rate_limited_per_address(client, settings):
    for n in range(10):
        client.post(reverse("signup"), {**SIGNUP, "email": f"bad{n}", "password2": "x"})

    response = client.post(reverse("signup"), SIGNUP)

    assert response.status_code == 429
    assert "Too many tries" in response.text
    assert not User.objects.filter(email="nadia.karim@example.com").exists()


@pytest.mark.parametrize(
    ("role", "home"),
    [
        ("procurement", "/home/"),
        ("manager", "/home/"),
        ("consultant", "/my/invitations/"),
        ("staff", "/admin/"),
    ],
)
def test_each_role_lands_on_its_own_home_after_signing_in(client, request, role, home):
    user = request.getfixturevalue(role)

    response = client.post(reverse("login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    landing = client.get(response["Location"])

    assert landing.status_code == 302
    assert landing["Location"] == home


def test_signing_in_ignores_the_case_of_the_email(client, consultant):
    response = client.post(
        reverse("login"), {"username": "Consultant@Example.COM", "password": PASSWORD}
    )

    assert response.status_code == 302


def test_a_user_without_a_role_is_told_to_ask_for_one(client, outsider):
    client.force_login(outsider)

    response = client.get("/")

    assert response.status_code == 200
    assert "Your account has no role yet" in response.text


@pytest.mark.django_db
def test_anonymous_visitors_see_what_winnow_is(client):
    response = client.get("/")

    assert response.status_code == 200
    assert "Sort the wheat from the chaff" in response.text
    assert reverse("signup") in response.text


@pytest.mark.parametrize(
    ("role", "visible", "hidden"),
    [
        ("consultant", "My invitations", "Engagements"),
        ("procurement", "Engagements", "My invitations"),
        ("manager", "Engagements", "My profile"),
    ],
)
def test_navigation_shows_only_what_the_role_may_use(client, request, role, visible, hidden):
    user = request.getfixturevalue(role)
    client.force_login(user)
    page = reverse("consultants:mine") if role == "consultant" else reverse("home")

    response = client.get(page, follow=True)
    nav = response.text.split('aria-label="Main"')[1].split("</nav>")[0]

    assert visible in nav
    assert hidden not in nav
    assert ">Admin<" not in nav


def test_signing_out_ends_the_session(client, consultant):
    client.force_login(consultant)

    response = client.post(reverse("logout"))

    assert response.status_code == 302
    assert client.get(reverse("consultants:mine")).status_code == 302
    assert client.get(reverse("consultants:mine"))["Location"].startswith(reverse("login"))


def test_a_user_changes_their_password(client, procurement):
    client.force_login(procurement)

    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "another-long-passphrase-77",
            "new_password2": "another-long-passphrase-77",
        },
    )

    assert response.status_code == 302
    procurement.refresh_from_db()
    assert procurement.check_password("another-long-passphrase-77")


def test_a_forgotten_password_is_reset_through_an_emailed_single_use_link(client, consultant):
    client.post(reverse("password_reset"), {"email": "consultant@example.com"})

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Reset your Winnow password"
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", message.body).group(1)
    form_page = client.get(link, follow=True)
    new = {
        "new_password1": "fresh-passphrase-for-2027",
        "new_password2": "fresh-passphrase-for-2027",
    }
    done = client.post(form_page.redirect_chain[-1][0], new)
    assert done.status_code == 302
    consultant.refresh_from_db()
    assert consultant.check_password("fresh-passphrase-for-2027")
    # The link works once.
    again = client.get(link, follow=True)
    assert "This link no longer works" in again.text


def test_a_password_reset_for_an_unknown_address_reveals_nothing(client, consultant):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.com"})

    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


def _fail_login(client, email: str, times: int) -> None:
    for _ in range(times):
        client.post(reverse("login"), {"username": email, "password": "wrong-password"})


def test_five_failed_sign_ins_lock_that_account_from_that_address(client, consultant):
    _fail_login(client, consultant.email, 5)

    response = client.post(reverse("login"), {"username": consultant.email, "password": PASSWORD})

    assert response.status_code == 429
    assert "Sign-in paused for this account" in response.text


def test_four_failed_sign_ins_do_not_lock(client, consultant):
    _fail_login(client, consultant.email, 4)

    response = client.post(reverse("login"), {"username": consultant.email, "password": PASSWORD})

    assert response.status_code == 302


def test_a_lockout_does_not_lock_other_accounts_from_the_same_address(
    client, consultant, procurement
):
    _fail_login(client, consultant.email, 5)

    response = client.post(reverse("login"), {"username": procurement.email, "password": PASSWORD})

    assert response.status_code == 302


def test_a_lockout_ends_after_fifteen_minutes(client, consultant):
    from axes.models import AccessAttempt

    _fail_login(client, consultant.email, 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))

    response = client.post(reverse("login"), {"username": consultant.email, "password": PASSWORD})

    assert response.status_code == 302


def test_changing_the_case_of_the_email_does_not_dodge_the_lockout(client, consultant):
    for variant in ["Consultant@example.com", "CONSULTANT@EXAMPLE.COM", "consultant@Example.com"]:
        _fail_login(client, variant, 1)
    _fail_login(client, "consultant@example.com", 2)

    response = client.post(reverse("login"), {"username": consultant.email, "password": PASSWORD})

    assert response.status_code == 429
