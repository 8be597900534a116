"""The consultant answers in the pages: autosave, validation, submit, lock, withdraw."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    VALID_ANSWERS,
    EngagementFactory,
    ReferenceFactory,
    SubmissionFactory,
    complete_answers,
    offer_references,
)
from vetting.models import Answer, EngagementStatus, SubmissionStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def submission(consultant):
    engagement = EngagementFactory(status=EngagementStatus.OPEN, title="Ledgerly launch")
    return SubmissionFactory(engagement=engagement, consultant=consultant.consultant)


def _save(client, submission, key: str, data: dict[str, str]):
    return client.post(
        reverse("submissions:save_answer", args=[submission.pk, key]),
        data,
        headers={"HX-Request": "true"},
    )


def _answer(submission, key: str) -> Answer:
    return submission.answers.get(question__key=key)


def test_my_invitations_show_the_brief_deadline_and_progress(client, consultant, submission):
    client.force_login(consultant)
    _save(client, submission, "years_social_media", {"years_social_media": "9"})

    response = client.get(reverse("my_invitations"))

    card = response.text.split('data-testid="invitations"')[1]
    assert "Ledgerly launch" in card
    assert "1 of 7 answered" in card
    assert "Continue the self-assessment" in card


def test_an_autosave_stores_the_answer_and_says_saved(client, consultant, submission):
    client.force_login(consultant)

    response = _save(client, submission, "years_social_media", {"years_social_media": "9"})

    assert response.status_code == 200
    assert "Saved" in response.text
    assert "complete" in response.text
    assert "1 of 7 answered" in response.text  # the progress box, swapped out of band
    assert _answer(submission, "years_social_media").value == 9
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.IN_PROGRESS


def test_a_short_draft_is_kept_and_the_limit_explained(client, consultant, submission):
    client.force_login(consultant)

    response = _save(client, submission, "media_vs_marketing", {"media_vs_marketing": "Too short"})

    assert "Write at least 50 characters (you have 9)" in response.text
    answer = _answer(submission, "media_vs_marketing")
    assert answer.value == "Too short"
    assert answer.is_complete is False


def test_an_invalid_value_is_kept_as_a_draft_and_not_reported_saved(client, consultant, submission):
    client.force_login(consultant)

    response = _save(client, submission, "years_social_media", {"years_social_media": "77"})
    page = client.get(reverse("submissions:answer", args=[submission.pk]))

    assert "Enter a number of at most 50." in response.text
    assert "Not valid yet: kept as a draft" in response.text
    assert "Saved" not in response.text
    assert _answer(submission, "years_social_media").value == "77"
    status = page.text.split('id="status-years_social_media"')[1].split("</div>")[0]
    assert "Not valid yet: kept as a draft" in status


WARNING = "More years for clients than years in social media: check the figures."


def test_more_years_for_clients_than_in_social_media_is_warned_next_to_the_field(
    client, consultant, submission
):
    client.force_login(consultant)
    _save(client, submission, "years_social_media", {"years_social_media": "3"})

    saved = _save(client, submission, "years_for_clients", {"years_for_clients": "8"})
    page = client.get(reverse("submissions:answer", args=[submission.pk]))
    fixed = _save(client, submission, "years_social_media", {"years_social_media": "9"})

    oob = saved.text.split('<div id="warning-years_for_clients"')[1].split("</div>")[0]
    assert 'hx-swap-oob="true"' in oob and WARNING in oob
    assert "Saved" in saved.text  # a warning, not an error: the answer is complete
    assert _answer(submission, "years_for_clients").is_complete is True
    shown = page.text.split('<div id="warning-years_for_clients"')[1].split("</div>")[0]
    assert WARNING in shown
    lifted = fixed.text.split('<div id="warning-years_for_clients"')[1].split("</div>")[0]
    assert WARNING not in lifted


def test_the_years_warning_does_not_block_submitting(client, consultant, submission):
    offer_references(submission, consultant)
    complete_answers(submission, consultant)
    client.force_login(consultant)
    _save(client, submission, "years_social_media", {"years_social_media": "1"})
    _save(client, submission, "years_for_clients", {"years_for_clients": "8"})

    response = client.post(reverse("submissions:submit", args=[submission.pk]))

    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED


def test_an_over_long_answer_is_refused_with_the_limit(client, consultant, submission):
    client.force_login(consultant)

    response = _save(client, submission, "first_steps", {"first_steps": "a" * 4001})

    assert "1 character too long: the limit is 4,000." in response.text
    assert _answer(submission, "first_steps").is_complete is False


def test_an_empty_draft_shows_no_error_while_typing(client, consultant, submission):
    client.force_login(consultant)

    response = _save(client, submission, "first_steps", {"first_steps": ""})

    assert "needs an answer" not in response.text


def test_accomplishment_rows_are_added_and_removed(client, consultant, submission):
    ref = ReferenceFactory(consultant=consultant.consultant, name="Tom Reid")
    client.force_login(consultant)
    row = {
        "accomplishments-rows": "1",
        "accomplishments-0-area": "pr",
        "accomplishments-0-what": "Secured launch coverage in three trade titles.",
        "accomplishments-0-result": "Twelve articles",
        "accomplishments-0-evidence_url": "https://example.com/coverage",
        "accomplishments-0-reference": str(ref.pk),
    }

    added = _save(client, submission, "accomplishments", {**row, "action": "add"})
    assert added.text.count("Accomplishment ") >= 2
    assert "Tom Reid" in added.text
    two = {
        **row,
        "accomplishments-rows": "2",
        "accomplishments-1-area": "monetization",
        "accomplishments-1-what": "Ran a referral programme with existing customers.",
    }
    _save(client, submission, "accomplishments", two)
    assert len(_answer(submission, "accomplishments").value) == 2
    _save(client, submission, "accomplishments", {**two, "action": "remove-0"})

    items = _answer(submission, "accomplishments").value
    assert [i["area"] for i in items] == ["monetization"]


def test_an_accomplishment_cannot_cite_someone_elses_reference(
    client, consultant, other_consultant, submission
):
    stranger = ReferenceFactory(consultant=other_consultant.consultant)
    client.force_login(consultant)

    response = _save(
        client,
        submission,
        "accomplishments",
        {
            "accomplishments-rows": "1",
            "accomplishments-0-area": "pr",
            "accomplishments-0-what": "Secured launch coverage in three trade titles.",
            "accomplishments-0-reference": str(stranger.pk),
        },
    )

    assert "Choose one of the references named on your profile." in response.text
    assert _answer(submission, "accomplishments").is_complete is False


def test_saving_the_whole_form_without_javascript_keeps_everything(client, consultant, submission):
    client.force_login(consultant)

    response = client.post(
        reverse("submissions:answer", args=[submission.pk]),
        {
            "years_social_media": "9",
            "business_background": "Too short",
            "accomplishments-rows": "0",
        },
    )

    assert "Your draft is saved, but some answers are not valid yet: see below." in response.text
    assert "Write at least 50 characters" in response.text
    assert _answer(submission, "business_background").value == "Too short"


def test_submitting_an_incomplete_assessment_lists_what_is_missing(client, consultant, submission):
    client.force_login(consultant)

    response = client.post(reverse("submissions:submit", args=[submission.pk]))

    assert response.status_code == 422
    problems = response.text.split('data-testid="problems"')[1].split("</div>")[0]
    assert (
        '<a href="#q-years_social_media" class="alert-link">How many years have you been '
        "practising social media?</a> Not answered yet." in problems
    )
    assert "Name at least 2 references on your profile (you have 0)." in problems
    assert "This question needs an answer before you submit." in response.text
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.INVITED


def test_a_short_answer_is_listed_with_its_reason_when_submitting(client, consultant, submission):
    client.force_login(consultant)
    _save(client, submission, "business_background", {"business_background": "x" * 35})

    response = client.post(reverse("submissions:submit", args=[submission.pk]))

    problems = response.text.split('data-testid="problems"')[1].split("</div>")[0]
    assert (
        '<a href="#q-business_background" class="alert-link">What is your business '
        "background?</a> Write at least 50 characters (you have 35)" in problems
    )
    assert "Complete:" not in problems


def _ready(consultant, submission) -> None:
    offer_references(submission, consultant)
    complete_answers(submission, consultant)


def test_submitting_locks_the_answers_and_tells_both_sides(
    client, consultant, submission, django_capture_on_commit_callbacks
):
    _ready(consultant, submission)
    client.force_login(consultant)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("submissions:submit", args=[submission.pk]), follow=True)

    assert "submitted and locked" in response.text
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED
    referees = [c.referee_email for c in submission.reference_checks.all()]
    assert len(referees) == 2  # one check per offered reference, by web form
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [consultant.consultant.email, submission.engagement.owner.email, *referees]
    )
    # Read-only now: the answer page disables every input, and the server refuses edits.
    page = client.get(reverse("submissions:answer", args=[submission.pk]))
    assert "This self-assessment is submitted; the answers can no longer change." in page.text
    assert page.text.count(" disabled") >= 7
    assert "Submit self-assessment" not in page.text
    refused = _save(client, submission, "years_social_media", {"years_social_media": "1"})
    assert "Not saved" in refused.text
    assert _answer(submission, "years_social_media").value == int(
        VALID_ANSWERS["years_social_media"]
    )


def test_after_the_deadline_nothing_can_be_saved_or_submitted(client, consultant, submission):
    _ready(consultant, submission)
    type(submission.engagement).objects.filter(pk=submission.engagement.pk).update(
        deadline=timezone.now() - timedelta(minutes=1)
    )
    client.force_login(consultant)

    page = client.get(reverse("submissions:answer", args=[submission.pk]))
    saved = _save(client, submission, "years_social_media", {"years_social_media": "1"})
    submitted = client.post(reverse("submissions:submit", args=[submission.pk]), follow=True)

    assert "The deadline has passed" in page.text
    assert "Not saved: The deadline has passed" in saved.text
    assert "The deadline has passed" in submitted.text
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.IN_PROGRESS


def test_a_consultant_copies_answers_from_their_previous_submission(client, consultant, submission):
    earlier = SubmissionFactory(
        engagement=EngagementFactory(status=EngagementStatus.OPEN, title="Earlier round"),
        consultant=consultant.consultant,
    )
    complete_answers(earlier, consultant)
    client.force_login(consultant)

    page = client.get(reverse("submissions:answer", args=[submission.pk]))
    assert "Copy answers from “Earlier round”" in page.text
    response = client.post(reverse("submissions:copy", args=[submission.pk]), follow=True)

    assert "Copied 7 answers" in response.text
    assert submission.answers.filter(is_complete=True).count() == 7


def test_a_consultant_withdraws_before_the_deadline(client, consultant, submission):
    client.force_login(consultant)

    response = client.post(reverse("submissions:withdraw", args=[submission.pk]), follow=True)

    assert "You withdrew from this engagement." in response.text
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.WITHDRAWN


def test_the_owner_reads_a_submission_by_criterion_with_answers_escaped(
    client, consultant, submission
):
    _ready(consultant, submission)
    client.force_login(consultant)
    _save(
        client,
        submission,
        "first_steps",
        {"first_steps": "<script>alert(1)</script> then interviews with your sales team."},
    )
    client.force_login(submission.engagement.owner)

    response = client.get(reverse("submissions:read", args=[submission.pk]))

    assert "Media vs marketing" in response.text
    assert "Accomplishments" in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
    assert "<script>alert(1)" not in response.text
    assert "9 years" in response.text


def test_my_invitations_cost_the_same_queries_with_3_or_60_submissions(client, consultant):
    for _ in range(3):
        SubmissionFactory(
            engagement=EngagementFactory(status=EngagementStatus.OPEN),
            consultant=consultant.consultant,
        )
    client.force_login(consultant)
    url = reverse("my_invitations")
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(57):
        SubmissionFactory(
            engagement=EngagementFactory(status=EngagementStatus.OPEN),
            consultant=consultant.consultant,
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)

    assert len(response.context["submissions"]) == 60
    # user, user's groups, the submissions with engagement, owner and progress, the
    # clarification requests waiting for a reply
    assert len(few) == len(many) == 4


# --- Two tabs ---------------------------------------------------------------------------------

TAB_A = "Tab A: social media is paid, owned and earned media; marketing is the whole plan."
TAB_B = "Tab B: media is where the message runs; marketing decides the message and who hears it."


def _two_tabs(client, submission):
    """Both tabs loaded the page before either saved the answer; tab A saved first."""
    page = client.get(reverse("submissions:answer", args=[submission.pk]))
    assert 'name="media_vs_marketing-version" id="version-media_vs_marketing" value="0"' in (
        page.text
    )
    saved = _save(
        client,
        submission,
        "media_vs_marketing",
        {"media_vs_marketing": TAB_A, "media_vs_marketing-version": "0"},
    )
    assert "Saved" in saved.text


def test_an_autosave_from_a_second_tab_overwrites_nothing_and_shows_both_texts(
    client, consultant, submission
):
    client.force_login(consultant)
    _two_tabs(client, submission)

    refused = _save(
        client,
        submission,
        "media_vs_marketing",
        {"media_vs_marketing": TAB_B, "media_vs_marketing-version": "0"},
    )

    assert _answer(submission, "media_vs_marketing").value == TAB_A
    assert "Not saved: this answer was changed in another tab" in refused.text
    box = refused.text.split('<div id="conflict-media_vs_marketing"')[1]
    assert 'hx-swap-oob="true"' in box.split(">")[0]
    saved = box.split('data-testid="conflict-saved"')[1].split("</div>")[0]
    mine = box.split('data-testid="conflict-mine"')[1].split("</div>")[0]
    assert TAB_A in saved and TAB_B in mine
    assert ">Keep mine</button>" in box and ">Use the saved one</button>" in box
    # The field's version is not moved on: typing on does not save over tab A either.
    assert "version-media_vs_marketing" not in refused.text


def test_keep_mine_saves_this_tabs_text_over_the_other_one(client, consultant, submission):
    client.force_login(consultant)
    _two_tabs(client, submission)
    current = _answer(submission, "media_vs_marketing").version

    kept = _save(
        client,
        submission,
        "media_vs_marketing",
        {
            "media_vs_marketing": TAB_B,
            "media_vs_marketing-version": "0",
            "media_vs_marketing-keep": str(current),
        },
    )

    assert _answer(submission, "media_vs_marketing").value == TAB_B
    assert "Your text from this tab replaced the other one." in kept.text
    box = kept.text.split('<div id="conflict-media_vs_marketing"')[1].split("</div>")[0]
    assert "Keep mine" not in box  # the box is emptied
    assert f'id="version-media_vs_marketing" value="{current + 1}"' in kept.text


def test_keep_mine_is_refused_again_if_the_other_tab_saved_once_more(
    client, consultant, submission
):
    client.force_login(consultant)
    _two_tabs(client, submission)
    seen = _answer(submission, "media_vs_marketing").version
    _save(
        client,
        submission,
        "media_vs_marketing",
        {"media_vs_marketing": TAB_A + " More.", "media_vs_marketing-version": str(seen)},
    )

    refused = _save(
        client,
        submission,
        "media_vs_marketing",
        {"media_vs_marketing": TAB_B, "media_vs_marketing-keep": str(seen)},
    )

    assert "Not saved" in refused.text and TAB_A + " More." in refused.text
    assert _answer(submission, "media_vs_marketing").value == TAB_A + " More."


def test_use_the_saved_one_puts_the_saved_text_in_the_field(client, consultant, submission):
    client.force_login(consultant)
    _two_tabs(client, submission)
    current = _answer(submission, "media_vs_marketing").version

    response = _save(
        client,
        submission,
        "media_vs_marketing",
        {"media_vs_marketing": TAB_B, "media_vs_marketing-use-saved": str(current)},
    )

    assert _answer(submission, "media_vs_marketing").value == TAB_A
    field = response.text.split('id="id_media_vs_marketing"')[1].split("</textarea>")[0]
    assert TAB_A in field and TAB_B not in response.text
    assert " autofocus" in field
    assert f'id="version-media_vs_marketing" value="{current}"' in response.text
    assert "Showing the saved answer" in response.text


def test_save_draft_without_javascript_keeps_a_changed_answer_and_saves_the_others(
    client, consultant, submission
):
    client.force_login(consultant)
    _two_tabs(client, submission)

    response = client.post(
        reverse("submissions:answer", args=[submission.pk]),
        {
            "media_vs_marketing": TAB_B,
            "media_vs_marketing-version": "0",
            "years_social_media": "9",
            "years_social_media-version": "0",
        },
    )

    assert response.status_code == 409
    assert "Some answers were changed in another tab" in response.text
    assert _answer(submission, "media_vs_marketing").value == TAB_A
    assert _answer(submission, "years_social_media").value == 9
    box = response.text.split('<div id="conflict-media_vs_marketing"')[1]
    assert TAB_A in box.split('data-testid="conflict-saved"')[1].split("</div>")[0]
    # What tab B typed stays in its field, ready for "Keep mine".
    field = response.text.split('id="id_media_vs_marketing"')[1].split("</textarea>")[0]
    assert TAB_B in field


def test_emptying_a_required_answer_says_it_is_saved_and_still_needed(
    client, consultant, submission
):
    client.force_login(consultant)
    _save(client, submission, "years_social_media", {"years_social_media": "9"})

    response = _save(client, submission, "years_social_media", {"years_social_media": ""})

    assert "This answer is required before you submit." in response.text
    assert "Saved" in response.text
    assert _answer(submission, "years_social_media").value is None
