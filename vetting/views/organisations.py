"""A buyer organisation's members page (its admins add people, change roles, remove them;
every member sees who is in it) and the switch between organisations for people in
several. The rules are asked of the access layer; every change is a service."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vetting.access import can, require
from vetting.forms.organisations import MemberAddForm, MemberRoleForm
from vetting.forms.vendors import VendorSettingsForm
from vetting.models import Membership, Organisation
from vetting.models.organisations import OrganisationRole
from vetting.services import organisations as service
from vetting.services.errors import ServiceError


def remember_organisations(
    request: HttpRequest, chosen: Organisation | None = None, *, user: Any = None
) -> None:
    """Keep the person's organisations and the one they work in in their session, for the
    menu (no query per page): at sign-in (`user`: who signs in), on a switch, on the
    members page."""
    user = user or request.user
    mine = service.organisations_of(user)
    current = chosen or service.current_organisation(user, request.session.get(service.SESSION_KEY))
    request.session["organisations"] = [[o.pk, o.name] for o in mine]
    request.session[service.SESSION_KEY] = current.pk if current else None


def _current(request: HttpRequest) -> Organisation:
    organisation = service.current_organisation(
        request.user, request.session.get(service.SESSION_KEY)
    )
    if organisation is None:
        raise Http404("You are not a member of a buyer organisation.")
    require(request.user, "vetting.view_organisation", organisation)
    return organisation


def _page(request: HttpRequest, organisation: Organisation, form: MemberAddForm) -> HttpResponse:
    members = list(
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__email")
    )
    manages = can(request.user, "vetting.manage_organisation", organisation)
    context = {
        "organisation": organisation,
        "members": [
            (m, MemberRoleForm(initial={"role": m.role}, auto_id=f"id_m{m.pk}_%s")) for m in members
        ],
        "form": form,
        "manages": manages,
        # The approved-vendor register's settings (saved by vendors.register_settings).
        "vendor_settings_form": VendorSettingsForm(instance=organisation) if manages else None,
    }
    return render(
        request, "organisations/members.html", context, status=422 if form.is_bound else 200
    )


@login_required
def members(request: HttpRequest) -> HttpResponse:
    organisation = _current(request)
    remember_organisations(request, organisation)
    if request.method != "POST":
        return _page(request, organisation, MemberAddForm())
    require(
        request.user, "vetting.manage_organisation", organisation, _("Only its admins add members.")
    )
    form = MemberAddForm(request.POST)
    if not form.is_valid():
        return _page(request, organisation, form)
    try:
        membership = service.member_add(
            organisation=organisation,
            by=request.user,
            email=form.cleaned_data["email"],
            name=form.cleaned_data["name"],
            role=form.cleaned_data["role"],
        )
    except ServiceError as exc:
        form.add_error("email", str(exc))
        return _page(request, organisation, form)
    messages.success(
        request,
        _("%(email)s is a member now; they are told by email.") % {"email": membership.user.email},
    )
    return redirect("organisation:members")


def _membership(request: HttpRequest, pk: int) -> Membership:
    organisation = _current(request)
    return get_object_or_404(
        Membership.objects.select_related("user", "organisation"),
        pk=pk,
        organisation=organisation,
    )


@login_required
@require_POST
def member_role(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _membership(request, pk)
    form = MemberRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the roles."))
        return redirect("organisation:members")
    try:
        membership = service.member_role_change(
            membership=membership, by=request.user, role=form.cleaned_data["role"]
        )
    except ServiceError as exc:
        messages.error(request, str(exc))
    else:
        done = {
            OrganisationRole.ADMIN: _("%(name)s is admin now."),
            OrganisationRole.PROCUREMENT: _("%(name)s is procurement now."),
            OrganisationRole.MANAGER: _("%(name)s is manager now."),
            OrganisationRole.REVIEWER: _("%(name)s is reviewer now."),
        }.get(membership.role, _("%(name)s has a new role now."))
        messages.success(request, done % {"name": membership.user.display_name})
    return redirect("organisation:members")


@login_required
@require_POST
def member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _membership(request, pk)
    try:
        removed = service.member_remove(membership=membership, by=request.user)
    except ServiceError as exc:
        messages.error(request, str(exc))
        return redirect("organisation:members")
    if removed == request.user:
        return redirect("login")  # they removed themselves: signed out
    messages.success(
        request,
        _("%(name)s is no longer a member: signed out everywhere, API tokens revoked.")
        % {"name": membership.user.display_name},
    )
    return redirect("organisation:members")


@login_required
@require_POST
def switch(request: HttpRequest) -> HttpResponse:
    """Work in another of one's organisations (new rounds and templates go there)."""
    wanted = request.POST.get("organisation", "")
    chosen = service.current_organisation(request.user, wanted)
    if chosen is None or str(chosen.pk) != wanted:
        raise Http404("You are not a member of this organisation.")
    remember_organisations(request, chosen)
    messages.success(request, _("You are working in %(name)s.") % {"name": chosen.name})
    return redirect("procurement_home")
