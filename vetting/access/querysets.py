"""The same rules as SQL filters, for lists: one filter each (a join or an EXISTS on
ownership, panel and review state), never a list of ids loaded into Python.

The models' `for_user` queryset methods call these; so do the API's querysets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import BooleanField, Case, Exists, F, OuterRef, Q, QuerySet, Value, When

from vetting.access.roles import is_buyer_side, is_caller, is_staff

if TYPE_CHECKING:
    from vetting.models import User


def _active(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def _models() -> Any:
    from vetting import models  # the models import the access layer

    return models


def _on_panel(user: User, engagement: str) -> Exists:
    """EXISTS: the user sits on the panel of the engagement at `engagement` (a path)."""
    panel = _models().Engagement.reviewers.through
    return Exists(panel.objects.filter(engagement=OuterRef(engagement), user=user))


def _reviewed(user: User, submission: str) -> Exists:
    """EXISTS: the user's review of the submission at `submission` is submitted."""
    models = _models()
    return Exists(
        models.Review.objects.filter(
            submission=OuterRef(submission), reviewer=user, status=models.ReviewStatus.SUBMITTED
        )
    )


def _member(user: User, organisation: str) -> Exists:
    """The user belongs to the buyer organisation at `organisation` (a path to its id,
    e.g. "organisation" or "submission__engagement__organisation")."""
    return Exists(
        _models().Membership.objects.filter(organisation=OuterRef(organisation), user=user)
    )


def visible_templates(user: User, templates: QuerySet | None = None) -> QuerySet:
    """Questionnaire templates the user may see (`objects.sees_template` as SQL): their
    own, and the core template if they may open rounds; staff, all."""
    from vetting.access.roles import may_create_engagement

    templates = _models().Questionnaire.objects.all() if templates is None else templates
    if not _active(user):
        return templates.none()
    if is_staff(user):
        return templates
    if not may_create_engagement(user):
        return templates.filter(owner=user)
    # The core template; their own; their organisations' published ones.
    shared = Q(_member(user, "organisation")) & Q(status=_models().TemplateStatus.PUBLISHED)
    return templates.filter(Q(owner=user) | Q(owner__isnull=True) | shared)


def visible_engagements(user: User, engagements: QuerySet | None = None) -> QuerySet:
    """Rounds the user runs (owner; staff: all) or sits on the panel of."""
    engagements = _models().Engagement.objects.all() if engagements is None else engagements
    if not _active(user):
        return engagements.none()
    if is_staff(user):
        return engagements
    return engagements.filter(Q(owner=user) | _own_panel(user))


def run_engagements(user: User, engagements: QuerySet | None = None) -> QuerySet:
    """Rounds the user runs: owner (staff: all)."""
    engagements = _models().Engagement.objects.all() if engagements is None else engagements
    if not _active(user):
        return engagements.none()
    return engagements if is_staff(user) else engagements.filter(owner=user)


def reviewed_engagements(user: User, engagements: QuerySet | None = None) -> QuerySet:
    """Rounds whose consultants the user reviews: owner or panel (staff only when on it)."""
    engagements = _models().Engagement.objects.all() if engagements is None else engagements
    if not _active(user):
        return engagements.none()
    return engagements.filter(Q(owner=user) | _own_panel(user))


def visible_submissions(user: User, submissions: QuerySet | None = None) -> QuerySet:
    """A consultant's own submissions (once the round is open), and every submission of the
    rounds the user runs or sits on the panel of."""
    models = _models()
    submissions = models.Submission.objects.all() if submissions is None else submissions
    if not _active(user):
        return submissions.none()
    own = Q(consultant__user=user) & ~Q(engagement__status=models.EngagementStatus.DRAFT)
    return submissions.filter(own | Q(engagement__in=visible_engagements(user)))


def buyer_submissions(user: User, submissions: QuerySet | None = None) -> QuerySet:
    """Submissions the user sees as a buyer: of the rounds they run or review, never their
    own (a consultant on a panel does not review themselves)."""
    models = _models()
    submissions = models.Submission.objects.all() if submissions is None else submissions
    return submissions.filter(engagement__in=visible_engagements(user)).exclude(
        consultant__user=user
    )


