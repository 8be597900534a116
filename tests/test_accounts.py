"""Sign-up, sign-in and the role home pages, password change and reset, and lockout."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from consultants.models import Consultant
from tests.factories import PASSWORD, ConsultantFactory, EngagementFactory, UserFactory
from vetting.models import EngagementStatus, User
from vetting.roles import Role
from vetting.services import invite_new

pytestmark = pytest.mark.django_db

SIGNUP = {"first_name": "Nadia", "last_name": "Karim", "email": "Nadia.Karim@Example.com"}
NEW_PASSWORD = "a-long-unusual-passphrase-42"
ADDRESS = "nadia.karim@example.com"
PASSWORDS = {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}


def _sign_up(client, capture, data=SIGNUP):
    with capture(execute=True):
        return client.post(reverse("signup"), data)


def _emailed_link(to: str) -> str:
    (message,) = [m for m in mail.outbox if m.to == [to]]
    return re.search(r"http://127\.0\.0\.1:8000(/accounts/signup/\S+/)", message.body).group(1)


@pytest.fixture
def signed_up(client, django_capture_on_commit_callbacks) -> str:
    """Nadia filled in the sign-up form: the path of the link emailed to her."""
    _sign_up(client, django_capture_on_commit_callbacks)
    return _emailed_link("nadia.karim@example.com")


@pytest.mark.django_db
def test_a_consultant_signs_up_through_the_emailed_link_and_lands_on_their_profile_form(
    client, django_capture_on_commit_callbacks
):
    response = _sign_up(client, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert response["Location"] == reverse("signup_done")
    assert "Check your email" in client.get(response["Location"]).text
    assert not User.objects.exists()  # nothing until the address is proven
    link = _emailed_link("nadia.karim@example.com")
    assert "Nadia Karim" in client.get(link).text
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(link, PASSWORDS)

    user = User.objects.get(email="nadia.karim@example.com")
    profile = Consultant.objects.get(user=user)
    assert done.status_code == 302
    assert done["Location"] == reverse("consultants:edit", args=[profile.pk])
    assert user.has_role(Role.CONSULTANT)
    assert user.check_password(NEW_PASSWORD)
    assert profile.name == "Nadia Karim"
    assert profile.email == "nadia.karim@example.com"
    # Signed in straight away.
    assert client.get(reverse("consultants:mine")).status_code == 302


@pytest.mark.django_db
def test_the_sign_up_email_has_the_link_and_not_the_names_typed(
    client, django_capture_on_commit_callbacks
):
    _sign_up(client, django_capture_on_commit_callbacks, {**SIGNUP, "first_name": "Win £1000"})

    (message,) = mail.outbox
    assert message.subject == "Confirm your email address for Winnow"
    assert "/accounts/signup/" in message.body
    assert "http://testserver/" not in message.body  # links use SITE_URL, not the host
    assert "Win" not in message.body.replace("Winnow", "")  # anyone may type any name


@pytest.mark.django_db
def test_confirming_sends_one_welcome_email_with_a_link_to_the_profile(
    client, signed_up, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(signed_up, PASSWORDS)

    (message,) = mail.outbox
    assert message.to == ["nadia.karim@example.com"]
    assert message.subject == "Welcome to Winnow, Nadia"
    assert "/profile/" in message.body
    html = message.alternatives[0][0]
    assert "Complete your profile" in html


def _known_as(state: str, procurement: User, capture) -> None:
    """Make nadia.karim@example.com known to Winnow in the way `state` names."""
    address = "nadia.karim@example.com"
    if state == "account":
        UserFactory(email=address)
    elif state == "invited":
        engagement = EngagementFactory(owner=procurement, status=EngagementStatus.OPEN)
        with capture(execute=True):
            invite_new(engagement=engagement, by=procurement, name="Nadia K", email=address)
    elif state == "listed":
        ConsultantFactory(user=UserFactory(email="agency@example.com"), email=address)
    mail.outbox.clear()


def _page(response) -> str:
    """The page without its CSRF tokens (64 letters and digits, different every time)."""
    return re.sub(r"[A-Za-z0-9]{64}", "", response.text)


@pytest.mark.parametrize("state", ["account", "invited", "listed"])
def test_signing_up_answers_the_same_whether_or_not_the_address_is_known(
    client, procurement, state, django_capture_on_commit_callbacks
):
    unknown = _sign_up(Client(), django_capture_on_commit_callbacks)
    User.objects.filter(email="nadia.karim@example.com").delete()
    _known_as(state, procurement, django_capture_on_commit_callbacks)

    known = _sign_up(client, django_capture_on_commit_callbacks)

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert known.headers.keys() == unknown.headers.keys()
    assert _page(client.get(known["Location"])) == _page(Client().get(unknown["Location"]))
    assert len(mail.outbox) == 1  # one email either way, to the address only


def test_an_address_with_an_account_is_emailed_to_sign_in_or_reset_instead(
    client, consultant, django_capture_on_commit_callbacks
):
    _sign_up(client, django_capture_on_commit_callbacks, {**SIGNUP, "email": "CONSULTANT@x.com"})
    mail.outbox.clear()

    response = _sign_up(
        client, django_capture_on_commit_callbacks, {**SIGNUP, "email": "CONSULTANT@example.com"}
    )

    assert response["Location"] == reverse("signup_done")
    (message,) = mail.outbox
    assert message.to == ["consultant@example.com"]
    assert message.subject == "Someone tried to sign up to Winnow with your address"
    assert "An account with this email address already exists" in message.body
    assert "http://127.0.0.1:8000/accounts/login/" in message.body
    assert "http://127.0.0.1:8000/accounts/password_reset/" in message.body
    assert "/accounts/signup/" not in message.body
    assert "Nadia" not in message.body
    assert User.objects.filter(email__iexact="consultant@example.com").count() == 1
    consultant.refresh_from_db()
    assert consultant.check_password(PASSWORD)


def test_an_invited_address_is_emailed_to_use_its_invitation_link(
    client, procurement, django_capture_on_commit_callbacks
):
    engagement = EngagementFactory(owner=procurement, status=EngagementStatus.OPEN)
    with django_capture_on_commit_callbacks(execute=True):
        invite_new(
            engagement=engagement, by=procurement, name="Nadia K", email="nadia.karim@example.com"
        )
    link = re.search(r"https?://[^/\s]+(/invitations/\S+/)", mail.outbox[-1].body).group(1)
    mail.outbox.clear()

    response = _sign_up(client, django_capture_on_commit_callbacks)

    assert response["Location"] == reverse("signup_done")
    (message,) = mail.outbox
    assert "An invitation to Winnow was sent to this address" in message.body
    assert "/accounts/signup/" not in message.body
    assert not User.objects.filter(email__iexact="nadia.karim@example.com").exists()
    assert Consultant.objects.count() == 1  # no second, orphaned profile
    # The emailed link proves the address: signing up there brings the invitation along.
    client.post(link, {"first_name": "Nadia", "last_name": "Karim", **PASSWORDS})
    user = User.objects.get(email="nadia.karim@example.com")
    assert Consultant.objects.get().user == user
    assert engagement.title in client.get(reverse("my_invitations")).text


def test_an_address_another_profile_lists_is_emailed_and_gets_no_profile(
    client, consultant, django_capture_on_commit_callbacks
):
    Consultant.objects.filter(pk=consultant.consultant.pk).update(email="nadia.karim@example.com")

    _sign_up(client, django_capture_on_commit_callbacks)

    (message,) = mail.outbox
    assert "Another consultant's profile lists this email address" in message.body
    assert Consultant.objects.count() == 1


def test_a_link_for_an_address_taken_meanwhile_says_why_and_creates_nothing(
    client, signed_up, procurement, django_capture_on_commit_callbacks
):
    _known_as("invited", procurement, django_capture_on_commit_callbacks)

    response = client.post(signed_up, PASSWORDS)

    assert response.status_code == 200
    assert "An invitation to Winnow was sent to this address" in response.text
    assert not User.objects.filter(email="nadia.karim@example.com").exists()


def test_a_sign_up_link_works_once(client, signed_up):
    client.post(signed_up, PASSWORDS)
    client.logout()

    again = client.post(signed_up, PASSWORDS)

    assert again.status_code == 200
    assert "An account with this email address already exists" in again.text
    assert User.objects.filter(email="nadia.karim@example.com").count() == 1


def test_a_forged_or_expired_sign_up_link_does_not_work(client, signed_up, settings):
    forged = signed_up.replace("/accounts/signup/", "/accounts/signup/x")
    settings.SIGNUP_LINK_TIMEOUT = -1

    assert client.get(forged).status_code == 404
    assert "This sign-up link does not work" in client.get(forged).text
    expired = client.post(signed_up, PASSWORDS)
    assert expired.status_code == 410
    assert "This sign-up link has expired" in expired.text
    assert not User.objects.exists()


def test_the_sign_up_link_refuses_weak_or_mismatched_passwords_next_to_the_field(client, signed_up):
    weak = client.post(signed_up, {"password1": "password", "password2": "password"})
    mismatched = client.post(signed_up, {**PASSWORDS, "password2": "something-else-entirely"})
    like_the_email = client.post(signed_up, {"password1": ADDRESS, "password2": ADDRESS})

    assert "This password is too common." in weak.text
    assert "The two password fields didn" in mismatched.text
    assert "The password is too similar to the" in like_the_email.text
    assert not User.objects.exists()


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


# Every field anyone can post is bounded: an overlong value is a form error next to the
# field, never a query or a hash of any length (a 100,000-character email was a 500).

HUGE_EMAIL = "a" * 100_000 + "@example.com"
LONG_PASSWORD = "x" * 129


def _error_next_to(response, field: str) -> str:
    assert response.status_code == 200
    assert f'id="error_1_id_{field}"' in response.text
    return " ".join(response.context["form"].errors[field])


def test_signing_in_with_an_overlong_email_or_password_is_a_form_error(client, consultant):
    email = client.post(reverse("login"), {"username": HUGE_EMAIL, "password": PASSWORD})
    password = client.post(
        reverse("login"), {"username": consultant.email, "password": LONG_PASSWORD}
    )

    assert "99,758 characters too long: the limit is 254." in _error_next_to(email, "username")
    assert "1 character too long: the limit is 128." in _error_next_to(password, "password")


def test_the_admin_sign_in_bounds_the_email_too(client):
    response = client.post(
        "/admin/login/", {"username": HUGE_EMAIL, "password": PASSWORD, "next": "/admin/"}
    )

    assert response.status_code == 200
    assert "too long: the limit is 254." in str(response.context["form"].errors["username"])


@pytest.mark.parametrize(
    ("field", "value", "limit"),
    [
        ("first_name", "N" * 151, 150),
        ("last_name", "K" * 151, 150),
        ("email", HUGE_EMAIL, 254),
    ],
)
def test_signing_up_with_an_overlong_field_is_a_form_error(client, field, value, limit):
    response = client.post(reverse("signup"), {**SIGNUP, field: value})

    assert f"too long: the limit is {limit}." in _error_next_to(response, field)
    assert mail.outbox == []


def test_an_overlong_new_password_is_a_form_error_at_the_sign_up_link(client, signed_up):
    response = client.post(signed_up, {"password1": LONG_PASSWORD, "password2": LONG_PASSWORD})

    assert "1 character too long: the limit is 128." in _error_next_to(response, "password1")
    assert not User.objects.exists()


def test_a_password_reset_for_an_overlong_email_is_a_form_error(client):
    response = client.post(reverse("password_reset"), {"email": HUGE_EMAIL})

    assert "too long: the limit is 254." in _error_next_to(response, "email")


def test_an_overlong_password_is_refused_when_reset_or_changed(client, consultant):
    client.post(reverse("password_reset"), {"email": consultant.email})
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True).redirect_chain[-1][0]
    too_long = {"new_password1": LONG_PASSWORD, "new_password2": LONG_PASSWORD}

    reset = client.post(form_page, too_long)
    client.force_login(consultant)
    changed = client.post(reverse("password_change"), {"old_password": PASSWORD, **too_long})

    assert "1 character too long: the limit is 128." in _error_next_to(reset, "new_password1")
    assert "1 character too long: the limit is 128." in _error_next_to(changed, "new_password1")
    consultant.refresh_from_db()
    assert consultant.check_password(PASSWORD)
