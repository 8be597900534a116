"""Printable reports: what each says, blind reviews kept blind, and query counts that do not
grow with the round. (Who may open them is in tests/permission_matrix.py.)"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    VALID_ANSWERS,
    EngagementFactory,
    SubmissionFactory,
    UserFactory,
    complete_answers,
    offer_references,
    submitted_review,
)
from vetting.models import (
    Engagement,
    EngagementStatus,
    ProposalLine,
    ScoreCard,
    Submission,
    SubmissionStatus,
    User,
)
from vetting.roles import Role
from vetting.scoring.rubric import CRITERIA
from vetting.services import (
    decision_record,
    referee_submit,
    review_declare_conflict,
    review_for,
    review_save,
    scorecards_recompute,
    submission_submit,
)

pytestmark = pytest.mark.django_db

MISSING = 404
AGREEING = {
    "relationship_confirmed": True,
    "relationship": "client",
    "period_from": date(2021, 1, 1),
    "period_to": date(2023, 6, 30),
    "verdicts": {},
    "rating_relationships": 4,
    "rating_honesty": 5,
    "rating_results": 4,
    "would_hire_again": "yes",
    "strengths": "Listened to our customers first.",
    "concerns": "Slow to send the monthly numbers.",
}


def review(submission: Submission, reviewer: User, rating: int = 4, note: str = "") -> None:
    own = review_for(submission=submission, reviewer=reviewer)
    own = review_declare_conflict(review=own, by=reviewer, has_conflict=False)
    review_save(
        review=own,
        by=reviewer,
        ratings=dict.fromkeys((c.key for c in CRITERIA), rating),
        notes={},
        recommendation="yes",
        overall_note=note,
        expected_version=None,
        submit=True,
    )


@pytest.fixture
def second_reviewer(db) -> User:
    return UserFactory(email="second@example.com", role=Role.PROCUREMENT)


@pytest.fixture
def submission(procurement, manager, second_reviewer, consultant) -> Submission:
    """Clara's full submission to an open round reviewed by `manager` (who submitted a
    review) and `second_reviewer` (who has not): one reference completed, shortlisted."""
    engagement = EngagementFactory(
        owner=procurement,
        status=EngagementStatus.OPEN,
        opened_at=timezone.now(),
        references_required=2,
        target_market="Finance teams at UK software companies with 50 to 500 staff.",
    )
    engagement.reviewers.add(manager, second_reviewer)
    submission = SubmissionFactory(engagement=engagement, consultant=consultant.consultant)
    complete_answers(submission, consultant)
    offer_references(submission, consultant, count=2)
    submission = submission_submit(submission=submission, by=consultant)
    check = submission.reference_checks.order_by("pk").first()
    referee_submit(check=check, data=AGREEING, ip="198.51.100.1", user_agent="Firefox")
    review(submission, manager, rating=5, note="The strongest method we have seen.")
    scorecards_recompute([submission.pk])
    decision_record(
        submission=submission,
        by=procurement,
        outcome="shortlisted",
        rationale="Measured results and a reference who confirms them.",
        approver=manager,
    )
    return Submission.objects.get(pk=submission.pk)


def report_url(submission: Submission) -> str:
    return reverse("submissions:report", args=[submission.pk])


def engagement_report_url(engagement: Engagement) -> str:
    return reverse("engagements:report", args=[engagement.pk])


# The consultant's report


def test_the_consultant_report_has_everything_a_sign_off_needs(
    client, procurement, manager, submission
):
    card = ScoreCard.objects.get(submission=submission)
    check = submission.reference_checks.order_by("pk").first()
    client.force_login(procurement)

    response = client.get(report_url(submission))

    assert response.status_code == 200
    html = response.content.decode()
    # the brief
    assert "Finance teams at UK software companies with 50 to 500 staff." in html
    # the total and its interval
    assert f"{card.total:.0f}</span> / 100" in html
    assert f"between <strong>{card.low:.0f}</strong> and <strong>{card.high:.0f}</strong>" in html
    # each criterion with the explanation of every source, reviewers' included
    for criterion in card.data["criteria"]:
        assert criterion["label"] in html
        for source in criterion["sources"]:
            assert source["explanation"].replace("'", "&#x27;") in html
    assert any(s["kind"] == "reviews" for c in card.data["criteria"] for s in c["sources"])
    # the flags, in words, with their evidence
    for flag in card.data["flags"]:
        assert flag["message"].replace("'", "&#x27;") in html
    assert "Green flag:" in html or "Red flag:" in html
    # the answers by criterion
    assert VALID_ANSWERS["business_background"] in html
    # the reference checks
    assert check.referee_name in html
    assert "Slow to send the monthly numbers." in html
    assert "1 of 2 required completed" in html
    # the reviewers' ratings and notes
    assert manager.display_name in html
    assert "The strongest method we have seen." in html
    # the decision
    assert "Measured results and a reference who confirms them." in html
    assert "Shortlisted" in html
    assert f"<dt>Approved by</dt><dd>{manager.display_name}</dd>" in html


def test_a_reviewer_who_has_not_reviewed_sees_no_score_flags_or_other_ratings_in_the_report(
    client, second_reviewer, submission
):
    card = ScoreCard.objects.get(submission=submission)
    client.force_login(second_reviewer)

    html = client.get(report_url(submission)).content.decode()

    assert "Reviews are blind" in html
    assert 'data-testid="report-blind"' in html
    assert "The strongest method we have seen." not in html
    assert 'data-testid="report-criteria"' not in html
    assert f"{card.total:.0f}</span> / 100" not in html
    for criterion in card.data["criteria"]:
        for source in criterion["sources"]:
            assert source["explanation"].replace("'", "&#x27;") not in html

    review(submission, second_reviewer)
    html = client.get(report_url(submission)).content.decode()

    assert "Reviews are blind" not in html
    assert "The strongest method we have seen." in html


def test_declaring_a_conflict_does_not_lift_the_blindness_of_the_report(
    client, second_reviewer, submission
):
    own = review_for(submission=submission, reviewer=second_reviewer)
    review_declare_conflict(
        review=own, by=second_reviewer, has_conflict=True, note="I worked with Clara in 2022."
    )
    client.force_login(second_reviewer)

    html = client.get(report_url(submission)).content.decode()

    assert "Reviews are blind" in html
    assert "The strongest method we have seen." not in html


def test_the_engagement_report_hides_reviewer_disagreements_from_a_reviewer_yet_to_review(
    client, procurement, second_reviewer, submission
):
    review(submission, second_reviewer, rating=2)  # against the manager's 5
    scorecards_recompute([submission.pk])
    card = ScoreCard.objects.get(submission=submission)
    disagreements = [f["message"] for f in card.data["flags"] if f["source"] == "reviews"]
    assert disagreements
    third = UserFactory(role=Role.PROCUREMENT)
    submission.engagement.reviewers.add(third)
    url = engagement_report_url(submission.engagement)

    client.force_login(third)
    blind = client.get(url).content.decode()
    client.force_login(procurement)
    owner = client.get(url).content.decode()

    for message in disagreements:
        assert message not in blind
        assert message in owner


def test_the_consultant_report_costs_the_same_queries_with_more_reviews_and_checks(
    client, procurement, second_reviewer, submission
):
    client.force_login(procurement)
    with CaptureQueriesContext(connection) as few:
        client.get(report_url(submission))
    review(submission, second_reviewer, note="Agreed.")
    check = submission.reference_checks.order_by("pk").last()
    referee_submit(check=check, data=AGREEING, ip="198.51.100.2", user_agent="Safari")

    with CaptureQueriesContext(connection) as more:
        client.get(report_url(submission))

    # user, the submission with engagement, owner, questionnaire, consultant, card
    # and decision; reviews, their ratings; checks, their flags; the consultant's references
    # twice (to check the answers, then to name who can confirm), answers, questions, the
    # evidence files; the user's groups (navigation); which prices the user sees (with a
    # proposal: the round's rate table, proposals and lines), this one's proposal
    assert len(few) == len(more) == 14


def test_a_submission_not_yet_submitted_has_no_report(client, procurement, submission):
    draft = SubmissionFactory(engagement=submission.engagement)
    client.force_login(procurement)

    assert client.get(report_url(draft)).status_code == MISSING


# The engagement's report


def scored(engagement: Engagement, owner: User, approver: User, count: int) -> list[Submission]:
    """`count` submitted consultants (made by the factory, for speed), scored, decided."""
    submissions = [
        SubmissionFactory(
            engagement=engagement,
            status=SubmissionStatus.SUBMITTED,
            submitted_at=timezone.now(),
        )
        for _ in range(count)
    ]
    scorecards_recompute([s.pk for s in submissions])
    for s in submissions:
        decision_record(
            submission=s,
            by=owner,
            outcome="rejected",
            rationale="Not this time.",
            approver=approver,
        )
    return submissions


def test_the_engagement_report_has_the_brief_weights_ranking_and_a_page_per_consultant(
    client, procurement, manager, submission
):
    engagement = submission.engagement
    others = scored(engagement, procurement, manager, 2)
    SubmissionFactory(engagement=engagement)  # invited, never submitted
    client.force_login(procurement)

    response = client.get(engagement_report_url(engagement))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Finance teams at UK software companies with 50 to 500 staff." in html
    for criterion in CRITERIA:
        assert f'{criterion.label}</th><td class="text-end">' in html
        assert f"{engagement.weights[criterion.key]}%" in html
    # one section per submitted consultant, in rank order, each starting a page in print
    cards = ScoreCard.objects.filter(submission__engagement=engagement).order_by("rank")
    names = [c.submission.consultant.name for c in cards]
    assert html.count('class="report-consultant"') == 3
    positions = [html.index(f'id="consultant-{c.submission_id}"') for c in cards]
    assert positions == sorted(positions)
    ranking = html[
        html.index('data-testid="report-ranking"') : html.index(
            "</table>", html.index('data-testid="report-ranking"')
        )
    ]
    assert [ranking.index(name) for name in names] == sorted(ranking.index(n) for n in names)
    assert "Measured results and a reference who confirms them." in html
    assert html.count("Not this time.") == len(others)
    assert f'href="{report_url(submission)}"' in html


def test_the_engagement_report_costs_the_same_queries_with_3_or_30_submissions(
    client, procurement, manager
):
    engagement = EngagementFactory(owner=procurement, status=EngagementStatus.OPEN)
    engagement.reviewers.add(manager)
    scored(engagement, procurement, manager, 3)
    url = engagement_report_url(engagement)
    client.force_login(procurement)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    client.force_login(manager)
    with CaptureQueriesContext(connection) as few_as_reviewer:
        assert client.get(url).status_code == 200
    scored(engagement, procurement, manager, 27)

    client.force_login(procurement)
    with CaptureQueriesContext(connection) as many:
        html = client.get(url).content.decode()
    client.force_login(manager)
    with CaptureQueriesContext(connection) as many_as_reviewer:
        assert client.get(url).status_code == 200

    assert html.count('class="report-consultant"') == 30
    # user, user's groups, the engagement with owner and questionnaire, its
    # reviewers, the ranking (consultant, card, decision and approver, counts); which
    # prices the user sees (no proposal here: the round's prices are not read)
    assert len(few) == len(many) == 6
    # ... and, for a reviewer, which submissions they have reviewed and which are ranked
    # (blind reviews: whether they have reviewed everyone), and which prices they see
    # (none here: the round's prices are not read)
    assert len(few_as_reviewer) == len(many_as_reviewer) == 8


# Printing (who may open the reports is in tests/permission_matrix.py)


@pytest.fixture
def light(procurement, manager, consultant, other_consultant) -> Submission:
    """Clara's submission (made by the factory, for speed) in a round where Otto submitted
    too, reviewed by `manager`."""
    engagement = EngagementFactory(owner=procurement, status=EngagementStatus.OPEN)
    engagement.reviewers.add(manager)
    mine, _ = (
        SubmissionFactory(
            engagement=engagement,
            consultant=user.consultant,
            status=SubmissionStatus.SUBMITTED,
            submitted_at=timezone.now(),
        )
        for user in (consultant, other_consultant)
    )
    scorecards_recompute(list(engagement.submissions.values_list("pk", flat=True)))
    return mine


def test_the_reports_print_without_the_page_around_them(client, procurement, light):
    client.force_login(procurement)

    for url in (report_url(light), engagement_report_url(light.engagement)):
        html = client.get(url).content.decode()
        assert 'class="breadcrumb' in html and 'aria-label="breadcrumb" class="no-print"' in html
        assert "data-print" in html  # the print button (screen only; app.js prints)
        assert "<script>" not in html and " style=" not in html  # the CSP allows neither


# --- The commercial part (issue 16) ----------------------------------------------------------


# Random per render (as in tests/test_blind_review.py).
CSRF = re.compile(r'"X-CSRFToken": "[^"]+"|name="csrfmiddlewaretoken" value="[^"]+"')


def _agree(submission: Submission, by: User, amount: str) -> None:
    decision_record(
        submission=submission,
        by=by,
        outcome="shortlisted",
        rationale="Good value.",
        agreed_price=Decimal(amount),
    )


def test_the_owners_consultant_report_has_the_proposal_its_flags_and_the_agreed_price(
    client, owner, bids
):
    _agree(bids["Ben B"], owner, "39000")
    client.force_login(owner)

    page = client.get(report_url(bids["Ben B"])).content.decode()

    section = page.split('data-testid="report-commercial"')[1].split("</section>")[0]
    assert "Day rate in EUR" in section and "Strategy days" in section
    assert "48,000.00 EUR" in section and "40,800.00 GBP" in section
    assert "Price flags: Over budget" in section and "price points 0.00" in section
    assert "39,000.00 GBP" in page.split('data-testid="report-agreed-price"')[1]


def test_a_reviewers_consultant_report_says_nothing_of_a_sealed_price(
    client, owner, reviewer, bids
):
    _agree(bids["Ada A"], owner, "30000")
    client.force_login(reviewer)

    before = CSRF.sub("", client.get(report_url(bids["Ada A"])).content.decode())
    ProposalLine.objects.filter(proposal__submission=bids["Ada A"]).update(unit_price=1)
    after = CSRF.sub("", client.get(report_url(bids["Ada A"])).content.decode())

    assert before == after
    assert "report-commercial" not in before and "30,000" not in before


def test_a_reviewer_sees_the_proposal_in_the_report_once_reviewed_but_not_its_points(
    client, reviewer, bids
):
    submitted_review(bids["Dee D"], reviewer)
    client.force_login(reviewer)

    page = client.get(report_url(bids["Dee D"])).content.decode()

    section = page.split('data-testid="report-commercial"')[1].split("</section>")[0]
    assert "9,000.00 GBP" in section
    # points and "abnormally low" compare the bid with the others, still sealed
    assert "price points" not in section and "Abnormally low" not in section


def test_the_owners_engagement_report_has_each_price_value_and_agreed_price(
    client, owner, price_round, bids
):
    _agree(bids["Cal C"], owner, "21000")
    client.force_login(owner)

    page = client.get(engagement_report_url(price_round)).content.decode()

    prices = [cell.split("</td>")[0] for cell in page.split('data-testid="report-price">')[1:]]
    assert any(p.startswith("40,800.00") and "Over budget" in p for p in prices)
    assert any(p.startswith("9,000.00") and "Abnormally low" in p for p in prices)
    assert page.count('data-testid="report-value">') == 4
    agreed = [cell.split("</td>")[0] for cell in page.split('data-testid="report-agreed">')[1:]]
    assert sorted(agreed) == ["21,000.00", "–", "–", "–"]
    assert "at an agreed price of 21,000.00 GBP" in page


def test_a_reviewer_who_may_not_see_every_price_gets_no_price_column(
    client, owner, reviewer, price_round, bids
):
    _agree(bids["Cal C"], owner, "21000")
    submitted_review(bids["Cal C"], reviewer)
    client.force_login(reviewer)

    page = client.get(engagement_report_url(price_round)).content.decode()

    assert "report-price" not in page and "21,000" not in page
