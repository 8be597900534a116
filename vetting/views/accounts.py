"""Sign-up and the role-based landing pages."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django_ratelimit.decorators import ratelimit

from consultants.services import consultant_sign_up
from vetting.forms import ConsultantSignUpForm
from vetting.roles import Role

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
    if request.user.is_staff:
        return redirect("admin:index")
    return render(request, "no_role.html")


@ratelimit(key="ip", rate=settings.SIGNUP_RATE, method="POST", block=True)
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    form = ConsultantSignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = consultant_sign_up(
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password1"],
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request,
            "Welcome to Winnow. Start with your profile: buyers read it before anything else.",
        )
        return redirect("consultants:edit", pk=user.consultant.pk)
    return render(request, "registration/signup.html", {"form": form})
