"""The SCIM 2.0 wire format, as plain data: no models, no requests (tested without a
database). Users are read into `UserChanges`; a group's PATCH into (op, member ids)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

USER = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"
LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
ERROR = "urn:ietf:params:scim:api:messages:2.0:Error"
SERVICE_PROVIDER_CONFIG = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"
RESOURCE_TYPE = "urn:ietf:params:scim:schemas:core:2.0:ResourceType"
SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema"
CONTENT_TYPE = "application/scim+json"

MAX_RESULTS = 200  # a page holds at most this many resources (ServiceProviderConfig says so)


class ScimError(Exception):
    """A request the protocol refuses: answered as a SCIM error (RFC 7644 3.12)."""

    def __init__(self, status: int, detail: str, scim_type: str | None = None) -> None:
        super().__init__(detail)
        self.status, self.detail, self.scim_type = status, detail, scim_type


def error(status: int, detail: str, scim_type: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"schemas": [ERROR], "status": str(status), "detail": detail}
    if scim_type:
        body["scimType"] = scim_type
    return body


def list_response(resources: list[dict[str, Any]], total: int, start: int) -> dict[str, Any]:
    return {
        "schemas": [LIST_RESPONSE],
        "totalResults": total,
        "itemsPerPage": len(resources),
        "startIndex": start,
        "Resources": resources,
    }


def page(params: Any) -> tuple[int, int]:
    """(startIndex, count) of a list request: 1-based, a start below 1 is 1 and a negative
    count 0 (RFC 7644 3.4.2.4); at most MAX_RESULTS."""

    def number(name: str, default: int) -> int:
        raw = params.get(name)
        if raw in (None, ""):
            return default
        try:
            return int(raw)
        except ValueError:
            raise ScimError(400, f"{name} must be a whole number.", "invalidValue") from None

    return max(number("startIndex", 1), 1), min(max(number("count", MAX_RESULTS), 0), MAX_RESULTS)


_EQ = re.compile(r'^\s*([A-Za-z][\w.:]*)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$', re.IGNORECASE)


def equality_filter(expression: str, attributes: dict[str, str]) -> tuple[str, str]:
    """`attribute eq "value"`, the one filter identity providers send to find a resource,
    as (our name for the attribute, value); `attributes` maps SCIM names (compared without
    case, as RFC 7643 2.1 says) to ours. Anything else is an invalidFilter."""
    match = _EQ.match(expression)
    known = {name.lower(): ours for name, ours in attributes.items()}
    if match is None or match.group(1).lower() not in known:
        names = ", ".join(attributes)
        raise ScimError(
            400, f'Only `<attribute> eq "<value>"` filters, on {names}.', "invalidFilter"
        )
    value = re.sub(r"\\(.)", r"\1", match.group(2))
    return known[match.group(1).lower()], value


# --- Users -----------------------------------------------------------------------------------


@dataclass
class UserChanges:
    """What a POST, PUT or PATCH of a User asks to change (None: leave as it is). The
    account's address is its userName; a change of the primary email changes it too."""

    email: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    active: bool | None = None


def _boolean(value: Any) -> bool:
    # Some providers (Entra ID) send booleans as the strings "True" and "False".
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise ScimError(400, "active must be true or false.", "invalidValue")


