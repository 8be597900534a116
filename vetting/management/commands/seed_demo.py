"""Load demo data: one account per role, a directory of consultants of varied quality, and
three vetting rounds run by procurement@winnow.test: one open (every consultant invited, in
every state from invited to submitted), one draft and one closed. The open round's submitted
consultants have their references checked, in every state a check can be in: answered on
the web form or on a call, waiting, overdue, claimed, unreachable and declined.

Idempotent: running it again updates the same rows instead of adding new ones, and puts the
demo rounds back as they were seeded. It never sends email.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from vetting.demo.accounts import (
    ACCOUNTS,
    DEMO_PASSWORD,
    ORGANISATIONS,
    seed_accounts,
    seed_organisations,
)
from vetting.demo.benchmarks import seed_claim_history
from vetting.demo.checks import CALLER
from vetting.demo.consultants import seed_consultants
from vetting.demo.copies import seed_copies
from vetting.demo.delivery import seed_delivery_history
from vetting.demo.reference_checks import pending_referee_links
from vetting.demo.reviews import seed_reviews
from vetting.demo.rounds import ROUND_OWNER, seed_rounds
from vetting.demo.vendors import seed_vendors
from vetting.models import Submission
from vetting.models.engagements import SCORED_STATUSES


class Command(BaseCommand):
    help = (
        "Create demo accounts (one per role), consultant profiles and three vetting rounds "
        "(open, draft, closed). Safe to run again: it resets the same rows, sends no email."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            users = seed_accounts()
            organisations = seed_organisations(users)
            count = seed_consultants(users)
            engagements = seed_rounds(users, now=timezone.now(), organisations=organisations)
            seed_reviews(engagements, owner=users[ROUND_OWNER], reviewer=users[CALLER])
            seed_copies(engagements)  # the copied answer's flag shows on the first visit
            seed_vendors(engagements, owner=users[ROUND_OWNER], now=timezone.now())
            # Checked claims of past rounds: a reference benchmark shows a rate, one says
            # "too few".
            seed_claim_history(open_round=engagements[0], owner=users[ROUND_OWNER])
            # Past hires with submitted delivery reviews: the outcome report has figures.
            seed_delivery_history(
                organisation=engagements[0].organisation,
                owner=users[ROUND_OWNER],
                sources=list(
                    Submission.objects.filter(
                        engagement__in=engagements, status__in=SCORED_STATUSES
                    )
                    .select_related("consultant", "engagement__questionnaire")
                    .order_by("consultant__email", "pk")
                ),
            )
            links = pending_referee_links(engagements)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {count} consultant profiles."))
        for engagement in engagements:
            self.stdout.write(
                f"  {engagement.get_status_display():<7} {engagement.title} "
                f"({engagement.submissions.count()} consultants)"
            )
        for check, link in links:
            self.stdout.write(
                f"Reference form of {check.referee_name} for {check.submission.consultant.name} "
                f"(works once): {link}"
            )
        for slug, name, _, members in ORGANISATIONS:
            people = ", ".join(email for email, _ in members)
            self.stdout.write(f"Organisation {name} ({slug}): {people}")
        self.stdout.write(f"Demo sign-ins (password for all: {DEMO_PASSWORD}):")
        for email, _, _, role, _ in ACCOUNTS:
            label = role.label if role else "Administrator (Django admin)"
            self.stdout.write(f"  {label:<30} {email}")
