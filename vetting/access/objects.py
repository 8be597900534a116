"""Object rules (django-rules predicates of a user and one object): who runs an engagement,
who sits on its panel, whose submission it is, and whose scores a person may see.

Pages, templates (`{% has_perm %}`), the API, services, exports and reports ask these through
the permissions registered in `vetting.rules` (or call the predicates directly when they
already hold the object). Nothing else compares owners, reviewers or roles.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import rules

from vetting.access.roles import is_caller, is_staff, may_create_engagement


def _active(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


# --- Consultant profiles -----------------------------------------------------------------


@rules.predicate
def owns_profile(user: Any, consultant: Any) -> bool:
    """The consultant whose profile (and references) it is."""
    return consultant is not None and _active(user) and consultant.user_id == user.pk


# --- Questionnaire templates -------------------------------------------------------------


@rules.predicate
def owns_template(user: Any, template: Any) -> bool:
    """The procurement user who builds the template (the core template has no owner)."""
    return template is not None and _active(user) and template.owner_id == user.pk


@rules.predicate
def is_core_template(user: Any, template: Any) -> bool:
    return template is not None and template.owner_id is None


@rules.predicate
def is_draft_template(user: Any, template: Any) -> bool:
    return template is not None and template.is_draft


# Who may see a template, copy it, preview and export it: its owner (and staff); the core
# template, anyone who may open a round. Who may change it: its owner, while it is a draft.
sees_template = owns_template | is_staff | (is_core_template & may_create_engagement)
changes_template = owns_template & is_draft_template


# --- Organisations ----------------------------------------------------------------------


def _pk(organisation: Any) -> Any:
    """An organisation or its id."""
    return getattr(organisation, "pk", organisation)


@rules.predicate
def administers_organisation(user: Any, organisation: Any) -> bool:
    """An admin of the buyer organisation: adds members, changes their roles, removes
    them."""
    from vetting.models import Membership, OrganisationRole

    return (
        organisation is not None
        and _active(user)
        and Membership.objects.filter(
            organisation_id=_pk(organisation), user=user, role=OrganisationRole.ADMIN
        ).exists()
    )


@rules.predicate
def belongs_to_organisation(user: Any, organisation: Any) -> bool:
    """A member of the buyer organisation, whatever their role there."""
    from vetting.models import Membership

    return (
        organisation is not None
        and _active(user)
        and Membership.objects.filter(organisation_id=_pk(organisation), user=user).exists()
    )


# Who sees an organisation's members: its members and staff; who manages them: its admins
# and staff.
sees_organisation = belongs_to_organisation | is_staff
manages_organisation = administers_organisation | is_staff

# The organisation roles that read its claim-level reference benchmarks (the people who buy
# and run the reference calls, not a reviewer-only member).
BENCHMARK_ROLES = ("admin", "procurement", "manager")


@rules.predicate
def sees_claim_benchmarks(user: Any, organisation: Any) -> bool:
    """Reads the organisation's claim-level reference benchmarks (its procurement people,
    admins and managers; staff). What a blind panel member may not learn is left out of
    the figures themselves: `querysets.blind_consultants`."""
    from vetting.models import Membership

    if organisation is None or not _active(user):
        return False
    return (
        bool(is_staff(user))
        or Membership.objects.filter(
            organisation_id=_pk(organisation), user=user, role__in=BENCHMARK_ROLES
        ).exists()
    )


# --- Engagements ------------------------------------------------------------------------


@rules.predicate
def owns_engagement(user: Any, engagement: Any) -> bool:
    """The procurement user who opened the round."""
    return engagement is not None and _active(user) and engagement.owner_id == user.pk


# Who runs a round: edits its brief, invites, opens and closes it, decides, records a
# consensus, overrides a conflict, requests reference checks. Staff stand in for owners.
runs_engagement = owns_engagement | is_staff


@rules.predicate
def on_panel(user: Any, engagement: Any) -> bool:
    """A reviewer the owner chose for the round (one query unless the panel is loaded)."""
    if engagement is None or not _active(user):
        return False
    cached = getattr(engagement, "_prefetched_objects_cache", {}).get("reviewers")
    if cached is not None:
        return any(member.pk == user.pk for member in cached)
    return engagement.reviewers.filter(pk=user.pk).exists()


@rules.predicate
def in_engagement_organisation(user: Any, engagement: Any) -> bool:
    """A member of the round's buyer organisation: its panel must be (someone removed from
    the organisation leaves its panels at once)."""
    if engagement is None or not _active(user):
        return False
    return engagement.organisation_id in user.organisation_ids


# The panel, as members of the round's organisation.
on_own_panel = on_panel & in_engagement_organisation
# Who may open the round's pages (its ranking, compare, reports, exports, calibration,
# audit trail).
sees_engagement = runs_engagement | on_own_panel
# Who may review its consultants: the owner and the panel (staff only when on the panel).
reviews_engagement = owns_engagement | on_own_panel


# --- Submissions -------------------------------------------------------------------------


@rules.predicate
def owns_submission(user: Any, submission: Any) -> bool:
    """The consultant whose self-assessment it is."""
    return (
        submission is not None
        and _active(user)
        and submission.consultant.user_id is not None
        and submission.consultant.user_id == user.pk
    )


@rules.predicate
def runs_submission(user: Any, submission: Any) -> bool:
    """Runs the submission's round, and it is not their own."""
    return (
        submission is not None
        and runs_engagement(user, submission.engagement)
        and not owns_submission(user, submission)
    )


