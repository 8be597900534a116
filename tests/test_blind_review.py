"""Blind review means indistinguishable: a panel member who has not submitted their reviews
gets the same bytes from every page and API operation they can reach, whatever the scores,
the flags, what the referees said and the other reviewers' ratings are.

The test builds one round, records every response a blind reviewer gets, then changes only
what must stay hidden (another reviewer's ratings, the referees' answers, the flags, and so
the score cards) and records them again. The two recordings must be identical once CSRF
tokens are removed."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import resolve, reverse
from django.utils import timezone

from consultants.models import Consultant
from tests.api_world import ROLES
from tests.evidence_samples import evidence_storage_in, stored_evidence
from tests.factories import (
    ALL_FOURS,
    EngagementFactory,
    FlagFactory,
    ReferenceCheckFactory,
    UserFactory,
    submitted_quickly,
    submitted_review,
)
from tests.permission_matrix import MATRIX
from vetting.models import (
    Engagement,
    EngagementStatus,
    Flag,
    ReferenceCheck,
    ReviewRating,
    Submission,
    User,
)
from vetting.roles import Role
from vetting.services import (
    clarification_ask,
    comment_edit,
    comment_post,
    comment_remove,
    decision_record,
    review_for,
    scorecards_recompute,
)
from vetting.services.approvals import approval_route_set
from vetting.services.benchmarks import claim_tallies_rebuild

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _evidence_storage(settings, tmp_path):
    settings.STORAGES = evidence_storage_in(tmp_path)


NAMES = ("Ada Quill", "Ben Ortiz", "Cy Marsh", "Dee Lund")
# Random per render: CSRF tokens and the one-time token of a creation form.
CSRF = re.compile(
    r'(name="(?:csrfmiddlewaretoken|form_token)" value=")[^"]+"|("X-CSRFToken": ")[^"]+"'
)
# A printed report says when it was printed, to the minute: two fetches seconds apart may
# straddle a minute (what is hidden never enters that line).
PRINTED = re.compile(r"(Printed )[^<]*?( by )")


class World:
    """A round with four submitted consultants, a second reviewer who has reviewed them
    all, completed reference checks, and a blind reviewer (procurement, on the panel)."""

    def __init__(self, owner: User) -> None:
        self.engagement: Engagement = EngagementFactory(
            owner=owner,
            status=EngagementStatus.OPEN,
            opened_at=timezone.now(),
            references_required=1,
        )
        self.blind = UserFactory(role=Role.PROCUREMENT, first_name="Blake")
        self.other = UserFactory(role=Role.MANAGER, first_name="Omar")
        self.engagement.reviewers.add(self.blind, self.other)
        self.submissions: list[Submission] = [
            submitted_quickly(self.engagement, name=name) for name in NAMES
        ]
        self.checks: list[ReferenceCheck] = []
        for submission in self.submissions:
            submitted_review(submission, self.other)
            self.checks.append(
                ReferenceCheckFactory(
                    submission=submission,
                    status="completed",
                    completed_at=timezone.now(),
                    relationship_confirmed=True,
                    relationship="client",
                    rating_relationships=4,
                    rating_honesty=4,
                    rating_results=4,
                    would_hire_again="yes",
                    verdicts={},
                )
            )
        self.rescore()
        self.decision = decision_record(
            submission=self.submissions[0],
            by=owner,
            outcome="shortlisted",
            rationale="Strong answers.",
        )
        self.references = [c.reference_id for c in self.checks]
        # Flags that exist in both recordings (their ids are asked for; what they say is not
        # shown to a blind reviewer, and whether they exist must not show either).
        self.flags = [FlagFactory(reference_check=self.checks[0]).pk]
        # An evidence file of the first consultant (part of the answers, not hidden).
        self.evidence = stored_evidence(self.submissions[0], self.submissions[0].invited_by)
        # A clarification the other reviewer asked (the thread shows to the whole panel,
        # blind or not: it carries no rating).
        self.clarification = clarification_ask(
            submission=self.submissions[0], by=self.other, subject="first_steps", text="Who?"
        )
        # The third consultant is an approved vendor from an earlier round, and this round
        # re-vets them: the register and the differences show the blind reviewer answers,
        # never a score or a reference result.
        from tests.vendor_helpers import vendor_world

        earlier = EngagementFactory(owner=owner, status=EngagementStatus.CLOSED)
        before = submitted_quickly(earlier, consultant=self.submissions[2].consultant)
        self.vendor = vendor_world(before, self.submissions[2])
        # A delivery review of the first consultant with the card as it was: shown only to
        # who sees the round's scores.
        from tests.delivery_helpers import delivery_world

        self.delivery = delivery_world(self.submissions[0], with_card=True)
        # An approval route (the other reviewer, then the owner) with the owner's shortlist
        # of the second consultant waiting on it: its page says nothing of the hold raised
        # on that consultant in the other recording.
        approval_route_set(
            engagement=self.engagement,
            by=owner,
            steps=[("Procurement lead", self.other), ("Budget holder", owner)],
        )
        self.approval = decision_record(
            submission=self.submissions[1],
            by=owner,
            outcome="shortlisted",
            rationale="Solid references.",
        )
        # The blind reviewer's own review, begun, not submitted.
        self.own_review = review_for(submission=self.submissions[0], reviewer=self.blind)
        # Internal comments (opinions, blind like the ratings) on a submission, a check and
        # the decision; the owner mentions the other reviewer.
        self.comments = [
            comment_post(target=self.submissions[0], by=owner, body="Strong on B2B."),
            comment_post(target=self.checks[0], by=self.other, body="The referee hesitated."),
            comment_post(target=self.decision, by=owner, body=f"@{self.other.email} agree?"),
        ]
        # The directory says when a profile changed ("now", "a second ago"): held still.
        Consultant.objects.filter(pk__in=[s.consultant_id for s in self.submissions]).update(
            updated_at=timezone.now() - timedelta(days=2)
        )

    def rescore(self) -> None:
        scorecards_recompute([s.pk for s in self.submissions])

    def change_what_is_hidden(self) -> None:
        """Other ratings, referees' answers and flags differ; nothing else does."""
        ratings = {0: 1, 1: 5, 2: 2, 3: 4}
        for index, submission in enumerate(self.submissions):
            ReviewRating.objects.filter(
                review__submission=submission, review__reviewer=self.other
            ).update(rating=ratings[index])
        ReferenceCheck.objects.filter(pk__in=[c.pk for c in self.checks[:2]]).update(
            rating_honesty=1, rating_results=2, would_hire_again="no"
        )
        FlagFactory(reference_check=self.checks[1], hold=True)
        FlagFactory(reference_check=self.checks[3])
        Flag.objects.filter(reference_check=self.checks[2]).delete()
        # The referees' verdicts on the accomplishments, and so the claim benchmarks.
        ReferenceCheck.objects.filter(pk__in=[c.pk for c in self.checks[:2]]).update(
            verdicts={"0": "not_confirmed"}
        )
        ReferenceCheck.objects.filter(pk=self.checks[3].pk).update(verdicts={"0": "confirmed"})
        claim_tallies_rebuild()
        self.rescore()
        owner = self.engagement.owner
        comment_edit(comment=self.comments[0], by=owner, body="Weak on B2B after all.")
        comment_remove(comment=self.comments[1], by=self.other)
        comment_post(target=self.submissions[1], by=self.other, body=f"@{owner.email} look.")
        comment_post(target=self.checks[2], by=self.other, body="Could not confirm the dates.")


