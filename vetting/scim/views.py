"""SCIM 2.0 endpoints of one organisation, /scim/v2/<slug>/…: its people as Users, its
roles as Groups, and what the service provider supports. The caller is the organisation's
provisioning token (`auth`): who it reaches is asked of `vetting.access.provisioning`,
every change is a service of `vetting.services.provisioning`, and every refusal is a SCIM
error. Built on DRF's APIView (parsing, content negotiation, authentication) rather than
django-scim2: see docs/architecture.md, "Provisioning"."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.urls import reverse
from django.utils.cache import patch_cache_control
from rest_framework.exceptions import NotAuthenticated, ParseError
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from vetting.access.provisioning import provisioned_memberships, token_reaches
from vetting.api.parsers import BoundedJSONParser
from vetting.models import Membership, Organisation, OrganisationRole, ProvisioningToken
from vetting.scim import discovery, protocol
from vetting.scim.auth import ProvisioningTokenAuthentication
from vetting.scim.protocol import ScimError
from vetting.services import provisioning as service
from vetting.services.errors import ServiceError


class ScimJSONParser(BoundedJSONParser):
    media_type = protocol.CONTENT_TYPE


class ScimJSONRenderer(JSONRenderer):
    media_type = protocol.CONTENT_TYPE
    charset = None


def scim_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Every refusal as a SCIM error: schemas, status (a string), scimType, detail."""
    if isinstance(exc, ScimError):
        return Response(protocol.error(exc.status, exc.detail, exc.scim_type), status=exc.status)
    if isinstance(exc, service.ProvisioningRefused):
        status = 409 if exc.kind == "uniqueness" else 400
        return Response(protocol.error(status, exc.message, exc.kind), status=status)
    if isinstance(exc, ServiceError):
        return Response(protocol.error(409, exc.message), status=409)
    response = drf_exception_handler(exc, context)
    if response is not None:
        detail = getattr(exc, "detail", None) or str(exc) or response.status_text
        scim_type = "invalidSyntax" if isinstance(exc, ParseError) else None
        response.data = protocol.error(response.status_code, str(detail), scim_type)
    return response


class ScimView(APIView):
    authentication_classes = [ProvisioningTokenAuthentication]
    permission_classes: list[Any] = []
    throttle_classes: list[Any] = []
    parser_classes = [ScimJSONParser, BoundedJSONParser]
    renderer_classes = [ScimJSONRenderer, JSONRenderer]
    schema = None  # SCIM describes itself (/Schemas); not an operation of the /api/v1 schema

    organisation: Organisation
    token: ProvisioningToken

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if not isinstance(request.auth, ProvisioningToken):
            raise NotAuthenticated("Send the organisation's token as `Authorization: Bearer`.")
        organisation = Organisation.objects.filter(slug=kwargs["organisation"]).first()
        # Another organisation's endpoints do not exist for this token.
        if organisation is None or not token_reaches(request.auth, organisation):
            raise Http404("No such organisation.")
        self.organisation, self.token = organisation, request.auth

    def get_exception_handler(self) -> Any:
        return scim_exception_handler

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        # People's names and addresses, to a caller that is no user (the middleware that
        # marks signed-in responses private does not see this one).
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True)
        return response

    # --- representations --------------------------------------------------------------

    def url(self, name: str, *args: str) -> str:
        return self.request.build_absolute_uri(
            reverse(f"scim:{name}", args=[self.organisation.slug, *args])
        )

    def user_resource(self, membership: Membership, *, active: bool = True) -> dict[str, Any]:
        user = membership.user
        role = OrganisationRole(membership.role)
        return {
            "schemas": [protocol.USER],
            "id": str(user.pk),
            "userName": user.email,
            "name": {
                "givenName": user.first_name,
                "familyName": user.last_name,
                "formatted": user.get_full_name(),
            },
            "displayName": user.display_name,
            "emails": [{"value": user.email, "type": "work", "primary": True}],
            "active": active and user.is_active,
            "groups": [
                {"value": role.value, "display": role.label, "$ref": self.url("group", role.value)}
            ],
            "meta": {
                "resourceType": "User",
                "created": membership.created_at.isoformat(),
                "location": self.url("user", str(user.pk)),
            },
        }

    def group_resource(
        self, role: OrganisationRole, members: list[Membership], *, with_members: bool = True
    ) -> dict[str, Any]:
        resource: dict[str, Any] = {
            "schemas": [protocol.GROUP],
            "id": role.value,
            "displayName": role.label,
            "meta": {"resourceType": "Group", "location": self.url("group", role.value)},
        }
        if with_members:
            resource["members"] = [
                {
                    "value": str(m.user_id),
                    "display": m.user.email,
                    "$ref": self.url("user", str(m.user_id)),
                }
                for m in members
            ]
        return resource

    def membership(self, pk: str) -> Membership:
        """A member of this organisation by their SCIM id; anyone else is a 404."""
        found = None
        if pk.isdigit():
            found = provisioned_memberships(self.organisation).filter(user_id=int(pk)).first()
        if found is None:
            raise ScimError(404, f"No member {pk} in this organisation.")
        return found


