from __future__ import annotations

from typing import Any

from allauth.socialaccount.models import SocialApp, SocialToken
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from vetting.models import (
    Answer,
    Approval,
    Clarification,
    Comment,
    CommercialProposal,
    DeliveryReview,
    Engagement,
    Invitation,
    OutcomeWeighting,
    ProfileLink,
    ProposalLine,
    Question,
    Questionnaire,
    ScoreRelease,
    SentEmail,
    Submission,
    User,
    VendorEntry,
    WebhookEndpoint,
)
from vetting.models.commercial import PROPOSAL_FIELDS
from vetting.services import questionnaire_new_version


@admin.register(User)
class UserAdmin(DjangoUserAdmin, SimpleHistoryAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_staff", "is_active", "last_login"]
    list_filter = ["groups", "is_staff", "is_active"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Person", {"fields": ["first_name", "last_name"]}),
        ("Roles", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "first_name", "last_name", "password1", "password2"],
            },
        )
    ]


@admin.register(SentEmail)
class SentEmailAdmin(admin.ModelAdmin):
    list_display = ["template", "to", "sent_at", "key"]
    list_filter = ["template"]
    search_fields = ["to", "key"]
    readonly_fields = ["key", "to", "template", "sent_at"]


class QuestionInline(admin.StackedInline):
    model = Question
    extra = 0
    fields = [
        ("key", "criterion", "kind", "position", "required"),
        "prompt",
        "help_text",
        ("min_value", "max_value", "min_length", "max_length", "min_items", "max_items"),
    ]

    def _editable(self, obj: Questionnaire | None) -> bool:
        return obj is None or not obj.is_frozen

    def has_add_permission(self, request: HttpRequest, obj: Questionnaire | None = None) -> bool:
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Questionnaire | None = None) -> bool:
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Questionnaire | None = None) -> bool:
        return self._editable(obj) and super().has_delete_permission(request, obj)


@admin.register(Questionnaire)
class QuestionnaireAdmin(SimpleHistoryAdmin):
    """A questionnaire people have answered is read-only; "New version" copies it."""

    list_display = ["title", "version", "is_default", "question_count", "frozen", "created_at"]
    inlines = [QuestionInline]
    actions = ["make_new_version"]
    readonly_fields = ["version", "based_on", "created_at"]

    @admin.display(description="questions")
    def question_count(self, obj: Questionnaire) -> int:
        return obj.questions.count()

    @admin.display(boolean=True, description="answered (frozen)")
    def frozen(self, obj: Questionnaire) -> bool:
        return obj.is_frozen

    def has_change_permission(self, request: HttpRequest, obj: Questionnaire | None = None) -> bool:
        if obj is not None and obj.is_frozen:
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: Questionnaire, form: Any, change: bool) -> None:
        if not change and not obj.version:
            latest = Questionnaire.objects.order_by("-version").first()
            obj.version = (latest.version if latest else 0) + 1
        super().save_model(request, obj, form, change)

    @admin.action(description="New version (copy the questions, ready to edit)")
    def make_new_version(self, request: HttpRequest, queryset: Any) -> None:
        for questionnaire in queryset:
            copy = questionnaire_new_version(questionnaire=questionnaire, by=request.user)
            self.message_user(
                request, f"Created version {copy.version} from version {questionnaire.version}."
            )


class SubmissionInline(admin.TabularInline):
    model = Submission
    extra = 0
    fields = ["consultant", "status", "invited_at", "submitted_at"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Engagement)
class EngagementAdmin(SimpleHistoryAdmin):
    list_display = ["title", "owner", "status", "deadline", "created_at"]
    list_filter = ["status"]
    search_fields = ["title", "owner__email"]
    raw_id_fields = ["owner"]
    filter_horizontal = ["reviewers"]
    readonly_fields = ["version", "opened_at", "closed_at", "created_at", "updated_at"]
    inlines = [SubmissionInline]


