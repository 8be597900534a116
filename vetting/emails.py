"""Email rendering and idempotent sending.

Every message has a subject, a plain-text and an HTML template under templates/emails/.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import translation

from vetting.i18n import recipient_language, supported
from vetting.models import SentEmail


def render_email(
    template: str, context: Mapping[str, Any], language: str | None = None
) -> tuple[str, str, str]:
    """Render `emails/<template>_subject.txt`, `.txt` and `.html` into (subject, text, html),
    in `language` (English when None)."""
    ctx = {"site_name": settings.SITE_NAME, "site_url": settings.SITE_URL, **context}
    with translation.override(supported(language)):
        subject = render_subject(f"emails/{template}_subject.txt", ctx)
        text = render_to_string(f"emails/{template}.txt", ctx)
        html = render_to_string(f"emails/{template}.html", ctx)
    return subject, text, html


def render_subject(name: str, context: Mapping[str, Any]) -> str:
    """A subject is a plain-text header: never HTML-escaped (a title with `&` stays `&`),
    and on one line, so that no value can add a header of its own."""
    raw = get_template(name).template.render(Context(dict(context), autoescape=False))
    return " ".join(raw.split())


def send_email(
    *, to: list[str], template: str, context: Mapping[str, Any], language: str | None = None
) -> None:
    """Send one email, in `language` if given, else in the language of the first recipient's
    account (vetting.i18n.recipient_language)."""
    language = recipient_language(to[0], language) if to else supported(language)
    subject, text, html = render_email(template, context, language)
    message = EmailMultiAlternatives(subject=subject, body=text, to=to)
    message.extra_headers["Content-Language"] = language
    message.attach_alternative(html, "text/html")
    message.send()


def send_email_once(
    *,
    key: str,
    to: str,
    template: str,
    context: Mapping[str, Any],
    language: str | None = None,
) -> bool:
    """Send unless an email with this key already went out; True if this call sent it.

    The record is written in the same transaction as the send: if the mail server refuses,
    the record rolls back and a retry sends again.
    """
    with transaction.atomic():
        _, created = SentEmail.objects.get_or_create(
            key=key, defaults={"to": to, "template": template}
        )
        if not created:
            return False
        send_email(to=[to], template=template, context=context, language=language)
    return True