@rules.predicate
def reviews_submission(user: Any, submission: Any) -> bool:
    """May write a review of the submission: owner or panel, never of themselves."""
    return (
        submission is not None
        and reviews_engagement(user, submission.engagement)
        and not owns_submission(user, submission)
    )


@rules.predicate
def sees_submission(user: Any, submission: Any) -> bool:
    """Buyer side of the round (never one's own as a buyer), or its consultant."""
    if submission is None:
        return False
    if owns_submission(user, submission):
        return True
    return sees_engagement(user, submission.engagement)


# Who may read a submission's answers (the read, review and report pages show them to
# whoever sees the submission), and so the files attached to them.
sees_answers = sees_submission


@rules.predicate
def sees_evidence(user: Any, evidence: Any) -> bool:
    """May download an evidence file: reads the answers of its submission."""
    return evidence is not None and sees_answers(user, evidence.submission)


@rules.predicate
def changes_evidence(user: Any, evidence: Any) -> bool:
    """May remove an evidence file: the consultant who answers its submission (whether the
    submission still takes changes is a rule of the process, checked by the service)."""
    return evidence is not None and owns_submission(user, evidence.submission)


@rules.predicate
def has_submitted_review(user: Any, submission: Any) -> bool:
    """The user's own review of the submission is submitted (one query)."""
    from vetting.models import ReviewStatus  # the models import the access layer

    return (
        submission is not None
        and _active(user)
        and submission.reviews.filter(reviewer=user, status=ReviewStatus.SUBMITTED).exists()
    )


@rules.predicate
def writes_review(user: Any, review: Any) -> bool:
    """The reviewer whose review it is (nobody else changes it)."""
    return review is not None and _active(user) and review.reviewer_id == user.pk


# Blind review: the round's owner (and staff) see every score; a panel member sees a
# consultant's score, flags, reference results and the other reviews once their own review
# of that consultant is submitted. Managers off the panel and consultants never do.
sees_scores = runs_submission | (reviews_submission & has_submitted_review)


@rules.predicate
def price_shown_to_panel(user: Any, submission: Any) -> bool:
    """The round's price visibility lets this panel member see the consultant's price:
    always, never, or (the default) once their own review of that consultant is submitted,
    so that the price cannot colour the quality review (sealed bids)."""
    from vetting.models import PriceVisibility  # the models import the access layer

    if submission is None:
        return False
    visibility = submission.engagement.price_visibility
    if visibility == PriceVisibility.ALWAYS:
        return True
    return visibility == PriceVisibility.AFTER_REVIEW and has_submitted_review(user, submission)


# Who sees a submission's commercial proposal (its lines, totals, price points, value
# score): the round's owner (and staff) always; its consultant, their own; a panel member
# as the round's price visibility says; nobody else. Pages, the API and exports ask this.
sees_price = runs_submission | owns_submission | (reviews_submission & price_shown_to_panel)


