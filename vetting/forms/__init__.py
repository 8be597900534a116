"""Every form of the vetting app, for pages and API alike (the API validates through the
same forms): accounts, engagements, the dashboard, reviews, reference checks, the audit
trail. Import them from here."""

from __future__ import annotations

from vetting.forms.accounts import (
    EMAIL_MAX_LENGTH,
    NAME_MAX_LENGTH,
    PASSWORD_MAX_LENGTH,
    AdminSignInForm,
    ConsultantSignUpForm,
    InvitationSignUpForm,
    SignInForm,
    SignUpPasswordForm,
    WinnowPasswordChangeForm,
    WinnowPasswordResetForm,
    WinnowSetPasswordForm,
)
from vetting.forms.audit import AuditFilterForm, DiscrepancyFilterForm
from vetting.forms.clarifications import (
    ClarificationAskForm,
    ClarificationFollowUpForm,
    ClarificationReplyForm,
    ClarificationSettleForm,
    clarification_forms,
)
from vetting.forms.comments import CommentForm
from vetting.forms.commercial import (
    CommercialSettingsForm,
    ProposalForm,
    ProposalLineForm,
    RateForm,
)
from vetting.forms.dashboard import DecisionForm, RankingFilter
from vetting.forms.engagements import DeadlineForm, EngagementForm, InviteNewForm, InviteSearchForm
from vetting.forms.questionnaires import (
    CriterionForm,
    QuestionForm,
    TemplateForm,
    TemplateImportForm,
)
from vetting.forms.references import (
    AttemptForm,
    CallRecordForm,
    ChannelForm,
    CheckRequestForm,
    DeclineForm,
    FlagClearForm,
    RefereeForm,
    ReviewNotesForm,
)
from vetting.forms.reviews import ConflictForm, ConsensusForm, OverrideForm, ReviewForm
from vetting.forms.vendors import (
    RegisterFilterForm,
    RevettingChangesForm,
    VendorRemoveForm,
    VendorSettingsForm,
)

__all__ = [
    "EMAIL_MAX_LENGTH",
    "NAME_MAX_LENGTH",
    "PASSWORD_MAX_LENGTH",
    "AdminSignInForm",
    "AttemptForm",
    "AuditFilterForm",
    "CallRecordForm",
    "ChannelForm",
    "CheckRequestForm",
    "ClarificationAskForm",
    "ClarificationFollowUpForm",
    "ClarificationReplyForm",
    "ClarificationSettleForm",
    "CommentForm",
    "CommercialSettingsForm",
    "ConflictForm",
    "ConsensusForm",
    "ConsultantSignUpForm",
    "CriterionForm",
    "DeadlineForm",
    "DecisionForm",
    "DeclineForm",
    "DiscrepancyFilterForm",
    "EngagementForm",
    "FlagClearForm",
    "InvitationSignUpForm",
    "InviteNewForm",
    "InviteSearchForm",
    "OverrideForm",
    "ProposalForm",
    "ProposalLineForm",
    "QuestionForm",
    "RankingFilter",
    "RateForm",
    "RefereeForm",
    "RegisterFilterForm",
    "RevettingChangesForm",
    "ReviewForm",
    "ReviewNotesForm",
    "SignInForm",
    "SignUpPasswordForm",
    "TemplateForm",
    "TemplateImportForm",
    "VendorRemoveForm",
    "VendorSettingsForm",
    "WinnowPasswordChangeForm",
    "WinnowPasswordResetForm",
    "WinnowSetPasswordForm",
    "clarification_forms",
]