def scores_shown(user: User, path: str = "") -> Q:
    """Q: the submission (at `path`, e.g. "submission__") shows its scores to the user.
    Blind review: the round's owner and staff see all, a panel member after submitting
    their own review of that consultant."""
    if not _active(user):
        return Q(pk__in=[])
    if is_staff(user):
        return Q()
    own = Q(**{f"{path}consultant__user": user})
    runs = Q(**{f"{path}engagement__owner": user})
    reviewed = Q(_reviewed(user, f"{path}pk" if path else "pk"))
    on_panel = _own_panel(user, f"{path}engagement")
    return (runs | (on_panel & reviewed)) & ~own


def _own_panel(user: User, engagement: str = "") -> Q:
    """On the panel of the round at `engagement` (a path to it; "" for the round itself), as
    a member of its organisation: someone removed from the organisation stops seeing its
    rounds, scores and prices at once, panel or not."""
    organisation = f"{engagement}__organisation" if engagement else "organisation"
    return Q(_on_panel(user, engagement or "pk")) & Q(_member(user, organisation))


def prices_shown(user: User, path: str = "") -> Q:
    """Q: the submission (at `path`) shows its commercial proposal to the user
    (`objects.sees_price` as SQL): the round's owner and staff, the consultant their own, a
    panel member as the round's `price_visibility` says."""
    models = _models()
    if not _active(user):
        return Q(pk__in=[])
    if is_staff(user):
        return Q()
    visibility = f"{path}engagement__price_visibility"
    own = Q(**{f"{path}consultant__user": user})
    runs = Q(**{f"{path}engagement__owner": user})
    on_panel = _own_panel(user, f"{path}engagement")
    reviewed = Q(_reviewed(user, f"{path}pk" if path else "pk"))
    panel = on_panel & (
        Q(**{visibility: models.PriceVisibility.ALWAYS})
        | (Q(**{visibility: models.PriceVisibility.AFTER_REVIEW}) & reviewed)
    )
    return own | runs | panel


def visible_proposals(user: User, proposals: QuerySet | None = None) -> QuerySet:
    """Commercial proposals the user may read: the same rule as every page (`prices_shown`)."""
    models = _models()
    proposals = models.CommercialProposal.objects.all() if proposals is None else proposals
    if not _active(user):
        return proposals.none()
    return proposals.filter(prices_shown(user, "submission__"))


def visible_scorecards(user: User, cards: QuerySet | None = None) -> QuerySet:
    """Score cards the user may read: the same rule as every page (`scores_shown`)."""
    models = _models()
    cards = models.ScoreCard.objects.all() if cards is None else cards
    if not _active(user):
        return cards.none()
    return cards.filter(scores_shown(user, "submission__"))


def visible_checks(user: User, checks: QuerySet | None = None) -> QuerySet:
    """Reference checks: callers (managers, staff) see every check, since they run the calls;
    a round's owner and panel see their rounds' checks (what referees *said* is shown only
    where the scores are: see `objects.sees_check_results`)."""
    models = _models()
    checks = models.ReferenceCheck.objects.all() if checks is None else checks
    if not _active(user):
        return checks.none()
    if is_staff(user):
        return checks
    if is_caller(user):  # the calls of their organisations' rounds
        return checks.filter(_member(user, "submission__engagement__organisation"))
    return checks.filter(submission__engagement__in=visible_engagements(user)).exclude(
        submission__consultant__user=user
    )