def may_see_price(user: Any, submission: Any) -> bool:
    """`sees_price` for callers that hold a submission (its engagement selected)."""
    return bool(sees_price(user, submission))


# --- Routed approvals of decisions -----------------------------------------------------------


@rules.predicate
def approves_in_round(user: Any, engagement: Any) -> bool:
    """An approver on the round's approval route, as a member of its organisation."""
    return (
        engagement is not None
        and in_engagement_organisation(user, engagement)
        and engagement.approval_steps.filter(approver=user).exists()
    )


@rules.predicate
def sees_approval(user: Any, approval: Any) -> bool:
    """A routed decision and its route's progress: whoever sees the round's decisions (its
    owner, its panel, staff) and the route's approvers (and those who answered a step) of
    the round's organisation; never the consultant it is about."""
    if approval is None or not _active(user):
        return False
    submission = approval.submission
    if owns_submission(user, submission):
        return False
    if sees_engagement(user, submission.engagement):
        return True
    return bool(
        approves_in_round(user, submission.engagement)
        or (
            in_engagement_organisation(user, submission.engagement)
            and approval.actions.filter(approver=user).exists()
        )
    )


@rules.predicate
def is_current_approver(user: Any, approval: Any) -> bool:
    """The approver of the approval's current step."""
    return (
        approval is not None
        and _active(user)
        and approval.submission.engagement.approval_steps.filter(
            position=approval.step, approver=user
        ).exists()
    )


# Who answers a step (approve, reject, ask for changes): its approver, who sees it.
acts_on_approval = sees_approval & is_current_approver


@rules.predicate
def sees_approval_hold(user: Any, approval: Any) -> bool:
    """Whether a hold blocks the route: who sees the consultant's reference results (its
    flags: blind review hides them), and the current step's approver, whom it refuses."""
    return approval is not None and bool(
        sees_results_of(user, approval.submission) or is_current_approver(user, approval)
    )


# Who sees a route's steps: whoever sees the round, and its approvers.
sees_approval_route = sees_engagement | approves_in_round


def sees_approval_price(user: Any, approval: Any) -> bool:
    """The agreed price of a routed decision: who sees the consultant's price, and the
    route's approvers (a budget holder approves the price)."""
    submission = approval.submission
    return bool(may_see_price(user, submission) or approves_in_round(user, submission.engagement))


# --- Reference checks ----------------------------------------------------------------------


@rules.predicate
def assigned_caller(user: Any, check: Any) -> bool:
    return check is not None and _active(user) and check.assigned_to_id == user.pk


# The caller who claimed the call works it (logs attempts, records it).
works_call = is_caller & assigned_caller


@rules.predicate
def recorded_the_call(user: Any, check: Any) -> bool:
    return check is not None and _active(user) and check.recorded_by_id == user.pk


@rules.predicate
def runs_checked_submission(user: Any, check: Any) -> bool:
    return check is not None and runs_submission(user, check.submission)


@rules.predicate
def sees_results_of(user: Any, submission: Any) -> bool:
    """What referees said of a consultant feeds the score: callers (they make the calls),
    the round's owner, and a panel member who has submitted their review of them."""
    return submission is not None and (is_caller(user) or sees_scores(user, submission))


@rules.predicate
def sees_check_results(user: Any, check: Any) -> bool:
    return check is not None and sees_results_of(user, check.submission)


# A call's notes are reviewed by a colleague: a caller or the round's owner (the service
# also refuses the person who recorded them: that is a rule of the call, not of the person).
reviews_call_notes = is_caller | runs_checked_submission
# ... and the one offered on the page: not the person who recorded them.
reviews_these_notes = reviews_call_notes & ~recorded_the_call


# --- Clarification requests ----------------------------------------------------------------


@rules.predicate
def asks_clarification(user: Any, submission: Any) -> bool:
    """May ask the consultant to clarify an answer, a reference's claim (or, where they see
    the price, the proposal): the round's owner and its panel, never of themselves."""
    return bool(reviews_submission(user, submission))


@rules.predicate
def sees_clarification(user: Any, clarification: Any) -> bool:
    """The thread is the round's buyer-side panel's (owner, panel, staff) and the
    consultant's own; one about the commercial proposal only where the price is shown."""
    if clarification is None or not sees_submission(user, clarification.submission):
        return False
    return clarification.about != "proposal" or bool(sees_price(user, clarification.submission))


