"""The outbox by hand: `relay` publishes what is waiting, `sweep` queues missing work,
`status` says what is waiting and what keeps failing, `retry` gives what the sweeper gave up
on one more try (all of it, or `--key` one row) and publishes it.

Beat runs the relay every 30 s and the sweeper every five minutes; these are for an
operator after an outage, for a deployment without beat (cron), and for the embedded mode,
where `relay` runs inline what could not run after its commit.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from vetting import outbox
from vetting.models import OutboxMessage
from vetting.services.sweep import work_sweep


class Command(BaseCommand):
    help = (
        "Relay the outbox to the broker, sweep for missing work, show its state, or retry "
        "what was given up."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("action", choices=["relay", "sweep", "status", "retry"])
        parser.add_argument("--key", help="retry: only the row with this key (from status).")

    def handle(self, *args: Any, action: str, key: str | None = None, **options: Any) -> None:
        if action == "retry":
            again = outbox.retry_given_up(max_attempts=settings.OUTBOX_MAX_ATTEMPTS, key=key)
            self.stdout.write(f"Given one more try: {again}.")
            action = "relay"
        if action == "relay":
            published = 0
            while batch := outbox.relay():
                published += batch
            self.stdout.write(f"Published {published}.")
        elif action == "sweep":
            found = work_sweep()
            self.stdout.write(", ".join(f"{name}: {n}" for name, n in found.items()))
        else:
            self._status()

    def _status(self) -> None:
        rows = OutboxMessage.objects
        waiting = rows.filter(sent_at__isnull=True)
        oldest = waiting.order_by("created_at").values_list("created_at", flat=True).first()
        age = f", the oldest for {timezone.now() - oldest}" if oldest else ""
        self.stdout.write(f"Waiting to be published: {waiting.count()}{age}.")
        running = rows.filter(sent_at__isnull=False, done_at__isnull=True).count()
        self.stdout.write(f"Published, not done yet: {running}.")
        done = rows.filter(done_at__isnull=False).count()
        self.stdout.write(f"Done (kept {settings.OUTBOX_KEEP_DAYS} days): {done}.")
        given_up = rows.filter(done_at__isnull=True, attempts__gte=settings.OUTBOX_MAX_ATTEMPTS)
        for message in given_up.order_by("pk")[:50]:
            self.stdout.write(
                f"Gave up after {message.attempts} tries: {message.key} {message.last_error}"
            )
