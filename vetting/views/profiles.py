"""Verified profiles: the consultant's links page (create, list, revoke, preview), one
link's view log, the public page a link opens (no account), and the owner's release of a
score. Thin: check access, bind a form, call one service."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.decorators import ratelimit

from consultants.models import Consultant
from vetting.access import require
from vetting.forms.profiles import ProfileConsentForm, ProfileLinkForm
from vetting.http import client_fingerprint
from vetting.models import ProfileLink, Submission
from vetting.selectors import profiles as selectors
from vetting.services import profiles as services
from vetting.services.errors import ServiceError
from vetting.services.organisations import SESSION_KEY, current_organisation
from vetting.tokens import hash_token

VIEWS_PAGE_SIZE = 50


def _consultant(request: HttpRequest) -> Consultant:
    require(
        request.user,
        "vetting.answer_invitations",
        message=_("Verified profiles are for consultants."),
    )
    consultant = Consultant.objects.filter(user=request.user).first()
    if consultant is None:
        raise Http404("You have no consultant profile.")
    return consultant


def _links_page(
    request: HttpRequest,
    consultant: Consultant,
    form: ProfileLinkForm,
    created: tuple[ProfileLink, str] | None = None,
) -> HttpResponse:
    with_scores = request.GET.get("scores") == "1"
    context = {
        "consultant": consultant,
        "form": form,
        "links": selectors.profile_links(request.user),
        "recent_views": selectors.profile_recent_views(request.user),
        "releases": list(selectors.score_releases_for(consultant)),
        "profile": selectors.verified_profile(consultant, include_scores=with_scores),
        "with_scores": with_scores,
        "created": created[0] if created else None,
        "created_url": request.build_absolute_uri(reverse("profiles:public", args=[created[1]]))
        if created
        else "",
    }
    status = 422 if form.is_bound and form.errors else 200
    return render(request, "profiles/links.html", context, status=status)


@never_cache
@login_required
def links(request: HttpRequest) -> HttpResponse:
    """The consultant's links; a POST creates one and shows its address, once (only the
    hash is kept, so this response is the only place the link appears)."""
    consultant = _consultant(request)
    if request.method != "POST":
        return _links_page(request, consultant, ProfileLinkForm())
    form = ProfileLinkForm(request.POST)
    if not form.is_valid():
        return _links_page(request, consultant, form)
    data = form.cleaned_data
    created = services.profile_link_create(
        consultant=consultant,
        by=request.user,
        label=data["label"],
        days=data["days"],
        include_scores=data["include_scores"],
    )
    return _links_page(request, consultant, ProfileLinkForm(), created)


def _link(request: HttpRequest, pk: int) -> ProfileLink:
    return get_object_or_404(ProfileLink.objects.for_user(request.user), pk=pk)


@login_required
def link_views(request: HttpRequest, pk: int) -> HttpResponse:
    link = _link(request, pk)
    page = Paginator(selectors.profile_link_views(link), VIEWS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "profiles/link_views.html", {"link": link, "page": page})


@login_required
@require_POST
def link_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    link = services.profile_link_revoke(link=_link(request, pk), by=request.user)
    messages.success(request, _("The link for %(label)s no longer works.") % {"label": link.label})
    return redirect("profiles:links")


def _no_robots(response: HttpResponse) -> HttpResponse:
    """Kept out of search engines, and the link (a secret) is never sent on as a referrer
    (the Referrer-Policy set here wins over the site's `same-origin`)."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


# A link is a secret and the page a person's record: never kept by a browser or a proxy.
@cache_control(private=True, no_store=True)
@ratelimit(key="ip", rate=settings.TOKEN_LINK_RATE, block=True)
@require_GET
def public(request: HttpRequest, token: str) -> HttpResponse:
    """The verified profile a link opens, for whoever holds it. An unknown, expired or
    revoked link gets one and the same page (404): a guesser learns nothing."""
    link = (
        ProfileLink.objects.select_related("consultant")
        .filter(token_hash=hash_token(token))
        .first()
    )
    if link is None or not link.is_usable:
        return _no_robots(render(request, "profiles/gone.html", status=404))
    ip, agent = client_fingerprint(request)
    services.profile_view_record(link=link, ip=ip, user_agent=agent)
    profile = selectors.verified_profile(link.consultant, include_scores=link.include_scores)
    return _no_robots(render(request, "profiles/public.html", {"profile": profile}))


@login_required
@require_POST
def score_release(request: HttpRequest, pk: int) -> HttpResponse:
    """The round's owner releases the submission's score to its consultant (from the score
    page)."""
    submission = get_object_or_404(Submission.objects.for_user(request.user), pk=pk)
    try:
        release = services.score_release(submission=submission, by=request.user)
    except ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _(
                "Released: %(consultant)s now sees the score %(score)s and may show it on "
                "their verified profile."
            )
            % {"consultant": submission.consultant, "score": f"{release.total:.0f}"},
        )
    return redirect("submissions:score", pk=submission.pk)


@login_required
@require_POST
def organisation_consent(request: HttpRequest) -> HttpResponse:
    """An admin of the organisation the person works in lets consultants' verified profiles
    name it (or stops it), from the organisation page."""
    organisation = current_organisation(request.user, request.session.get(SESSION_KEY))
    if organisation is None:
        raise Http404("You are not a member of a buyer organisation.")
    require(request.user, "vetting.view_organisation", organisation)
    form = ProfileConsentForm(request.POST)
    if form.is_valid():
        consent = form.cleaned_data["name_on_verified_profiles"]
        services.organisation_set_profile_consent(
            organisation=organisation, by=request.user, consent=consent
        )
        messages.success(
            request,
            _("Consultants' verified profiles now name %(name)s for your rounds.")
            % {"name": organisation.name}
            if consent
            else _('Consultants\' verified profiles now say "a buyer" for your rounds.'),
        )
    return redirect("organisation:members")
