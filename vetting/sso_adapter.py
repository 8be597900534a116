"""django-allauth, fitted to Winnow: it runs the OpenID Connect and SAML protocols, and
this adapter tells it which identity providers exist (one per organisation that set one up,
read from `SingleSignOn`, never from settings) and what an accepted sign-in means
(`services.sso.sso_member_sign_in`). Anything refused, by the provider or by Winnow, ends on
one clear page (`registration/sso_refused.html`) without an account being made.

allauth's own password pages are not used: Winnow's sign-in form (with django-axes) is
the only password sign-in, and only the providers' URLs are routed (`vetting.urls`).
"""

from __future__ import annotations

import logging
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from vetting.models import Organisation
from vetting.models.sso import OIDC_PROVIDER, SAML_PROVIDER, SingleSignOn
from vetting.services.organisations import SESSION_KEY
from vetting.services.sso import SsoRefused, groups_in, sso_member_sign_in

logger = logging.getLogger(__name__)

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def sso_refused_page(
    request: HttpRequest, reason: str, organisation: Organisation | None = None, status: int = 403
) -> HttpResponse:
    context = {"reason": reason, "organisation": organisation}
    return render(request, "registration/sso_refused.html", context, status=status)


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Accounts come from single sign-on (sso_member_sign_in) or from Winnow's own
        # sign-up, never from allauth's forms.
        return False

    def login(self, request: HttpRequest, user: Any) -> None:
        super().login(request, user)
        organisation = getattr(request, "sso_organisation", None)
        if organisation is not None:
            # They work in the organisation they signed in through (the user_logged_in
            # receiver chose the first one they joined).
            request.session[SESSION_KEY] = organisation.pk


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def list_apps(
        self, request: HttpRequest | None, provider: str | None = None, client_id: str | None = None
    ) -> list[Any]:
        rows = SingleSignOn.objects.usable()
        if provider and provider not in (OIDC_PROVIDER, SAML_PROVIDER):
            rows = rows.filter(organisation__slug=provider)
        apps = [row.as_social_app() for row in rows]
        if provider in (OIDC_PROVIDER, SAML_PROVIDER):
            apps = [app for app in apps if app.provider == provider]
        if client_id:
            apps = [app for app in apps if app.client_id == client_id]
        return apps

    def is_open_for_signup(self, request: HttpRequest, sociallogin: Any) -> bool:
        return True  # pre_social_login decides, and has connected the account by then

    def pre_social_login(self, request: HttpRequest, sociallogin: Any) -> None:
        """The provider vouched for the person: apply Winnow's rules, then sign them in to
        the organisation whose provider it was."""
        sso = (
            SingleSignOn.objects.usable()
            .filter(organisation__slug=sociallogin.account.provider)
            .first()
        )
        if sso is None:
            raise ImmediateHttpResponse(
                sso_refused_page(request, _("Single sign-on is not set up for this organisation."))
            )
        organisation = sso.organisation
        person = sociallogin.user
        try:
            user = sso_member_sign_in(
                organisation=organisation,
                email=getattr(person, "email", "") or "",
                first_name=getattr(person, "first_name", "") or "",
                last_name=getattr(person, "last_name", "") or "",
                groups=groups_in(sociallogin.account.extra_data or {}, sso.groups_claim),
                linked=person if sociallogin.is_existing else None,
            )
        except SsoRefused as exc:
            logger.info("Single sign-on to %s refused", organisation.slug)
            raise ImmediateHttpResponse(sso_refused_page(request, str(exc), organisation)) from exc
        if not sociallogin.is_existing:
            sociallogin.connect(request, user)
        sociallogin.user = user
        user.backend = MODEL_BACKEND
        request.sso_organisation = organisation  # type: ignore[attr-defined]

    def on_authentication_error(
        self,
        request: HttpRequest,
        provider: Any,
        error: Any = None,
        exception: Any = None,
        extra_context: Any = None,
    ) -> None:
        """The provider's answer was refused (a bad or expired signature, a state that does
        not match, a provider that cannot be reached): say so, and log why without secrets."""
        reasons = (extra_context or {}).get("saml_last_error_reason") or error
        logger.warning(
            "Single sign-on failed for %s: %s (%s)",
            getattr(getattr(provider, "app", None), "provider_id", "?"),
            reasons,
            type(exception).__name__ if exception else "no exception",
        )
        slug = getattr(getattr(provider, "app", None), "provider_id", None)
        organisation = Organisation.objects.filter(slug=slug).first() if slug else None
        raise ImmediateHttpResponse(
            sso_refused_page(request, _failure_reason(str(reasons or "")), organisation, 400)
        )


def _failure_reason(technical: str) -> str:
    """What a person reads when their provider's answer is refused (python3-saml's and the
    OAuth client's reasons are for the log)."""
    lowered = technical.lower()
    if "expired" in lowered or "notonorafter" in lowered:
        return _(
            "Your identity provider's answer could not be accepted: it has expired (an "
            "answer is good for a few minutes). Nothing was changed; start again from the "
            "sign-in page."
        )
    if "signature" in lowered or "signed" in lowered:
        return _(
            "Your identity provider's answer could not be accepted: its signature does not "
            "match the certificate set up for your organisation (it may have been changed "
            "on the way). Nothing was changed; start again from the sign-in page."
        )
    return _(
        "Your identity provider's answer could not be accepted: it was not what this sign-in "
        "expected. Nothing was changed; start again from the sign-in page."
    )