class AnswerInline(admin.StackedInline):
    model = Answer
    extra = 0
    fields = ["question", "value", "is_complete", "updated_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Submission)
class SubmissionAdmin(SimpleHistoryAdmin):
    list_display = ["consultant", "engagement", "status", "submitted_at"]
    list_filter = ["status"]
    search_fields = ["consultant__name", "engagement__title"]
    raw_id_fields = ["engagement", "consultant", "invited_by"]
    readonly_fields = ["invited_at", "started_at", "submitted_at", "withdrawn_at", "updated_at"]
    inlines = [AnswerInline]


@admin.register(Invitation)
class InvitationAdmin(SimpleHistoryAdmin):
    list_display = ["email", "submission", "sent_at", "accepted_at", "expires_at"]
    search_fields = ["email", "name"]
    readonly_fields = ["token_hash", "sent_at", "accepted_at", "created_at"]
    raw_id_fields = ["submission"]


class ProposalLineInline(admin.TabularInline):
    model = ProposalLine
    fields = ["position", "description", "quantity", "unit_price", "unit"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(CommercialProposal)
class CommercialProposalAdmin(SimpleHistoryAdmin):
    """Read-only: a proposal changes only through its consultant, while a draft
    (services.commercial); its history shows every change."""

    list_display = ["submission", "pricing_model", "currency", "updated_at"]
    search_fields = ["submission__consultant__name", "submission__engagement__title"]
    readonly_fields = ["submission", *PROPOSAL_FIELDS, "version", "updated_at"]
    inlines = [ProposalLineInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(VendorEntry)
class VendorEntryAdmin(SimpleHistoryAdmin):
    """Read-only: an entry changes through the register's services (a selection, the
    organisation's cadence, a removal); its history shows every change."""

    list_display = ["consultant", "organisation", "approved_on", "review_on", "removed_at"]
    list_filter = ["organisation"]
    search_fields = ["consultant__name"]
    readonly_fields = [
        "organisation",
        "consultant",
        "submission",
        "decision",
        "approved_on",
        "review_on",
        "removed_at",
        "removed_by",
        "removal_reason",
        "version",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


class ReadOnlyHistoryAdmin(SimpleHistoryAdmin):
    """Records that change only through their services (the process's rules, emails and
    webhooks go with each change): staff read them and their history, never edit them."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Clarification)
class ClarificationAdmin(ReadOnlyHistoryAdmin):
    list_display = ["submission", "about", "asked_by", "status", "due_on", "created_at"]
    list_filter = ["status", "about"]
    search_fields = ["submission__consultant__name", "text"]
    list_select_related = ["submission__consultant", "submission__engagement", "asked_by"]


@admin.register(Comment)
class CommentAdmin(ReadOnlyHistoryAdmin):
    list_display = ["submission", "author", "created_at", "edited_at", "removed_at"]
    search_fields = ["submission__consultant__name", "body"]
    list_select_related = ["submission__consultant", "submission__engagement", "author"]


@admin.register(Approval)
class ApprovalAdmin(ReadOnlyHistoryAdmin):
    list_display = ["submission", "outcome", "state", "step", "round", "requested_by"]
    list_filter = ["state", "outcome"]
    list_select_related = ["submission__consultant", "submission__engagement", "requested_by"]


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(ReadOnlyHistoryAdmin):
    """The signing secret is never shown here: its organisation's admins saw it once."""

    list_display = ["url", "organisation", "active", "consecutive_failures", "disabled_at"]
    list_filter = ["active", "organisation"]
    exclude = ["secret"]


@admin.register(ProfileLink)
class ProfileLinkAdmin(ReadOnlyHistoryAdmin):
    """A consultant's consent links (never the token's hash): they alone create and revoke
    them."""

    list_display = ["consultant", "label", "created_at", "expires_at", "revoked_at"]
    search_fields = ["consultant__name", "label"]
    list_select_related = ["consultant"]
    exclude = ["token_hash"]


@admin.register(ScoreRelease)
class ScoreReleaseAdmin(ReadOnlyHistoryAdmin):
    list_display = ["submission", "total", "rubric_version", "released_by", "released_at"]
    list_select_related = ["submission__consultant", "submission__engagement", "released_by"]


@admin.register(DeliveryReview)
class DeliveryReviewAdmin(ReadOnlyHistoryAdmin):
    """A hired consultant's delivery review: rated by the buyer on its page, never here."""

    list_display = ["submission", "organisation", "due_on", "status", "overall_rating"]
    list_filter = ["status", "organisation"]
    list_select_related = ["submission__consultant", "submission__engagement", "organisation"]


@admin.register(OutcomeWeighting)
class OutcomeWeightingAdmin(ReadOnlyHistoryAdmin):
    """Weights an organisation adopted from its outcome report (adopted on the report)."""

    list_display = ["organisation", "number", "name", "hires", "adopted_by", "adopted_at"]
    list_filter = ["organisation"]
    list_select_related = ["organisation", "adopted_by"]


# Single sign-on: each organisation's provider is its SingleSignOn row, edited by its admins
# (vetting/sso_adapter.py builds allauth's apps from them); allauth's own app and token
# tables are unused, and their admin pages would only mislead.
for _unused in (SocialApp, SocialToken):
    if admin.site.is_registered(_unused):
        admin.site.unregister(_unused)
