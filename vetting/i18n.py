"""Which language a person reads Winnow in: one place for the pages and the emails.

- A signed-in person: the language on their account (chosen with the switcher), else as below.
- Anyone else: the language cookie (the switcher), else the browser's Accept-Language
  (Django's LocaleMiddleware), else English.
- A referee: the language their reference names (the consultant chose it), unless they
  switched; an invitee without an account: the invitation's language.
- An email: the language given for its recipient (a referee's, an invitation's, the page's
  a sign-up came from), else the account's with that address, else English.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from babel.numbers import format_decimal, format_percent
from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import formats, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy, to_locale
from django.views.decorators.http import require_POST
from django.views.i18n import JavaScriptCatalog

from vetting.scoring.answers import QUESTION_LABELS
from vetting.scoring.evidence import describe as describe_evidence

LANGUAGE_CHOICES = list(settings.LANGUAGES)

# The core criteria's names and summaries in the reader's language. The scoring service
# (vetting/scoring/rubric.py) keeps its English words, which cards store and hash; pages
# show these (`criterion_words`); tests/test_languages.py checks the English is the same.
CRITERION_WORDS: dict[str, tuple[str, str]] = {
    "experience_social": (
        gettext_lazy("Social media experience"),
        gettext_lazy("Years practising social media."),
    ),
    "experience_clients": (
        gettext_lazy("Experience for clients"),
        gettext_lazy("Years practising for clients or a business."),
    ),
    "accomplishments": (
        gettext_lazy("Accomplishments"),
        gettext_lazy("Measured results in monetization, PR and database building, with evidence."),
    ),
    "business_background": (
        gettext_lazy("Business background"),
        gettext_lazy("Background beyond social platforms: marketing, PR, sales, customer service."),
    ),
    "greatest_accomplishment": (
        gettext_lazy("Greatest accomplishment"),
        gettext_lazy("How the greatest accomplishment was achieved."),
    ),
    "media_vs_marketing": (
        gettext_lazy("Media vs marketing"),
        gettext_lazy(
            "Tells social media from social marketing, and starts from the buyer's market."
        ),
    ),
    "references": (
        gettext_lazy("References"),
        gettext_lazy("What the references confirm when they are checked."),
    ),
}


def criterion_words(item: Any) -> tuple[str, str]:
    """A criterion's (name, summary) as the reader sees them: a core criterion's in their
    language, a buyer's own as the buyer wrote them. `item`: a Criterion, or a card's
    criterion (a dict with "key" and "label")."""
    if isinstance(item, Mapping):
        key, label, summary = item.get("key"), item.get("label", ""), item.get("summary", "")
    else:
        key = getattr(item, "key", None)
        label, summary = getattr(item, "label", ""), getattr(item, "summary", "")
    words = CRITERION_WORDS.get(key or "")
    if words is None:
        return str(label or key or ""), str(summary or "")
    return str(words[0]), str(words[1])


def question_words(key: Any) -> str:
    """A scored question's key as the name a buyer reads, in their language ("first_steps"
    -> "first steps"; the scoring module's words, `QUESTION_LABELS`); a key without one is
    spelt out."""
    label = QUESTION_LABELS.get(str(key))
    if label is None:
        return str(key).replace("_", " ")
    return say_again(label, label.spec)


# Languages whose labels keep their capital inside a sentence (German nouns; a German
# sentence that needs a lower-case word is written around the label: "Status: %(status)s").
KEEPS_CAPITALS = frozenset({"de"})


def in_sentence(text: Any) -> str:
    """A label as it stands inside a sentence in the active language: "In progress" ->
    "in progress" in English and Spanish, as is in German ("Kunde"). A first word with a
    capital after its first letter is an acronym or a name and keeps its case ("PR agency",
    "SEO", "LinkedIn")."""
    text = "" if text is None else str(text)
    language = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0].lower()
    if not text or language in KEEPS_CAPITALS:
        return text
    first = text.split(None, 1)[0]
    if any(c.isupper() for c in first[1:]):
        return text
    return text[:1].lower() + text[1:]


# The outcome report's warning on a figure with too few hires (vetting/scoring/outcomes.py
# TOO_FEW, which its CSV keeps in English), as the page shows it.
TOO_FEW_WORDS = gettext_lazy("Too few hires to tell; treat as anecdote.")


# --- The scoring service's sentences (vetting/scoring/said.py) ------------------------------


def say_again(text: Any, spec: Any = None) -> str:
    """A sentence of the scoring service in the reader's language: rendered from what it says
    (`spec`, stored beside it on the card or the flag) where it was kept, else through the
    catalogue as it is (a fixed message, or one stored before its spec was). English readers
    get the text as the service wrote it."""
    text = "" if text is None else str(text)
    language = translation.get_language() or settings.LANGUAGE_CODE
    if language.startswith("en") or not text:
        return text
    if isinstance(spec, dict) and spec:
        try:
            return _rendered(spec, language)
        except (KeyError, TypeError, ValueError):  # a catalogue's slip: the English stands
            return text
    return translation.gettext(text)


def evidence_lines(value: Any) -> list[str]:
    """A flag's evidence as labelled lines ("Referee said: Peer", vetting/scoring/evidence.py)
    in the reader's language."""
    return [say_again(line, getattr(line, "spec", None)) for line in describe_evidence(value)]


