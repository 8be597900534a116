"""A submission's commercial proposal through the API, under the same rules as the pages:
read by whoever the access layer lets see its price (the round's owner, the consultant, a
panel member as the round's price visibility says; 404 for everyone else, as if there were
none), written by the consultant while the submission is a draft (validated by the pages'
forms, saved by the same service, totals from the same builder)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from vetting.access import may_see_price, require
from vetting.api.common import JsonBodies, body
from vetting.api.forms import as_form_data
from vetting.forms.commercial import MAX_LINES, ProposalForm, line_formset
from vetting.models import CommercialProposal, LineUnit, PricingModel, Submission
from vetting.models.commercial import PROPOSAL_FIELDS
from vetting.selectors.commercial import proposal_of, submission_with_proposal
from vetting.services.commercial import LINE_FIELDS, proposal_price, proposal_save

MONEY = {"max_digits": 14, "decimal_places": 2}


class ProposalLineSerializer(serializers.Serializer):
    description = serializers.CharField(max_length=200, help_text="The role or deliverable.")
    quantity = serializers.DecimalField(max_digits=9, decimal_places=2)
    unit_price = serializers.DecimalField(**MONEY, help_text="In the proposal's currency.")
    unit = serializers.ChoiceField(choices=LineUnit.choices)


class PricedProposalLineSerializer(ProposalLineSerializer):
    total = serializers.DecimalField(
        **MONEY, help_text="The line over the engagement's term, in the proposal's currency."
    )


class ProposalPriceSerializer(serializers.Serializer):
    term_months = serializers.IntegerField(help_text="The engagement's term the totals cover.")
    fee = serializers.DecimalField(**MONEY, help_text="The fee on the stated ad spend.")
    total = serializers.DecimalField(**MONEY, help_text="In the proposal's currency.")
    round_currency = serializers.CharField(help_text="The engagement's currency.")
    converted = serializers.DecimalField(
        **MONEY,
        allow_null=True,
        help_text="The total in the engagement's currency (null: no rate for this currency).",
    )


class ProposalSerializer(serializers.Serializer):
    submission = serializers.IntegerField(source="submission_id")
    pricing_model = serializers.ChoiceField(choices=PricingModel.choices)
    currency = serializers.CharField(max_length=3, help_text="ISO 4217, e.g. GBP.")
    minimum_term_months = serializers.IntegerField()
    notice_period_days = serializers.IntegerField()
    ad_spend_fee_percent = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    assumptions = serializers.CharField(allow_blank=True)
    version = serializers.IntegerField(
        help_text="Send it back when you save (0: no proposal yet): a proposal saved "
        "meanwhile elsewhere is then refused with 409 instead of replaced."
    )
    updated_at = serializers.DateTimeField()
    lines = PricedProposalLineSerializer(many=True, source="price.lines")
    price = ProposalPriceSerializer()


class ProposalWriteSerializer(serializers.Serializer):
    """The body of a save (described for the schema; validated by the pages' forms)."""

    pricing_model = serializers.ChoiceField(choices=PricingModel.choices)
    currency = serializers.CharField(max_length=3)
    minimum_term_months = serializers.IntegerField(min_value=0, max_value=120)
    notice_period_days = serializers.IntegerField(min_value=0, max_value=365)
    ad_spend_fee_percent = serializers.DecimalField(
        max_digits=5, decimal_places=2, required=False, allow_null=True
    )
    assumptions = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    version = serializers.IntegerField(required=False)
    lines = ProposalLineSerializer(
        many=True, help_text=f"In order; at most {MAX_LINES}. Replaces all."
    )


def _as_shown(proposal: CommercialProposal, submission: Submission) -> dict[str, Any]:
    price = proposal_price(proposal, submission.engagement)
    return ProposalSerializer(
        {
            "submission_id": submission.pk,
            **{
                name: getattr(proposal, name)
                for name in (*PROPOSAL_FIELDS, "version", "updated_at")
            },
            "price": price,
        }
    ).data


def _lines_data(lines: Any) -> dict[str, str]:
    """The JSON lines as the page's formset posts them."""
    if not isinstance(lines, list) or not all(isinstance(line, dict) for line in lines):
        raise serializers.ValidationError({"lines": [_("Give a list of line objects.")]})
    data = {
        "lines-TOTAL_FORMS": str(len(lines)),
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": str(MAX_LINES),
    }
    for index, line in enumerate(lines):
        for name in LINE_FIELDS:
            value = line.get(name)
            data[f"lines-{index}-{name}"] = "" if value is None else str(value)
    return data


class SubmissionProposalView(JsonBodies, GenericAPIView):
    """A submission's commercial proposal, its lines and its totals for the engagement's
    term."""

    serializer_class = ProposalSerializer
    pagination_class = None
    filter_backends: list = []

    def _submission(self) -> Submission:
        submission = submission_with_proposal(self.request.user, self.kwargs["submission_pk"])
        if submission is None:
            raise NotFound(_("No such submission."))
        return submission

    @extend_schema(responses={200: ProposalSerializer})
    def get(self, request: Request, submission_pk: int) -> Response:
        """The proposal, for those who may see its price: 404 for everyone else (a
        reviewer before their review, by default), and when there is none."""
        submission = self._submission()
        proposal = proposal_of(submission)
        if proposal is None or not may_see_price(request.user, submission):
            raise NotFound(_("No such proposal."))
        return Response(_as_shown(proposal, submission))

    @extend_schema(request=ProposalWriteSerializer, responses={200: ProposalSerializer})
    def put(self, request: Request, submission_pk: int) -> Response:
        """Save your proposal while your self-assessment is a draft (409 once submitted):
        its terms and its lines, which replace the saved ones."""
        submission = self._submission()
        require(request.user, "vetting.answer_submission", submission)
        data = body(request)
        saved = proposal_of(submission) or CommercialProposal(
            currency=submission.engagement.currency
        )
        terms = {k: v for k, v in data.items() if k != "lines"}
        form = ProposalForm(as_form_data(terms), instance=saved)
        formset = line_formset(_lines_data(data.get("lines", [])))
        errors: dict[str, Any] = {}
        if not form.is_valid():
            errors.update(
                {("non_field_errors" if k == "__all__" else k): v for k, v in form.errors.items()}
            )
        if not formset.is_valid():
            errors["lines"] = list(formset.non_form_errors()) or [
                dict(line_errors) for line_errors in formset.errors
            ]
        if errors:
            raise serializers.ValidationError(errors)
        proposal = proposal_save(
            submission=submission,
            by=request.user,
            data=form.cleaned_data,
            lines=formset.lines(),
            expected_version=form.cleaned_data.get("version"),
        )
        # Read again as saved, with its lines in order.
        fresh = submission_with_proposal(request.user, submission.pk) or submission
        return Response(_as_shown(proposal_of(fresh) or proposal, fresh))
