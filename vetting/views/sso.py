"""Single sign-on pages: an organisation's admins set up its identity provider (linked
from the members page), and anyone starts a sign-in with their organisation's provider
from the sign-in page. The protocols' own URLs (callbacks, the SAML ACS) are django-allauth's,
routed in vetting.urls and fitted by vetting.sso_adapter."""

from __future__ import annotations

from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.providers.saml import views as saml_views
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django_ratelimit.decorators import ratelimit

from vetting.access import require
from vetting.forms.sso import SingleSignOnForm, SsoStartForm
from vetting.models import Organisation
from vetting.models.sso import SSO_FIELDS, SingleSignOn
from vetting.services import organisations as organisation_service
from vetting.services import sso as service
from vetting.services.errors import ServiceError
from vetting.sso_adapter import sso_refused_page


def _managed(request: HttpRequest) -> Organisation:
    organisation = organisation_service.current_organisation(
        request.user, request.session.get(organisation_service.SESSION_KEY)
    )
    if organisation is None:
        raise Http404("You are not a member of a buyer organisation.")
    require(
        request.user,
        "vetting.manage_organisation",
        organisation,
        _("Only its admins set up single sign-on."),
    )
    return organisation


def _initial(organisation: Organisation, sso: SingleSignOn) -> dict[str, object]:
    initial = {field: getattr(sso, field) for field in SSO_FIELDS}
    initial["domains"] = "\n".join(organisation.domains)
    initial["password_sign_in"] = organisation.password_sign_in
    return initial


@login_required
def sso_settings(request: HttpRequest) -> HttpResponse:
    organisation = _managed(request)
    sso = SingleSignOn.objects.filter(organisation=organisation).first() or SingleSignOn(
        organisation=organisation
    )
    has_secret = bool(sso.oidc_client_secret)
    if request.method == "POST":
        form = SingleSignOnForm(request.POST, has_secret=has_secret)
        if form.is_valid():
            try:
                service.sso_settings_save(
                    organisation=organisation, by=request.user, values=form.cleaned_data
                )
            except ServiceError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Single sign-on settings saved."))
                return redirect("organisation:sso")
    else:
        form = SingleSignOnForm(initial=_initial(organisation, sso), has_secret=has_secret)
    slug = organisation.slug
    context = {
        "organisation": organisation,
        "form": form,
        "secret_hint": sso.secret_hint,
        "oidc_redirect_uri": request.build_absolute_uri(
            reverse("openid_connect_callback", kwargs={"provider_id": slug})
        ),
        "saml_acs_url": request.build_absolute_uri(
            reverse("saml_acs", kwargs={"organization_slug": slug})
        ),
        "saml_entity_id": request.build_absolute_uri(
            reverse("saml_metadata", kwargs={"organization_slug": slug})
        ),
    }
    status = 422 if form.is_bound else 200
    return render(request, "organisations/sso.html", context, status=status)


def _organisation_of(who: str) -> Organisation | None:
    """The organisation with usable single sign-on that `who` names: an address in one of
    its verified domains, or its short name (slug)."""
    who = who.strip().lower()
    for sso in SingleSignOn.objects.usable():
        organisation = sso.organisation
        if "@" in who:
            if service.email_domain(who) in {d.lower() for d in organisation.domains}:
                return organisation
        elif who == organisation.slug:
            return organisation
    return None


@ratelimit(key="ip", rate=settings.SSO_START_RATE, method="POST", block=True)
def sso_start(request: HttpRequest) -> HttpResponse:
    """Sign in with your organisation: find its identity provider and go there."""
    form = SsoStartForm(request.POST or None, initial={"who": request.GET.get("who", "")})
    if request.method == "POST" and form.is_valid():
        organisation = _organisation_of(form.cleaned_data["who"])
        if organisation is None:
            form.add_error(
                "who",
                _(
                    "No organisation signs in with single sign-on for this address or name. "
                    "Check it, or sign in with your password."
                ),
            )
        else:
            provider = get_adapter(request).get_provider(request, organisation.slug)
            leave = provider.redirect_from_request(request)
            # Not a 302: the page's CSP (form-action 'self') would stop a form's redirect
            # to another origin, so a page of ours moves on to the provider (meta refresh,
            # and a link).
            context = {"organisation": organisation, "url": leave["Location"]}
            return render(request, "registration/sso_redirect.html", context)
    status = 422 if form.is_bound else 200
    return render(request, "registration/sso_start.html", {"form": form}, status=status)


def saml_finish(request: HttpRequest, organization_slug: str) -> HttpResponse:
    """allauth's end of a SAML sign-in, with an answer to a request this browser never sent
    (an IdP-initiated one, or replayed) refused on the clear page rather than a bare 403."""
    try:
        return saml_views.finish_acs(request, organization_slug=organization_slug)
    except PermissionDenied:
        return sso_refused_page(
            request,
            _(
                "This answer from your identity provider does not belong to a sign-in started "
                "in this browser. Start again from the sign-in page."
            ),
            status=400,
        )
