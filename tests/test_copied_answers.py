"""Copied and templated answers (issue 19, part 1): an answer that copies another
consultant's earlier answer with light edits is flagged on the later card, with the share and
the date; one that shares only the field's common phrases is not; a consultant's own earlier
answer is never a copy; known boilerplate is. Who sees the shared passages: whoever may read
both submissions, in one organisation; the others the share and the date alone."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import (
    ConsultantFactory,
    EngagementFactory,
    UserFactory,
    submitted_quickly,
)
from vetting.models import (
    Answer,
    CopyMatch,
    EngagementStatus,
    OutboxMessage,
    ScoreCard,
    ShingleCount,
    Submission,
)
from vetting.roles import Role
from vetting.scoring import copies
from vetting.scoring.card import Copied, ScoringInput, score
from vetting.services import organisations as orgs
from vetting.services import scorecards_recompute
from vetting.services.copies import shingles_count, submission_copies_check

ORIGINAL = (
    "For a family bakery in Leeds I rebuilt their email list from a dusty spreadsheet of four "
    "hundred names. I interviewed twelve regular customers about why they came back and what "
    "they wished the bakery did differently. We started a Saturday tasting table where staff "
    "asked visitors to join the list in exchange for a recipe card. Within five months the list "
    "grew to three thousand two hundred subscribers. The owner then wrote a short weekly letter "
    "about what came out of the ovens that morning. Pre-orders for holiday cakes doubled "
    "compared with the previous year and the shop stopped throwing away unsold bread on Mondays."
)
# The same answer lightly edited: sentences reordered, a few synonyms, two sentences added.
LIGHT_EDIT = (
    "We launched a Saturday tasting table where employees asked visitors to join the list in "
    "exchange for a recipe card. For a family bakery in Leeds I rebuilt their email list from a "
    "dusty spreadsheet of four hundred names. I interviewed twelve regular clients about why "
    "they came back and what they wished the bakery did differently. Within five months the "
    "list increased to three thousand two hundred subscribers. Pre-orders for holiday cakes "
    "doubled compared with the previous year and the shop stopped throwing away unsold bread "
    "on Mondays. The owner then wrote a brief weekly letter about what came out of the ovens "
    "that morning. I believe this shows how I work. Every client deserves a plan that fits them."
)
# Two honest answers that share only the field's common phrases.
HONEST = (
    "I always start with the target market and build relationships before anything else. At a "
    "regional bank I ran the small business newsletter and brought the branch managers into the "
    "planning. We listened to what owners asked at the counter, added value to the conversation "
    "with short guides on cash flow, and owned the complaints about fees in public. Over a year "
    "the newsletter reached nine thousand owners and the branches booked two hundred more loan "
    "appointments. Understanding the target market and building relationships made the "
    "difference."
)
HONEST_EARLIER = (
    "Social marketing starts with the target market, not the platform. For a chain of garden "
    "centres I mapped which customers bought seeds in spring and who their trusted gardeners "
    "were. We built relationships with three local gardening clubs, added value to the "
    "conversation by answering planting questions every week, and the clubs began sharing our "
    "guides. Spring seed sales rose by a fifth and the loyalty list gained four thousand members "
    "who now build relationships with the target market for us."
)
KEY = "greatest_accomplishment"
EARLY = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)
LATER = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


# --- Pure parts (no database) ---------------------------------------------------------------


def test_a_light_edit_keeps_most_of_the_answer_found_and_common_phrases_do_not() -> None:
    edited = copies.containment(copies.fingerprint(LIGHT_EDIT), copies.fingerprint(ORIGINAL))
    honest = copies.containment(copies.fingerprint(HONEST), copies.fingerprint(HONEST_EARLIER))
    assert edited >= 0.6
    assert honest < copies.COPY_FLAG


def test_a_light_edit_shares_lsh_bands_with_its_original_and_an_honest_answer_none() -> None:
    original = set(copies.bands_of(copies.fingerprint(ORIGINAL)))
    assert original & set(copies.bands_of(copies.fingerprint(LIGHT_EDIT)))
    assert not original & set(copies.bands_of(copies.fingerprint(HONEST)))


def test_shingles_used_by_many_consultants_do_not_count_towards_a_copy() -> None:
    own, other = copies.fingerprint(LIGHT_EDIT), copies.fingerprint(ORIGINAL)
    shared = {int(h) for h in own if h in set(other.tolist())}
    assert copies.containment(own, other, common=shared) == 0.0


def test_pasted_boilerplate_is_recognised_as_a_known_passage() -> None:
    brochure = next(b for b in copies.boilerplate() if b.name == "agency_brochure_02")
    pasted = brochure.text.replace("proven", "tested") + " That is how I would start for you."
    assert len(copies.boilerplate()) >= 30
    assert copies.boilerplate_matches(copies.fingerprint(pasted))[0][0] == "agency_brochure_02"
    assert copies.boilerplate_matches(copies.fingerprint(HONEST)) == []


def test_the_shared_passages_are_the_stretches_of_shared_shingles() -> None:
    spans = copies.passages(LIGHT_EDIT, copies.shared_hashes(LIGHT_EDIT, ORIGINAL))
    marked = " ".join(LIGHT_EDIT[s:e] for s, e in spans)
    assert "family bakery in Leeds" in marked
    assert "Every client deserves" not in marked


def _input(copied: tuple[Copied, ...] = ()) -> ScoringInput:
    return ScoringInput(years_social=6, years_clients=4, texts={KEY: ORIGINAL}, copied=copied)


def test_a_copied_answer_is_flagged_and_earns_text_points_on_its_own_share_only() -> None:
    plain = score(_input())
    copied = score(_input((Copied(KEY, 0.62, "consultant", KEY, "2026-11-02"),)))
    flag = next(f for f in copied.flags if f.code == "copied_answer")
    assert flag.polarity == "red"
    assert flag.message.startswith(
        "62% of the answer on greatest accomplishment also appears in another consultant's "
        "answer to the same question, submitted earlier (2 November 2026)"
    )
    assert copied.answers[KEY].value < plain.answers[KEY].value
    assert "× 0.38 (62% also appears" in copied.answers[KEY].explanation
    assert not [f for f in plain.flags if f.code == "copied_answer"]


def test_a_card_without_matches_keeps_its_inputs_hash() -> None:
    # The hash of inputs without copies is what it was before copies existed: the same
    # canonical text, with no "copied" part.
    assert "copied" not in _input().canonical()
    assert _input().digest() != _input((Copied(KEY, 0.5, "boilerplate"),)).digest()


def test_a_boilerplate_flag_says_so_without_a_date() -> None:
    card = score(_input((Copied(KEY, 0.8, "boilerplate"),)))
    flag = next(f for f in card.flags if f.code == "copied_answer")
    assert "is known boilerplate" in flag.message
    assert "submitted earlier" not in flag.message
    assert flag.severity == "high"


SENTENCES = ORIGINAL.split(". ")


@settings(
    max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.permutations(SENTENCES), st.sampled_from(SENTENCES))
def test_reordering_sentences_keeps_the_fingerprint_and_adding_one_never_hides_a_copy(
    order: list[str], added: str
) -> None:
    original = copies.fingerprint(ORIGINAL)
    reordered = ". ".join(order)
    assert set(copies.fingerprint(reordered).tolist()) == set(original.tolist())
    longer = copies.fingerprint(f"{reordered} {added} Every client deserves a plan.")
    share = copies.containment(longer, original)
    assert copies.COPY_FLAG <= share <= 1.0


@settings(max_examples=40, deadline=None, database=None)
@given(st.floats(0.0, 1.0), st.floats(0.0, 1.0))
def test_a_larger_copied_share_never_earns_more(smaller: float, larger: float) -> None:
    smaller, larger = sorted((round(smaller, 2), round(larger, 2)))
    values = [
        score(_input((Copied(KEY, share, "consultant", KEY, "2026-11-02"),))).answers[KEY].value
        for share in (smaller, larger)
    ]
    assert values[0] >= values[1]


# --- Through the database -------------------------------------------------------------------


def _submitted(engagement, consultant, text: str, at: datetime) -> Submission:
    submission = submitted_quickly(engagement, consultant=consultant)
    Submission.objects.filter(pk=submission.pk).update(submitted_at=at)
    Answer.objects.filter(submission=submission, question__key=KEY).update(value=text)
    submission.refresh_from_db()
    return submission


@pytest.fixture
def round_(procurement) -> object:
    return EngagementFactory(owner=procurement, status=EngagementStatus.OPEN)


@pytest.mark.django_db
def test_a_lightly_edited_copy_is_flagged_and_an_answer_sharing_common_phrases_is_not(
    round_,
) -> None:
    original = _submitted(round_, ConsultantFactory(), ORIGINAL, EARLY)
    honest_earlier = _submitted(round_, ConsultantFactory(), HONEST_EARLIER, EARLY)
    copy = _submitted(round_, ConsultantFactory(), LIGHT_EDIT, LATER)
    honest = _submitted(round_, ConsultantFactory(), HONEST, LATER)
    for submission in (original, honest_earlier, copy, honest):
        submission_copies_check(submission=submission)
    scorecards_recompute([original.pk, honest_earlier.pk, copy.pk, honest.pk])

    match = CopyMatch.objects.get()
    assert (match.submission, match.source_submission) == (copy, original)
    flags = {
        s.pk: [f for f in s.scorecard.data["flags"] if f["code"] == "copied_answer"]
        for s in Submission.objects.filter(pk__in=[original.pk, copy.pk, honest.pk])
    }
    assert flags[original.pk] == [] and flags[honest.pk] == []
    [flag] = flags[copy.pk]
    assert (
        f"{match.share:.0%} of the answer on greatest accomplishment also appears"
        in (flag["message"])
    )
    assert "submitted earlier (1 October 2026)" in flag["message"]
    assert ShingleCount.objects.filter(consultants=1).exists()


@pytest.mark.django_db
def test_submitting_queues_the_check_and_a_match_queues_the_card(round_, consultant) -> None:
    from tests.factories import submitted_with_checks

    submitted = submitted_with_checks(consultant=consultant, references=1)
    assert OutboxMessage.objects.filter(
        task="vetting.tasks.check_copies", args=[submitted.pk]
    ).exists()
    original = _submitted(round_, ConsultantFactory(), ORIGINAL, EARLY)
    copy = _submitted(round_, ConsultantFactory(), LIGHT_EDIT, LATER)
    submission_copies_check(submission=original)
    OutboxMessage.objects.all().delete()
    submission_copies_check(submission=copy)
    [queued] = OutboxMessage.objects.filter(task="vetting.tasks.recompute_scorecards")
    assert queued.args == [[copy.pk]]


@pytest.mark.django_db
def test_the_earlier_answer_checked_last_is_still_the_original(round_) -> None:
    copy = _submitted(round_, ConsultantFactory(), LIGHT_EDIT, LATER)
    original = _submitted(round_, ConsultantFactory(), ORIGINAL, EARLY)
    submission_copies_check(submission=copy)
    result = submission_copies_check(submission=original)
    assert result.changed == (copy.pk,)
    assert list(CopyMatch.objects.values_list("submission", "source_submission")) == [
        (copy.pk, original.pk)
    ]
    # Checking again changes nothing: printed answers are not read twice.
    assert submission_copies_check(submission=copy).printed == 0
    assert CopyMatch.objects.count() == 1


@pytest.mark.django_db
def test_a_consultant_reusing_their_own_earlier_answer_is_not_copying(procurement) -> None:
    same = ConsultantFactory()
    first = EngagementFactory(owner=procurement, status=EngagementStatus.OPEN)
    second = EngagementFactory(owner=procurement, status=EngagementStatus.OPEN)
    earlier = _submitted(first, same, ORIGINAL, EARLY)
    reused = _submitted(second, same, ORIGINAL, LATER)
    submission_copies_check(submission=earlier)
    assert submission_copies_check(submission=reused).matches == 0
    assert not CopyMatch.objects.exists()


@pytest.mark.django_db
def test_reusing_ones_own_answer_after_someone_copied_it_is_not_copying(procurement) -> None:
    author = ConsultantFactory()
    first = EngagementFactory(owner=procurement, status=EngagementStatus.OPEN)
    second = EngagementFactory(owner=procurement, status=EngagementStatus.OPEN)
    original = _submitted(first, author, ORIGINAL, EARLY)
    copy = _submitted(first, ConsultantFactory(), LIGHT_EDIT, datetime(2026, 10, 9, tzinfo=UTC))
    reused = _submitted(second, author, ORIGINAL, LATER)
    for submission in (original, copy, reused):
        submission_copies_check(submission=submission)
    assert list(CopyMatch.objects.values_list("submission", "source_submission")) == [
        (copy.pk, original.pk)
    ]


@pytest.mark.django_db
def test_an_answer_pasted_from_known_boilerplate_is_flagged(round_) -> None:
    pasted = next(b for b in copies.boilerplate() if b.name == "about_us_04").text
    submission = _submitted(round_, ConsultantFactory(), pasted, LATER)
    submission_copies_check(submission=submission)
    scorecards_recompute([submission.pk])
    match = CopyMatch.objects.get()
    assert (match.boilerplate, match.source_id) == ("about_us_04", None)
    [flag] = [f for f in ScoreCard.objects.get().data["flags"] if f["code"] == "copied_answer"]
    assert "is known boilerplate" in flag["message"]


@pytest.mark.django_db
def test_the_backfill_checks_earliest_first_shows_progress_and_is_idempotent(round_) -> None:
    import io

    from django.core.management import call_command

    copy = _submitted(round_, ConsultantFactory(), LIGHT_EDIT, LATER)
    original = _submitted(round_, ConsultantFactory(), ORIGINAL, EARLY)
    out, err = io.StringIO(), io.StringIO()
    call_command("copies_backfill", stdout=out, stderr=err)
    assert "2 submissions checked: 8 answers fingerprinted, 1 match(es) found." in out.getvalue()
    assert err.getvalue().splitlines()[-1].startswith("100% 2/2 submissions, 1 match(es)")
    assert list(CopyMatch.objects.values_list("submission", "source_submission")) == [
        (copy.pk, original.pk)
    ]
    call_command("copies_backfill", stdout=out, stderr=io.StringIO())
    assert "0 submissions checked" in out.getvalue()
    assert CopyMatch.objects.count() == 1


@pytest.mark.django_db
def test_a_shingle_counts_each_consultant_once() -> None:
    hashes = copies.fingerprint(ORIGINAL)[:3]
    shingles_count(hashes)
    shingles_count(hashes)
    assert set(ShingleCount.objects.values_list("consultants", flat=True)) == {2}


# --- Who sees what --------------------------------------------------------------------------


@pytest.fixture
def copied_world(procurement, reviewer) -> dict:
    """Northwind's owner runs two rounds: the original in the first, the copy in the second,
    whose panel also has `reviewer` (who has no part in the first). Harbour Bank has a round
    whose consultant copied the same original."""
    first = EngagementFactory(owner=procurement, status=EngagementStatus.OPEN, title="Spring")
    second = EngagementFactory(owner=procurement, status=EngagementStatus.OPEN, title="Autumn")
    second.reviewers.add(reviewer)
    original = _submitted(first, ConsultantFactory(name="Ona Original"), ORIGINAL, EARLY)
    copy = _submitted(second, ConsultantFactory(name="Cole Copy"), LIGHT_EDIT, LATER)
    bea = UserFactory(email="bea@harbour.example", role=Role.PROCUREMENT)
    harbour = orgs.organisation_create(name="Harbour Bank", by=bea)
    theirs = EngagementFactory(owner=bea, organisation=harbour, status=EngagementStatus.OPEN)
    abroad = _submitted(theirs, ConsultantFactory(name="Abe Abroad"), LIGHT_EDIT, LATER)
    for submission in (original, copy, abroad):
        submission_copies_check(submission=submission)
    return {"copy": copy, "abroad": abroad, "bea": bea, "original": original}


def _page(user, submission: Submission) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(reverse("submissions:copies", args=[submission.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _api(user, submission: Submission) -> tuple[int, object]:
    client = Client()
    client.force_login(user)
    response = client.get(f"/api/v1/submissions/{submission.pk}/copies/")
    return response.status_code, response.json()


@pytest.mark.django_db
def test_who_sees_both_submissions_sees_the_shared_passages_marked(
    copied_world,
    procurement,
) -> None:
    page = _page(procurement, copied_world["copy"])
    marked = re.findall(r"<mark>(.*?)</mark>", page, re.DOTALL)
    assert any("family bakery in Leeds I rebuilt" in m for m in marked)
    assert not any("Every client deserves" in m for m in marked)
    assert "submitted earlier (1 October 2026)" in page
    status, [row] = _api(procurement, copied_world["copy"])
    assert status == 200 and row["passages"]["other_text"] == ORIGINAL
    assert row["source"] == "consultant" and row["same_question"] is True


@pytest.mark.django_db
def test_a_panel_member_of_the_copy_only_sees_the_share_and_the_date(
    copied_world,
    reviewer,
) -> None:
    from tests.factories import submitted_review

    submitted_review(copied_world["copy"], reviewer)
    page = _page(reviewer, copied_world["copy"])
    assert "submitted earlier (1 October 2026)" in page
    assert "<mark>" not in page
    assert "dusty spreadsheet" not in page.split("copy-summary")[1]  # not the other's words
    for hidden in ("Ona Original", "Spring"):
        assert hidden not in page
    _, [row] = _api(reviewer, copied_world["copy"])
    assert row["passages"] is None and row["submitted_earlier_on"] == "2026-10-01"


@pytest.mark.django_db
def test_another_organisation_sees_nothing_of_the_content(copied_world) -> None:
    page = _page(copied_world["bea"], copied_world["abroad"])
    assert "Ona Original" not in page and "Spring" not in page and "<mark>" not in page
    status, rows = _api(copied_world["bea"], copied_world["abroad"])
    # Abroad's answer is found in both Northwind answers: neither shows a word of them.
    assert status == 200 and len(rows) == 2
    assert all(row["passages"] is None for row in rows)
    assert "dusty" not in str(rows)


@pytest.mark.django_db
def test_a_reviewer_before_their_review_finds_no_matches_page(
    copied_world,
    reviewer,
    outsider,
) -> None:
    for user in (reviewer, outsider):
        client = Client()
        client.force_login(user)
        url = reverse("submissions:copies", args=[copied_world["copy"].pk])
        assert client.get(url).status_code == 404
        assert (
            client.get(f"/api/v1/submissions/{copied_world['copy'].pk}/copies/").status_code == 404
        )


@pytest.mark.django_db
def test_the_matches_list_costs_the_same_queries_however_many(
    copied_world,
    procurement,
    django_assert_num_queries,
) -> None:
    from vetting.selectors.copies import submission_copies

    copy = copied_world["copy"]
    # 1 the matches with their answers, 2 the other sides' texts the viewer may read.
    with django_assert_num_queries(2):
        assert len(submission_copies(procurement, copy)) == 1
    extra = _submitted(copied_world["copy"].engagement, ConsultantFactory(), ORIGINAL, LATER)
    CopyMatch.objects.create(
        answer=Answer.objects.get(submission=copy, question__key="first_steps"),
        submission=copy,
        question_key="first_steps",
        share=0.5,
        source=Answer.objects.get(submission=extra, question__key=KEY),
        source_submission=extra,
        source_question_key=KEY,
        source_submitted_at=EARLY,
    )
    with django_assert_num_queries(2):
        assert len(submission_copies(procurement, copy)) == 2


@pytest.mark.django_db
def test_the_matches_api_costs_the_same_queries_with_one_match_or_two(
    copied_world, procurement
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    copy = copied_world["copy"]
    client = Client()
    client.force_login(procurement)

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(f"/api/v1/submissions/{copy.pk}/copies/").status_code == 200
        return len(context.captured_queries)

    one = queries()
    CopyMatch.objects.create(
        answer=Answer.objects.get(submission=copy, question__key="first_steps"),
        submission=copy,
        question_key="first_steps",
        share=0.4,
        source=Answer.objects.get(submission=copied_world["original"], question__key=KEY),
        source_submission=copied_world["original"],
        source_question_key=KEY,
        source_submitted_at=EARLY,
    )
    # The session and user; the submission (with its round and consultant); the panel
    # (view_scores); the matches with their answers; the other sides' texts.
    assert queries() == one


CSRF = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+"|("X-CSRFToken": ")[^"]+"')


@pytest.mark.django_db
def test_what_stays_hidden_changes_no_byte_a_panel_member_reads(
    copied_world,
    reviewer,
) -> None:
    """A panel member of the copy's round only: the original's consultant, round and
    organisation changed, the page and the API answer the same bytes."""
    from tests.factories import submitted_review

    copy, original = copied_world["copy"], copied_world["original"]
    submitted_review(copy, reviewer)

    def seen() -> tuple[str, bytes]:
        client = Client()
        client.force_login(reviewer)
        page = client.get(reverse("submissions:copies", args=[copy.pk])).content.decode()
        api = client.get(f"/api/v1/submissions/{copy.pk}/copies/").content
        return CSRF.sub(r"\1\2", page), api

    before = seen()
    original.consultant.name = "Someone Else Entirely"
    original.consultant.save()
    original.engagement.title = "Another round"
    original.engagement.organisation = orgs.organisation_create(
        name="Elsewhere", by=UserFactory(email="else@where.example", role=Role.PROCUREMENT)
    )
    original.engagement.save()
    assert seen() == before


@pytest.mark.django_db
def test_the_score_card_explains_the_copy_and_links_to_the_match(copied_world, procurement) -> None:
    copy = copied_world["copy"]
    scorecards_recompute([copy.pk])
    client = Client()
    client.force_login(procurement)
    page = client.get(reverse("submissions:score", args=[copy.pk])).content.decode()
    assert "of the answer on greatest accomplishment also appears in another consultant" in page
    assert reverse("submissions:copies", args=[copy.pk]) in page
    assert "also appears in another consultant&#x27;s answer to the same question)" in page
