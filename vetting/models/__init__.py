"""Vetting models: accounts, questionnaires, engagements and the submissions to them."""

from vetting.models.accounts import SentEmail, User, UserManager
from vetting.models.engagements import (
    Answer,
    Engagement,
    EngagementStatus,
    Invitation,
    Submission,
    SubmissionStatus,
)
from vetting.models.questionnaires import Question, QuestionKind, Questionnaire
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

__all__ = [
    "Answer",
    "CallAttempt",
    "CallOutcome",
    "Channel",
    "CheckStatus",
    "ConsultantFingerprint",
    "Engagement",
    "EngagementStatus",
    "Flag",
    "FlagKind",
    "HireAgain",
    "Invitation",
    "Question",
    "QuestionKind",
    "Questionnaire",
    "ReferenceCheck",
    "SentEmail",
    "Submission",
    "SubmissionStatus",
    "User",
    "UserManager",
    "Verdict",
]
