"""Who may see and do what in Winnow, decided here and asked everywhere else.

- `roles`: who a person is (procurement, manager, consultant, staff; the buyer side; callers).
- `objects`: rules about one object (runs the round, sits on its panel, owns the submission,
  sees its scores), registered as django-rules permissions in `vetting.rules` so that views,
  services, the API and templates (`{% has_perm %}`) ask the same question.
- `querysets`: the same rules as SQL filters for lists (the models' `for_user`).
- `blind`: blind review as one object for a whole round (`score_sight`).

Who sees scores (a score card's total, criteria, ranks, flags, reference results and the
other reviews): the round's owner and staff, always; a panel member (procurement or
manager), for each consultant once their own review of that consultant is submitted;
nobody else (managers off the panel, consultants, referees). Managers see every reference
check and flag because they run the calls and clear the flags, but no score card of a round
whose panel they are not on.

Who sees prices (a commercial proposal, its totals and price points): the round's owner and
staff, always; the consultant, their own; a panel member as the round's `price_visibility`
says (by default once their own review of that consultant is submitted: sealed bids);
nobody else (`objects.sees_price`, `querysets.prices_shown`).
"""

from __future__ import annotations

from vetting.access.blind import ScoreSight, score_sight, sees_round_value
from vetting.access.lookups import REFUSALS, can, engagement_or_404, require, template_or_404
from vetting.access.objects import (
    approves_in_round,
    changes_comment,
    changes_evidence,
    may_see_price,
    on_panel,
    owns_engagement,
    owns_submission,
    reviews_engagement,
    reviews_submission,
    runs_engagement,
    runs_submission,
    sees_answers,
    sees_approval_price,
    sees_check_results,
    sees_comment,
    sees_comments_on_check,
    sees_comments_on_decision,
    sees_comments_on_submission,
    sees_copy_match,
    sees_copy_passages,
    sees_engagement,
    sees_evidence,
    sees_price,
    sees_scores,
    sees_submission,
)
from vetting.access.querysets import (
    blind_consultants,
    buyer_side_people,
    buyer_submissions,
    callers,
    comment_readers,
    managed_webhook_endpoints,
    prices_shown,
    reviewed_engagements,
    run_engagements,
    scores_shown,
    visible_approvals,
    visible_checks,
    visible_clarifications,
    visible_comments,
    visible_consultants,
    visible_copy_matches,
    visible_delivery_reviews,
    visible_engagements,
    visible_evidence,
    visible_exports,
    visible_flags,
    visible_profile_links,
    visible_proposals,
    visible_reviews,
    visible_scorecards,
    visible_submissions,
    visible_templates,
    visible_vendor_entries,
    with_passages_shown,
    with_price_shown,
    with_results_shown,
)
from vetting.access.roles import (
    is_buyer_side,
    is_caller,
    is_consultant,
    is_manager,
    is_procurement,
    is_staff,
    may_create_engagement,
)

__all__ = [
    "REFUSALS",
    "ScoreSight",
    "approves_in_round",
    "blind_consultants",
    "buyer_side_people",
    "buyer_submissions",
    "callers",
    "can",
    "changes_comment",
    "changes_evidence",
    "comment_readers",
    "engagement_or_404",
    "is_buyer_side",
    "is_caller",
    "is_consultant",
    "is_manager",
    "is_procurement",
    "is_staff",
    "managed_webhook_endpoints",
    "may_create_engagement",
    "may_see_price",
    "on_panel",
    "owns_engagement",
    "owns_submission",
    "prices_shown",
    "require",
    "reviewed_engagements",
    "reviews_engagement",
    "reviews_submission",
    "run_engagements",
    "runs_engagement",
    "runs_submission",
    "score_sight",
    "scores_shown",
    "sees_answers",
    "sees_approval_price",
    "sees_check_results",
    "sees_comment",
    "sees_comments_on_check",
    "sees_comments_on_decision",
    "sees_comments_on_submission",
    "sees_copy_match",
    "sees_copy_passages",
    "sees_engagement",
    "sees_evidence",
    "sees_price",
    "sees_round_value",
    "sees_scores",
    "sees_submission",
    "template_or_404",
    "visible_approvals",
    "visible_checks",
    "visible_clarifications",
    "visible_comments",
    "visible_consultants",
    "visible_copy_matches",
    "visible_delivery_reviews",
    "visible_engagements",
    "visible_evidence",
    "visible_exports",
    "visible_flags",
    "visible_profile_links",
    "visible_proposals",
    "visible_reviews",
    "visible_scorecards",
    "visible_submissions",
    "visible_templates",
    "visible_vendor_entries",
    "with_passages_shown",
    "with_price_shown",
    "with_results_shown",
]