@rules.predicate
def replies_clarification(user: Any, clarification: Any) -> bool:
    """The consultant whose submission it is replies (whether the request still takes a
    reply is a rule of the process, checked by the service)."""
    return clarification is not None and owns_submission(user, clarification.submission)


@rules.predicate
def asked_clarification(user: Any, clarification: Any) -> bool:
    return clarification is not None and _active(user) and clarification.asked_by_id == user.pk


def clarification_settler(user: Any, submission: Any) -> Callable[[Any], bool]:
    """`settles_clarification` for the requests of one submission the user sees, asked of
    the round once (a page lists many requests): who asked a request (while they still
    review the round), or whoever runs the round (owner, staff)."""
    runs = bool(runs_submission(user, submission))
    reviews = bool(reviews_submission(user, submission))
    return lambda clarification: runs or (reviews and asked_clarification(user, clarification))


@rules.predicate
def settles_clarification(user: Any, clarification: Any) -> bool:
    """Accepts a reply, asks a follow-up or withdraws the request (`clarification_settler`)."""
    if clarification is None or not sees_clarification(user, clarification):
        return False
    return clarification_settler(user, clarification.submission)(clarification)


# --- The approved-vendor register and re-vetting -------------------------------------------


@rules.predicate
def sees_vendor(user: Any, entry: Any) -> bool:
    """An entry of an organisation's approved-vendor register: its members and staff."""
    return entry is not None and bool(sees_organisation(user, entry.organisation_id))


@rules.predicate
def administers_vendor_organisation(user: Any, entry: Any) -> bool:
    return entry is not None and bool(administers_organisation(user, entry.organisation_id))


@rules.predicate
def owns_vendor_round(user: Any, entry: Any) -> bool:
    """Owns the round the consultant was (last) selected in (reads entry.submission's
    engagement: select it with the entry)."""
    return entry is not None and bool(owns_engagement(user, entry.submission.engagement))


# Who removes a vendor from the register (with a reason): the organisation's admins and
# staff. Who starts a re-vetting round now: them, and the owner of the round the vendor
# came from (who owns the re-vetting round too).
removes_vendor = sees_vendor & (administers_vendor_organisation | is_staff)
revets_vendor = sees_vendor & (administers_vendor_organisation | owns_vendor_round | is_staff)

# Who reads the differences between a re-vetting round's submission and the previous one:
# the buyer side of the round (owner, panel, staff), never the consultant. Its scores and
# reference results follow blind review (`sees_scores`, `sees_results_of`).
sees_differences = runs_submission | reviews_submission


# --- Internal comments --------------------------------------------------------------------
# Comments are the buyer's people's opinions: blind like the scores (a panel member who has
# not submitted their own review of the consultant reads none), never the consultant's or a
# referee's. Who may read a thread may write in it.


@rules.predicate
def calls_for_submission(user: Any, submission: Any) -> bool:
    """A caller (manager, staff) of the round's organisation, and not its consultant: they
    make the reference calls, so they discuss the checks."""
    if submission is None or not is_caller(user) or owns_submission(user, submission):
        return False
    return bool(is_staff(user)) or submission.engagement.organisation_id in user.organisation_ids


@rules.predicate
def sees_comments_on_submission(user: Any, submission: Any) -> bool:
    """The submission's own thread: whoever sees its scores (the owner and staff; a panel
    member once their review of that consultant is submitted)."""
    return submission is not None and bool(sees_scores(user, submission))


@rules.predicate
def sees_comments_on_check(user: Any, check: Any) -> bool:
    """A reference check's thread: the callers of the round's organisation, and whoever
    sees the consultant's scores."""
    return check is not None and bool(
        calls_for_submission(user, check.submission) or sees_scores(user, check.submission)
    )


@rules.predicate
def sees_comments_on_decision(user: Any, decision: Any) -> bool:
    """A decision's thread: whoever sees the consultant's scores."""
    return decision is not None and bool(sees_scores(user, decision.submission))


@rules.predicate
def sees_comment(user: Any, comment: Any) -> bool:
    """May read (and answer) the thread the comment is in."""
    if comment is None:
        return False
    if comment.reference_check_id is not None:
        return bool(sees_comments_on_check(user, comment.reference_check))
    return bool(sees_comments_on_submission(user, comment.submission))


