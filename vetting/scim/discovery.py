"""What the service provider supports (RFC 7644 section 4): ServiceProviderConfig,
ResourceTypes and Schemas, with only the attributes Winnow keeps. `base` is the
organisation's SCIM root URL (…/scim/v2/<slug>), for each resource's meta.location."""

from __future__ import annotations

from typing import Any

from vetting.scim.protocol import (
    GROUP,
    MAX_RESULTS,
    RESOURCE_TYPE,
    SCHEMA,
    SERVICE_PROVIDER_CONFIG,
    USER,
)


def service_provider_config(base: str) -> dict[str, Any]:
    return {
        "schemas": [SERVICE_PROVIDER_CONFIG],
        "patch": {"supported": True},
        "bulk": {"supported": False, "maxOperations": 0, "maxPayloadSize": 0},
        "filter": {"supported": True, "maxResults": MAX_RESULTS},
        "changePassword": {"supported": False},
        "sort": {"supported": False},
        "etag": {"supported": False},
        "authenticationSchemes": [
            {
                "type": "oauthbearertoken",
                "name": "Bearer token",
                "description": "The organisation's provisioning token, created by its admin "
                "on the Provisioning (SCIM) page, sent as `Authorization: Bearer <token>`.",
                "primary": True,
            }
        ],
        "meta": {
            "resourceType": "ServiceProviderConfig",
            "location": f"{base}/ServiceProviderConfig",
        },
    }


def resource_types(base: str) -> list[dict[str, Any]]:
    def one(name: str, schema: str, description: str) -> dict[str, Any]:
        return {
            "schemas": [RESOURCE_TYPE],
            "id": name,
            "name": name,
            "endpoint": f"/{name}s",
            "description": description,
            "schema": schema,
            "meta": {"resourceType": "ResourceType", "location": f"{base}/ResourceTypes/{name}"},
        }

    return [
        one("User", USER, "A member of the organisation (their account is their email)."),
        one(
            "Group",
            GROUP,
            "One of the organisation's roles: admin, procurement, manager, "
            "reviewer. A member is in exactly one.",
        ),
    ]


def _attribute(name: str, kind: str = "string", **extra: Any) -> dict[str, Any]:
    return {
        "name": name,
        "type": kind,
        "multiValued": False,
        "required": False,
        "caseExact": False,
        "mutability": "readWrite",
        "returned": "default",
        "uniqueness": "none",
        **extra,
    }


def schemas(base: str) -> list[dict[str, Any]]:
    user = [
        _attribute(
            "userName",
            required=True,
            uniqueness="server",
            description="The account's email address.",
        ),
        _attribute(
            "name",
            "complex",
            subAttributes=[
                _attribute("givenName"),
                _attribute("familyName"),
                _attribute("formatted", mutability="readOnly"),
            ],
        ),
        _attribute("displayName", mutability="readOnly"),
        _attribute(
            "emails",
            "complex",
            multiValued=True,
            subAttributes=[
                _attribute("value"),
                _attribute("type"),
                _attribute("primary", "boolean"),
            ],
            description="One: the account's address (the same as userName).",
        ),
        _attribute(
            "active",
            "boolean",
            description="false removes the person from the organisation at once.",
        ),
        _attribute(
            "groups",
            "complex",
            multiValued=True,
            mutability="readOnly",
            subAttributes=[
                _attribute("value"),
                _attribute("display"),
                _attribute("$ref", "reference", referenceTypes=["Group"]),
            ],
        ),
    ]
    group = [
        _attribute("displayName", required=True, mutability="readOnly", uniqueness="server"),
        _attribute(
            "members",
            "complex",
            multiValued=True,
            subAttributes=[
                _attribute("value", mutability="immutable"),
                _attribute("display"),
                _attribute("$ref", "reference", referenceTypes=["User"]),
            ],
        ),
    ]

    def one(urn: str, name: str, attributes: list[dict[str, Any]]) -> dict[str, Any]:
        return {
            "schemas": [SCHEMA],
            "id": urn,
            "name": name,
            "description": f"{name} of a Winnow buyer organisation",
            "attributes": attributes,
            "meta": {"resourceType": "Schema", "location": f"{base}/Schemas/{urn}"},
        }

    return [one(USER, "User", user), one(GROUP, "Group", group)]
