"""Vetting models: accounts, questionnaires, engagements and the submissions to them."""

from vetting.models.accounts import SentEmail, User, UserManager
from vetting.models.approvals import (
    Approval,
    ApprovalAction,
    ApprovalAnswer,
    ApprovalState,
    ApprovalStep,
)
from vetting.models.benchmarks import ClaimTally
from vetting.models.clarifications import (
    Clarification,
    ClarificationAbout,
    ClarificationReply,
    ClarificationStatus,
)
from vetting.models.comments import Comment, Mention, ThreadKind
from vetting.models.commercial import (
    CommercialProposal,
    ExchangeRate,
    LineUnit,
    PriceVisibility,
    PricingModel,
    ProposalLine,
)
from vetting.models.copies import AnswerBand, AnswerPrint, CopyMatch, ShingleCount
from vetting.models.delivery import (
    DeliveryPoint,
    DeliveryReview,
    DeliveryReviewStatus,
    OutcomeWeighting,
    PointKind,
    PointRating,
)
from vetting.models.engagements import (
    Answer,
    Engagement,
    EngagementStatus,
    Invitation,
    Submission,
    SubmissionStatus,
)
from vetting.models.evidence import EvidenceFile
from vetting.models.exports import Export, ExportFormat, ExportStatus
from vetting.models.organisations import Membership, Organisation, OrganisationRole
from vetting.models.outbox import OutboxMessage
from vetting.models.profiles import LinkStatus, ProfileLink, ProfileView, ScoreRelease
from vetting.models.provisioning import ProvisioningToken
from vetting.models.questionnaires import (
    Question,
    QuestionKind,
    Questionnaire,
    TemplateStatus,
)
from vetting.models.readings import TextReading
from vetting.models.references import (
    CallAttempt,
    CallOutcome,
    Channel,
    CheckStatus,
    ConsultantFingerprint,
    Flag,
    FlagKind,
    HireAgain,
    ReferenceCheck,
    Verdict,
)
from vetting.models.reviews import (
    Consensus,
    Decision,
    Outcome,
    Recommendation,
    Review,
    ReviewRating,
    ReviewStatus,
    ScoreCard,
)
from vetting.models.sso import SingleSignOn
from vetting.models.vendors import Revetting, VendorEntry, VendorStatus
from vetting.models.webhooks import (
    DeliveryState,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
)

__all__ = [
    "Answer",
    "AnswerBand",
    "AnswerPrint",
    "Approval",
    "ApprovalAction",
    "ApprovalAnswer",
    "ApprovalState",
    "ApprovalStep",
    "CallAttempt",
    "CallOutcome",
    "Channel",
    "CheckStatus",
    "ClaimTally",
    "Clarification",
    "ClarificationAbout",
    "ClarificationReply",
    "ClarificationStatus",
    "Comment",
    "CommercialProposal",
    "Consensus",
    "ConsultantFingerprint",
    "CopyMatch",
    "Decision",
    "DeliveryPoint",
    "DeliveryReview",
    "DeliveryReviewStatus",
    "DeliveryState",
    "Engagement",
    "EngagementStatus",
    "EvidenceFile",
    "ExchangeRate",
    "Export",
    "ExportFormat",
    "ExportStatus",
    "Flag",
    "FlagKind",
    "HireAgain",
    "Invitation",
    "LineUnit",
    "LinkStatus",
    "Membership",
    "Mention",
    "Organisation",
    "OrganisationRole",
    "OutboxMessage",
    "Outcome",
    "OutcomeWeighting",
    "PointKind",
    "PointRating",
    "PriceVisibility",
    "PricingModel",
    "ProfileLink",
    "ProfileView",
    "ProposalLine",
    "ProvisioningToken",
    "Question",
    "QuestionKind",
    "Questionnaire",
    "Recommendation",
    "ReferenceCheck",
    "Revetting",
    "Review",
    "ReviewRating",
    "ReviewStatus",
    "ScoreCard",
    "ScoreRelease",
    "SentEmail",
    "ShingleCount",
    "SingleSignOn",
    "Submission",
    "SubmissionStatus",
    "TemplateStatus",
    "TextReading",
    "ThreadKind",
    "User",
    "UserManager",
    "VendorEntry",
    "VendorStatus",
    "Verdict",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookEndpoint",
    "WebhookEvent",
]
