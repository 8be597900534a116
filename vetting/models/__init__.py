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

__all__ = [
    "Answer",
    "Engagement",
    "EngagementStatus",
    "Invitation",
    "Question",
    "QuestionKind",
    "Questionnaire",
    "SentEmail",
    "Submission",
    "SubmissionStatus",
    "User",
    "UserManager",
]
