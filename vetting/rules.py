"""The access layer's object rules registered as django-rules permissions (django-rules
imports this module at start-up). Views, services, the API and templates ask these names;
the rules themselves live in `vetting.access`."""

from __future__ import annotations

import rules

from vetting.access import objects, roles

PERMISSIONS = {
    # Rounds
    "vetting.use_admin": roles.is_staff,
    "vetting.browse_engagements": roles.is_buyer_side,
    "vetting.own_engagement": objects.owns_engagement,
    "vetting.create_engagement": roles.may_create_engagement,
    "vetting.view_engagement": objects.sees_engagement,
    "vetting.run_engagement": objects.runs_engagement,
    # Buyer organisations
    "vetting.view_organisation": objects.sees_organisation,
    "vetting.manage_organisation": objects.manages_organisation,
    # Questionnaire templates (creating one is `create_engagement`)
    "vetting.view_template": objects.sees_template,
    "vetting.change_template": objects.changes_template,
    # Submissions
    "vetting.view_submission": objects.sees_submission,
    "vetting.answer_submission": objects.owns_submission,
    "vetting.answer_invitations": roles.is_consultant,
    "vetting.review_submission": objects.reviews_submission,
    "vetting.change_review": objects.writes_review,
    "vetting.view_scores": objects.sees_scores,
    "vetting.view_price": objects.sees_price,
    "vetting.decide_submission": objects.runs_submission,
    # Evidence files (attaching one is `answer_submission`)
    "vetting.view_answers": objects.sees_answers,
    "vetting.view_evidence": objects.sees_evidence,
    "vetting.change_evidence": objects.changes_evidence,
    # Reference checks
    "vetting.run_calls": roles.is_caller,
    "vetting.work_call": objects.works_call,
    "vetting.view_check_results": objects.sees_check_results,
    "vetting.view_submission_results": objects.sees_results_of,
    "vetting.review_call_notes": objects.reviews_call_notes,
    "vetting.review_these_notes": objects.reviews_these_notes,
    "vetting.request_check": objects.runs_submission,
    # Claim-level reference benchmarks: an organisation's table (a submission's lines are
    # `view_submission_results`)
    "vetting.view_claim_benchmarks": objects.sees_claim_benchmarks,
    "vetting.browse_claim_benchmarks": roles.is_procurement | roles.is_manager,
    # Routed approvals of decisions (setting a round's route is `run_engagement`)
    "vetting.view_approval_route": objects.sees_approval_route,
    "vetting.view_approval": objects.sees_approval,
    "vetting.act_on_approval": objects.acts_on_approval,
    "vetting.view_approval_hold": objects.sees_approval_hold,
    # Internal comments (reading a thread and writing in it are one right) and @mentions
    "vetting.comment_on_submission": objects.sees_comments_on_submission,
    "vetting.comment_on_check": objects.sees_comments_on_check,
    "vetting.comment_on_decision": objects.sees_comments_on_decision,
    "vetting.view_comment": objects.sees_comment,
    "vetting.change_comment": objects.changes_comment,
    "vetting.author_comment": objects.wrote_comment,
    "vetting.open_mention": objects.mentioned,
    "vetting.view_mentions": roles.is_buyer_side,
    # Clarification requests (reading a submission's threads is `view_submission`)
    "vetting.ask_clarification": objects.asks_clarification,
    "vetting.view_clarification": objects.sees_clarification,
    "vetting.reply_clarification": objects.replies_clarification,
    "vetting.settle_clarification": objects.settles_clarification,
    # The approved-vendor register (its page is `view_organisation`; its settings,
    # `manage_organisation`) and re-vetting
    "vetting.view_vendor": objects.sees_vendor,
    "vetting.remove_vendor": objects.removes_vendor,
    "vetting.revet_vendor": objects.revets_vendor,
    "vetting.view_differences": objects.sees_differences,
    # Verified profiles (sharing one is for consultants: `answer_invitations`) and the
    # release of a score to its consultant
    "vetting.change_profile_link": objects.owns_profile_link,
    "vetting.release_score": objects.releases_score,
    # Copied and templated answers: a match (its share and date), and the shared passages
    "vetting.view_copy_match": objects.sees_copy_match,
    "vetting.view_copy_passages": objects.sees_copy_passages,
    # Delivery reviews and the outcome report (of an organisation)
    "vetting.view_delivery_review": objects.sees_delivery_review,
    "vetting.complete_delivery_review": objects.completes_delivery_review,
    "vetting.schedule_delivery_review": objects.schedules_delivery_review,
    "vetting.view_outcomes": objects.reads_outcomes,
    "vetting.adopt_weighting": objects.adopts_weighting,
}

for _name, _predicate in PERMISSIONS.items():
    rules.add_perm(_name, _predicate)
