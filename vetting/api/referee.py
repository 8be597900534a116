"""The referee's form through the private link from their email, without an account: what
the consultant claimed, then the answers (the same as the page's form) or a refusal."""

from __future__ import annotations

from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import cache_control
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import APIException, NotFound
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from consultants.models import Relationship
from vetting import services
from vetting.api.checks import ANSWER_FIELDS, ANSWER_GROUPS, answers_form_data
from vetting.api.common import JsonBodies, body, validated_nested
from vetting.api.forms import as_form_data, validated
from vetting.forms import DeclineForm, RefereeForm
from vetting.http import client_fingerprint
from vetting.models import ReferenceCheck
from vetting.services.references import claimed_accomplishments
from vetting.tokens import form_clock_read, form_clock_start, hash_token


class Gone(APIException):
    status_code = status.HTTP_410_GONE
    default_detail = gettext_lazy("This reference form has already been answered or has expired.")
    default_code = "gone"


RefereeAnswersInput = inline_serializer(
    "RefereeAnswersInput",
    {
        **ANSWER_FIELDS,
        "decline": serializers.BooleanField(
            required=False, help_text="True to decline giving a reference (nothing else needed)."
        ),
        "decline_reason": serializers.CharField(required=False, allow_blank=True),
        "opened": serializers.CharField(
            required=False, help_text="The `opened` of the GET: when the form was shown."
        ),
    },
)
RefereeFormOutput = inline_serializer(
    "RefereeForm",
    {
        "referee_name": serializers.CharField(),
        "consultant_name": serializers.CharField(),
        "buyer_name": serializers.CharField(),
        "referee_company": serializers.CharField(),
        "referee_role": serializers.CharField(),
        "claimed_relationship": serializers.ChoiceField(choices=Relationship.choices),
        "claimed_from": serializers.DateField(),
        "claimed_to": serializers.DateField(allow_null=True),
        "accomplishments": inline_serializer(
            "ClaimedAccomplishment",
            {"index": serializers.IntegerField(), "what": serializers.CharField()},
            many=True,
        ),
        "expires_at": serializers.DateTimeField(),
        "opened": serializers.CharField(
            help_text="Send it back with the answers (`opened`): when the form was shown."
        ),
    },
)
RefereeDone = inline_serializer(
    "RefereeDone", {"status": serializers.ChoiceField(choices=["completed", "declined"])}
)


# What the consultant claimed, about the referee: never kept by a browser or a proxy.
@method_decorator(cache_control(private=True, no_store=True), name="dispatch")
class RefereeFormView(JsonBodies, APIView):
    """The referee's form through the private link from their email: no account. Unknown
    links are a 404; answered, declined or expired ones a 410."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "referee"

    def _check(self, token: str) -> ReferenceCheck:
        check = (
            ReferenceCheck.objects.select_related(
                "submission__consultant", "submission__engagement__owner"
            )
            .filter(token_hash=hash_token(token))
            .first()
        )
        if check is None:
            raise NotFound(_("Unknown reference link."))
        if check.referee_replied:
            raise Gone(_("You have already replied to this reference request: thank you."))
        if not check.link_is_usable:
            raise Gone
        return check

    @extend_schema(auth=[], responses={200: RefereeFormOutput})
    def get(self, request: Request, token: str) -> Response:
        """What the consultant claimed about working with the referee."""
        check = self._check(token)
        return Response(
            {
                "referee_name": check.referee_name,
                "consultant_name": check.submission.consultant.name,
                "buyer_name": check.submission.engagement.owner.display_name,
                "referee_company": check.referee_company,
                "referee_role": check.referee_role,
                "claimed_relationship": check.claimed_relationship,
                "claimed_from": check.claimed_from,
                "claimed_to": check.claimed_to,
                "accomplishments": [
                    {"index": index, "what": what} for index, what in claimed_accomplishments(check)
                ],
                "expires_at": check.token_expires_at,
                # Send it back with the answers: the clock for "completed too fast".
                "opened": form_clock_start(check.pk),
            }
        )

    @extend_schema(auth=[], request=RefereeAnswersInput, responses={200: RefereeDone})
    def post(self, request: Request, token: str) -> Response:
        """Send the answers, or `{"decline": true, "decline_reason": "..."}`. Once only."""
        check = self._check(token)
        data = body(request)
        # The clock for "completed too fast": the `opened` of the GET, as on the page.
        opened = data.get("opened")
        opened_at = form_clock_read(opened, check.pk) if isinstance(opened, str) else None
        ip, agent = client_fingerprint(request)
        try:
            if data.get("decline") is True:
                cleaned = validated(DeclineForm(as_form_data(data)))
                services.referee_decline(
                    check=check, reason=cleaned["decline_reason"], ip=ip, user_agent=agent
                )
                return Response({"status": "declined"})
            claims = claimed_accomplishments(check)
            form = RefereeForm(
                as_form_data(answers_form_data(check, data, claims)), check=check, claims=claims
            )
            cleaned = validated_nested(form, ANSWER_GROUPS)
            services.referee_submit(
                check=check, data=cleaned, ip=ip, user_agent=agent, opened_at=opened_at
            )
        except services.ServiceError as exc:
            raise Gone from exc
        return Response({"status": "completed"})