def _rendered(spec: Any, language: str) -> str:
    if isinstance(spec, str):
        return spec
    if "n" in spec:
        return _number(spec["n"], spec["f"], to_locale(language))
    if "d" in spec:
        day = date.fromisoformat(spec["d"])
        return formats.date_format(day, "SHORT_DATE_FORMAT" if spec.get("s") else "DATE_FORMAT")
    if "j" in spec:
        return spec["j"].join(_rendered(part, language) for part in spec["l"])
    context = spec.get("c")
    template = (
        translation.pgettext(context, spec["t"]) if context else translation.gettext(spec["t"])
    )
    if spec.get("l"):
        template = in_sentence(template)
    values = spec.get("p")
    if not values:
        return template
    return template % {name: _rendered(value, language) for name, value in values.items()}


# Number styles of `said.num` as Babel patterns.
NUMBER_PATTERNS = {".2f": "0.00", "+.2f": "+0.00;-0.00", "d": "0", ".1f": "0.0"}


def _number(value: float, style: str, locale: str) -> str:
    if style == ".0%":
        return format_percent(value, locale=locale)
    pattern = NUMBER_PATTERNS.get(style)
    if pattern is None:
        return format_decimal(value, locale=locale)
    return format_decimal(value, pattern, locale=locale)


def catalogue_version() -> str:
    """Changes whenever a compiled catalogue does (the scripts' cached catalogue is keyed by it)."""
    stamps = sorted(
        f"{path.name}:{path.stat().st_mtime_ns}:{path.stat().st_size}"
        for base in settings.LOCALE_PATHS
        for path in Path(base).glob("*/LC_MESSAGES/*.mo")
    )
    return hashlib.sha256("|".join(stamps).encode()).hexdigest()[:12]


def supported(code: str | None) -> str:
    """The supported language for a code ("de-AT" -> "de", "en" -> "en-gb"); English when
    none fits."""
    if code:
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            pass
    return settings.LANGUAGE_CODE


def default_language() -> str:
    """The language being used now (a model's default: a reference named on a German page
    is contacted in German)."""
    return supported(translation.get_language())


def recipient_language(email: str, language: str | None = None) -> str:
    """The language of an email to `email`: `language` when the sender knows it, else the
    account's with that address, else English."""
    if language:
        return supported(language)
    chosen = (
        get_user_model()
        .objects.filter(email__iexact=email, is_active=True)
        .exclude(language="")
        .values_list("language", flat=True)
        .first()
    )
    return supported(chosen)


def chose_language(request: HttpRequest) -> bool:
    """True if this browser chose a language with the switcher (it then wins over the
    language a link was sent in)."""
    return settings.LANGUAGE_COOKIE_NAME in request.COOKIES


def use_language(request: HttpRequest, language: str | None) -> None:
    """Show this request in `language` (a referee's, an invitation's), unless the person
    chose one: their account's or the switcher's."""
    user = getattr(request, "user", None)
    if chose_language(request) or (user is not None and getattr(user, "language", "")):
        return
    code = supported(language)
    translation.activate(code)
    request.LANGUAGE_CODE = code


class UserLanguageMiddleware:
    """After authentication: a signed-in person's pages are in their account's language,
    whatever the browser asks (LocaleMiddleware has chosen from the cookie or the header)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        code = getattr(user, "language", "") if user is not None else ""
        if code and user.is_authenticated:
            code = supported(code)
            translation.activate(code)
            request.LANGUAGE_CODE = code
        return self.get_response(request)


def javascript_catalog(request: HttpRequest, language: str) -> HttpResponse:
    """Django's JavaScript catalogue in the language of the page that loads it (named in the
    address: a referee's form is in the link's language whatever the browser asks)."""
    with translation.override(supported(language)):
        return JavaScriptCatalog.as_view()(request)


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """The switcher: remember the language in a cookie and, for a signed-in person, on their
    account (so their emails follow), then go back where they were."""
    code = request.POST.get("language", "")
    codes = {c for c, _ in settings.LANGUAGES}
    target = request.POST.get("next") or request.headers.get("referer") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = redirect(target)
    if code not in codes:
        return response
    user = request.user
    if user.is_authenticated and user.language != code:
        user.language = code
        user.save(update_fields=["language"])
    translation.activate(code)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
