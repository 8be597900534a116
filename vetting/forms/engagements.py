"""Forms of a vetting round: the engagement itself, its deadline, invitations."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vetting.access import visible_templates
from vetting.fields import SafeModelChoiceField, SafeModelMultipleChoiceField, UtcDateTimeField
from vetting.i18n import LANGUAGE_CHOICES, criterion_words, default_language
from vetting.limits import TextLimits
from vetting.models import Engagement, EngagementStatus, Organisation, Questionnaire, User
from vetting.models.engagements import BRIEF_FIELDS
from vetting.models.organisations import DEFAULT_SLUG
from vetting.scoring.rubric import CRITERIA, DEFAULT_WEIGHTS
from vetting.selectors import reviewer_choices
from vetting.services.organisations import current_organisation


class EngagementForm(TextLimits, forms.ModelForm):
    """The buyer's brief and the round's settings. Weights are edited as percentages."""

    deadline = UtcDateTimeField(
        label=gettext_lazy("Deadline"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=gettext_lazy("After this moment nobody can change or submit answers."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Engagement
        fields = [*BRIEF_FIELDS, "deadline", "reviewers"]
        widgets = {
            "target_market": forms.Textarea(attrs={"rows": 3}),
            "goals": forms.Textarea(attrs={"rows": 3}),
            "reviewers": forms.CheckboxSelectMultiple,
        }
        field_classes = {
            "reviewers": SafeModelMultipleChoiceField,
            "questionnaire": SafeModelChoiceField,
        }
        labels = {
            "title": gettext_lazy("Title"),
            "target_market": gettext_lazy("Target market"),
            "goals": gettext_lazy("Goals"),
            "timing": gettext_lazy("Timing"),
            "currency": gettext_lazy("Currency"),
            "questionnaire": gettext_lazy("Questionnaire"),
            "references_required": gettext_lazy("References required"),
            "reviewers": gettext_lazy("Reviewers"),
        }
        help_texts = {
            "references_required": gettext_lazy(
                "How many references each consultant must name (0 to 10)."
            ),
            "reviewers": gettext_lazy(
                "Procurement and manager colleagues who score the submissions."
            ),
        }

    def __init__(
        self, *args: Any, owner: User, organisation: Organisation | None = None, **kwargs: Any
    ) -> None:
        """`organisation`: the one a new round goes to (the round's own when editing)."""
        super().__init__(*args, **kwargs)
        organisation = self.instance.organisation if self.instance.pk else organisation
        if organisation is None:  # read only: a page's GET writes nothing
            organisation = (
                current_organisation(owner)
                or Organisation.objects.filter(slug=DEFAULT_SLUG).first()
            )
        self.fields["reviewers"].queryset = reviewer_choices(organisation).exclude(pk=owner.pk)
        self.fields["reviewers"].label_from_instance = lambda u: (
            _("%(name)s (%(role)s)")
            % {
                "name": u.display_name,
                "role": u.primary_role.shown_label if u.primary_role else _("no role"),
            }
        )
        self.fields["questionnaire"].empty_label = None
        # The published templates the owner may use (the core one and their own), and the
        # one the round has, whatever it is.
        usable = visible_templates(owner, Questionnaire.objects.published())
        if self.instance.pk:
            usable = usable | Questionnaire.objects.filter(pk=self.instance.questionnaire_id)
        self.fields["questionnaire"].queryset = usable.distinct().order_by("owner_id", "-version")
        self.fields["questionnaire"].label_from_instance = lambda q: (
            (
                _("%(title)s (version %(version)s, built in)")
                if q.owner_id is None
                else _("%(title)s (version %(version)s)")
            )
            % {"title": q.title, "version": q.version}
        )
        self.fields["questionnaire"].help_text = _(
            "The questions consultants answer. Build your own under Questionnaires."
        )
        if not self.instance.pk:
            self.initial.setdefault("questionnaire", Questionnaire.objects.default())
        else:
            self.initial["version"] = self.instance.version
            self.initial["deadline"] = timezone.localtime(self.instance.deadline)
            if self.instance.status != EngagementStatus.DRAFT:
                # Consultants may have started on this questionnaire.
                self.fields["questionnaire"].disabled = True
        weights = self.instance.weights if self.instance.pk else DEFAULT_WEIGHTS
        # A new round starts from the organisation's adopted outcome weighting, if any.
        self.weighting = None
        if not self.instance.pk and organisation is not None:
            self.weighting = organisation.weightings.first()
            if self.weighting is not None:
                weights = {**DEFAULT_WEIGHTS, **self.weighting.weights}
        # The core criteria, then the chosen template's own (which change with the choice).
        self.criteria = self._chosen_template().criteria
        for criterion in self.criteria:
            own = criterion.key not in DEFAULT_WEIGHTS
            name, summary = criterion_words(criterion)
            self.fields[f"weight_{criterion.key}"] = forms.IntegerField(
                label=name,
                min_value=0,
                max_value=100,
                initial=weights.get(criterion.key, criterion.default_weight),
                help_text=summary or _("A criterion of the template's own."),
                widget=forms.NumberInput(attrs={"class": "weight-input", "step": 1}),
                error_messages={
                    "required": _("Give it a weight (the template suggests %(weight)s%%).")
                    % {"weight": criterion.default_weight}
                    if own
                    else _("Give it a weight (0 leaves it out).")
                },
            )

    def _chosen_template(self) -> Questionnaire:
        """The template whose criteria the weights cover: the one posted (if the owner may
        use it), else the round's, else the one offered first."""
        choices = self.fields["questionnaire"].queryset
        wanted = (
            self.data.get("questionnaire") if self.is_bound else self.initial.get("questionnaire")
        )
        if self.fields["questionnaire"].disabled:
            wanted = None  # the round's own, whatever is posted
        if isinstance(wanted, Questionnaire):
            return wanted
        if wanted and str(wanted).isdigit():
            found = choices.filter(pk=int(wanted)).first()
            if found is not None:
                return found
        if self.instance.pk and self.instance.questionnaire_id:
            return self.instance.questionnaire
        return Questionnaire.objects.default()

    def weights_follow_template(self, url: str) -> None:
        """Choosing another template fetches its criteria's weights from `url` (this page)
        and swaps them in, the weights typed so far kept (htmx; without it, saving asks
        for the new criteria's weights)."""
        self.fields["questionnaire"].widget.attrs.update(
            {
                "hx-get": url,
                "hx-trigger": "change",
                "hx-target": "#own-weights",
                "hx-select": "#own-weights",
                "hx-swap": "outerHTML",
            }
        )

    @property
    def weight_fields(self) -> list[forms.BoundField]:
        """The core criteria's weights."""
        return [self[f"weight_{c.key}"] for c in CRITERIA]

    @property
    def own_weight_fields(self) -> list[forms.BoundField]:
        """The weights of the chosen template's own criteria."""
        return [self[f"weight_{c.key}"] for c in self.criteria[len(CRITERIA) :]]

    def clean_currency(self) -> str:
        currency = self.cleaned_data["currency"].strip().upper()
        if len(currency) != 3 or not currency.isalpha():
            raise forms.ValidationError(_("Use a three-letter currency code, such as GBP or EUR."))
        return currency

    def clean_deadline(self) -> Any:
        deadline = self.cleaned_data["deadline"]
        unchanged = self.instance.pk and deadline == self.instance.deadline
        if not unchanged and deadline <= timezone.now():
            raise forms.ValidationError(_("Choose a deadline in the future."))
        return deadline

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        weights = {c.key: data.get(f"weight_{c.key}") for c in self.criteria}
        if all(v is not None for v in weights.values()):
            total = sum(weights.values())
            if total != 100:
                self.add_error(
                    None,
                    _(
                        "The weights add up to %(total)s%%; they must total 100%%. "
                        "Adjust them and save again."
                    )
                    % {"total": total},
                )
            data["weights"] = weights
        return data


class DeadlineForm(TextLimits, forms.Form):
    deadline = UtcDateTimeField(
        label=gettext_lazy("New deadline"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


class InviteNewForm(TextLimits, forms.Form):
    name = forms.CharField(max_length=120, label=gettext_lazy("Their name"))
    email = forms.EmailField(max_length=254, label=gettext_lazy("Their email address"))
    # The invitation email's language (and the sign-up page's); empty: the inviter's own.
    language = forms.ChoiceField(
        choices=LANGUAGE_CHOICES,
        required=False,
        label=gettext_lazy("Language of the invitation"),
    )

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["language"].initial = default_language()


class InviteSearchForm(TextLimits, forms.Form):
    q = forms.CharField(
        required=False,
        max_length=100,
        label=gettext_lazy("Find in the directory"),
        widget=forms.SearchInput(
            attrs={"placeholder": gettext_lazy("Name, agency, headline or location")}
        ),
    )
