"""An organisation's Provisioning (SCIM) page: its admins create a bearer token for their
identity provider (shown once), see the tokens with when each was created and last used,
and revoke them. The rule is asked of the access layer (`vetting.manage_organisation`);
every change is a service of `vetting.services.provisioning`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from vetting.access import require
from vetting.forms.provisioning import ProvisioningTokenForm
from vetting.models import Organisation, ProvisioningToken
from vetting.services import organisations as organisations_service
from vetting.services import provisioning as service


def _organisation(request: HttpRequest) -> Organisation:
    """The organisation the person works in, which they must manage (a member who does
    not: 403; someone in none: 404)."""
    organisation = organisations_service.current_organisation(
        request.user, request.session.get(organisations_service.SESSION_KEY)
    )
    if organisation is None:
        raise Http404("You are not a member of a buyer organisation.")
    require(request.user, "vetting.view_organisation", organisation)
    require(
        request.user,
        "vetting.manage_organisation",
        organisation,
        _("Only its admins manage provisioning."),
    )
    return organisation


def _page(
    request: HttpRequest, organisation: Organisation, form: ProvisioningTokenForm, **extra: object
) -> HttpResponse:
    context = {
        "organisation": organisation,
        "tokens": list(ProvisioningToken.objects.active().filter(organisation=organisation)),
        "form": form,
        "base_url": request.build_absolute_uri(
            reverse("scim:users", args=[organisation.slug])
        ).removesuffix("/Users"),
        **extra,
    }
    status = 422 if form.is_bound and form.errors else 200
    return render(request, "organisations/provisioning.html", context, status=status)


@login_required
def provisioning(request: HttpRequest) -> HttpResponse:
    return _page(request, _organisation(request), ProvisioningTokenForm())


@never_cache
@login_required
@require_POST
def provisioning_token_create(request: HttpRequest) -> HttpResponse:
    """Create a token and show it on the page this POST returns: never stored raw, not even
    in the session, so this response is the only place it appears."""
    organisation = _organisation(request)
    form = ProvisioningTokenForm(request.POST)
    if not form.is_valid():
        return _page(request, organisation, form)
    token, raw = service.provisioning_token_create(
        organisation=organisation, by=request.user, label=form.cleaned_data["label"]
    )
    return _page(request, organisation, ProvisioningTokenForm(), created=token, raw=raw)


@login_required
@require_POST
def provisioning_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation(request)
    token = get_object_or_404(ProvisioningToken.objects.active(), pk=pk, organisation=organisation)
    service.provisioning_token_revoke(token=token, by=request.user)
    messages.success(
        request,
        _("The token “%(label)s” is revoked: requests that use it are now refused.")
        % {"label": token.label},
    )
    return redirect("organisation:provisioning")
