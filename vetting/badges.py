"""Status badges: how a status of any model shows on a page.

One builder for every page: `{% status_badge value label %}` (vetting/templatetags) gives
`<span class="badge status-<value>">label</span>`. A status value means the same thing
wherever it appears ("submitted", "rejected"), so the class is the value's own and
static/css/app.css gives each one its colours and the pill shape (kept out of the markup: a
ranking page carries fifty); a test checks that every value listed here has a rule there
with readable contrast.
"""

from __future__ import annotations

from django.db import models
from django.utils.html import format_html
from django.utils.safestring import SafeString

from vetting.models import (
    CallOutcome,
    CheckStatus,
    ClarificationStatus,
    EngagementStatus,
    ExportStatus,
    Outcome,
    ReviewStatus,
    SubmissionStatus,
)

# The status-like choices of every model, by what they are the status of.
STATUS_CHOICES: dict[str, type[models.TextChoices]] = {
    "engagement": EngagementStatus,
    "submission": SubmissionStatus,
    "reference check": CheckStatus,
    "call attempt": CallOutcome,
    "review": ReviewStatus,
    "decision": Outcome,
    "export": ExportStatus,
    "clarification": ClarificationStatus,
}


def badge_class(value: str) -> str:
    return f"badge status-{value}"


def status_badge(value: str, label: str) -> SafeString:
    return format_html('<span class="{}">{}</span>', badge_class(value), label)
