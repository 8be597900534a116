"""Questionnaire templates and their questions: the builder's pages as API operations, with
the same rules (the access layer), services and forms (so the same messages)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from vetting import services
from vetting.access import require, visible_templates
from vetting.api.common import JsonBodies, body
from vetting.api.forms import as_form_data, validated
from vetting.forms import CriterionForm, QuestionForm, TemplateForm
from vetting.forms.questionnaires import question_form_data, template_from_export
from vetting.models import Question, Questionnaire
from vetting.models.questionnaires import QUESTION_FIELDS

FOR_PROCUREMENT = gettext_lazy("Questionnaires are for procurement.")


class OptionSerializer(serializers.Serializer):
    key = serializers.CharField(read_only=True, help_text="Stable: answers store it.")
    label = serializers.CharField(max_length=120)
    points = serializers.IntegerField(
        allow_null=True, required=False, min_value=-100, max_value=100
    )


class BandSerializer(serializers.Serializer):
    min = serializers.IntegerField()
    max = serializers.IntegerField(allow_null=True, help_text="None: and more.")
    points = serializers.IntegerField(min_value=-100, max_value=100)


class QuestionSerializer(serializers.ModelSerializer):
    core = serializers.BooleanField(
        source="is_core", read_only=True, help_text="A core question: kept as it is."
    )
    options = OptionSerializer(many=True, required=False)
    bands = BandSerializer(many=True, required=False, help_text="A number's points by band.")

    class Meta:
        model = Question
        fields = ["id", "key", "position", "core", *QUESTION_FIELDS]
        read_only_fields = ["id", "key", "position", "core"]


class CriterionSerializer(serializers.Serializer):
    key = serializers.CharField(read_only=True, help_text="own_...: stable once given.")
    label = serializers.CharField(max_length=60)
    summary = serializers.CharField(max_length=300, required=False, allow_blank=True)
    weight = serializers.IntegerField(
        min_value=0, max_value=100, help_text="Where a new round's weight starts (percent)."
    )


class TemplateSerializer(serializers.ModelSerializer):
    owner = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True, help_text="None for the built-in core template."
    )
    criteria = CriterionSerializer(
        source="custom_criteria",
        many=True,
        read_only=True,
        help_text="The template's own criteria, scored after the seven core ones.",
    )
    questions = QuestionSerializer(many=True, read_only=True)

    class Meta:
        model = Questionnaire
        fields = [
            "id",
            "title",
            "version",
            "status",
            "owner",
            "based_on",
            "criteria",
            "questions",
        ]
        read_only_fields = ["version", "status", "owner", "based_on"]


TemplateCreate = inline_serializer(
    "TemplateCreate",
    {
        "title": serializers.CharField(max_length=120),
        "based_on": serializers.IntegerField(
            required=False, help_text="A template you may see to copy; the core one if absent."
        ),
    },
)
MoveRequest = inline_serializer(
    "QuestionMove", {"step": serializers.ChoiceField(choices=[-1, 1], help_text="-1 up, 1 down")}
)


def _question_data(request: Request, question: Question | None) -> dict[str, Any]:
    """The body as the builder's form takes it; a PATCH keeps what it does not name."""
    raw = dict(body(request))
    if question is not None and request.method == "PATCH":
        current = QuestionSerializer(question).data
        raw = {**{k: v for k, v in current.items() if k in QuestionSerializer.Meta.fields}, **raw}
    return question_form_data(raw)


