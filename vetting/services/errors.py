"""Why a service refused: the message is written for the person who asked."""

from __future__ import annotations


class ServiceError(Exception):
    """A rule of the vetting process forbids this now. Views show the message; the API
    answers 409 Conflict."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class AlreadyInvited(ServiceError):
    pass


class IdempotencyKeyReused(ServiceError):
    """An Idempotency-Key already used by this owner for a different engagement."""


class NotReady(ServiceError):
    """The submission cannot be submitted yet; `problems` lists what is missing."""

    def __init__(self, message: str, problems: list[str]) -> None:
        super().__init__(message)
        self.problems = problems
