"""The permission tests' world: one named user for each relation a person can have to the
objects (the columns of tests/permission_matrix.py), an open engagement with a submitted
self-assessment in every state the permissions depend on (reviews before and after, reference
checks by web and by phone, a flag, score cards, a decision, a declared conflict, an export),
a draft in a second round, a round of another buyer, and for every user a personal API token
and a signed-in session. Built through the services, like the pages' tests."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.http import HttpResponse
from django.test import Client, override_settings
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from knox.models import AuthToken
from rest_framework.response import Response
from rest_framework.test import APIClient

from tests.evidence_samples import evidence_storage_in, stored_evidence
from tests.factories import (
    EngagementFactory,
    FlagFactory,
    ReferenceFactory,
    SubmissionFactory,
    UserFactory,
    consultant_user,
    submitted_quickly,
    submitted_review,
    submitted_with_checks,
)
from vetting import services
from vetting.models import (
    Channel,
    CommercialProposal,
    EngagementStatus,
    Export,
    Outcome,
    Questionnaire,
    Submission,
    User,
)
from vetting.roles import Role
from vetting.services.commercial import proposal_save
from vetting.services.provisioning import provisioning_token_create
from vetting.tokens import new_token, sign_up_token

# Who is asking, by their relation to the objects of the world: the columns of the
# permission matrix, in its order.
ROLES = (
    "owner",  # procurement, runs the rounds
    "reviewer_before",  # procurement on the panel, has not submitted a review of the consultant
    "reviewer_after",  # a manager on the panel who has submitted theirs
    "manager_off",  # a manager on no panel (makes the reference calls across rounds)
    "other_procurement",  # procurement of a second organisation, running its own round
    "consultant",  # whose submission it is (submitted in the first round, drafting in the second)
    "other_consultant",  # a peer: submitted (and was decided) in the same round
    "outsider",  # signed in, no role
    "anonymous",
    "staff",  # Django admin (staff and superuser), no group
)

# What the referee says on the web form or on a call: the claims of ReferenceFactory.
REFEREE_ANSWERS: dict[str, Any] = {
    "relationship_confirmed": True,
    "period_from": "2021-01-01",
    "period_to": "2023-06-30",
    "rating_relationships": 4,
    "rating_honesty": 5,
    "rating_results": 4,
    "would_hire_again": "yes",
    "strengths": "She asked who our buyers were before proposing anything.",
}


@dataclass
class World:
    users: dict[str, User | None]
    tokens: dict[str, str]
    ids: dict[str, int | str] = field(default_factory=dict)
    sessions: dict[str, str] = field(default_factory=dict)

    def client(self, role: str) -> APIClient:
        client = APIClient()
        if self.tokens.get(role):
            client.credentials(HTTP_AUTHORIZATION=f"Token {self.tokens[role]}")
        return client

    def call(self, role: str, method: str, path: str, data: Any = None) -> Response:
        client = self.client(role)
        return getattr(client, method)(path.format(**self.ids), data, format="json")

    def browser(self, role: str) -> Client:
        """A fresh browser signed in as `role` (each request gets its own, so a page that
        changes the session, such as signing out, changes nothing for the next one)."""
        client = Client()
        if self.sessions.get(role):
            client.cookies[settings.SESSION_COOKIE_NAME] = self.sessions[role]
        return client

    def page(self, role: str, method: str, url: str, data: Any = None) -> HttpResponse:
        return getattr(self.browser(role), method)(url, data or {})


def _users() -> dict[str, User | None]:
    return {
        "owner": UserFactory(email="owner@example.com", role=Role.PROCUREMENT),
        "reviewer_before": UserFactory(email="blind@example.com", role=Role.PROCUREMENT),
        "reviewer_after": UserFactory(email="reviewer@example.com", role=Role.MANAGER),
        "manager_off": UserFactory(email="caller@example.com", role=Role.MANAGER),
        "other_procurement": UserFactory(email="buyer2@example.com", role=Role.PROCUREMENT),
        "consultant": consultant_user(email="clara@example.com"),
        "other_consultant": consultant_user(email="otto@example.com"),
        "outsider": UserFactory(email="outsider@example.com"),
        "anonymous": None,
        "staff": UserFactory(email="admin@example.com", is_staff=True, is_superuser=True),
    }


def _organisations(users: dict[str, User | None]) -> Any:
    """Two buyer organisations: the owner (its admin), the panel and the caller in the
    default one; the other procurement user in a second, which must learn nothing of the
    first. The consultants' profiles are not discoverable: a buyer sees them only through a
    round of its own."""
    from vetting.models import Membership, OrganisationRole
    from vetting.services.organisations import default_organisation, organisation_create

    default = default_organisation()
    Membership.objects.filter(organisation=default, user=users["owner"]).update(
        role=OrganisationRole.ADMIN
    )
    other = users["other_procurement"]
    Membership.objects.filter(user=other).delete()
    organisation_create(name="Rival Retail", by=other)
    for role in ("consultant", "other_consultant"):
        users[role].consultant.discoverable = False
        users[role].consultant.save()
    return Membership.objects.get(organisation=default, user=users["manager_off"])


def build_world() -> World:
    users = _users()
    caller_membership = _organisations(users)
    owner, blind, reviewer = users["owner"], users["reviewer_before"], users["reviewer_after"]
    caller, consultant, other = users["manager_off"], users["consultant"], users["other_consultant"]

    # The first round: the consultant submitted with two references (web checks).
    submission = submitted_with_checks(consultant=consultant, owner=owner)
    engagement = submission.engagement
    engagement.reviewers.add(blind, reviewer)
    web, phone = submission.reference_checks.order_by("pk")
    services.check_set_channel(check=phone, by=owner, channel=Channel.PHONE)
    services.call_claim(check=phone, by=caller)
    # A third reference, checked by a call the caller recorded; a fourth to request.
    third, fourth = ReferenceFactory.create_batch(2, consultant=consultant.consultant)
    recorded = services.check_request(
        submission=submission, reference=third, by=owner, channel=Channel.PHONE
    )
    services.call_claim(check=recorded, by=caller)
    said = {
        **REFEREE_ANSWERS,
        "relationship": third.relationship,
        "period_from": third.period_from,
        "period_to": third.period_to,
    }
    services.call_record(check=recorded, by=caller, data=said, notes="Confirmed everything.")
    raw, web.token_hash = new_token()
    web.save()
    flag = FlagFactory(reference_check=web)

    # The owner and the reviewer after reviewed and submitted; the reviewer before started
    # a draft (so is still blind to this consultant).
    owner_review = submitted_review(submission, owner)
    after_review = submitted_review(submission, reviewer)
    draft_review = services.review_for(submission=submission, reviewer=blind)
    services.review_declare_conflict(review=draft_review, by=blind, has_conflict=False)

    # The peer submitted too, and was rejected; the reviewer before has not declared a
    # conflict on them yet, the reviewer after declared one (the owner may override it).
    decided = submitted_quickly(engagement, consultant=other.consultant)
    services.scorecards_recompute([submission.pk, decided.pk])
    decision = services.decision_record(
        submission=decided, by=owner, outcome=Outcome.REJECT, rationale="Too little B2B."
    )
    undeclared = services.review_for(submission=decided, reviewer=blind)
    conflicted = services.review_start(
        submission=decided, by=reviewer, has_conflict=True, note="We worked together in 2020."
    )

    # An internal comment by the owner on the consultant's submission, mentioning the
    # reviewer after (who may read it; the reviewer before may not).
    comment = services.comment_post(
        target=submission, by=owner, body="@reviewer@example.com is the B2B claim solid?"
    )
    mention = comment.mention_rows.get()

    # Clarification requests on the consultant's submission: the reviewer after asked about
    # an answer and the consultant replied; the owner asked about the (sealed) proposal.
    clarification = services.clarification_ask(
        submission=submission, by=reviewer, subject="first_steps", text="Who does the work?"
    )
    services.clarification_reply(clarification=clarification, by=consultant, text="Your team.")
    on_price = services.clarification_ask(
        submission=submission, by=owner, subject="proposal", text="What does a month include?"
    )

    # The owner's ranking export, built (exports are their requester's alone).
    export = Export.objects.create(engagement=engagement, requested_by=owner, format="csv")
    services.export_build(export_id=export.pk)

    # A round with an approval route: the consultant's shortlist waits on its first step.
    from tests.approval_helpers import approval_world

    routed, approval = approval_world(
        owner=owner, panel=[blind, reviewer], first=reviewer, second=caller, consultant=consultant
    )

    # The second round: the consultant is still drafting; someone without an account is
    # invited by a private link.
    second = EngagementFactory(owner=owner, status=EngagementStatus.OPEN, opened_at=timezone.now())
    second.reviewers.add(blind, reviewer)
    draft = SubmissionFactory(engagement=second, consultant=consultant.consultant)
    # Commercial proposals: one handed in with the submitted self-assessment (written as
    # it was when submitted), one on the draft.
    commercial_proposals(submission, draft, consultant)
    # Evidence files: one on the submitted self-assessment, one on the draft.
    evidence = stored_evidence(submission, consultant, "coverage.pdf")
    draft_evidence = stored_evidence(draft, consultant, "draft.pdf")
    invited = services.invite_new(
        engagement=second, by=owner, name="Ines Ude", email="ines@agency.example"
    )
    invitation_link, invited.invitation.token_hash = new_token()
    invited.invitation.save()

    # Another buyer's round, to which the peer is invited.
    theirs = EngagementFactory(owner=users["other_procurement"], status=EngagementStatus.OPEN)
    SubmissionFactory(engagement=theirs, consultant=other.consultant)

    # The owner's draft questionnaire template, with one question of their own.
    template = services.template_create(by=owner, title="Bakery chain: Instagram")
    template_question = services.question_add(
        template=template,
        by=owner,
        data={
            "prompt": "Which tools do you use?",
            "kind": "short_text",
            "criterion": "business_background",
        },
    )
    criterion = services.criterion_add(
        template=template, by=owner, data={"label": "Languages", "summary": "", "weight": 10}
    )
    core = Questionnaire.objects.filter(owner__isnull=True).default()
    # The default organisation's provisioning token (SCIM), created by its admin.
    provisioning_token, _ = provisioning_token_create(
        organisation=caller_membership.organisation, by=owner, label="Okta"
    )

    # A webhook endpoint of the default organisation (its admin is the owner), with one
    # delivery: a test ping (to a closed port: nothing listens).
    from vetting.services.webhooks import endpoint_create, endpoint_ping

    hook, _ = endpoint_create(
        organisation=caller_membership.organisation,
        by=owner,
        url="http://127.0.0.1:9/hook",
        events=["decision.recorded"],
    )
    hook_delivery = endpoint_ping(endpoint=hook, by=owner)

    # The approved-vendor register: the consultant is in the default organisation's, and
    # their draft in the second round re-vets them.
    from tests.vendor_helpers import vendor_world

    vendor = vendor_world(submission, draft)

    # Verified-profile links of the consultant: one working, one expired, one revoked.
    from tests.profile_helpers import profile_links_world

    profile_links = profile_links_world(consultant)

    # A delivery review of the consultant (written straight: the world's submission keeps
    # its state), due today, with one point; the owner runs its round.
    from tests.delivery_helpers import delivery_world

    delivery = delivery_world(submission)

    tokens = {role: AuthToken.objects.create(user)[1] for role, user in users.items() if user}
    sessions = {}
    for role, user in users.items():
        if user is not None:
            browser = Client()
            browser.force_login(user)
            sessions[role] = browser.cookies[settings.SESSION_COOKIE_NAME].value
    ids = {  # short names, for the permission matrix's paths
        "owner": owner.pk,
        "routed": routed.pk,
        "approval": approval.pk,
        "eng": engagement.pk,
        "second": second.pk,
        "theirs": theirs.pk,
        "sub": submission.pk,
        "decided": decided.pk,
        "draft": draft.pk,
        "evid": evidence.pk,
        "devid": draft_evidence.pk,
        "web": web.pk,
        "phone": phone.pk,
        "recorded": recorded.pk,
        "flag": flag.pk,
        "ownrev": owner_review.pk,
        "afterrev": after_review.pk,
        "myrev": draft_review.pk,
        "undeclared": undeclared.pk,
        "conflicted": conflicted.pk,
        "card": submission.scorecard.pk,
        "decision": decision.pk,
        "clar": clarification.pk,
        "pclar": on_price.pk,
        "comment": comment.pk,
        "mention": mention.pk,
        "export": export.pk,
        "cons": consultant.consultant.pk,
        "ref": third.pk,
        "fourth": fourth.pk,
        "key": "years_social_media",  # a question of the default questionnaire
        "tpl": template.pk,
        "tq": template_question.pk,
        "crit": criterion["key"],
        "mem": caller_membership.pk,
        "org": caller_membership.organisation_id,
        "orgslug": caller_membership.organisation.slug,
        "ptoken": provisioning_token.pk,
        "hook": hook.pk,
        "hookdel": hook_delivery.pk,
        "core": core.pk,
        "vendor": vendor.pk,
        **profile_links,
        "delivery": delivery.pk,
        "pair": f"s={submission.pk}&s={decided.pk}",  # the compare page's query
        "token": raw,
        "invitation": invitation_link,
        "signup": sign_up_token(email="new@example.com", first_name="Nea", last_name="Wu"),
        "uid": urlsafe_base64_encode(force_bytes(users["outsider"].pk)),
        "reset": default_token_generator.make_token(users["outsider"]),
        "digest": AuthToken.objects.filter(user=owner).get().digest,
    }
    return World(users=users, tokens=tokens, ids=ids, sessions=sessions)


def commercial_proposals(submitted: Submission, draft: Submission, consultant: User) -> None:
    """A monthly retainer on the submitted self-assessment, a day rate on the draft."""
    proposal = CommercialProposal.objects.create(submission=submitted, currency="GBP")
    proposal.lines.create(
        position=0, description="Community manager", quantity=1, unit_price=2500, unit="month"
    )
    proposal_save(
        submission=draft,
        by=consultant,
        data={"currency": "EUR"},
        lines=[{"description": "Workshop", "quantity": 3, "unit_price": 900, "unit": "day"}],
    )


@contextmanager
def shared_world(django_db_blocker: Any) -> Iterator[World]:
    """One world for a whole test module (building it costs a few seconds): each test runs
    in its own savepoint inside this transaction, which is rolled back at the end."""
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        tempfile.TemporaryDirectory() as media,
        override_settings(
            PASSWORD_HASHERS=fast, MEDIA_ROOT=media, STORAGES=evidence_storage_in(media)
        ),
        transaction.atomic(),
    ):
        yield build_world()
        transaction.set_rollback(True)
