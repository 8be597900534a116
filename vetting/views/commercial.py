"""The commercial pages: the consultant's proposal beside their self-assessment, and the
owner's commercial settings of a round (term, price weight, price visibility, rate table).
Who may see a price is asked of the access layer; totals come from the one builder in
`services.commercial`."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from vetting import services
from vetting.access import engagement_or_404, require
from vetting.concurrency import StaleVersionError, refuse_stale
from vetting.forms.commercial import (
    MAX_LINES,
    CommercialSettingsForm,
    ProposalForm,
    line_formset,
    rate_formset,
)
from vetting.models import CommercialProposal, LineUnit, Submission
from vetting.selectors.commercial import ProposalPanel, proposal_of, submission_with_proposal
from vetting.services.commercial import (
    draft_price,
    engagement_commercial_update,
    proposal_price,
    proposal_save,
)


def _own_submission(request: HttpRequest, pk: int) -> Submission:
    submission = submission_with_proposal(request.user, pk)
    if submission is None:
        raise Http404("No such submission.")
    require(request.user, "vetting.answer_submission", submission)
    return submission


def _with_extra_row(data: Any) -> Any:
    """The POST with one more (empty) row in the lines formset ("Add a line")."""
    data = data.copy()
    try:
        total = int(data.get("lines-TOTAL_FORMS", "0"))
    except ValueError:
        total = 0
    if total >= MAX_LINES:
        return data
    data["lines-TOTAL_FORMS"] = str(total + 1)
    # The new row as the form would show it empty (its unit at the default), so that it is
    # unchanged and not marked as missing its fields.
    data[f"lines-{total}-unit"] = LineUnit.MONTH
    return data


def _proposal_context(
    submission: Submission, form: ProposalForm, formset: Any, **extra: Any
) -> dict[str, Any]:
    engagement = submission.engagement
    proposal = proposal_of(submission)
    if form.is_bound and formset.is_valid() and form.is_valid():
        # What the page holds, priced as if saved (the same builder as the saved totals).
        price = draft_price(
            engagement,
            currency=form.cleaned_data["currency"],
            fee=form.cleaned_data.get("ad_spend_fee_percent"),
            lines=formset.lines(),
        )
        priced_as_typed = True
    else:
        price = proposal_price(proposal, engagement) if proposal is not None else None
        priced_as_typed = False
    return {
        "submission": submission,
        "engagement": engagement,
        "proposal": proposal,
        "form": form,
        "formset": formset,
        "price": price,
        "priced_as_typed": priced_as_typed,
        # Read-only once locked: the same panel as the buyer's.
        "panel": ProposalPanel(proposal, price) if proposal and price else None,
        "editable": not submission.is_locked and engagement.accepts_answers,
        **extra,
    }


@login_required
def proposal(request: HttpRequest, pk: int) -> HttpResponse:
    """The consultant's commercial proposal: editable while the self-assessment is a draft
    (lines added with "Add a line", removed with their "Remove" box; htmx re-renders the
    form in place, and without JavaScript the same buttons post the page), read-only once
    it is submitted."""
    submission = _own_submission(request, pk)
    saved = proposal_of(submission) or CommercialProposal(currency=submission.engagement.currency)
    if request.method != "POST":
        form = ProposalForm(instance=saved)
        formset = line_formset(proposal=saved)
        return render(
            request, "submissions/proposal.html", _proposal_context(submission, form, formset)
        )
    if request.POST.get("action") == "add":
        # Nothing saved: the page again as typed, with one more row to fill in.
        data = _with_extra_row(request.POST)
        form, formset = ProposalForm(data, instance=saved), line_formset(data)
        context = _proposal_context(submission, form, formset)
        return render(request, "submissions/proposal.html", context)
    form, formset = ProposalForm(request.POST, instance=saved), line_formset(request.POST)
    if not (form.is_valid() and formset.is_valid()):
        context = _proposal_context(submission, form, formset)
        return render(request, "submissions/proposal.html", context, status=422)
    try:
        proposal_save(
            submission=submission,
            by=request.user,
            data=form.cleaned_data,
            lines=formset.lines(),
            expected_version=form.cleaned_data.get("version"),
        )
    except StaleVersionError as exc:
        refuse_stale(form, exc)
        context = _proposal_context(submission, form, formset)
        return render(request, "submissions/proposal.html", context, status=409)
    except services.ServiceError as exc:
        messages.error(request, str(exc))
        return redirect("submissions:proposal", pk=submission.pk)
    messages.success(request, _("Your commercial proposal is saved."))
    return redirect("submissions:proposal", pk=submission.pk)


@login_required
def commercial_settings(request: HttpRequest, pk: int) -> HttpResponse:
    """The owner's commercial settings of a round: the term proposals are totalled over,
    the stated ad spend, the price weight, whether the budget is a ceiling, when reviewers
    see prices, and the rate table."""
    engagement = engagement_or_404(request.user, pk, perm="vetting.run_engagement", panel=False)
    if request.method == "POST":
        form = CommercialSettingsForm(request.POST, instance=engagement)
        rates = rate_formset(request.POST, engagement=engagement)
        if form.is_valid() and rates.is_valid():
            try:
                engagement_commercial_update(
                    engagement=engagement,
                    by=request.user,
                    data=form.cleaned_data,
                    rates=rates.rates(),
                    expected_version=form.cleaned_data.get("version"),
                )
            except StaleVersionError as exc:
                refuse_stale(form, exc)
            except services.ServiceError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The commercial settings are saved."))
                return redirect(engagement)
        status = 409 if form.non_field_errors() else 422
        context = {"engagement": engagement, "form": form, "rates": rates}
        return render(request, "engagements/commercial.html", context, status=status)
    form = CommercialSettingsForm(instance=engagement)
    rates = rate_formset(engagement=engagement)
    context = {"engagement": engagement, "form": form, "rates": rates}
    return render(request, "engagements/commercial.html", context)