def responses_urls(world: World) -> list[str]:
    """Every page and API operation the blind reviewer can reach (GET)."""
    e = world.engagement.pk
    subs = [s.pk for s in world.submissions]
    from vetting.models import DeliveryReview

    delivery_reviews = list(DeliveryReview.objects.order_by("pk").values_list("pk", flat=True))
    gets = [
        reverse("procurement_home"),
        reverse("engagements:list"),
        reverse("engagements:create"),
        reverse("checks:reviews"),
        reverse("api_tokens"),
        reverse("organisation:members"),
        reverse("consultants:directory"),
        *[reverse("consultants:detail", args=[s.consultant_id]) for s in world.submissions],
        *[reverse("consultants:history", args=[s.consultant_id]) for s in world.submissions],
        reverse("engagements:detail", args=[e]),
        reverse("engagements:ranking", args=[e]),
        reverse("engagements:ranking", args=[e]) + "?sort=rank&dir=desc",
        reverse("engagements:ranking", args=[e]) + "?sort=red&dir=desc",
        reverse("engagements:ranking", args=[e]) + "?sort=c_references",
        reverse("engagements:ranking", args=[e]) + "?flag=red",
        reverse("engagements:ranking", args=[e]) + "?flag=hold",
        reverse("engagements:ranking", args=[e]) + "?min=40&max=60",
        reverse("engagements:compare", args=[e]) + "?" + "&".join(f"s={pk}" for pk in subs),
        reverse("engagements:calibration", args=[e]),
        reverse("engagements:value", args=[e]),
        reverse("engagements:value", args=[e]) + "?split=100",
        reverse("engagements:audit", args=[e]),
        reverse("engagements:report", args=[e]),
        *[reverse("submissions:read", args=[pk]) for pk in subs],
        *[reverse("submissions:review", args=[pk]) for pk in subs],
        *[reverse("submissions:score", args=[pk]) for pk in subs],
        *[reverse("submissions:report", args=[pk]) for pk in subs],
        *[reverse("submissions:clarifications", args=[pk]) for pk in subs],
        *[f"/api/v1/submissions/{pk}/clarifications/" for pk in subs],
        f"/api/v1/clarifications/{world.clarification.pk}/",
        *[reverse("checks:detail", args=[c.pk]) for c in world.checks],
        reverse("submissions:evidence", args=[world.evidence.pk]),
        *[f"/api/v1/submissions/{pk}/evidence-files/" for pk in subs],
        f"/api/v1/evidence-files/{world.evidence.pk}/",
        f"/api/v1/evidence-files/{world.evidence.pk}/download/",
        "/api/v1/",
        "/api/v1/engagements/",
        f"/api/v1/engagements/{e}/",
        "/api/v1/consultants/",
        *[f"/api/v1/consultants/{s.consultant_id}/" for s in world.submissions],
        "/api/v1/references/",
        *[f"/api/v1/references/{r}/" for r in world.references],
        "/api/v1/decisions/",
        f"/api/v1/decisions/{world.decision.pk}/",
        *[f"/api/v1/flags/{f}/" for f in world.flags],
        *[f"/api/v1/score-cards/{s.scorecard.pk}/" for s in world.submissions],
        f"/api/v1/engagements/{e}/ranking/",
        "/api/v1/score-cards/",
        *[f"/api/v1/score-cards/?submission={pk}" for pk in subs],
        f"/api/v1/submissions/?engagement={e}",
        *[f"/api/v1/submissions/{pk}/" for pk in subs],
        "/api/v1/reviews/",
        f"/api/v1/reviews/{world.own_review.pk}/",
        "/api/v1/flags/",
        "/api/v1/reference-checks/",
        *[f"/api/v1/reference-checks/{c.pk}/" for c in world.checks],
        # The vendor register and the differences of the round's re-vetted consultant
        reverse("vendors:register"),
        reverse("vendors:detail", args=[world.vendor.pk]),
        reverse("vendors:differences", args=[world.submissions[2].pk]),
        "/api/v1/vendors/",
        f"/api/v1/vendors/{world.vendor.pk}/",
        f"/api/v1/submissions/{world.submissions[2].pk}/differences/",
        # Internal comments: refused alike (403) whatever the threads hold
        reverse("comments:mentions"),
        "/api/v1/mentions/",
        *[f"/api/v1/submissions/{pk}/comments/" for pk in subs],
        *[f"/api/v1/reference-checks/{c.pk}/comments/" for c in world.checks],
        f"/api/v1/decisions/{world.decision.pk}/comments/",
        # Routed approvals: the panel sees the route's progress, never a hold or a price
        reverse("approvals:mine"),
        reverse("approvals:detail", args=[world.approval.pk]),
        "/api/v1/approvals/",
        "/api/v1/approvals/pending/",
        f"/api/v1/approvals/{world.approval.pk}/",
        f"/api/v1/engagements/{e}/approval-route/",
        # Delivery reviews and the outcome report: the card as it was only for who sees the
        # round's scores; the consultants the blind reviewer has yet to review are left out
        # of the report's figures
        reverse("delivery:list") + "?show=all",
        *[reverse("delivery:detail", args=[pk]) for pk in delivery_reviews],
        reverse("delivery:report"),
        reverse("delivery:report_csv"),
        "/api/v1/delivery-reviews/",
        *[f"/api/v1/delivery-reviews/{pk}/" for pk in delivery_reviews],
        "/api/v1/outcomes/report/",
        # Claim benchmarks: the consultants the blind reviewer has yet to review are left out
        # of the organisation's figures; a consultant's own lines are refused alike (404)
        reverse("benchmarks:organisation"),
        f"/api/v1/organisations/{world.engagement.organisation_id}/claim-benchmarks/",
        *[f"/api/v1/submissions/{pk}/claim-benchmarks/" for pk in subs],
    ]
    return gets


