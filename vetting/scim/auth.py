"""The organisation's bearer token, for the SCIM endpoints only: `Authorization: Bearer
<token>`. A person's session or API token is not one (401)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.request import Request

from vetting.services.provisioning import provisioning_token_authenticate


class ProvisioningTokenAuthentication(BaseAuthentication):
    """The token is the caller: `request.auth` is the `ProvisioningToken` (with its
    organisation), `request.user` nobody."""

    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        words = get_authorization_header(request).split()
        if not words or words[0].lower() != b"bearer":
            return None
        if len(words) != 2:
            raise AuthenticationFailed("Send the token as `Authorization: Bearer <token>`.")
        try:
            raw = words[1].decode()
        except UnicodeDecodeError:
            raise AuthenticationFailed("The token is not one of ours.") from None
        token = provisioning_token_authenticate(raw=raw)
        if token is None:
            raise AuthenticationFailed("The token is unknown or revoked.")
        return AnonymousUser(), token

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="scim"'
