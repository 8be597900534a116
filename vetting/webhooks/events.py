"""What each event's `data` carries: ids, and what the organisation's admins see on their
pages. Never a referee's words (no answers, notes, ratings or comments), never a score or
a price, nothing of another organisation. One function per event, called by the services
inside the transaction of the change (`emit` queues nothing when no endpoint wants it).
"""

from __future__ import annotations

from typing import Any

from vetting.webhooks import emit


def _when(value: Any) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value else None


def _submission(submission: Any) -> dict[str, Any]:
    return {
        "id": submission.pk,
        "status": submission.status,
        "engagement": {"id": submission.engagement_id, "title": submission.engagement.title},
        "consultant": {"id": submission.consultant_id, "name": submission.consultant.name},
    }


def submission_submitted(submission: Any) -> None:
    emit(
        "submission.submitted",
        organisation=submission.engagement.organisation_id,
        subject=submission,
        data=lambda: {
            "submission": {
                **_submission(submission),
                "submitted_at": _when(submission.submitted_at),
            }
        },
    )


def check_completed(check: Any) -> None:
    submission = check.submission
    emit(
        "check.completed",
        organisation=submission.engagement.organisation_id,
        subject=check,
        data=lambda: {
            "check": {
                "id": check.pk,
                "status": check.status,
                "channel": check.channel,
                "completed_at": _when(check.completed_at),
            },
            "submission": _submission(submission),
        },
    )


def flag_raised(flag: Any) -> None:
    submission = flag.submission
    emit(
        "flag.raised",
        organisation=submission.engagement.organisation_id,
        subject=flag,
        data=lambda: {
            "flag": {
                "id": flag.pk,
                "code": flag.code,
                "kind": flag.kind,
                "severity": flag.severity,
                "hold": flag.hold,
                "check": {"id": flag.reference_check_id},
            },
            "submission": _submission(submission),
        },
    )


def decision_recorded(decision: Any) -> None:
    submission = decision.submission
    emit(
        "decision.recorded",
        organisation=submission.engagement.organisation_id,
        subject=decision,
        data=lambda: {
            "decision": {
                "id": decision.pk,
                "outcome": decision.outcome,
                "version": decision.version,
                "decided_at": _when(decision.decided_at),
            },
            "submission": _submission(submission),
        },
    )
