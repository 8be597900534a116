"""Sign-up (in two steps: the address is proven before the account exists) and the
role-based landing pages."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django_ratelimit.decorators import ratelimit

from consultants.services import consultant_sign_up_confirm, consultant_sign_up_request
from vetting.access import can
from vetting.forms import ConsultantSignUpForm, SignUpPasswordForm
from vetting.models import User
from vetting.roles import Role
from vetting.services.errors import ServiceError
from vetting.tokens import sign_up_token_read

HOME_BY_ROLE = {
    Role.PROCUREMENT: "procurement_home",
    Role.MANAGER: "procurement_home",
    Role.CONSULTANT: "my_invitations",
}


def home(request: HttpRequest) -> HttpResponse:
    """Anonymous visitors see what Winnow is; everyone else lands on their role's home."""
    if not request.user.is_authenticated:
        return render(request, "landing.html")
    role = request.user.primary_role
    if role is not None:
        return redirect(HOME_BY_ROLE[role])
    if can(request.user, "vetting.use_admin"):
        return redirect("admin:index")
    return render(request, "no_role.html")


@ratelimit(key="ip", rate=settings.SIGNUP_RATE, method="POST", block=True)
def signup(request: HttpRequest) -> HttpResponse:
    """Step one: the same answer for every address (the next step, or why not, goes by
    email to the address), so the form tells nobody who has an account."""
    if request.user.is_authenticated:
        return redirect("home")
    form = ConsultantSignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        consultant_sign_up_request(
            email=form.cleaned_data["email"],
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
        )
        return redirect("signup_done")
    return render(request, "registration/signup.html", {"form": form})


def signup_done(request: HttpRequest) -> HttpResponse:
    context = {"hours": settings.SIGNUP_LINK_TIMEOUT // 3600}
    return render(request, "registration/signup_done.html", context)


# The name and address of someone not yet signed up: never kept by a browser or a proxy.
@cache_control(private=True, no_store=True)
@ratelimit(key="ip", rate=settings.TOKEN_LINK_RATE, block=True)
def signup_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """Step two, at the emailed link: the address is proven, so choose a password."""
    if request.user.is_authenticated:
        return redirect("home")
    try:
        claim = sign_up_token_read(token)
    except signing.SignatureExpired:
        return render(request, "registration/signup_unusable.html", {"expired": True}, status=410)
    except signing.BadSignature:
        return render(request, "registration/signup_unusable.html", status=404)
    person = User(
        email=claim["email"], first_name=claim["first_name"], last_name=claim["last_name"]
    )
    form = SignUpPasswordForm(request.POST or None, user=person)
    if request.method == "POST" and form.is_valid():
        try:
            user = consultant_sign_up_confirm(
                email=person.email,
                first_name=person.first_name,
                last_name=person.last_name,
                password=form.cleaned_data["password1"],
            )
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request,
                _(
                    "Welcome to Winnow. Start with your profile: buyers read it before "
                    "anything else."
                ),
            )
            return redirect("consultants:edit", pk=user.consultant.pk)
    return render(request, "registration/signup_confirm.html", {"form": form, "person": person})
