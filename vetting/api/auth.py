"""Personal API tokens: random, shown once, stored as a digest (django-rest-knox)."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from knox.auth import TokenAuthentication


class PersonalTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <token>` with a token created on the user's profile page."""


class PersonalTokenScheme(OpenApiAuthenticationExtension):
    target_class = "vetting.api.auth.PersonalTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: object) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": 'A personal token from your profile page, sent as "Token <token>".',
        }
