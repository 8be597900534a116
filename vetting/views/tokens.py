"""Personal API tokens on the user's profile: create (shown once), list, revoke.

django-rest-knox stores only a SHA-512 digest of each token and its first characters (to
recognise it in this list); the raw token exists in the response that creates it, once.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from knox.models import AuthToken
from knox.settings import knox_settings


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    tokens = list(AuthToken.objects.filter(user=request.user).order_by("-created"))
    context = {
        "tokens": tokens,
        "now": timezone.now(),
        "limit": knox_settings.TOKEN_LIMIT_PER_USER,
        "ttl_days": knox_settings.TOKEN_TTL.days if knox_settings.TOKEN_TTL else None,
    }
    return render(request, "accounts/api_tokens.html", context)


@never_cache
@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    """Create a token and show it on the page this POST returns: never stored raw, not
    even in the session, so this response is the only place it appears."""
    limit = knox_settings.TOKEN_LIMIT_PER_USER
    active = (
        AuthToken.objects.filter(user=request.user)
        .filter(Q(expiry__isnull=True) | Q(expiry__gt=timezone.now()))
        .count()
    )
    if limit is not None and active >= limit:
        messages.error(
            request,
            ngettext(
                "You have %(count)s token: revoke one before creating another.",
                "You have %(count)s tokens: revoke one before creating another.",
                active,
            )
            % {"count": active},
        )
        return redirect("api_tokens")
    token, raw = AuthToken.objects.create(user=request.user)
    return render(request, "accounts/api_token_created.html", {"token": token, "raw": raw})


@login_required
@require_POST
def token_revoke(request: HttpRequest, digest: str) -> HttpResponse:
    deleted, _counts = AuthToken.objects.filter(user=request.user, digest=digest).delete()
    if not deleted:
        raise Http404("No such token.")
    messages.success(request, _("The token is revoked: requests that use it are now refused."))
    return redirect("api_tokens")
