from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django_ratelimit.decorators import ratelimit

from vetting.views import accounts, health

password_reset = ratelimit(key="ip", rate=settings.PASSWORD_RESET_RATE, method="POST", block=True)(
    auth_views.PasswordResetView.as_view(
        email_template_name="emails/password_reset.txt",
        html_email_template_name="emails/password_reset.html",
        subject_template_name="emails/password_reset_subject.txt",
        extra_email_context={"site_name": settings.SITE_NAME, "site_url": settings.SITE_URL},
    )
)

urlpatterns = [
    path("", accounts.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("accounts/signup/", accounts.signup, name="signup"),
    path("accounts/password_reset/", password_reset, name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("consultants.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "vetting.views.errors.forbidden"
