"""The process's refusals as HTTP: a rule that forbids an action now is 409 Conflict, an
incomplete submission 400 with what is missing, a stale edit 409."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from vetting.concurrency import StaleVersionError
from vetting.services.errors import IdempotencyKeyReused, NotReady, ServiceError


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, NotReady):
        return Response(
            {"detail": exc.message, "problems": exc.problems}, status=status.HTTP_400_BAD_REQUEST
        )
    if isinstance(exc, IdempotencyKeyReused):  # as the IETF Idempotency-Key draft says
        return Response({"detail": exc.message}, status=status.HTTP_422_UNPROCESSABLE_ENTITY)
    if isinstance(exc, ServiceError):
        return Response({"detail": exc.message}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, StaleVersionError):
        return Response({"detail": exc.message}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        return Response(detail, status=status.HTTP_400_BAD_REQUEST)
    return drf_exception_handler(exc, context)