def responses(client: Client, world: World) -> dict[str, str]:
    """Every page and API response the blind reviewer can reach, as text."""
    e = world.engagement.pk
    found = {}
    for url in responses_urls(world):
        response = client.get(url)
        location = response.get("Location", "")
        body = b"".join(response.streaming_content) if response.streaming else response.content
        found[url] = f"{response.status_code} {location}\n{body.decode()}"
    htmx = client.get(reverse("engagements:ranking", args=[e]), HTTP_HX_REQUEST="true")
    found["ranking (htmx)"] = htmx.content.decode()
    export = client.post(reverse("engagements:export", args=[e, "csv"]))
    found["export csv"] = export.content.decode("utf-8-sig")
    return {url: PRINTED.sub(r"\1…\2", CSRF.sub(r"\1\2", text)) for url, text in found.items()}


# Pages that show nothing of any round: the same for everyone whatever a round holds.
NOTHING_OF_A_ROUND = {
    "healthz",
    "javascript-catalog",  # the scripts' words, the same for everyone in a language
    "signup_done",
    "login",
    "sso_start",  # "Sign in with your organisation": a form, nothing of any round
    "password_change",
    "password_change_done",
    "password_reset",
    "password_reset_done",
    "password_reset_complete",
    "api:schema",
    "api:docs",
    "referee:form",  # the referee's own form, reached by its token, not by the panel
    "invitations:accept",
    "api:referee-form",
    "questionnaires:list",  # templates of questions: no round's answers, scores or people
    "questionnaires:detail",
    "api:questionnaire-list",
    "api:questionnaire-detail",
    # An organisation's webhook endpoints (URLs and events): no round's answers, scores or
    # people, and listed to its admins only (an empty list for a reviewer).
    "api:webhook-endpoint-list",
    # A consultant's verified profile, reached by the link they gave: what they chose to
    # share (a score only where a round's owner released it); their links (none for a
    # reviewer).
    "profiles:public",
    "api:profile-link-list",
}


