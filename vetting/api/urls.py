"""/api/v1/ and the OpenAPI schema and docs (served from our own static files)."""

from __future__ import annotations

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from vetting.api.approvals import ApprovalViewSet, EngagementApprovalRouteView
from vetting.api.benchmarks import OrganisationClaimBenchmarksView, SubmissionClaimBenchmarksView
from vetting.api.checks import ReferenceCheckViewSet
from vetting.api.clarifications import ClarificationViewSet, SubmissionClarificationsView
from vetting.api.comments import (
    CheckCommentsView,
    CommentViewSet,
    DecisionCommentsView,
    MentionViewSet,
    SubmissionCommentsView,
)
from vetting.api.commercial import SubmissionProposalView
from vetting.api.consultants import ConsultantViewSet, ReferenceViewSet
from vetting.api.copies import SubmissionCopiesView
from vetting.api.decisions import DecisionViewSet
from vetting.api.delivery import DeliveryReviewViewSet, OutcomeReportView, WeightingAdoptView
from vetting.api.engagements import EngagementViewSet
from vetting.api.evidence import EvidenceFileViewSet, SubmissionEvidenceView
from vetting.api.flags import FlagViewSet
from vetting.api.profiles import ProfileLinkViewSet, SubmissionScoreReleaseView
from vetting.api.questionnaires import TemplateViewSet
from vetting.api.referee import RefereeFormView
from vetting.api.reviews import ReviewViewSet
from vetting.api.scorecards import ScoreCardViewSet
from vetting.api.submissions import SubmissionViewSet
from vetting.api.vendors import SubmissionDifferencesView, VendorEntryViewSet
from vetting.api.webhooks import WebhookDeliveryViewSet, WebhookEndpointViewSet

router = DefaultRouter()
router.register("consultants", ConsultantViewSet, basename="consultant")
router.register("references", ReferenceViewSet, basename="reference")
router.register("engagements", EngagementViewSet, basename="engagement")
router.register("submissions", SubmissionViewSet, basename="submission")
router.register("reviews", ReviewViewSet, basename="review")
router.register("reference-checks", ReferenceCheckViewSet, basename="reference-check")
router.register("flags", FlagViewSet, basename="flag")
router.register("score-cards", ScoreCardViewSet, basename="score-card")
router.register("decisions", DecisionViewSet, basename="decision")
router.register("approvals", ApprovalViewSet, basename="approval")
router.register("vendors", VendorEntryViewSet, basename="vendor")
router.register("delivery-reviews", DeliveryReviewViewSet, basename="delivery-review")
router.register("questionnaires", TemplateViewSet, basename="questionnaire")
router.register("evidence-files", EvidenceFileViewSet, basename="evidence-file")
router.register("comments", CommentViewSet, basename="comment")
router.register("mentions", MentionViewSet, basename="mention")
router.register("clarifications", ClarificationViewSet, basename="clarification")
router.register("profile-links", ProfileLinkViewSet, basename="profile-link")
router.register("webhooks/endpoints", WebhookEndpointViewSet, basename="webhook-endpoint")
router.register("webhooks/deliveries", WebhookDeliveryViewSet, basename="webhook-delivery")

urlpatterns = [
    path("v1/outcomes/report/", OutcomeReportView.as_view(), name="outcome-report"),
    path("v1/outcomes/adopt/", WeightingAdoptView.as_view(), name="outcome-adopt"),
    path(
        "v1/engagements/<int:engagement_pk>/approval-route/",
        EngagementApprovalRouteView.as_view(),
        name="engagement-approval-route",
    ),
    path(
        "v1/submissions/<int:submission_pk>/proposal/",
        SubmissionProposalView.as_view(),
        name="submission-proposal",
    ),
    path(
        "v1/submissions/<int:submission_pk>/copies/",
        SubmissionCopiesView.as_view(),
        name="submission-copies",
    ),
    path(
        "v1/submissions/<int:submission_pk>/clarifications/",
        SubmissionClarificationsView.as_view(),
        name="submission-clarifications",
    ),
    path(
        "v1/submissions/<int:submission_pk>/evidence-files/",
        SubmissionEvidenceView.as_view(),
        name="submission-evidence-files",
    ),
    path(
        "v1/submissions/<int:submission_pk>/score-release/",
        SubmissionScoreReleaseView.as_view(),
        name="submission-score-release",
    ),
    path(
        "v1/submissions/<int:submission_pk>/differences/",
        SubmissionDifferencesView.as_view(),
        name="submission-differences",
    ),
    path(
        "v1/submissions/<int:submission_pk>/comments/",
        SubmissionCommentsView.as_view(),
        name="submission-comments",
    ),
    path(
        "v1/reference-checks/<int:check_pk>/comments/",
        CheckCommentsView.as_view(),
        name="reference-check-comments",
    ),
    path(
        "v1/decisions/<int:decision_pk>/comments/",
        DecisionCommentsView.as_view(),
        name="decision-comments",
    ),
    path(
        "v1/submissions/<int:submission_pk>/claim-benchmarks/",
        SubmissionClaimBenchmarksView.as_view(),
        name="submission-claim-benchmarks",
    ),
    path(
        "v1/organisations/<int:organisation_pk>/claim-benchmarks/",
        OrganisationClaimBenchmarksView.as_view(),
        name="organisation-claim-benchmarks",
    ),
    path("v1/", include(router.urls)),
    path("v1/referee/<str:token>/", RefereeFormView.as_view(), name="referee-form"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]
