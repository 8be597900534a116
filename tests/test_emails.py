"""Email rendering: subjects are plain-text headers, whatever the names and titles hold."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from vetting.emails import render_subject

NASTY = '<b>Tom & Jerry\'s</b> "Q3"'
SUBJECTS = sorted(
    path.name.removesuffix("_subject.txt")
    for path in (Path(settings.BASE_DIR) / "templates" / "emails").glob("*_subject.txt")
)
# Subjects that name nobody and nothing (a count, the site's fixed wording).
NAMELESS = {"call_digest"}


class Anything:
    """Stands for every object a template may ask for: each attribute is itself again, and
    it prints as NASTY, so that every `{{ a.b.c }}` in a subject renders the hostile text."""

    def __getattr__(self, name: str) -> Anything:
        return self

    def __str__(self) -> str:
        return NASTY

    def __len__(self) -> int:
        return 2


@pytest.mark.parametrize("template", SUBJECTS)
def test_a_subject_is_plain_text_on_one_line_whatever_the_names_hold(template):
    context = {
        name: Anything()
        for name in (
            *("engagement", "review", "consultant", "submission", "user", "calls"),
            *("entry", "endpoint"),  # a vendor register entry, a webhook endpoint
        )
    }
    context.update(site_name=NASTY, outcome="selected", kind="1d")

    subject = render_subject(f"emails/{template}_subject.txt", context)

    assert "&lt;" not in subject and "&amp;" not in subject and "&#x27;" not in subject
    assert "&quot;" not in subject
    if template not in NAMELESS:
        assert NASTY in subject
    assert "\n" not in subject and "\r" not in subject


def test_a_line_break_in_a_title_cannot_add_a_header(procurement):
    engagement = Anything()
    engagement.__dict__["title"] = "Ledgerly\r\nBcc: everyone@example.com"
    engagement.__dict__["owner"] = procurement

    subject = render_subject("emails/invitation_subject.txt", {"engagement": engagement})

    assert subject == (
        f"{procurement.display_name} invites you to a vetting round: "
        "Ledgerly Bcc: everyone@example.com"
    )


def test_subjects_are_found(db):
    assert {"invitation", "password_reset", "welcome", "decision_outcome"} <= set(SUBJECTS)


def test_the_password_reset_subject_is_rendered_like_the_others(client, consultant, settings):
    client.post(reverse("password_reset"), {"email": consultant.email})

    [message] = mail.outbox
    assert message.subject == f"Reset your {settings.SITE_NAME} password"
    assert "\n" not in message.subject