def _text(value: Any, name: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ScimError(400, f"{name} must be a string.", "invalidValue")
    return value.strip()


def _primary_email(value: Any) -> str | None:
    if not isinstance(value, list):
        raise ScimError(400, "emails must be a list.", "invalidValue")
    addresses = [e for e in value if isinstance(e, dict) and e.get("value")]
    primary = [e for e in addresses if e.get("primary") in (True, "true", "True")]
    chosen = (primary or addresses or [None])[0]
    return None if chosen is None else _text(chosen["value"], "emails.value")


def _apply(changes: UserChanges, path: str, value: Any) -> None:
    """One attribute of a User into `changes`; attributes Winnow does not keep (title,
    phone numbers, the enterprise extension...) are ignored, as providers send them all."""
    key = path.lower()
    if key == "username":
        changes.email = _text(value, "userName")
    elif key == "active":
        changes.active = _boolean(value)
    elif key == "name":
        if not isinstance(value, dict):
            raise ScimError(400, "name must be an object.", "invalidValue")
        for part, inner in value.items():
            _apply(changes, f"name.{part}", inner)
    elif key == "name.givenname":
        changes.first_name = _text(value, "name.givenName")
    elif key == "name.familyname":
        changes.last_name = _text(value, "name.familyName")
    elif key == "emails":
        changes.email = changes.email or _primary_email(value)
    elif key.startswith("emails[") or key == "emails.value":
        # emails[type eq "work"].value or emails[primary eq true].value: the address
        changes.email = changes.email or _text(value, "emails.value")


def user_changes(body: Any) -> UserChanges:
    """The attributes of a User resource (a POST or a PUT)."""
    if not isinstance(body, dict):
        raise ScimError(400, "The body must be a User resource.", "invalidSyntax")
    changes = UserChanges()
    for name in ("userName", "name", "emails", "active"):
        if name in body:
            _apply(changes, name, body[name])
    return changes


def _operations(body: Any) -> list[dict[str, Any]]:
    operations = body.get("Operations") if isinstance(body, dict) else None
    if not isinstance(operations, list) or not operations:
        raise ScimError(400, "A PATCH needs a list of Operations.", "invalidSyntax")
    for operation in operations:
        if not isinstance(operation, dict) or str(operation.get("op", "")).lower() not in (
            "add",
            "remove",
            "replace",
        ):
            raise ScimError(
                400, 'Each operation needs "op": add, remove or replace.', "invalidSyntax"
            )
    return operations


def user_patch(body: Any) -> UserChanges:
    """A User's PATCH operations (RFC 7644 3.5.2), with or without a path: "add" and
    "replace" set an attribute, "remove" clears a name."""
    changes = UserChanges()
    for operation in _operations(body):
        op, path, value = operation["op"].lower(), operation.get("path"), operation.get("value")
        if op == "remove":
            if path and path.lower() in ("name.givenname", "name.familyname"):
                _apply(changes, path, "")
            continue
        if path:
            _apply(changes, path, value)
        elif isinstance(value, dict):
            for name, inner in value.items():
                _apply(changes, name, inner)
        else:
            raise ScimError(
                400, "An operation without a path needs an object value.", "invalidSyntax"
            )
    return changes


# --- Groups ----------------------------------------------------------------------------------

_MEMBER_FILTER = re.compile(r'^members\[\s*value\s+eq\s+"([^"]+)"\s*\]$', re.IGNORECASE)


def _member_ids(value: Any) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(m, dict) and "value" in m for m in value):
        raise ScimError(400, 'members must be a list of {"value": <user id>}.', "invalidValue")
    return [str(m["value"]) for m in value]


def group_patch(body: Any) -> list[tuple[str, list[str]]]:
    """A Group's PATCH operations as (op, user ids), in order: members added, removed
    (`members[value eq "id"]` or a list) or replaced. The name of a group (a role) is
    fixed: other paths are a mutability error."""
    changes: list[tuple[str, list[str]]] = []
    for operation in _operations(body):
        op, path, value = (
            operation["op"].lower(),
            operation.get("path") or "",
            operation.get("value"),
        )
        matched = _MEMBER_FILTER.match(path)
        if op == "remove" and matched:
            changes.append(("remove", [matched.group(1)]))
        elif path.lower() == "members":
            changes.append((op, _member_ids(value)))
        elif (
            not path and isinstance(value, dict) and set(value) <= {"members", "id", "displayName"}
        ):
            changes.append((op, _member_ids(value.get("members"))))
        else:
            raise ScimError(
                400, "Only a group's members change: its name is a role's.", "mutability"
            )
    return changes


def group_members(body: Any) -> list[str]:
    """The members of a Group resource (a PUT)."""
    if not isinstance(body, dict):
        raise ScimError(400, "The body must be a Group resource.", "invalidSyntax")
    return _member_ids(body.get("members", []))