def test_every_page_and_api_operation_a_blind_reviewer_can_reach_is_compared(procurement):
    """The list in `responses` is checked against the permission matrix: every GET that
    answers 200 to a reviewer before their review is in it (or shows nothing of a round)."""
    world = World(procurement)
    compared = {resolve(url.split("?")[0]).view_name for url in responses_urls(world)}
    blind = ROLES.index("reviewer_before")
    reachable = {
        resolve(row.url(PLACEHOLDERS).split("?")[0]).view_name
        for row in MATRIX
        if row.method == "get" and row.expect.split()[blind] == "200"
    }

    assert reachable - compared - NOTHING_OF_A_ROUND == set()


class _AnyId(dict):
    def __missing__(self, key: str) -> str:
        return "1"


PLACEHOLDERS = _AnyId()


def differences(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return [url for url in before if before[url] != after[url]]


def test_a_blind_reviewer_gets_the_same_bytes_whatever_is_hidden_from_them(client, procurement):
    world = World(procurement)
    client.force_login(world.blind)

    before = responses(client, world)
    world.change_what_is_hidden()
    after = responses(client, world)

    assert differences(before, after) == []


def test_the_same_changes_are_visible_to_the_owner(client, procurement):
    """The test above can fail: the changes it makes show to someone who may see them."""
    world = World(procurement)
    client.force_login(procurement)

    before = responses(client, world)
    world.change_what_is_hidden()
    after = responses(client, world)

    changed = differences(before, after)
    assert reverse("engagements:ranking", args=[world.engagement.pk]) in changed
    assert "/api/v1/score-cards/" in changed
    assert "export csv" in changed
    subs = [s.pk for s in world.submissions]
    assert f"/api/v1/submissions/{subs[0]}/comments/" in changed  # the comments changed too
    assert reverse("submissions:score", args=[subs[0]]) in changed
    assert f"/api/v1/reference-checks/{world.checks[2].pk}/comments/" in changed
    assert f"/api/v1/organisations/{world.engagement.organisation_id}/claim-benchmarks/" in changed


@pytest.mark.parametrize(
    ("query", "refused"),
    [("?sort=rank", True), ("?flag=red", True), ("?min=10", True), ("?q=Ada", False)],
)
def test_a_blind_reviewer_is_told_why_score_sorts_and_filters_do_not_apply(
    client, procurement, query: str, refused: bool
):
    world = World(procurement)
    client.force_login(world.blind)

    html = client.get(reverse("engagements:ranking", args=[world.engagement.pk]) + query).text

    assert ('data-testid="blind-refused"' in html) == refused
    assert 'data-testid="distribution-blind"' in html


def test_after_reviewing_everyone_the_reviewer_sees_ranks_and_the_distribution(client, procurement):
    world = World(procurement)
    for submission in world.submissions:
        submitted_review(submission, world.blind, ratings=ALL_FOURS)
    client.force_login(world.blind)

    html = client.get(reverse("engagements:ranking", args=[world.engagement.pk])).text

    assert 'data-testid="distribution"' in html
    assert 'data-testid="blind-intro"' not in html


def check_each(urls: list[str], probe: Callable[[str], int], expected: int) -> None:
    for url in urls:
        assert probe(url) == expected, url


def test_a_manager_off_the_panel_reads_no_score_card_anywhere(client, procurement):
    world = World(procurement)
    outsider_manager = UserFactory(role=Role.MANAGER)
    client.force_login(outsider_manager)

    assert client.get("/api/v1/score-cards/").json()["count"] == 0
    check_each(
        [f"/api/v1/score-cards/{s.scorecard.pk}/" for s in world.submissions],
        lambda url: client.get(url).status_code,
        404,
    )
    check_each(
        [reverse("submissions:score", args=[s.pk]) for s in world.submissions],
        lambda url: client.get(url).status_code,
        404,
    )
