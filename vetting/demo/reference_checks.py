"""Writing the demo's reference checks (specified in `vetting.demo.checks`) as the services
leave them, without going through them: the services email the referee on commit, and
seeding never emails. Web checks are marked sent instead, and each referee still to answer
on the web gets a fresh one-time link for the demo."""

from __future__ import annotations

import zlib
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError
from django.urls import reverse

from consultants.models import Reference
from vetting.demo.checks import RefCheck, Said
from vetting.demo.rows import moment, upsert
from vetting.models import (
    CallAttempt,
    Channel,
    CheckStatus,
    Engagement,
    ReferenceCheck,
    Submission,
    User,
)
from vetting.models.references import OPEN_CHECK_STATUSES
from vetting.services.references import claimed_accomplishments, refresh_flags
from vetting.tokens import new_token


def seed_checks(
    submission: Submission, specs: tuple[RefCheck, ...], *, caller: User, now: datetime
) -> list[ReferenceCheck]:
    """A submission's reference checks as `specs` describe them; any other check of it (one
    the demo added since) goes, so that running the seed again restores the demo."""
    chosen = {r.email: r for r in submission.chosen_references.all()}
    checks = []
    for spec in specs:
        if spec.referee not in chosen:
            raise CommandError(
                f"{submission.consultant.name} did not offer {spec.referee} as a reference."
            )
        checks.append(seed_check(submission, chosen[spec.referee], spec, caller=caller, now=now))
    submission.reference_checks.exclude(pk__in=[c.pk for c in checks]).delete()
    return checks


def seed_check(
    submission: Submission, reference: Reference, spec: RefCheck, *, caller: User, now: datetime
) -> ReferenceCheck:
    """One check, requested when the consultant submitted, with its attempts and flags."""
    if (spec.status == CheckStatus.COMPLETED) != (spec.said is not None):
        raise CommandError(f"The check of {spec.referee} needs answers exactly when completed.")
    owner = submission.engagement.owner
    web = spec.channel == Channel.WEB
    requested = submission.submitted_at
    done = None if spec.status in OPEN_CHECK_STATUSES else moment(requested, now, spec.referee)
    due = requested + timedelta(
        days=max(settings.REFERENCE_REMINDER_DAYS) + settings.CALL_DUE_DAYS
        if web
        else settings.CALL_DUE_DAYS
    )
    if spec.overdue:
        # With the default CALL_DUE_DAYS the clock makes it overdue anyway (the consultant
        # submitted three and a half days ago); this keeps it so under a longer setting.
        due = min(due, now - timedelta(hours=6))
    # The attempts, and the claim before them, spread evenly until the check ended (or now).
    step = ((done or now) - requested) / (len(spec.failed_calls) + 2)
    # A call someone worked on: claimed, tried, or recorded (by the demo manager).
    taken = bool(spec.claimed or spec.failed_calls or (spec.said and spec.said.notes))
    values: dict[str, Any] = {
        # What the consultant claimed, as the service snapshots it.
        "referee_name": reference.name,
        "referee_email": reference.email,
        "referee_phone": reference.phone,
        "referee_company": reference.company,
        "referee_role": reference.role,
        "claimed_relationship": reference.relationship,
        "claimed_from": reference.period_from,
        "claimed_to": reference.period_to,
        "claimed_confirm": reference.can_confirm,
        "channel": spec.channel,
        "status": spec.status,
        "requested_by": owner,
        "requested_at": requested,
        "due_at": due,
        "phone_fallback_at": None,
        "token_hash": None,
        "token_expires_at": requested + timedelta(days=settings.REFERENCE_LINK_DAYS)
        if web
        else None,
        "sent_at": requested if web else None,
        "form_opened_at": None,
        "referee_ip": None,
        "referee_user_agent": "",
        "form_seconds": None,
        "assigned_to": caller if taken else None,
        "claimed_at": requested + step / 2 if taken else None,
        "call_notes": "",
        "recorded_by": None,
        "notes_reviewed_by": None,
        "notes_reviewed_at": None,
        "notes_review_comment": "",
        **dict.fromkeys(("relationship", "would_hire_again", "strengths", "concerns"), ""),
        **dict.fromkeys(("relationship_confirmed", "period_from", "period_to"), None),
        **dict.fromkeys(("rating_relationships", "rating_honesty", "rating_results"), None),
        "verdicts": {},
        "decline_reason": spec.decline_reason,
        "completed_at": done,
        "version": 1,
    }
    if web and done is not None:
        # The referee answered (or declined) on the form: their address and browser.
        values["referee_ip"], values["referee_user_agent"] = _device(spec.referee)
    if spec.said is not None and done is not None:
        values |= _answers(submission, reference, spec.said)
        if web:
            values["form_seconds"] = spec.said.form_seconds
            values["form_opened_at"] = done - timedelta(seconds=spec.said.form_seconds)
        else:
            values |= {"call_notes": spec.said.notes, "recorded_by": caller}
        if spec.said.review:
            values |= {
                "notes_reviewed_by": owner,
                "notes_reviewed_at": moment(done, now, f"{spec.referee}:review"),
                "notes_review_comment": spec.said.review,
            }
    # History names who made the last change: the manager on a call, nobody for a referee
    # (they have no account), otherwise the buyer who requested the check.
    by = caller if taken else None if web and done is not None else owner
    check = upsert(
        ReferenceCheck, {"submission": submission, "reference": reference}, values, by=by
    )
    check.attempts.all().delete()
    for number, outcome in enumerate(spec.failed_calls, start=1):
        attempt = CallAttempt(
            reference_check=check, by=caller, at=requested + step * number, outcome=outcome
        )
        attempt._history_user = caller
        attempt.full_clean()
        attempt.save()
    # Flags as the services raise them; a flag cleared during a demo comes back.
    check.flags.all().delete()
    refresh_flags(check)
    return check


def _answers(submission: Submission, reference: Reference, said: Said) -> dict[str, Any]:
    """The structured answers, as the referee form or the call form cleans them."""
    claims = claimed_accomplishments(ReferenceCheck(submission=submission, reference=reference))
    start, end = said.period or (reference.period_from, reference.period_to)
    return {
        "relationship_confirmed": said.relationship in ("", reference.relationship),
        "relationship": said.relationship or reference.relationship,
        "period_from": start,
        "period_to": end,
        "verdicts": {str(index): said.verdict.value for index, _ in claims},
        "rating_relationships": said.ratings[0],
        "rating_honesty": said.ratings[1],
        "rating_results": said.ratings[2],
        "would_hire_again": said.hire_again,
        "strengths": said.strengths,
        "concerns": said.concerns,
    }


BROWSERS = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.5 Safari/605.1.15",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0.0.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0.0.0 Mobile Safari/537.36",
)


def _device(email: str) -> tuple[str, str]:
    """A repeatable address (in a documentation range) and browser for a referee."""
    crc = zlib.crc32(email.encode())
    return f"203.0.113.{crc % 254 + 1}", BROWSERS[crc // 254 % len(BROWSERS)]


def pending_referee_links(engagements: list[Engagement]) -> list[tuple[ReferenceCheck, str]]:
    """A working link for each seeded referee still to answer on the web, so the demo can
    show the referee's form. Each run issues a new link; the previous one stops working."""
    links = []
    pending = ReferenceCheck.objects.filter(
        submission__engagement__in=engagements, channel=Channel.WEB, status=CheckStatus.REQUESTED
    ).select_related("submission__consultant")
    for check in pending:
        raw, check.token_hash = new_token()
        check.save(update_fields=["token_hash"])
        links.append((check, settings.SITE_URL + reverse("referee:form", args=[raw])))
    return links
