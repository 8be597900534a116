"""Account forms: sign-in, sign-up, passwords, and sign-up through an invitation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import (
    AuthenticationForm,
    BaseUserCreationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
    SetPasswordMixin,
    UsernameField,
)
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vetting.access.sign_in import password_sign_in_refused_by
from vetting.emails import send_email
from vetting.limits import TextLimits, limit_field
from vetting.models import Invitation, User

# Every field of a form anyone can post is bounded, so that no value reaches the database
# or a hasher at any length (a 100,000-character email made SQLite's LIKE fail, a 500).
# Names and emails take their model fields' lengths; no model field holds a password as
# typed, so new passwords take OWASP ASVS 2.1.2's 128 characters, and sign-in the same.
EMAIL_MAX_LENGTH: int = User._meta.get_field("email").max_length  # type: ignore[assignment]
NAME_MAX_LENGTH: int = User._meta.get_field("first_name").max_length  # type: ignore[assignment]
PASSWORD_MAX_LENGTH = 128


class BoundedPasswords(TextLimits):
    """Bounds every password field of a Django auth form (they are declared unbounded), with
    the app's text limit: a longer password is refused, never cut to a different one."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.PasswordInput):
                field.max_length = PASSWORD_MAX_LENGTH
                limit_field(field)


class SignInForm(BoundedPasswords, AuthenticationForm):
    """Django's sign-in form with the email bounded as well: its `max_length` only sets
    the HTML attribute, so a longer one reached the user lookup."""

    username = UsernameField(
        max_length=EMAIL_MAX_LENGTH, widget=forms.TextInput(attrs={"autofocus": True})
    )
    sso_organisation = None  # set when the password was right but SSO is required

    def confirm_login_allowed(self, user: User) -> None:
        """After the password matched: a member of an organisation that turned password
        sign-in off is sent to its single sign-on (staff never are)."""
        super().confirm_login_allowed(user)
        organisation = password_sign_in_refused_by(user)
        if organisation is not None:
            self.sso_organisation = organisation
            raise forms.ValidationError(
                _(
                    "%(organisation)s signs its people in with single sign-on: use "
                    "'Sign in with %(organisation)s'."
                )
                % {"organisation": organisation.name},
                code="sso_only",
            )


class AdminSignInForm(BoundedPasswords, AdminAuthenticationForm):
    username = UsernameField(max_length=EMAIL_MAX_LENGTH, widget=forms.TextInput())


class WinnowSetPasswordForm(BoundedPasswords, SetPasswordForm):
    """The new password after a reset link."""


class WinnowPasswordChangeForm(BoundedPasswords, PasswordChangeForm):
    pass


class ConsultantSignUpForm(TextLimits, forms.Form):
    """Sign-up for consultants, step one: who they are and the address to prove (buyers'
    accounts are created by an administrator).

    It checks nothing about the address: whether it already has an account, an invitation
    or a profile, the page answers the same, and what to do next arrives by email to that
    address (`consultant_sign_up_request`). The password is chosen at the emailed link, so
    an account exists only once its address is proven.
    """

    first_name = forms.CharField(label=gettext_lazy("First name"), max_length=NAME_MAX_LENGTH)
    last_name = forms.CharField(label=gettext_lazy("Last name"), max_length=NAME_MAX_LENGTH)
    email = forms.EmailField(
        label=gettext_lazy("Email address"),
        max_length=EMAIL_MAX_LENGTH,
        help_text=gettext_lazy(
            "You sign in with it; buyers' invitations go there. We send a link to it "
            "to confirm it is yours."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()


class SignUpPasswordForm(BoundedPasswords, SetPasswordMixin, forms.Form):
    """Sign-up, step two, at the emailed link: the password, checked against the name and
    address it will sit with."""

    password1, password2 = SetPasswordMixin.create_password_fields()

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user  # unsaved: only for the similarity check

    def clean(self) -> dict[str, Any]:
        self.validate_passwords()
        self.validate_password_for_user(self.user)
        return super().clean()


class WinnowPasswordResetForm(TextLimits, PasswordResetForm):
    """Django's reset form, sending through `send_email` so that its subject is rendered
    like every other one (plain text, one line)."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        send_email(to=[to_email], template="password_reset", context=context)


class InvitationSignUpForm(BoundedPasswords, BaseUserCreationForm):
    """Sign-up bound to an invitation: the emailed link proves the address, which is the
    invited one and cannot change."""

    class Meta:
        model = User
        fields = ["first_name", "last_name", "email"]

    def __init__(self, *args: Any, invitation: Invitation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("first_name", "last_name"):
            self.fields[name].required = True
        self.fields["email"].initial = invitation.email
        self.fields["email"].disabled = True
        self.fields["email"].help_text = gettext_lazy("The address this invitation was sent to.")
        first, _, last = invitation.name.partition(" ")
        self.fields["first_name"].initial = first
        self.fields["last_name"].initial = last