def with_results_shown(user: User, checks: QuerySet) -> QuerySet:
    """The rows (reference checks, decisions: anything with a `submission`), each annotated
    `results_shown`: may the user see what referees said and the flags it raised, a
    decision's block by a hold among them (`objects.sees_results_of`, in SQL so that a list
    costs one query)."""
    if is_caller(user):
        return checks.annotate(results_shown=Value(True, output_field=BooleanField()))
    return checks.annotate(
        results_shown=Case(
            When(scores_shown(user, "submission__"), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def with_price_shown(user: User, rows: QuerySet) -> QuerySet:
    """The rows (decisions: anything with a `submission`), each annotated `price_shown`:
    may the user see the submission's price, a decision's agreed price among it
    (`prices_shown`, in SQL so that a list costs one query)."""
    shown = prices_shown(user, "submission__")
    if not shown:  # an empty Q: staff see every price (and When refuses an empty Q)
        return rows.annotate(price_shown=Value(True, output_field=BooleanField()))
    return rows.annotate(
        price_shown=Case(
            When(shown, then=Value(True)), default=Value(False), output_field=BooleanField()
        )
    )


def blind_consultants(user: User) -> QuerySet:
    """The consultants the user is blind to (as a subquery of ids): on the panel of a round
    of theirs, as a member of its organisation, without having submitted a review of them,
    and not its owner. Claim benchmarks leave them out of every figure shown to the user,
    so that what referees said of them shows nowhere before the review. Callers (they see
    every reference result) and staff are blind to nobody."""
    models = _models()
    if not _active(user) or is_caller(user):
        return models.Submission.objects.none().values("consultant_id")
    # From the user's panels (an index on the panel table), not a test on every submission.
    panels = models.Engagement.reviewers.through.objects.filter(user=user).values("engagement")
    return (
        models.Submission.objects.filter(engagement__in=panels)
        .filter(_member(user, "engagement__organisation"))
        .exclude(engagement__owner=user)
        .exclude(_reviewed(user, "pk"))
        .values("consultant_id")
    )


def visible_approvals(user: User, approvals: QuerySet | None = None) -> QuerySet:
    """Routed decisions the user may see (`objects.sees_approval` as SQL): of the rounds
    they see, and of the rounds whose route they approve on (or whose step they answered)
    as a member of its organisation; never one about themselves."""
    models = _models()
    approvals = models.Approval.objects.all() if approvals is None else approvals
    if not _active(user):
        return approvals.none()
    on_route = Exists(
        models.ApprovalStep.objects.filter(
            engagement=OuterRef("submission__engagement"), approver=user
        )
    )
    answered = Exists(models.ApprovalAction.objects.filter(approval=OuterRef("pk"), approver=user))
    member = _member(user, "submission__engagement__organisation")
    approver = (Q(on_route) | Q(answered)) & Q(member)
    return approvals.filter(
        Q(submission__engagement__in=visible_engagements(user)) | approver
    ).exclude(submission__consultant__user=user)


def visible_flags(user: User, flags: QuerySet | None = None) -> QuerySet:
    """Flags raised by reference checks: callers see them all (they clear them); otherwise
    where the scores are shown (a flag moves the card)."""
    models = _models()
    flags = models.Flag.objects.all() if flags is None else flags
    if not _active(user):
        return flags.none()
    if is_staff(user):
        return flags
    if is_caller(user):  # the flags of their organisations' rounds
        return flags.filter(_member(user, "submission__engagement__organisation"))
    return flags.filter(scores_shown(user, "submission__"))


def visible_exports(user: User, exports: QuerySet | None = None) -> QuerySet:
    """The user's own exports, while they still run or review the round (staff: all). An
    export holds the scores its requester may see, so it is never shared."""
    models = _models()
    exports = models.Export.objects.all() if exports is None else exports
    visible = exports.filter(engagement__in=visible_engagements(user))
    return visible if is_staff(user) else visible.filter(requested_by=user)


def visible_evidence(user: User, files: QuerySet | None = None) -> QuerySet:
    """Evidence files of the submissions whose answers the user may read: the same rule as
    the answer pages (`visible_submissions`, as a subquery)."""
    models = _models()
    files = models.EvidenceFile.objects.all() if files is None else files
    if not _active(user):
        return files.none()
    return files.filter(submission__in=visible_submissions(user))


def visible_reviews(user: User, reviews: QuerySet | None = None) -> QuerySet:
    """One's own reviews; other reviewers' submitted reviews (and declared conflicts) where
    the scores are shown to the user."""
    models = _models()
    reviews = models.Review.objects.all() if reviews is None else reviews
    if not _active(user):
        return reviews.none()
    others = Q(status=models.ReviewStatus.SUBMITTED) | Q(has_conflict=True)
    return reviews.filter(Q(reviewer=user) | (others & scores_shown(user, "submission__"))).exclude(
        submission__consultant__user=user
    )


def visible_consultants(user: User, consultants: QuerySet | None = None) -> QuerySet:
    """A consultant sees their own profile. A buyer sees the profiles of consultants who
    made them discoverable, and of those who accepted an invitation to a round of one of
    the buyer's organisations (started its self-assessment); staff, all."""
    from consultants.models import Consultant

    consultants = Consultant.objects.all() if consultants is None else consultants
    if not _active(user):
        return consultants.none()
    if is_staff(user):
        return consultants
    if is_buyer_side(user):
        # Accepted: they started the self-assessment of one of the organisation's rounds
        # (an invitation alone, or one withdrawn unopened, shows nothing).
        accepted = Exists(
            _models()
            .Submission.objects.filter(consultant=OuterRef("pk"), started_at__isnull=False)
            .filter(_member(user, "engagement__organisation"))
        )
        return consultants.filter(Q(user=user) | Q(discoverable=True) | Q(accepted))
    return consultants.filter(user=user)


def buyer_side_people(users: QuerySet | None = None, organisation: Any = None) -> QuerySet:
    """Active procurement and manager accounts (and reviewers), of `organisation` when given:
    who may be chosen to review or approve its rounds."""
    from vetting.models import OrganisationRole, User
    from vetting.roles import Role

    users = User.objects.all() if users is None else users
    users = users.filter(is_active=True)
    if organisation is None:
        return users.filter(groups__name__in=[Role.PROCUREMENT, Role.MANAGER]).distinct()
    return users.filter(
        Q(groups__name__in=[Role.PROCUREMENT, Role.MANAGER])
        | Q(memberships__role=OrganisationRole.REVIEWER),
        memberships__organisation=organisation,
    ).distinct()


def visible_vendor_entries(user: User, entries: QuerySet | None = None) -> QuerySet:
    """Entries of the approved-vendor registers of the organisations the user belongs to
    (`objects.sees_vendor` as SQL); staff, all."""
    entries = _models().VendorEntry.objects.all() if entries is None else entries
    if not _active(user):
        return entries.none()
    if is_staff(user):
        return entries
    return entries.filter(_member(user, "organisation"))


def callers(users: QuerySet | None = None) -> QuerySet:
    """Active managers: who makes reference calls (and gets the overdue-calls digest)."""
    from vetting.models import User
    from vetting.roles import Role

    users = User.objects.all() if users is None else users
    return users.filter(is_active=True, groups__name=Role.MANAGER).distinct()


def visible_delivery_reviews(user: User, reviews: QuerySet | None = None) -> QuerySet:
    """Delivery reviews the user may read (`objects.sees_delivery_review` as SQL): those of
    the organisations where they are admin, procurement or manager, of the rounds they own,
    and those assigned to them; never of their own submission. Staff, all."""
    from vetting.access.objects import DELIVERY_ROLES

    models = _models()
    reviews = models.DeliveryReview.objects.all() if reviews is None else reviews
    if not _active(user):
        return reviews.none()
    if is_staff(user):
        return reviews
    reads = Exists(
        models.Membership.objects.filter(
            organisation=OuterRef("organisation"), user=user, role__in=DELIVERY_ROLES
        )
    )
    return reviews.filter(
        Q(reads) | Q(submission__engagement__owner=user) | Q(assignee=user)
    ).exclude(submission__consultant__user=user)


def delivery_reviews_in_charge(user: User, reviews: QuerySet) -> QuerySet:
    """Of `reviews`, those the user answers for: of a round they own, or assigned to them
    (their to-do when due)."""
    return reviews.filter(Q(submission__engagement__owner=user) | Q(assignee=user))


def visible_clarifications(user: User, clarifications: QuerySet | None = None) -> QuerySet:
    """Clarification requests the user may read (`objects.sees_clarification` as SQL): those
    of the submissions they see (the panel's, the consultant's own), and one about the
    commercial proposal only where its price is shown to them."""
    models = _models()
    clarifications = (
        models.Clarification.objects.all() if clarifications is None else clarifications
    )
    if not _active(user):
        return clarifications.none()
    if is_staff(user):
        return clarifications
    priced = Q(about=models.ClarificationAbout.PROPOSAL) & prices_shown(user, "submission__")
    return clarifications.filter(submission__in=visible_submissions(user)).filter(
        ~Q(about=models.ClarificationAbout.PROPOSAL) | priced
    )


def visible_comments(user: User, comments: QuerySet | None = None) -> QuerySet:
    """Internal comments the user may read (`objects.sees_comment` as SQL): where the
    consultant's scores are shown to them (blind review holds: comments are opinions), and
    a reference check's thread for the callers of the round's organisation. Never the
    consultant's own, whoever they are."""
    models = _models()
    comments = models.Comment.objects.all() if comments is None else comments
    if not _active(user):
        return comments.none()
    if is_staff(user):
        return comments
    shown = scores_shown(user, "submission__")
    if is_caller(user):
        calls = (
            Q(reference_check__isnull=False)
            & Q(_member(user, "submission__engagement__organisation"))
            & ~Q(submission__consultant__user=user)
        )
        shown = shown | calls
    return comments.filter(shown)


def comment_readers(
    submission: Any, *, check: bool = False, users: QuerySet | None = None
) -> QuerySet:
    """The people of the round who may read the submission's thread (`check`: a reference
    check's thread of it), as SQL: whom a comment may @mention and the suggestions offer.
    The round's owner; its panel members (in its organisation) who submitted their review of
    the consultant; for a check, the organisation's managers; the organisation's staff.
    Active, and never the consultant."""
    models = _models()
    from vetting.roles import Role

    users = models.User.objects.all() if users is None else users
    engagement = submission.engagement
    member = Exists(
        models.Membership.objects.filter(
            organisation_id=engagement.organisation_id, user=OuterRef("pk")
        )
    )
    panel = Exists(
        models.Engagement.reviewers.through.objects.filter(
            engagement_id=engagement.pk, user=OuterRef("pk")
        )
    )
    reviewed = Exists(
        models.Review.objects.filter(
            submission_id=submission.pk,
            reviewer=OuterRef("pk"),
            status=models.ReviewStatus.SUBMITTED,
        )
    )
    readers = Q(pk=engagement.owner_id) | (Q(panel) & Q(member) & Q(reviewed))
    readers |= Q(is_staff=True) & Q(member)
    if check:
        manager = Exists(
            models.User.groups.through.objects.filter(user=OuterRef("pk"), group__name=Role.MANAGER)
        )
        readers |= Q(manager) & Q(member)
    users = users.filter(readers, is_active=True)
    if submission.consultant.user_id is not None:
        users = users.exclude(pk=submission.consultant.user_id)
    return users


def managed_webhook_endpoints(user: User, endpoints: QuerySet | None = None) -> QuerySet:
    """Webhook endpoints the user manages (`objects.manages_organisation` as SQL): those of
    the organisations they are an admin of; staff, all."""
    models = _models()
    endpoints = models.WebhookEndpoint.objects.all() if endpoints is None else endpoints
    if not _active(user):
        return endpoints.none()
    if is_staff(user):
        return endpoints
    return endpoints.filter(
        Exists(
            models.Membership.objects.filter(
                organisation=OuterRef("organisation"),
                user=user,
                role=models.OrganisationRole.ADMIN,
            )
        )
    )


# --- Copied answers (issue 19) -------------------------------------------------------------


def visible_copy_matches(user: User, matches: QuerySet | None = None) -> QuerySet:
    """Copied-answer matches: shown where the flagged submission's card is (`scores_shown`),
    so blind review holds; what each shows of the other side is `with_passages_shown`."""
    models = _models()
    matches = models.CopyMatch.objects.all() if matches is None else matches
    if not _active(user):
        return matches.none()
    return matches.filter(scores_shown(user, "submission__"))


def with_passages_shown(user: User, matches: QuerySet) -> QuerySet:
    """The matches, each annotated `passages_shown` (`objects.sees_copy_passages` in SQL):
    a boilerplate passage to whoever sees the match; another consultant's words only to
    who may see that submission too, in the same organisation (never across)."""
    models = _models()
    if not _active(user):
        return matches.annotate(passages_shown=Value(False, output_field=BooleanField()))
    both = Q(source_submission__in=visible_submissions(user, models.Submission.objects.all()))
    same = Q(source_submission__engagement__organisation=F("submission__engagement__organisation"))
    return matches.annotate(
        passages_shown=Case(
            When(source__isnull=True, then=Value(True)),
            When(both & same, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def visible_profile_links(user: User, links: QuerySet | None = None) -> QuerySet:
    """Verified-profile links (vetting/models/profiles.py): the consultant's own, nobody
    else's (staff read them in the admin only)."""
    links = _models().ProfileLink.objects.all() if links is None else links
    if not _active(user):
        return links.none()
    return links.filter(consultant__user=user)
