"""Account forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import BaseUserCreationForm, PasswordResetForm
from django.utils import timezone

from consultants.models import Consultant
from vetting.emails import send_email
from vetting.fields import SafeModelChoiceField, SafeModelMultipleChoiceField
from vetting.models import Engagement, EngagementStatus, Invitation, Questionnaire, User
from vetting.scoring.rubric import CRITERIA, DEFAULT_WEIGHTS
from vetting.selectors import reviewer_choices


class ConsultantSignUpForm(BaseUserCreationForm):
    """Sign-up for consultants; buyers' accounts are created by an administrator."""

    through_invitation_link = False

    class Meta:
        model = User
        fields = ["first_name", "last_name", "email"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("first_name", "last_name"):
            self.fields[name].required = True
        self.fields["email"].help_text = "You sign in with it; buyers' invitations go there."
        self.fields["email"].widget.attrs["autocomplete"] = "email"

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                "An account with this email address already exists. Sign in, or reset your "
                "password if you forgot it."
            )
        # One profile per address. Public sign-up does not prove that the address is the
        # visitor's, so it never takes over the profile an invitation started (nor that
        # invitation): the link emailed to the address is the proof, and signing up through
        # it attaches both (an account that already had the address gets the invitation
        # when its owner opens the link). So an address with an invited profile is sent to
        # that link instead of getting a second, orphaned profile; an address another
        # profile lists is refused too, as on the profile form.
        if self.through_invitation_link:
            return email
        listed = Consultant.objects.filter(email__iexact=email).first()
        if listed is not None and listed.user_id is None:
            raise forms.ValidationError(
                "An invitation to Winnow was sent to this address: create your account "
                "through the link in that email, so that the invitation comes with it. If "
                "you cannot find it, ask the buyer who invited you to send it again."
            )
        if listed is not None:
            raise forms.ValidationError(
                "Another consultant's profile lists this email address. Sign in if it is "
                "yours, or use another address."
            )
        return email


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


class InvitationSignUpForm(ConsultantSignUpForm):
    """Sign-up bound to an invitation: the email is the invited one and cannot change."""

    through_invitation_link = True

    def __init__(self, *args: Any, invitation: Invitation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].initial = invitation.email
        self.fields["email"].disabled = True
        self.fields["email"].help_text = "The address this invitation was sent to."
        first, _, last = invitation.name.partition(" ")
        self.fields["first_name"].initial = first
        self.fields["last_name"].initial = last
