"""Friendly error pages."""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django_ratelimit.exceptions import Ratelimited

# How long a client should wait before trying again when the database is unreachable.
RETRY_AFTER_SECONDS = 30


def rate_limited(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "429.html", status=429)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if isinstance(exception, Ratelimited):
        return rate_limited(request, exception)
    return render(request, "403.html", {"reason": str(exception or "")}, status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500, for every uncaught exception (views and middleware alike). An unreachable
    database is a 503 with Retry-After: the request changed nothing, since every change is
    one transaction. Pages get a static page (rendered without the request, so no context
    processor touches the database), the API gets JSON."""
    unavailable = _database_unreachable(sys.exception())
    status = 503 if unavailable else 500
    if request.path.startswith("/api/"):
        detail = (
            "The service is unavailable for a moment (its database cannot be reached): "
            "nothing was changed; try again shortly."
            if unavailable
            else "A server error occurred. It is logged."
        )
        response: HttpResponse = JsonResponse({"detail": detail}, status=status)
    else:
        page = render_to_string("503.html" if unavailable else "500.html")
        response = HttpResponse(page, status=status)
    if unavailable:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _database_unreachable(exc: BaseException | None) -> bool:
    """Whether the database connection failed, here or in what caused this exception."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, OperationalError | InterfaceError):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False
