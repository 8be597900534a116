"""Account forms."""

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
from django.core.validators import MaxLengthValidator
from django.utils import timezone

from vetting.emails import send_email
from vetting.fields import SafeModelChoiceField, SafeModelMultipleChoiceField
from vetting.models import Engagement, EngagementStatus, Invitation, Questionnaire, User
from vetting.scoring.rubric import CRITERIA, DEFAULT_WEIGHTS
from vetting.selectors import reviewer_choices

# Every field of a form anyone can post is bounded, so that no value reaches the database
# or a hasher at any length (a 100,000-character email made SQLite's LIKE fail, a 500).
# Names and emails take their model fields' lengths; no model field holds a password as
# typed, so new passwords take OWASP ASVS 2.1.2's 128 characters, and sign-in the same.
EMAIL_MAX_LENGTH: int = User._meta.get_field("email").max_length  # type: ignore[assignment]
NAME_MAX_LENGTH: int = User._meta.get_field("first_name").max_length  # type: ignore[assignment]
PASSWORD_MAX_LENGTH = 128


class BoundedPasswords(forms.BaseForm):
    """Bounds every password field of a Django auth form (they are declared unbounded)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.PasswordInput):
                field.max_length = PASSWORD_MAX_LENGTH
                field.validators.append(MaxLengthValidator(PASSWORD_MAX_LENGTH))
                field.widget.attrs["maxlength"] = str(PASSWORD_MAX_LENGTH)


class SignInForm(BoundedPasswords, AuthenticationForm):
    """Django's sign-in form with the email bounded as well: its `max_length` only sets
    the HTML attribute, so a longer one reached the user lookup."""

    username = UsernameField(
        max_length=EMAIL_MAX_LENGTH, widget=forms.TextInput(attrs={"autofocus": True})
    )


class AdminSignInForm(BoundedPasswords, AdminAuthenticationForm):
    username = UsernameField(max_length=EMAIL_MAX_LENGTH, widget=forms.TextInput())


class WinnowSetPasswordForm(BoundedPasswords, SetPasswordForm):
    """The new password after a reset link."""


class WinnowPasswordChangeForm(BoundedPasswords, PasswordChangeForm):
    pass


class ConsultantSignUpForm(forms.Form):
    """Sign-up for consultants, step one: who they are and the address to prove (buyers'
    accounts are created by an administrator).

    It checks nothing about the address: whether it already has an account, an invitation
    or a profile, the page answers the same, and what to do next arrives by email to that
    address (`consultant_sign_up_request`). The password is chosen at the emailed link, so
    an account exists only once its address is proven.
    """

    first_name = forms.CharField(label="First name", max_length=NAME_MAX_LENGTH)
    last_name = forms.CharField(label="Last name", max_length=NAME_MAX_LENGTH)
    email = forms.EmailField(
        label="Email address",
        max_length=EMAIL_MAX_LENGTH,
        help_text="You sign in with it; buyers' invitations go there. We send a link to it "
        "to confirm it is yours.",
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


class WinnowPasswordResetForm(PasswordResetForm):
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


class EngagementForm(forms.ModelForm):
    """The buyer's brief and the round's settings. Weights are edited as percentages."""

    deadline = forms.DateTimeField(
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="After this moment nobody can change or submit answers.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Engagement
        fields = [
            "title",
            "target_market",
            "goals",
            "timing",
            "budget_min",
            "budget_max",
            "currency",
            "questionnaire",
            "references_required",
            "check_by_phone",
            "deadline",
            "reviewers",
        ]
        widgets = {
            "target_market": forms.Textarea(attrs={"rows": 3}),
            "goals": forms.Textarea(attrs={"rows": 3}),
            "reviewers": forms.CheckboxSelectMultiple,
        }
        field_classes = {
            "reviewers": SafeModelMultipleChoiceField,
            "questionnaire": SafeModelChoiceField,
        }
        help_texts = {
            "references_required": "How many references each consultant must name (0 to 10).",
            "reviewers": "Procurement and manager colleagues who score the submissions.",
        }

    def __init__(self, *args: Any, owner: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reviewers"].queryset = reviewer_choices().exclude(pk=owner.pk)
        self.fields["reviewers"].label_from_instance = lambda u: (
            f"{u.display_name} ({u.primary_role.label if u.primary_role else 'no role'})"
        )
        self.fields["questionnaire"].empty_label = None
        self.fields["currency"].widget.attrs["maxlength"] = 3
        weights = self.instance.weights if self.instance.pk else DEFAULT_WEIGHTS
        for criterion in CRITERIA:
            self.fields[f"weight_{criterion.key}"] = forms.IntegerField(
                label=criterion.label,
                min_value=0,
                max_value=100,
                initial=weights.get(criterion.key, criterion.default_weight),
                help_text=criterion.summary,
                widget=forms.NumberInput(attrs={"class": "weight-input", "step": 1}),
            )
        if not self.instance.pk:
            self.initial.setdefault("questionnaire", Questionnaire.objects.default())
        else:
            self.initial["version"] = self.instance.version
            self.initial["deadline"] = timezone.localtime(self.instance.deadline)
            if self.instance.status != EngagementStatus.DRAFT:
                # Consultants may have started on this questionnaire.
                self.fields["questionnaire"].disabled = True

    @property
    def weight_fields(self) -> list[forms.BoundField]:
        return [self[f"weight_{c.key}"] for c in CRITERIA]

    def clean_currency(self) -> str:
        currency = self.cleaned_data["currency"].strip().upper()
        if len(currency) != 3 or not currency.isalpha():
            raise forms.ValidationError("Use a three-letter currency code, such as GBP or EUR.")
        return currency

    def clean_deadline(self) -> Any:
        deadline = self.cleaned_data["deadline"]
        unchanged = self.instance.pk and deadline == self.instance.deadline
        if not unchanged and deadline <= timezone.now():
            raise forms.ValidationError("Choose a deadline in the future.")
        return deadline

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        weights = {c.key: data.get(f"weight_{c.key}") for c in CRITERIA}
        if all(v is not None for v in weights.values()):
            total = sum(weights.values())
            if total != 100:
                self.add_error(
                    None,
                    f"The weights add up to {total}%; they must total 100%. "
                    "Adjust them and save again.",
                )
            data["weights"] = weights
        return data


class DeadlineForm(forms.Form):
    deadline = forms.DateTimeField(
        label="New deadline",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


class InviteNewForm(forms.Form):
    name = forms.CharField(max_length=120, label="Their name")
    email = forms.EmailField(max_length=254, label="Their email address")


class InviteSearchForm(forms.Form):
    q = forms.CharField(
        required=False,
        max_length=100,
        label="Find in the directory",
        widget=forms.SearchInput(attrs={"placeholder": "Name, agency, headline or location"}),
    )


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
        self.fields["email"].help_text = "The address this invitation was sent to."
        first, _, last = invitation.name.partition(" ")
        self.fields["first_name"].initial = first
        self.fields["last_name"].initial = last
