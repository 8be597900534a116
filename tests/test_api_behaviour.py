"""The vetting process over the API, end to end: procurement opens a round and invites, the
consultant answers and submits, reviewers rate blind, references are checked on a call and
through the referee's link, and the owner decides. Same services, same rules as the pages."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from tests.factories import (
    ALL_FOURS,
    VALID_ANSWERS,
    EngagementFactory,
    FlagFactory,
    SubmissionFactory,
    submitted_review,
    submitted_with_checks,
)
from vetting.models import CheckStatus, EngagementStatus, ReferenceCheck, SubmissionStatus, User
from vetting.services import scorecard_recompute
from vetting.tokens import new_token

pytestmark = pytest.mark.django_db

V1 = "/api/v1"


def api(user: User | None = None) -> APIClient:
    """A client with the user's personal token, as a script would hold it."""
    client = APIClient()
    if user is not None:
        _, raw = AuthToken.objects.create(user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    return client


def post(client: APIClient, path: str, data: Any = None, status: int = 200) -> Any:
    response = client.post(path, data, format="json")
    assert response.status_code == status, response.json()
    return response.json()


REFERENCE = {
    "email": "ref@client.example",
    "company": "Payroll Co",
    "role": "CMO",
    "relationship": "client",
    "period_from": "2021-01-01",
    "period_to": "2023-06-30",
    "can_confirm": "Demo requests from social up by a third in one year.",
    "consent_to_contact": True,
}
CALL = {
    "relationship_confirmed": True,
    "rating_relationships": 4,
    "rating_honesty": 5,
    "rating_results": 4,
    "would_hire_again": "yes",
    "call_notes": "Confirmed the dates and the LinkedIn programme.",
}


def test_a_round_runs_from_creation_to_a_submitted_self_assessment(
    procurement, consultant, django_capture_on_commit_callbacks
):
    buyer, clara = api(procurement), api(consultant)
    deadline = (timezone.now() + timedelta(days=14)).isoformat()
    engagement = post(
        buyer,
        f"{V1}/engagements/",
        {
            "title": "Social marketing for Ledgerly",
            "target_market": "Finance teams at UK software companies.",
            "goals": "Two hundred demo requests a quarter.",
            "timing": "Start in March.",
            "deadline": deadline,
            "references_required": 2,
        },
        status=201,
    )
    assert engagement["status"] == "draft"
    base = f"{V1}/engagements/{engagement['id']}"
    post(buyer, f"{base}/invite/", {"name": "Nia Obi", "email": "nia@agency.example"}, 201)
    invited = post(buyer, f"{base}/invite/", {"consultant": consultant.consultant.pk}, 201)
    assert clara.get(f"{V1}/submissions/").json()["count"] == 0  # not open yet
    assert post(buyer, f"{base}/open/")["status"] == "open"

    path = f"{V1}/submissions/{invited['submission']}"
    detail = clara.get(f"{path}/").json()
    assert set(detail["answers"]) == set(VALID_ANSWERS)
    assert detail["answers"]["first_steps"] == {"value": None, "complete": False, "version": 0}

    typo = clara.put(f"{path}/answers/years_social_media/", {"value": "nine"}, format="json")
    assert typo.status_code == 200
    assert typo.json()["complete"] is False
    assert typo.json()["errors"] == ["Enter a whole number of years, for example 6."]
    for key, value in VALID_ANSWERS.items():
        saved = post(clara, f"{path}/answers/{key}/", {"value": value})
        assert saved["complete"] is True, saved
    assert clara.get(f"{path}/").json()["answers"]["years_social_media"]["value"] == 9

    not_ready = post(clara, f"{path}/submit/", status=400)
    assert any("references" in problem for problem in not_ready["problems"])
    consultant_path = f"{V1}/consultants/{consultant.consultant.pk}/references/"
    named = [
        post(clara, consultant_path, {**REFERENCE, "name": name, "email": email}, 201)["id"]
        for name, email in (("Dana Reed", "dana@client.example"), ("Sam Hill", "sam@hill.example"))
    ]
    post(clara, f"{path}/references/", {"references": named})
    with django_capture_on_commit_callbacks(execute=True):  # scored after the commit
        submitted = post(clara, f"{path}/submit/")
    assert submitted["status"] == "submitted"
    assert submitted["locked"] is True

    locked = clara.put(f"{path}/answers/first_steps/", {"value": "Changed"}, format="json")
    assert locked.status_code == 409
    assert "can no longer change" in locked.json()["detail"]
    checks = buyer.get(f"{V1}/reference-checks/", {"submission": submitted["id"]}).json()
    assert checks["count"] == 2
    ranking = buyer.get(f"{base}/ranking/").json()
    assert [row["submission"] for row in ranking["results"]] == [submitted["id"]]
    assert ranking["results"][0]["total"] is not None


BRIEF = {
    "title": "Social marketing for Ledgerly",
    "target_market": "Finance teams at UK software companies.",
    "goals": "Two hundred demo requests a quarter.",
    "timing": "Start in March.",
    "deadline": "2031-03-01T12:00:00+00:00",
}


def test_a_retried_create_with_an_idempotency_key_returns_the_first_engagement(procurement):
    buyer = api(procurement)
    path = f"{V1}/engagements/"

    first = buyer.post(path, BRIEF, format="json", HTTP_IDEMPOTENCY_KEY="round-7")
    retried = buyer.post(path, BRIEF, format="json", HTTP_IDEMPOTENCY_KEY="round-7")
    other = buyer.post(
        path, {**BRIEF, "title": "Else"}, format="json", HTTP_IDEMPOTENCY_KEY="round-7"
    )
    fresh = buyer.post(path, BRIEF, format="json", HTTP_IDEMPOTENCY_KEY="round-8")

    assert first.status_code == 201 and "Idempotent-Replayed" not in first.headers
    assert retried.status_code == 200 and retried.headers["Idempotent-Replayed"] == "true"
    assert retried.json()["id"] == first.json()["id"]
    assert other.status_code == 422
    assert "already used for a different engagement" in other.json()["detail"]
    assert fresh.status_code == 201 and fresh.json()["id"] != first.json()["id"]


def test_a_create_repeated_without_a_key_moments_later_is_not_a_duplicate(procurement):
    """The same rule as the pages' Back then Save."""
    buyer = api(procurement)

    first = buyer.post(f"{V1}/engagements/", BRIEF, format="json")
    again = buyer.post(f"{V1}/engagements/", BRIEF, format="json")

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"]
    assert again.headers["Idempotent-Replayed"] == "true"


def test_answers_of_the_wrong_shape_are_field_errors(consultant):
    draft = SubmissionFactory(
        engagement=EngagementFactory(status=EngagementStatus.OPEN),
        consultant=consultant.consultant,
    )
    clara = api(consultant)
    path = f"{V1}/submissions/{draft.pk}/answers"

    for key, value in (("accomplishments", "Ran a community"), ("first_steps", {"a": 1})):
        response = clara.put(f"{path}/{key}/", {"value": value}, format="json")
        assert response.status_code == 400
        assert list(response.json()) == ["value"]
    assert clara.put(f"{path}/nonsense/", {"value": "1"}, format="json").status_code == 404
    assert clara.put(f"{path}/first_steps/", ["a list"], format="json").status_code == 400


def test_an_answer_saved_since_is_not_replaced_and_the_409_carries_it(consultant):
    draft = SubmissionFactory(
        engagement=EngagementFactory(status=EngagementStatus.OPEN),
        consultant=consultant.consultant,
    )
    laptop, phone = api(consultant), api(consultant)
    path = f"{V1}/submissions/{draft.pk}/answers/years_social_media/"
    read = laptop.get(f"{V1}/submissions/{draft.pk}/").json()["answers"]["years_social_media"]
    assert read["version"] == 0
    first = post(laptop, path, {"value": 9, "version": read["version"]})

    stale = phone.put(path, {"value": 4, "version": read["version"]}, format="json")

    assert stale.status_code == 409
    assert stale.json()["current"] == {"value": 9, "complete": True, "version": first["version"]}
    again = post(phone, path, {"value": 4, "version": stale.json()["current_version"]})
    assert (again["value"], again["version"]) == (4, first["version"] + 1)
    bad = phone.put(path, {"value": 4, "version": "one"}, format="json")
    assert bad.status_code == 400 and list(bad.json()) == ["version"]


def test_reviews_stay_blind_until_the_reviewers_own_is_submitted(procurement, manager, consultant):
    submission = submitted_with_checks(consultant=consultant, owner=procurement)
    submission.engagement.reviewers.add(manager)
    submitted_review(submission, procurement, {"references": 2})
    scorecard_recompute(submission.pk)
    reviewer = api(manager)
    path = f"{V1}/submissions/{submission.pk}"

    review = post(reviewer, f"{path}/review/", status=201)
    assert review["has_conflict"] is None
    early = reviewer.patch(f"{V1}/reviews/{review['id']}/", {"ratings": {"references": 3}})
    assert early.status_code == 409  # declare any conflict first
    post(reviewer, f"{V1}/reviews/{review['id']}/conflict/", {"has_conflict": False})
    assert reviewer.get(f"{V1}/reviews/", {"submission": submission.pk}).json()["count"] == 1
    card = reviewer.get(f"{V1}/score-cards/", {"engagement": submission.engagement_id})
    assert card.json()["count"] == 0
    ranking = f"{V1}/engagements/{submission.engagement_id}/ranking/"
    (row,) = reviewer.get(ranking).json()["results"]
    assert row["blind"] is True and row["total"] is None and row["red_flags"] is None

    bad = reviewer.patch(f"{V1}/reviews/{review['id']}/", {"ratings": {"references": 9}})
    assert bad.status_code == 400
    assert list(bad.json()["ratings"]) == ["references"]
    draft = reviewer.patch(
        f"{V1}/reviews/{review['id']}/", {"ratings": {"references": 3}, "version": 1}
    )
    assert draft.json()["ratings"]["references"] == 3
    stale = reviewer.patch(
        f"{V1}/reviews/{review['id']}/", {"notes": {"references": "x"}, "version": 1}
    )
    assert stale.status_code == 409
    incomplete = post(reviewer, f"{V1}/reviews/{review['id']}/submit/", status=400)
    assert "Give an overall recommendation." in incomplete["problems"]

    done = post(
        reviewer,
        f"{V1}/reviews/{review['id']}/submit/",
        {"ratings": ALL_FOURS, "recommendation": "strong_yes", "version": 2},
    )
    assert done["status"] == "submitted"
    seen = reviewer.get(f"{V1}/reviews/", {"submission": submission.pk}).json()
    assert {r["reviewer"] for r in seen["results"]} == {procurement.pk, manager.pk}
    card = reviewer.get(
        f"{V1}/score-cards/", {"engagement": submission.engagement_id, "expand": "card"}
    ).json()
    assert card["results"][0]["data"]["criteria"][0]["sources"][0]["explanation"]
    (row,) = reviewer.get(ranking).json()["results"]
    assert row["blind"] is False and row["total"] == card["results"][0]["total"]


def test_a_manager_records_a_call_with_the_web_forms_answers(procurement, manager, consultant):
    submission = submitted_with_checks(consultant=consultant, owner=procurement)
    buyer, caller = api(procurement), api(manager)
    extra = post(
        api(consultant),
        f"{V1}/consultants/{consultant.consultant.pk}/references/",
        {**REFERENCE, "name": "Dana Reed"},
        201,
    )
    path = f"{V1}/submissions/{submission.pk}/reference-checks/"
    check = post(buyer, path, {"reference": extra["id"], "channel": "phone"}, 201)
    again = buyer.post(path, {"reference": extra["id"], "channel": "phone"}, format="json")
    assert again.status_code == 409
    url = f"{V1}/reference-checks/{check['id']}"

    early = caller.post(f"{url}/record-call/", CALL, format="json")
    assert early.status_code == 409  # claim it first
    assert post(caller, f"{url}/claim/")["status"] == "in_progress"
    attempt = post(caller, f"{url}/attempts/", {"outcome": "voicemail", "note": "Left one"}, 201)
    assert attempt["outcome"] == "voicemail"
    invalid = caller.post(
        f"{url}/record-call/", {**CALL, "rating_honesty": 9, "call_notes": ""}, format="json"
    )
    assert invalid.status_code == 400
    assert set(invalid.json()) == {"rating_honesty", "call_notes"}
    recorded = post(caller, f"{url}/record-call/", CALL)
    assert recorded["status"] == "completed"
    assert recorded["relationship"] == "client"  # confirmed: the claim is kept
    assert recorded["call_notes"] == CALL["call_notes"]
    # The voicemail, and the reached attempt recording the call logs.
    assert [a["outcome"] for a in recorded["attempts"]] == ["reached", "voicemail"]

    reviewed = post(buyer, f"{url}/review-notes/", {"comment": "Consistent with the claims."})
    assert reviewed["notes_reviewed_by"] == procurement.pk


def test_the_referee_answers_once_through_the_link(consultant):
    check = submitted_with_checks(consultant=consultant).reference_checks.first()
    raw, check.token_hash = new_token()
    check.save()
    referee = APIClient()
    path = f"{V1}/referee/{raw}/"

    form = referee.get(path).json()
    assert form["consultant_name"] == consultant.consultant.name
    assert form["claimed_relationship"] == "client"
    missing = referee.post(path, {"relationship_confirmed": True}, format="json")
    assert missing.status_code == 400
    assert "would_hire_again" in missing.json()
    answers = {k: v for k, v in CALL.items() if k != "call_notes"}
    assert post(referee, path, answers) == {"status": "completed"}

    again = referee.get(path)  # the link works once, and says it was answered
    assert again.status_code == 410
    assert again.json()["detail"] == (
        "You have already replied to this reference request: thank you."
    )
    assert ReferenceCheck.objects.get(pk=check.pk).status == CheckStatus.COMPLETED


def test_an_expired_link_is_gone_and_a_referee_may_decline(consultant):
    first, second = submitted_with_checks(consultant=consultant).reference_checks.all()
    tokens = {}
    for check in (first, second):
        tokens[check.pk], check.token_hash = new_token()
        check.token_expires_at = timezone.now() + timedelta(days=1)
        check.save()
    ReferenceCheck.objects.filter(pk=first.pk).update(token_expires_at=timezone.now())
    referee = APIClient()

    assert referee.get(f"{V1}/referee/{tokens[first.pk]}/").status_code == 410
    declined = post(
        referee, f"{V1}/referee/{tokens[second.pk]}/", {"decline": True, "decline_reason": "Left"}
    )
    assert declined == {"status": "declined"}
    assert ReferenceCheck.objects.get(pk=second.pk).status == CheckStatus.DECLINED


def test_a_hold_blocks_shortlisting_until_a_manager_clears_it(procurement, manager, consultant):
    submission = submitted_with_checks(consultant=consultant, owner=procurement)
    flag = FlagFactory(reference_check=submission.reference_checks.first(), hold=True)
    buyer = api(procurement)
    decision = {"submission": submission.pk, "outcome": "shortlisted", "rationale": "Best fit."}

    held = buyer.post(f"{V1}/decisions/", decision, format="json")
    assert held.status_code == 409
    assert "hold flag" in held.json()["detail"]
    assert buyer.post(f"{V1}/decisions/", {**decision, "outcome": "promoted"}).status_code == 400
    post(api(manager), f"{V1}/flags/{flag.pk}/clear/", {"note": "Same office, different firm."})
    made = post(buyer, f"{V1}/decisions/", decision, 201)

    assert made["outcome"] == "shortlisted"
    assert made["approver"] == procurement.pk
    listed = buyer.get(f"{V1}/submissions/{submission.pk}/").json()
    assert listed["status"] == SubmissionStatus.SHORTLISTED


def test_invalid_input_is_a_400_with_errors_by_field(procurement):
    buyer = api(procurement)

    response = buyer.post(f"{V1}/engagements/", {"title": ""}, format="json")

    assert response.status_code == 400
    assert {"title", "target_market", "goals", "deadline"} <= set(response.json())
    assert buyer.post(f"{V1}/decisions/", [1, 2], format="json").status_code == 400


def test_lists_filter_and_order(procurement, consultant, other_consultant):
    first = submitted_with_checks(consultant=consultant, owner=procurement)
    second = submitted_with_checks(consultant=other_consultant, owner=procurement)
    buyer = api(procurement)

    by_round = buyer.get(f"{V1}/submissions/", {"engagement": first.engagement_id}).json()
    newest = buyer.get(f"{V1}/submissions/", {"ordering": "-submitted_at"}).json()
    one_page = buyer.get(f"{V1}/reference-checks/", {"page_size": 1}).json()

    assert [s["id"] for s in by_round["results"]] == [first.pk]
    assert [s["id"] for s in newest["results"]] == [second.pk, first.pk]
    assert one_page["count"] == 4 and len(one_page["results"]) == 1 and one_page["next"]


def test_the_ranking_counts_the_owners_review_of_the_reviews_expected(
    procurement, manager, consultant
):
    submission = submitted_with_checks(consultant=consultant, owner=procurement)
    submission.engagement.reviewers.add(manager)
    submitted_review(submission, procurement)
    submitted_review(submission, manager)
    scorecard_recompute(submission.pk)

    ranking = f"{V1}/engagements/{submission.engagement_id}/ranking/"
    (row,) = api(procurement).get(ranking).json()["results"]

    # As on the page: both reviews count, of the owner and the one reviewer.
    assert (row["reviews_submitted"], row["reviews_expected"]) == (2, 2)