@rules.predicate
def wrote_comment(user: Any, comment: Any) -> bool:
    return comment is not None and _active(user) and comment.author_id == user.pk


# The author edits or removes their comment, while they may still read its thread.
changes_comment = wrote_comment & sees_comment


@rules.predicate
def mentioned(user: Any, mention: Any) -> bool:
    """The person a mention names (nobody else opens or reads it)."""
    return mention is not None and _active(user) and mention.user_id == user.pk


# --- Delivery reviews and the outcome report (issue 19, part 3) ----------------------------
# The buyer's check of what a hired consultant delivered is the buyer's own business: the
# organisation's procurement people (admins, procurement) and its managers read it, with
# the round's owner, the colleague the owner assigned, and staff; a reviewer-only member,
# the consultant (whose promises are rated: the buyer's notes stay private, as reviews
# do) and every other organisation never see it.

# The organisation roles that read delivery reviews and the outcome report.
DELIVERY_ROLES = ("admin", "procurement", "manager")


@rules.predicate
def reads_outcomes(user: Any, organisation: Any) -> bool:
    """Reads the organisation's delivery reviews and its outcome report."""
    from vetting.models import Membership

    if organisation is None or not _active(user):
        return False
    if is_staff(user):
        return True
    return Membership.objects.filter(
        organisation_id=_pk(organisation), user=user, role__in=DELIVERY_ROLES
    ).exists()


@rules.predicate
def assigned_delivery_review(user: Any, review: Any) -> bool:
    return review is not None and _active(user) and review.assignee_id == user.pk


@rules.predicate
def sees_delivery_review(user: Any, review: Any) -> bool:
    """Reads a delivery review (its submission's consultant never does)."""
    if review is None or owns_submission(user, review.submission):
        return False
    return bool(
        owns_engagement(user, review.submission.engagement)
        or assigned_delivery_review(user, review)
        or reads_outcomes(user, review.organisation_id)
        or is_staff(user)
    )


@rules.predicate
def administers_review_organisation(user: Any, review: Any) -> bool:
    return review is not None and bool(administers_organisation(user, review.organisation_id))


@rules.predicate
def owns_review_round(user: Any, review: Any) -> bool:
    return review is not None and bool(owns_engagement(user, review.submission.engagement))


# Who sets the review date and the assignee: the round's owner, the organisation's admins,
# staff. Who rates and submits it: them and the assignee.
schedules_delivery_review = sees_delivery_review & (
    owns_review_round | administers_review_organisation | is_staff
)
completes_delivery_review = sees_delivery_review & (
    owns_review_round | administers_review_organisation | assigned_delivery_review | is_staff
)
# Who adopts suggested weights as the organisation's weighting for future rounds: its
# admins (an organisation-wide setting, as the re-vetting cadence) and staff.
adopts_weighting = administers_organisation | is_staff


# --- Copied answers (issue 19) -------------------------------------------------------------
# A match is part of the flagged submission's card: whoever sees its scores sees the match's
# share, question and date (`sees_scores`, so blind review holds). The shared passages show
# the other side's words: a known boilerplate passage to them all; another consultant's
# answer only to who may also read that submission, in the same organisation.


@rules.predicate
def sees_copy_match(user: Any, match: Any) -> bool:
    return match is not None and bool(sees_scores(user, match.submission))


@rules.predicate
def sees_copy_passages(user: Any, match: Any) -> bool:
    if not sees_copy_match(user, match):
        return False
    if match.source_id is None:
        return True
    source = match.source_submission
    return bool(
        source.engagement.organisation_id == match.submission.engagement.organisation_id
        and sees_answers(user, source)
    )


# --- Verified profiles and released scores -----------------------------------------------


@rules.predicate
def owns_profile_link(user: Any, link: Any) -> bool:
    """The consultant whose verified-profile link it is."""
    return link is not None and owns_profile(user, link.consultant)


@rules.predicate
def releases_score(user: Any, submission: Any) -> bool:
    """The round's owner (not staff: a release speaks for the buyer) releases a score."""
    return submission is not None and owns_engagement(user, submission.engagement)
