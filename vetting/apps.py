from __future__ import annotations

from django.apps import AppConfig


class VettingConfig(AppConfig):
    name = "vetting"
    verbose_name = "Vetting"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from vetting import freshness

        freshness.connect()
        user_logged_in.connect(_remember_organisations, dispatch_uid="remember_organisations")


def _remember_organisations(
    sender: object, request: object, user: object, **kwargs: object
) -> None:
    """At sign-in, keep the person's organisations in their session (the menu reads them)."""
    from vetting.views.organisations import remember_organisations

    if request is not None and hasattr(request, "session"):
        remember_organisations(request, user=user)  # type: ignore[arg-type]
