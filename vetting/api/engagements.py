"""Engagements: create, edit, open, close, extend, invite, and read the ranking."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.forms.models import model_to_dict
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from consultants.models import Consultant
from vetting import selectors, services
from vetting.access import require, score_sight
from vetting.api.common import body, fits_an_id
from vetting.api.forms import as_form_data, validated
from vetting.forms import DeadlineForm, EngagementForm, InviteNewForm
from vetting.knockouts import Knockouts
from vetting.models import Engagement, User
from vetting.models.engagements import BRIEF_FIELDS
from vetting.scoring.rubric import CRITERIA, CRITERION_KEYS, CUSTOM_PREFIX

# A retried create is not a second engagement (see create below).
IDEMPOTENCY_KEY = "Idempotency-Key"


class EngagementSerializer(serializers.ModelSerializer):
    owner = serializers.PrimaryKeyRelatedField(read_only=True)
    reviewers = serializers.PrimaryKeyRelatedField(
        many=True, queryset=User.objects.all(), required=False
    )
    weights = serializers.DictField(
        child=serializers.IntegerField(min_value=0, max_value=100),
        required=False,
        help_text=f"Percent per criterion ({', '.join(CRITERION_KEYS)}, then the template's "
        "own criteria, own_...); they total 100.",
    )
    submissions_count = serializers.IntegerField(read_only=True)
    submitted_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Engagement
        fields = [
            "id",
            *BRIEF_FIELDS,
            "weights",
            "reviewers",
            "deadline",
            "status",
            "owner",
            "opened_at",
            "closed_at",
            "version",
            "submissions_count",
            "submitted_count",
        ]
        read_only_fields = ["status", "owner", "opened_at", "closed_at"]
        extra_kwargs = {"version": {"required": False}, "questionnaire": {"required": False}}


def _form_data(data: dict[str, Any], engagement: Engagement | None) -> dict[str, Any]:
    """API fields to the engagement form's fields (weights become weight_<criterion>)."""
    merged: dict[str, Any] = {}
    if engagement is not None:
        merged = model_to_dict(
            engagement,
            fields=[f for f in EngagementSerializer.Meta.fields if f not in ("weights", "owner")],
        )
        merged["reviewers"] = [u.pk for u in engagement.reviewers.all()]
        merged["deadline"] = timezone.localtime(engagement.deadline).strftime("%Y-%m-%dT%H:%M:%S")
        merged["version"] = engagement.version
        merged.update({f"weight_{k}": v for k, v in engagement.weights.items()})
    else:
        merged.update({f"weight_{c.key}": c.default_weight for c in CRITERIA})
        merged.update({"currency": "GBP", "references_required": 2})
    for key, value in data.items():
        if key == "weights" and isinstance(value, dict):
            # The core criteria's and the template's own (own_...: the form takes those of
            # the template chosen, and asks for any it lacks).
            merged.update(
                {
                    f"weight_{k}": v
                    for k, v in value.items()
                    if k in CRITERION_KEYS or (isinstance(k, str) and k.startswith(CUSTOM_PREFIX))
                }
            )
        else:
            merged[key] = value
    reviewers = merged.get("reviewers")
    listed = reviewers if isinstance(reviewers, list) else [reviewers]
    if reviewers not in (None, "") and not all(fits_an_id(r) for r in listed):
        # The form's multiple choice would query them all at once and fail in the database.
        raise serializers.ValidationError({"reviewers": [_("Give the ids of reviewers.")]})
    return merged


class EngagementViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Engagements the user runs or reviews. Only the owner changes one."""

    serializer_class = EngagementSerializer
    filterset_fields = ["status"]
    search_fields = ["title"]
    ordering_fields = ["deadline", "created_at", "title"]
    ordering = ["-created_at"]

    def get_queryset(self) -> QuerySet[Engagement]:
        return (
            Engagement.objects.for_user(self.request.user)
            # The questionnaire: the round's criteria (its own after the core seven) and
            # whether it can have must-haves (the ranking's knockouts).
            .select_related("questionnaire")
            .prefetch_related(Prefetch("reviewers", queryset=User.objects.only("pk")))
            .annotate(
                submissions_count=Count("submissions", distinct=True),
                submitted_count=Count(
                    "submissions", filter=Q(submissions__submitted_at__isnull=False), distinct=True
                ),
            )
        )

    def _owned(self) -> Engagement:
        engagement = self.get_object()
        require(self.request.user, "vetting.run_engagement", engagement)
        return engagement

    def _respond(self, engagement: Engagement, code: int = status.HTTP_200_OK) -> Response:
        fresh = self.get_queryset().get(pk=engagement.pk)
        return Response(self.get_serializer(fresh).data, status=code)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                IDEMPOTENCY_KEY,
                str,
                OpenApiParameter.HEADER,
                description="Any unique string up to 255 characters (a UUID, say) that makes "
                "retrying this create safe: a create with a key you used before returns "
                "that engagement (200, `Idempotent-Replayed: true`) instead of a copy, or "
                "422 if the body differs. Without a key, an engagement identical in every "
                "field that you created in the last 10 minutes is returned the same way, as "
                "on the pages (Back then Save, a double click).",
            )
        ],
        responses={201: EngagementSerializer, 200: EngagementSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        require(request.user, "vetting.create_engagement")
        key = request.headers.get(IDEMPOTENCY_KEY, "").strip()
        if len(key) > 255 or not key.isprintable() or not key.isascii():
            raise serializers.ValidationError(
                {IDEMPOTENCY_KEY: [_("Give at most 255 printable ASCII characters.")]}
            )
        form = EngagementForm(as_form_data(_form_data(body(request), None)), owner=request.user)
        form.fields["questionnaire"].required = False
        cleaned = validated(form)
        if cleaned.get("questionnaire") is None:
            cleaned["questionnaire"] = form.initial["questionnaire"]
        engagement, created = services.engagement_create(
            owner=request.user, data=cleaned, reviewers=cleaned["reviewers"], idempotency_key=key
        )
        if created:
            return self._respond(engagement, status.HTTP_201_CREATED)
        response = self._respond(engagement)
        response["Idempotent-Replayed"] = "true"
        return response

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        engagement = self._owned()
        form = EngagementForm(
            as_form_data(_form_data(body(request), engagement)),
            instance=engagement,
            owner=engagement.owner,
        )
        cleaned = validated(form)
        services.engagement_update(
            engagement=engagement,
            by=request.user,
            data=cleaned,
            reviewers=cleaned["reviewers"],
            expected_version=cleaned.get("version"),
        )
        return self._respond(engagement)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def open(self, request: Request, pk: str | None = None) -> Response:
        """Open the round: invitations prepared as a draft go out."""
        return self._respond(services.engagement_open(engagement=self._owned(), by=request.user))

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str | None = None) -> Response:
        return self._respond(services.engagement_close(engagement=self._owned(), by=request.user))

    @extend_schema(
        request=inline_serializer("DeadlineRequest", {"deadline": serializers.DateTimeField()})
    )
    @action(detail=True, methods=["post"])
    def deadline(self, request: Request, pk: str | None = None) -> Response:
        """Move the deadline later."""
        engagement = self._owned()
        cleaned = validated(DeadlineForm(as_form_data(dict(body(request)))))
        services.engagement_extend_deadline(
            engagement=engagement, by=request.user, deadline=cleaned["deadline"]
        )
        return self._respond(engagement)

    @extend_schema(
        request=inline_serializer(
            "InviteRequest",
            {
                "consultant": serializers.IntegerField(
                    required=False, help_text="An existing consultant's id; or name and email."
                ),
                "name": serializers.CharField(required=False),
                "email": serializers.EmailField(required=False),
            },
        ),
        responses={201: inline_serializer("Invited", {"submission": serializers.IntegerField()})},
    )
    @action(detail=True, methods=["post"])
    def invite(self, request: Request, pk: str | None = None) -> Response:
        """Invite a consultant from the directory, or someone new by name and email."""
        engagement = self._owned()
        if body(request).get("consultant") not in (None, ""):
            try:
                consultant_id = int(body(request)["consultant"])
            except (TypeError, ValueError) as exc:
                raise serializers.ValidationError(
                    {"consultant": [_("Give a consultant id.")]}
                ) from exc
            consultant = get_object_or_404(
                Consultant.objects.for_user(request.user), pk=consultant_id
            )
            submission = services.invite_existing(
                engagement=engagement, by=request.user, consultant=consultant
            )
        else:
            cleaned = validated(InviteNewForm(as_form_data(dict(body(request)))))
            submission = services.invite_new(
                engagement=engagement,
                by=request.user,
                name=cleaned["name"],
                email=cleaned["email"],
                language=cleaned["language"],
            )
        return Response({"submission": submission.pk}, status=status.HTTP_201_CREATED)

    @extend_schema(
        responses=inline_serializer(
            "RankingRow",
            {
                "submission": serializers.IntegerField(),
                "consultant": serializers.CharField(),
                "rank": serializers.IntegerField(allow_null=True),
                "total": serializers.FloatField(allow_null=True),
                "low": serializers.FloatField(allow_null=True),
                "high": serializers.FloatField(allow_null=True),
                "criteria": serializers.DictField(child=serializers.FloatField(allow_null=True)),
                "red_flags": serializers.IntegerField(allow_null=True),
                "green_flags": serializers.IntegerField(allow_null=True),
                "holds": serializers.IntegerField(allow_null=True),
                "knockouts": serializers.IntegerField(
                    allow_null=True, help_text="Must-haves answered no."
                ),
                "blind": serializers.BooleanField(
                    help_text="The score is hidden until you have submitted your own review."
                ),
                "references_completed": serializers.IntegerField(),
                "reviews_submitted": serializers.IntegerField(
                    help_text="The reviews that count in the score: submitted, with no "
                    "unresolved conflict of interest."
                ),
                "reviews_expected": serializers.IntegerField(
                    help_text="How many people review each consultant: the engagement's "
                    "owner and its reviewers (the page shows reviews_submitted of this)."
                ),
                "status": serializers.CharField(),
                "decision": serializers.CharField(allow_null=True),
                "decision_blocked": serializers.BooleanField(
                    allow_null=True,
                    help_text="A new hold was raised after this decision: it stands, but "
                    "shortlisting or selecting waits until a manager clears the hold. Null "
                    "with no decision, or while the score is blind.",
                ),
                "knocked_out": serializers.ListField(
                    child=serializers.CharField(),
                    allow_null=True,
                    help_text="Why the round's knockout criteria (a must-have answered no, "
                    "the lowest total, criterion score or references checked) rule this "
                    "consultant out; empty when none does, null while the score is blind.",
                ),
            },
            many=True,
        )
    )
    @action(detail=True, methods=["get"], filter_backends=[])
    def ranking(self, request: Request, pk: str | None = None) -> Response:
        """The submitted consultants, best score first (paginated like every list). As on
        the page, a reviewer sees a consultant's score once they have reviewed them, and
        until they have reviewed everyone gets the rows in name order without ranks."""
        engagement = self.get_object()
        sight = score_sight(request.user, engagement)
        page = self.paginate_queryset(
            selectors.ranking(engagement, selectors.RankingQuery().within(sight))
        )
        expected = engagement.review_panel_size
        knockouts = Knockouts.of(engagement)
        rows = [
            {
                **r.as_api(reviews_expected=expected),
                # Why the round's knockout criteria rule them out (a flag: None when hidden).
                "knocked_out": None if r.hidden else knockouts.reasons(r),
            }
            for r in selectors.ranking_rows(page, sight)
        ]
        return self.get_paginated_response(rows)