class TemplateViewSet(
    JsonBodies,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Your questionnaire templates and the core one. Drafts change; publishing freezes a
    template (rounds may then use it); a change after that is a new version."""

    serializer_class = TemplateSerializer
    filterset_fields = ["status"]
    ordering = ["owner_id", "-version"]

    def get_queryset(self) -> QuerySet[Questionnaire]:
        return visible_templates(self.request.user).prefetch_related(
            Prefetch("questions", queryset=Question.objects.order_by("position", "pk"))
        )

    def _respond(self, template: Questionnaire, code: int = status.HTTP_200_OK) -> Response:
        fresh = self.get_queryset().get(pk=template.pk)
        return Response(TemplateSerializer(fresh).data, status=code)

    def _changeable(self) -> Questionnaire:
        template = self.get_object()
        require(self.request.user, "vetting.change_template", template)
        return template

    @extend_schema(request=TemplateCreate, responses={201: TemplateSerializer})
    def create(self, request: Request) -> Response:
        require(
            request.user,
            "vetting.create_engagement",
            None,
            _("Questionnaires are for procurement."),
        )
        data = body(request)
        cleaned = validated(TemplateForm(as_form_data({"title": data.get("title")})))
        based_on = None
        if data.get("based_on") is not None:
            based_on = get_object_or_404(self.get_queryset(), pk=_id(data["based_on"]))
        template = services.template_create(
            by=request.user, title=cleaned["title"], based_on=based_on
        )
        return self._respond(template, status.HTTP_201_CREATED)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, pk: str | None = None) -> Response:
        template = self._changeable()
        return self._respond(services.template_publish(template=template, by=request.user))

    @extend_schema(request=None, responses={201: TemplateSerializer})
    @action(detail=True, methods=["post"], url_path="new-version")
    def new_version(self, request: Request, pk: str | None = None) -> Response:
        copy = services.template_new_version(template=self.get_object(), by=request.user)
        return self._respond(copy, status.HTTP_201_CREATED)

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["get"])
    def export(self, request: Request, pk: str | None = None) -> Response:
        """The template as JSON to share (`format`: winnow-template/1); import it back."""
        return Response(services.template_export(self.get_object()))

    @extend_schema(request=OpenApiTypes.OBJECT, responses={201: TemplateSerializer})
    @action(detail=False, methods=["post"], url_path="import")
    def import_(self, request: Request) -> Response:
        """A new draft from an exported template: every problem is listed by question."""
        require(
            request.user,
            "vetting.create_engagement",
            None,
            _("Questionnaires are for procurement."),
        )
        try:
            imported = template_from_export(body(request))
        except forms.ValidationError as exc:
            raise serializers.ValidationError({"questions": exc.messages}) from None
        template = services.template_import(
            by=request.user,
            title=imported["title"],
            questions=imported["questions"],
            criteria=imported["criteria"],
        )
        return self._respond(template, status.HTTP_201_CREATED)

    @extend_schema(request=QuestionSerializer, responses={201: QuestionSerializer})
    @action(detail=True, methods=["post"])
    def questions(self, request: Request, pk: str | None = None) -> Response:
        """Add one of your questions at the end of a draft template."""
        template = self._changeable()
        form = QuestionForm(data=_question_data(request, None), criteria=template.criteria)
        cleaned = validated(form)
        question = services.question_add(template=template, by=request.user, data=cleaned)
        return Response(QuestionSerializer(question).data, status=status.HTTP_201_CREATED)

    def _own_question(self, question_pk: str) -> Question:
        template = self._changeable()
        question = get_object_or_404(template.questions.all(), pk=_id(question_pk))
        if question.is_core:
            raise serializers.ValidationError(
                {"detail": [_("The core questions stay as they are: the score reads them.")]}
            )
        return question

    @extend_schema(
        methods=["PUT", "PATCH"], request=QuestionSerializer, responses={200: QuestionSerializer}
    )
    @extend_schema(methods=["DELETE"], request=None, responses={204: None})
    @action(
        detail=True,
        methods=["put", "patch", "delete"],
        url_path=r"questions/(?P<question_pk>\d+)",
    )
    def question(self, request: Request, pk: str | None = None, question_pk: str = "") -> Response:
        """Change or delete one of your questions of a draft template (its key stays)."""
        question = self._own_question(question_pk)
        if request.method == "DELETE":
            services.question_delete(question=question, by=request.user)
            return Response(status=status.HTTP_204_NO_CONTENT)
        form = QuestionForm(
            data=_question_data(request, question),
            instance=question,
            criteria=question.questionnaire.criteria,
        )
        cleaned = validated(form)
        question = services.question_update(question=question, by=request.user, data=cleaned)
        return Response(QuestionSerializer(question).data)

    @extend_schema(request=CriterionSerializer, responses={201: CriterionSerializer})
    @action(detail=True, methods=["post"])
    def criteria(self, request: Request, pk: str | None = None) -> Response:
        """Add a criterion of your own to a draft template: questions may then feed it,
        reviewers rate it and each round weights it."""
        template = self._changeable()
        form = CriterionForm(as_form_data(body(request)), taken=template.criteria)
        added = services.criterion_add(template=template, by=request.user, data=validated(form))
        return Response(added, status=status.HTTP_201_CREATED)

    @extend_schema(
        methods=["PUT", "PATCH"], request=CriterionSerializer, responses={200: CriterionSerializer}
    )
    @extend_schema(methods=["DELETE"], request=None, responses={204: None})
    @action(
        detail=True,
        methods=["put", "patch", "delete"],
        url_path=r"criteria/(?P<key>[a-z0-9_]+)",
    )
    def criterion(self, request: Request, pk: str | None = None, key: str = "") -> Response:
        """Change or delete one of your criteria of a draft template (its key stays; a
        criterion that questions feed is not deleted)."""
        template = self._changeable()
        current = services.criterion_of(template, key)
        if current is None:
            raise Http404(_("No such criterion in this template."))
        if request.method == "DELETE":
            services.criterion_delete(template=template, by=request.user, key=key)
            return Response(status=status.HTTP_204_NO_CONTENT)
        raw = dict(body(request))
        if request.method == "PATCH":
            raw = {**current, **raw}
        others = tuple(c for c in template.criteria if c.key != key)
        form = CriterionForm(as_form_data(raw), taken=others)
        changed = services.criterion_update(
            template=template, by=request.user, key=key, data=validated(form)
        )
        return Response(changed)

    @extend_schema(request=MoveRequest, responses={200: TemplateSerializer})
    @action(detail=True, methods=["post"], url_path=r"questions/(?P<question_pk>\d+)/move")
    def move(self, request: Request, pk: str | None = None, question_pk: str = "") -> Response:
        """Move one of your questions one place up (-1) or down (1)."""
        question = self._own_question(question_pk)
        step = body(request).get("step")
        if step not in (-1, 1):
            raise serializers.ValidationError({"step": [_("Give -1 (up) or 1 (down).")]})
        services.question_move(question=question, by=request.user, step=step)
        return self._respond(question.questionnaire)


def _id(value: Any) -> int:
    if isinstance(value, bool) or not str(value).isdigit() or len(str(value)) > 18:
        raise serializers.ValidationError({"id": [_("Give a whole number.")]})
    return int(value)
