"""Every state change of the vetting process, one function each (views and the API call
these, so the rules live in one place)."""

from vetting.services.engagements import (
    engagement_close,
    engagement_create,
    engagement_extend_deadline,
    engagement_open,
    engagement_update,
    invite_existing,
    invite_new,
    questionnaire_new_version,
    require_owner,
)
from vetting.services.errors import AlreadyInvited, NotReady, ServiceError
from vetting.services.submissions import (
    answer_save,
    invitation_accept_signup,
    invitation_claim_for_account,
    previous_submission,
    submission_copy_answers,
    submission_problems,
    submission_submit,
    submission_withdraw,
)

__all__ = [
    "AlreadyInvited",
    "NotReady",
    "ServiceError",
    "answer_save",
    "engagement_close",
    "engagement_create",
    "engagement_extend_deadline",
    "engagement_open",
    "engagement_update",
    "invitation_accept_signup",
    "invitation_claim_for_account",
    "invite_existing",
    "invite_new",
    "previous_submission",
    "questionnaire_new_version",
    "require_owner",
    "submission_copy_answers",
    "submission_problems",
    "submission_submit",
    "submission_withdraw",
]
