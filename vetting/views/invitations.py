"""The private link in an invitation email."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django_ratelimit.decorators import ratelimit

from vetting import i18n, services
from vetting.forms import InvitationSignUpForm
from vetting.models import EngagementStatus, Invitation, User
from vetting.tokens import hash_token


# The invited name, address and round: never kept by a browser or a proxy.
@cache_control(private=True, no_store=True)
@ratelimit(key="ip", rate=settings.TOKEN_LINK_RATE, block=True)
def accept(request: HttpRequest, token: str) -> HttpResponse:
    """A new consultant signs up bound to the invitation; someone with an account signs in."""
    invitation = (
        Invitation.objects.select_related("submission__engagement__owner", "submission__consultant")
        .filter(token_hash=hash_token(token))
        .first()
    )
    if invitation is None:
        return render(request, "invitations/unusable.html", {"reason": "unknown"}, status=404)
    # In the language of the invitation email, unless they chose another.
    i18n.use_language(request, invitation.language)
    submission = invitation.submission
    answer_url = reverse("submissions:answer", args=[submission.pk])
    if submission.consultant.user_id is not None:
        # The invitation was claimed (or the person already had an account): sign in.
        if request.user.is_authenticated and request.user.pk == submission.consultant.user_id:
            return redirect(answer_url)
        if invitation.accepted_at is not None:
            messages.info(request, _("This invitation has already been used: sign in to continue."))
        return redirect_to_login(answer_url)
    engagement = submission.engagement
    if engagement.status not in (EngagementStatus.DRAFT, EngagementStatus.OPEN):
        # Say so before anyone creates an account for nothing; the token stays unspent.
        context = {"reason": "closed", "engagement": engagement}
        return render(request, "invitations/unusable.html", context, status=410)
    if not invitation.is_usable:
        return render(request, "invitations/unusable.html", {"reason": "expired"}, status=410)
    if User.objects.filter(email__iexact=invitation.email).exists():
        # They signed up on their own since the invitation went out: joining the round to
        # that account is a change, made on a POST (a GET writes nothing).
        if request.method != "POST":
            context = {"invitation": invitation, "engagement": engagement}
            return render(request, "invitations/claim.html", context)
        try:
            claimed = services.invitation_claim_for_account(invitation=invitation)
        except services.ServiceError as exc:
            messages.error(request, str(exc))
            return redirect("login")
        return redirect_to_login(reverse("submissions:answer", args=[claimed.pk]))
    form = InvitationSignUpForm(request.POST or None, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept_signup(
                invitation=invitation,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data["password1"],
            )
        except services.ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request,
                _(
                    "Welcome to Winnow. Your answers save as you type; complete your profile "
                    "and name your references before you submit."
                ),
            )
            return redirect(answer_url)
    context = {"form": form, "invitation": invitation, "engagement": submission.engagement}
    return render(request, "invitations/signup.html", context)