class UsersView(ScimView):
    def get(self, request: Request, organisation: str) -> Response:
        memberships = provisioned_memberships(self.organisation).order_by("user_id")
        expression = request.query_params.get("filter")
        if expression:
            _, value = protocol.equality_filter(
                expression, {"userName": "email", "emails.value": "email", "emails": "email"}
            )
            memberships = memberships.filter(user__email__iexact=value)
        start, count = protocol.page(request.query_params)
        total = memberships.count()
        shown = list(memberships[start - 1 : start - 1 + count]) if count else []
        resources = [self.user_resource(m) for m in shown]
        return Response(protocol.list_response(resources, total, start))

    def post(self, request: Request, organisation: str) -> Response:
        changes = protocol.user_changes(request.data)
        if not changes.email:
            raise ScimError(400, "userName (the email address) is required.", "invalidValue")
        membership = service.scim_user_create(
            token=self.token,
            email=changes.email,
            first_name=changes.first_name or "",
            last_name=changes.last_name or "",
        )
        resource = self.user_resource(membership)
        return Response(resource, status=201, headers={"Location": resource["meta"]["location"]})


class UserView(ScimView):
    def get(self, request: Request, organisation: str, pk: str) -> Response:
        return Response(self.user_resource(self.membership(pk)))

    def _update(self, membership: Membership, changes: protocol.UserChanges) -> Response:
        updated = service.scim_user_update(
            token=self.token,
            membership=membership,
            email=changes.email,
            first_name=changes.first_name,
            last_name=changes.last_name,
            active=changes.active,
        )
        if updated is None:  # deprovisioned: out of the organisation, signed out
            return Response(self.user_resource(membership, active=False))
        return Response(self.user_resource(updated))

    def put(self, request: Request, organisation: str, pk: str) -> Response:
        return self._update(self.membership(pk), protocol.user_changes(request.data))

    def patch(self, request: Request, organisation: str, pk: str) -> Response:
        return self._update(self.membership(pk), protocol.user_patch(request.data))

    def delete(self, request: Request, organisation: str, pk: str) -> Response:
        service.scim_user_deactivate(token=self.token, membership=self.membership(pk))
        return Response(status=204)


def _role(pk: str) -> OrganisationRole:
    if pk not in OrganisationRole.values:
        raise ScimError(404, f"No group {pk}: the groups are {', '.join(OrganisationRole.values)}.")
    return OrganisationRole(pk)


class GroupsView(ScimView):
    def get(self, request: Request, organisation: str) -> Response:
        roles = list(OrganisationRole)
        expression = request.query_params.get("filter")
        if expression:
            _, value = protocol.equality_filter(
                expression, {"displayName": "displayName", "id": "id"}
            )
            roles = [r for r in roles if value.lower() in (r.value, r.label.lower())]
        with_members = "members" not in request.query_params.get("excludedAttributes", "")
        members = list(provisioned_memberships(self.organisation).order_by("user_id"))
        start, count = protocol.page(request.query_params)
        shown = roles[start - 1 : start - 1 + count]
        resources = [
            self.group_resource(r, [m for m in members if m.role == r], with_members=with_members)
            for r in shown
        ]
        return Response(protocol.list_response(resources, len(roles), start))


class GroupView(ScimView):
    def _resource(self, role: OrganisationRole) -> Response:
        members = provisioned_memberships(self.organisation).filter(role=role).order_by("user_id")
        return Response(self.group_resource(role, list(members)))

    def _memberships(self, ids: list[str], *, strict: bool) -> list[Membership]:
        wanted = {int(i) for i in ids if i.isdigit()}
        found = list(provisioned_memberships(self.organisation).filter(user_id__in=wanted))
        if strict and len(found) != len(set(ids)):
            raise ScimError(
                400, "Every member must be a member of this organisation.", "invalidValue"
            )
        return found

    def get(self, request: Request, organisation: str, pk: str) -> Response:
        return self._resource(_role(pk))

    def patch(self, request: Request, organisation: str, pk: str) -> Response:
        role = _role(pk)
        # Someone already gone is already out of every group: removing them is no error.
        changes = [
            (op, self._memberships(ids, strict=op != "remove"))
            for op, ids in protocol.group_patch(request.data)
        ]
        service.scim_group_update(token=self.token, role=role, changes=changes)
        return self._resource(role)

    def put(self, request: Request, organisation: str, pk: str) -> Response:
        role = _role(pk)
        members = self._memberships(protocol.group_members(request.data), strict=True)
        service.scim_group_update(token=self.token, role=role, changes=[("replace", members)])
        return self._resource(role)


class ServiceProviderConfigView(ScimView):
    def get(self, request: Request, organisation: str) -> Response:
        return Response(discovery.service_provider_config(self._base()))

    def _base(self) -> str:
        return self.url("users").removesuffix("/Users")


class ResourceTypesView(ServiceProviderConfigView):
    documents = staticmethod(discovery.resource_types)

    def get(self, request: Request, organisation: str, pk: str | None = None) -> Response:
        documents = self.documents(self._base())
        if pk is None:
            return Response(protocol.list_response(documents, len(documents), 1))
        for document in documents:
            if document["id"] == pk:
                return Response(document)
        raise ScimError(404, f"No {pk} here.")


class SchemasView(ResourceTypesView):
    documents = staticmethod(discovery.schemas)
