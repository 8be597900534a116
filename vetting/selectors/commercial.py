"""The reads behind the commercial pages and endpoints: a submission with its proposal, its
lines and its round's rate table in a constant number of queries, and the proposal panel
for whoever may see it (asked of the access layer)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from vetting.access import may_see_price
from vetting.models import CommercialProposal, ExchangeRate, ProposalLine, Submission, User
from vetting.services.commercial import ProposalPrice, proposal_price

LINES = Prefetch("lines", queryset=ProposalLine.objects.order_by("position", "pk"))


def submission_with_proposal(user: User, pk: int) -> Submission | None:
    """A submission the user may see (None otherwise) with its engagement, consultant, its
    proposal and lines and the round's rate table: three queries whatever the lines."""
    return (
        Submission.objects.for_user(user)
        .select_related("engagement__owner", "consultant", "proposal")
        .prefetch_related(
            Prefetch("engagement__exchange_rates", queryset=ExchangeRate.objects.all()),
            Prefetch("proposal__lines", queryset=ProposalLine.objects.order_by("position", "pk")),
        )
        .filter(pk=pk)
        .first()
    )


def proposal_of(submission: Submission) -> CommercialProposal | None:
    """The submission's proposal as loaded (no query when selected with it)."""
    try:
        return submission.proposal
    except CommercialProposal.DoesNotExist:
        return None


@dataclass(frozen=True)
class ProposalPanel:
    proposal: CommercialProposal
    price: ProposalPrice


def proposal_panel(user: User, submission: Submission) -> ProposalPanel | None:
    """The read-only panel of a submission's commercial proposal, or None when the user may
    not see its price (or there is none): then the page shows nothing at all of it."""
    if not may_see_price(user, submission):
        return None
    proposal = (
        CommercialProposal.objects.filter(submission=submission).prefetch_related(LINES).first()
    )
    if proposal is None:
        return None
    return ProposalPanel(proposal, proposal_price(proposal, submission.engagement))
