"""Ranking exports: contents cell by cell in both formats, the formula-injection guard, the
background path for large rounds, and who may export."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from consultants.models import Consultant
from tests.factories import (
    EngagementFactory,
    SubmissionFactory,
    complete_answers,
    consultant_user,
    offer_references,
    priced,
    submitted_quickly,
    submitted_review,
)
from vetting import exports
from vetting.access import score_sight
from vetting.models import (
    Engagement,
    EngagementStatus,
    Export,
    ExportStatus,
    ScoreCard,
    Submission,
    SubmissionStatus,
    User,
)
from vetting.scoring.rubric import CRITERIA
from vetting.services import (
    decision_record,
    export_build,
    exports_purge,
    referee_submit,
    review_declare_conflict,
    review_for,
    review_save,
    scorecards_recompute,
    submission_submit,
)
from vetting.tasks import build_export, purge_exports

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TITLE = "Ledgerly launch: social marketing"
SLUG = "ledgerly-launch-social-marketing"
RATINGS = dict.fromkeys((c.key for c in CRITERIA), 4)
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
    "concerns": "",
}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def submit(engagement, user: User, *, agency: str) -> Submission:
    """`user` answers everything, offers one reference and submits to `engagement`."""
    Consultant.objects.filter(pk=user.consultant.pk).update(agency=agency)
    submission = SubmissionFactory(engagement=engagement, consultant=user.consultant)
    complete_answers(submission, user)
    offer_references(submission, user, count=1)
    return submission_submit(submission=submission, by=user)


def review(submission: Submission, reviewer: User) -> None:
    own = review_for(submission=submission, reviewer=reviewer)
    own = review_declare_conflict(review=own, by=reviewer, has_conflict=False)
    review_save(
        review=own,
        by=reviewer,
        ratings=RATINGS,
        notes={},
        recommendation="yes",
        overall_note="",
        expected_version=None,
        submit=True,
    )


@pytest.fixture
def round_(procurement, manager, consultant, other_consultant) -> dict[str, object]:
    """Three submitted consultants (and one who never submitted) in an open round with one
    reference required, reviewed by `manager`: Clara has a completed reference and a
    review; Otto is rejected; Petra has neither."""
    engagement = EngagementFactory(
        owner=procurement,
        title=TITLE,
        status=EngagementStatus.OPEN,
        opened_at=timezone.now(),
        references_required=1,
    )
    engagement.reviewers.add(manager)
    clara = submit(engagement, consultant, agency="Okafor Social")
    otto = submit(engagement, other_consultant, agency="Other & Co")
    petra = submit(
        engagement,
        consultant_user(email="petra@example.com", first_name="Petra", last_name="Novak"),
        agency="Novak Media",
    )
    SubmissionFactory(engagement=engagement)  # invited, never submitted: not exported
    referee_submit(
        check=clara.reference_checks.get(), data=AGREEING, ip="198.51.100.1", user_agent="Firefox"
    )
    review(clara, manager)
    decision_record(
        submission=otto,
        by=procurement,
        outcome="rejected",
        rationale="No measured results for B2B clients.",
        approver=manager,
    )
    scorecards_recompute([clara.pk, otto.pk, petra.pk])
    return {"engagement": engagement, "clara": clara, "otto": otto, "petra": petra}


def expected_rows(round_: dict[str, object], manager: User) -> list[list[object]]:
    """What the export must say, read from the stored cards and the fixture's facts."""
    today = timezone.localdate()
    facts = {
        "clara": ["Clara Okafor", "Okafor Social", 1, 1, "Under review", None, None, None, None],
        "otto": [
            "Otto Other",
            "Other & Co",
            0,
            0,
            "Rejected",
            "Rejected",
            "No measured results for B2B clients.",
            manager.display_name,
            today,
        ],
        "petra": ["Petra Novak", "Novak Media", 0, 0, "Submitted", None, None, None, None],
    }
    rows = []
    for key, (
        name,
        agency,
        refs,
        reviews,
        status,
        outcome,
        why,
        approver,
        decided,
    ) in facts.items():
        card = ScoreCard.objects.get(submission=round_[key])
        rows.append(
            [
                card.rank,
                name,
                agency,
                round(card.total, 1),
                round(card.low, 1),
                round(card.high, 1),
                *[
                    None if getattr(card, c.key) is None else round(getattr(card, c.key) * 100, 1)
                    for c in CRITERIA
                ],
                card.red_flags,
                card.green_flags,
                card.holds,
                refs,
                1,
                reviews,
                2,  # reviews expected: the owner and the manager
                status,
                today,
                outcome,
                why,
                approver,
                decided,
                None,  # no evidence files
                # no proposal: no pricing model, total, points or flags; a round that
                # scores no price has the quality score as its value score; no agreed price
                None,
                None,
                None,
                round(card.total, 1),
                None,
                None,
            ]
        )
    return sorted(rows, key=lambda r: r[0])


def export_url(engagement, fmt: str) -> str:
    return reverse("engagements:export", args=[engagement.pk, fmt])


def csv_text(cell: object) -> str:
    if cell is None:
        return ""
    return cell.isoformat() if isinstance(cell, date) else str(cell)


def xlsx_value(cell: object) -> object:
    """openpyxl reads a date cell back as a datetime at midnight."""
    return datetime.combine(cell, time()) if isinstance(cell, date) else cell


def read_xlsx(content: bytes) -> list[list[object]]:
    sheet = load_workbook(io.BytesIO(content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


# Contents


def test_the_csv_has_one_row_per_submitted_consultant_cell_by_cell(
    client, procurement, manager, round_
):
    client.force_login(procurement)

    response = client.post(export_url(round_["engagement"], "csv"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{SLUG}-ranking.csv"'
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith("\ufeff".encode())  # Excel reads the accents right
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == exports.header_of(round_["engagement"])
    expected = [[csv_text(c) for c in row] for row in expected_rows(round_, manager)]
    assert len(rows) == 1 + 3
    for got, want in zip(rows[1:], expected, strict=True):
        for column, (cell, value) in enumerate(zip(got, want, strict=True)):
            assert cell == value, (exports.HEADER[column], cell, value)


def test_the_xlsx_has_the_same_rows_with_numbers_and_dates_typed(
    client, procurement, manager, round_
):
    client.force_login(procurement)

    response = client.post(export_url(round_["engagement"], "xlsx"))

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"] == f'attachment; filename="{SLUG}-ranking.xlsx"'
    rows = read_xlsx(response.content)
    assert rows[0] == exports.header_of(round_["engagement"])
    expected = [[xlsx_value(c) for c in row] for row in expected_rows(round_, manager)]
    assert len(rows) == 1 + 3
    for got, want in zip(rows[1:], expected, strict=True):
        for column, (cell, value) in enumerate(zip(got, want, strict=True)):
            assert cell == value, (exports.HEADER[column], cell, value)
    sheet = load_workbook(io.BytesIO(response.content)).active
    total, submitted = exports.HEADER.index("Total") + 1, exports.HEADER.index("Submitted on") + 1
    assert sheet.cell(row=2, column=1).data_type == "n"  # rank
    assert sheet.cell(row=2, column=total).data_type == "n"
    assert sheet.cell(row=2, column=submitted).is_date
    assert sheet.freeze_panes == "C2"


def test_the_rows_follow_the_stored_rank(client, procurement, round_):
    client.force_login(procurement)

    rows = read_xlsx(client.post(export_url(round_["engagement"], "xlsx")).content)[1:]

    assert [r[0] for r in rows] == [1, 2, 3]
    ranked = ScoreCard.objects.filter(submission__engagement=round_["engagement"]).order_by("rank")
    assert [r[1] for r in rows] == [c.submission.consultant.name for c in ranked]


SCORE_COLUMNS = [
    exports.HEADER.index(h)
    for h in exports.HEADER
    if h in ("Rank", "Total", "Interval low", "Interval high", "Red flags", "Green flags", "Holds")
    or h.endswith("(0-100)")
]


def test_a_reviewers_export_shows_only_the_scores_of_consultants_they_have_reviewed(
    client, manager, round_
):
    """Reviews are blind: the export must not give away what the ranking page hides."""
    client.force_login(manager)

    response = client.post(export_url(round_["engagement"], "csv"))

    rows = {r[1]: r for r in csv.reader(io.StringIO(response.content.decode("utf-8-sig")))}
    clara_card = ScoreCard.objects.get(submission=round_["clara"])
    assert rows["Clara Okafor"][exports.HEADER.index("Total")] == str(round(clara_card.total, 1))
    for name in ("Otto Other", "Petra Novak"):
        assert [rows[name][i] for i in SCORE_COLUMNS] == [""] * len(SCORE_COLUMNS), name
        assert rows[name][exports.HEADER.index("Agency")]  # the rest of the row is there
    assert rows["Otto Other"][exports.HEADER.index("Decision")] == "Rejected"


def test_a_reviewers_background_export_is_blind_too_and_theirs_alone(
    client, procurement, manager, round_
):
    engagement = round_["engagement"]
    theirs, owners = (
        Export.objects.create(engagement=engagement, requested_by=user, format="csv")
        for user in (manager, procurement)
    )
    for export in (theirs, owners):
        export_build(export_id=export.pk)
    client.force_login(manager)

    response = client.get(reverse("engagements:export_download", args=[theirs.pk]))

    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = {r[1]: r for r in csv.reader(io.StringIO(text))}
    assert rows["Clara Okafor"][exports.HEADER.index("Total")]
    assert rows["Petra Novak"][exports.HEADER.index("Total")] == ""
    # The owner's file holds every score: the reviewer cannot follow or fetch it.
    for name in ("engagements:export_status", "engagements:export_download"):
        assert client.get(reverse(name, args=[owners.pk])).status_code == 404


def test_an_unknown_format_is_not_found(client, procurement, round_):
    client.force_login(procurement)

    assert client.post(export_url(round_["engagement"], "pdf")).status_code == 404


def test_an_export_of_a_small_round_costs_a_fixed_number_of_queries(client, procurement, round_):
    client.force_login(procurement)
    url = export_url(round_["engagement"], "csv")
    with CaptureQueriesContext(connection) as few:
        client.post(url)
    for _ in range(3):
        extra = SubmissionFactory(engagement=round_["engagement"], status="submitted")
        scorecards_recompute([extra.pk])

    with CaptureQueriesContext(connection) as more:
        client.post(url)

    # user, the engagement with owner and questionnaire, its reviewers, the
    # questionnaire's questions (its own become columns), the count of rows, the rows (with
    # consultant, card, decision and approver), their evidence files; which prices the
    # viewer sees (no proposal here; with one, the round's rate table, proposals and lines)
    assert len(few) == len(more) == 8


def test_reviews_counted_include_the_owners_own_of_the_reviews_expected(
    client, procurement, round_
):
    review(round_["clara"], procurement)  # the manager reviewed Clara already
    scorecards_recompute([round_["clara"].pk])
    client.force_login(procurement)

    response = client.post(export_url(round_["engagement"], "csv"))

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    counted, expected = (exports.HEADER.index(h) for h in ("Reviews counted", "Reviews expected"))
    by_name = {r[exports.HEADER.index("Consultant")]: (r[counted], r[expected]) for r in rows[1:]}
    # As on the ranking page: the owner reviews too (it used to read "2 of 1" there).
    assert by_name == {
        "Clara Okafor": ("2", "2"),
        "Otto Other": ("0", "2"),
        "Petra Novak": ("0", "2"),
    }


# Formula injection


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ('=HYPERLINK("http://evil.example","x")', '\'=HYPERLINK("http://evil.example","x")'),
        ("+SUM(A1:A9)", "'+SUM(A1:A9)"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("Okafor Social", "Okafor Social"),
        ("Cost: =2", "Cost: =2"),
    ],
)
def test_csv_text_that_a_spreadsheet_would_run_gets_a_leading_apostrophe(text, written):
    assert exports.csv_safe(text) == written


def test_csv_numbers_dates_and_blanks_are_written_plainly():
    assert exports.csv_safe(-1.5) == -1.5  # numbers are never formulas
    assert exports.csv_safe(date(2026, 3, 1)) == "2026-03-01"
    assert exports.csv_safe(None) == ""


def test_both_formats_keep_formulas_from_running(client, procurement, consultant, round_):
    Consultant.objects.filter(pk=consultant.consultant.pk).update(
        name="=1+1", agency='=HYPERLINK("http://evil.example","x")'
    )
    client.force_login(procurement)

    csv_rows = list(
        csv.reader(
            io.StringIO(
                client.post(export_url(round_["engagement"], "csv")).content.decode("utf-8-sig")
            )
        )
    )
    book = load_workbook(io.BytesIO(client.post(export_url(round_["engagement"], "xlsx")).content))

    csv_row = next(r for r in csv_rows if r[1] == "'=1+1")
    assert csv_row[2] == '\'=HYPERLINK("http://evil.example","x")'
    sheet = book.active
    cell = next(row[1] for row in sheet.iter_rows(min_row=2) if row[1].value == "=1+1")
    assert cell.data_type == "s"  # kept as text, not a formula
    assert sheet.cell(row=cell.row, column=3).data_type == "s"


# The background path


@pytest.fixture
def large(settings) -> None:
    """Three rows are "large" for these tests."""
    settings.EXPORT_INLINE_MAX_ROWS = 2


def test_a_large_export_is_built_in_the_background_then_downloads(
    client, procurement, manager, round_, large, django_capture_on_commit_callbacks
):
    client.force_login(procurement)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(export_url(round_["engagement"], "xlsx"))

    export = Export.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("engagements:export_status", args=[export.pk])
    assert (export.status, export.rows_done, export.rows_total) == (ExportStatus.DONE, 3, 3)
    assert export.requested_by == procurement
    assert export.finished_at is not None
    assert export.file.name.startswith(f"exports/{SLUG}-ranking-")

    page = client.get(response["Location"])
    assert page.status_code == 200
    assert b'value="100"' in page.content and b"100%: 3 of 3 rows written" in page.content
    assert b"hx-trigger" not in page.content  # finished: the polling stops
    download = reverse("engagements:export_download", args=[export.pk])
    assert download.encode() in page.content

    file = client.get(download)
    assert file.status_code == 200
    assert file["Content-Type"] == XLSX
    assert file["Content-Disposition"] == f'attachment; filename="{SLUG}-ranking.xlsx"'
    assert "no-store" in file["Cache-Control"]
    rows = read_xlsx(b"".join(file.streaming_content))
    expected = [[xlsx_value(c) for c in row] for row in expected_rows(round_, manager)]
    assert rows == [exports.header_of(round_["engagement"]), *expected]


def test_a_large_csv_export_downloads_the_same_rows_as_a_small_one(
    client, procurement, manager, round_, large, django_capture_on_commit_callbacks
):
    client.force_login(procurement)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(export_url(round_["engagement"], "csv"))
    export = Export.objects.get()

    file = client.get(reverse("engagements:export_download", args=[export.pk]))

    text = b"".join(file.streaming_content).decode("utf-8-sig")
    expected = [[csv_text(c) for c in row] for row in expected_rows(round_, manager)]
    assert list(csv.reader(io.StringIO(text))) == [
        exports.header_of(round_["engagement"]),
        *expected,
    ]
    assert file["Content-Disposition"] == f'attachment; filename="{SLUG}-ranking.csv"'


def test_the_progress_partial_polls_every_second_while_the_export_runs(client, procurement, round_):
    export = Export.objects.create(
        engagement=round_["engagement"],
        requested_by=procurement,
        format="csv",
        status=ExportStatus.RUNNING,
        rows_total=3,
        rows_done=1,
    )
    client.force_login(procurement)

    partial = client.get(
        reverse("engagements:export_status", args=[export.pk]), HTTP_HX_REQUEST="true"
    )

    assert partial.status_code == 200
    html = partial.content.decode()
    assert 'hx-trigger="every 1s"' in html
    assert 'value="33" max="100"' in html and "1 of 3 rows" in html
    assert "<html" not in html  # only the partial
    assert "Download" not in html
    not_ready = client.get(reverse("engagements:export_download", args=[export.pk]))
    assert not_ready.status_code == 404


def test_running_the_task_again_does_not_rebuild_a_finished_export(
    client, procurement, round_, large, django_capture_on_commit_callbacks
):
    client.force_login(procurement)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(export_url(round_["engagement"], "csv"))
    export = Export.objects.get()
    first = (export.file.name, export.finished_at)

    with CaptureQueriesContext(connection) as queries:
        assert build_export(export.pk) is False

    export.refresh_from_db()
    assert (export.file.name, export.finished_at) == first
    assert len(queries) == 1  # the export, found finished
    assert len(list(Path(export.file.path).parent.iterdir())) == 1


def test_the_task_records_progress_after_every_batch(procurement, round_, monkeypatch):
    monkeypatch.setattr("vetting.services.exports.BATCH_ROWS", 1)
    export = Export.objects.create(
        engagement=round_["engagement"], requested_by=procurement, format="xlsx"
    )

    with CaptureQueriesContext(connection) as queries:
        assert export_build(export_id=export.pk) is True

    updates = [q["sql"] for q in queries if q["sql"].startswith('UPDATE "vetting_export"')]
    # running, then one per row written, then done
    assert len(updates) == 1 + 3 + 1


def test_a_failed_build_is_recorded_and_offers_to_try_again(
    client, procurement, round_, monkeypatch
):
    export = Export.objects.create(
        engagement=round_["engagement"], requested_by=procurement, format="csv"
    )

    def broken(*args: object, **kwargs: object) -> int:
        raise RuntimeError("disk full")

    monkeypatch.setattr("vetting.exports.write", broken)

    with pytest.raises(RuntimeError):
        export_build(export_id=export.pk)

    export.refresh_from_db()
    assert (export.status, export.error) == (ExportStatus.FAILED, "disk full")
    client.force_login(procurement)
    page = client.get(reverse("engagements:export_status", args=[export.pk]))
    assert b"The export failed" in page.content and b"Try again" in page.content
    assert b"hx-trigger" not in page.content
    assert b"disk full" not in page.content  # the details are for the logs


# Who keeps an export (who may export at all is in tests/permission_matrix.py)

OK, MISSING = 200, 404


@pytest.fixture
def light_round(procurement, manager, consultant, other_consultant) -> Engagement:
    """A light round: both consultants submitted (made by the factory, for
    speed), scored, reviewed by `manager`."""
    engagement = EngagementFactory(owner=procurement, status=EngagementStatus.OPEN)
    engagement.reviewers.add(manager)
    ids = [
        SubmissionFactory(
            engagement=engagement,
            consultant=user.consultant,
            status=SubmissionStatus.SUBMITTED,
            submitted_at=timezone.now(),
        ).pk
        for user in (consultant, other_consultant)
    ]
    scorecards_recompute(ids)
    return engagement


@pytest.fixture
def finished(procurement, light_round) -> Export:
    export = Export.objects.create(engagement=light_round, requested_by=procurement, format="csv")
    export_build(export_id=export.pk)
    return export


def test_exporting_needs_a_post(client, procurement, light_round):
    client.force_login(procurement)

    assert client.get(export_url(light_round, "csv")).status_code == 405


def test_a_reviewer_removed_from_the_round_loses_its_exports(client, manager, light_round):
    theirs = Export.objects.create(engagement=light_round, requested_by=manager, format="csv")
    export_build(export_id=theirs.pk)
    client.force_login(manager)
    assert client.get(reverse("engagements:export_download", args=[theirs.pk])).status_code == OK
    light_round.reviewers.remove(manager)

    response = client.get(reverse("engagements:export_download", args=[theirs.pk]))

    assert response.status_code == MISSING


def test_the_engagement_page_offers_the_exports_and_the_report(
    client, procurement, manager, light_round
):
    engagement = light_round
    for user in (procurement, manager):  # the owner and a reviewer
        client.force_login(user)
        html = client.get(engagement.get_absolute_url()).content.decode()
        assert "Export CSV" in html and "Export XLSX" in html
        assert export_url(engagement, "xlsx") in html
        report = reverse("engagements:report", args=[engagement.pk])
        assert f'<a class="nav-link" href="{report}">Report</a>' in html


# Clean-up


def test_exports_older_than_the_keeping_period_are_deleted_with_their_files(
    settings, procurement, light_round
):
    settings.EXPORT_KEEP_DAYS = 7
    old, recent = (
        Export.objects.create(engagement=light_round, requested_by=procurement, format="csv")
        for _ in range(2)
    )
    for export in (old, recent):
        export_build(export_id=export.pk)
    Export.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))
    old.refresh_from_db()
    old_file = Path(old.file.path)
    assert old_file.exists()

    assert exports_purge() == 1

    assert not old_file.exists()
    assert list(Export.objects.all()) == [recent]
    assert Path(Export.objects.get().file.path).exists()
    assert exports_purge() == 0  # running it again deletes nothing more


def test_the_purge_runs_every_night_and_the_download_page_says_when(
    client, settings, procurement, finished
):
    assert settings.CELERY_BEAT_SCHEDULE["purge-exports"]["task"] == purge_exports.name
    client.force_login(procurement)

    html = client.get(reverse("engagements:export_status", args=[finished.pk])).content.decode()

    deleted_on = timezone.localdate(finished.created_at) + timedelta(days=7)
    assert f"It is deleted {deleted_on.day} {deleted_on:%B %Y}" in html


def test_the_export_names_each_accomplishments_evidence_files(
    client, procurement, round_, settings, tmp_path
):
    """File names per accomplishment (tests/test_evidence_files.py covers the files)."""
    from tests.evidence_samples import evidence_storage_in, stored_evidence

    settings.STORAGES = evidence_storage_in(tmp_path)
    clara = round_["clara"]
    consultant = clara.consultant.user
    files = [stored_evidence(clara, consultant, name) for name in ("a.pdf", "b.pdf")]
    answer = clara.answers.get(question__key="accomplishments")
    answer.value = [
        {**answer.value[0], "files": [files[0].pk, files[1].pk]},
        *answer.value[1:],
    ]
    answer.save()
    client.force_login(procurement)

    response = client.post(export_url(clara.engagement, "csv"))

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    column = exports.HEADER.index("Evidence files")
    by_name = {r[exports.HEADER.index("Consultant")]: r[column] for r in rows[1:]}
    assert by_name["Clara Okafor"] == "Accomplishment 1: a.pdf, b.pdf"
    assert by_name["Otto Other"] == ""


# --- The commercial part (issue 16) ----------------------------------------------------------


def commercial(table: exports.Table) -> dict[str, dict[str, object]]:
    """Each consultant's commercial cells, by column name."""
    names = exports.HEADER[-exports.PRICE_CELLS :]
    start = exports.HEADER.index(names[0])
    return {
        cells[1]: dict(zip(names, cells[start : start + exports.PRICE_CELLS], strict=True))
        for cells in table.rows
    }


def test_the_owners_export_has_each_price_points_value_flags_and_agreed_price(
    owner, price_round, bids
):
    decision_record(
        submission=bids["Cal C"],
        by=owner,
        outcome="selected",
        rationale="Best value.",
        agreed_price=Decimal("21000"),
    )
    table = exports.assemble(price_round, score_sight(owner, price_round), viewer=owner)

    cells = commercial(table)

    assert "Proposal total (GBP)" in table.header
    assert cells["Ben B"]["Proposal total"] == Decimal("40800.00")  # EUR 48,000 at 0.85
    assert cells["Ben B"]["Pricing model"] == "Day rate"
    assert cells["Ben B"]["Price flags"] == "Over budget"
    assert cells["Dee D"]["Price flags"] == "Abnormally low: check it is real"
    assert cells["Ada A"]["Price points"] == Decimal("0.2500")
    assert cells["Cal C"]["Price points"] == Decimal("0.4091")
    assert cells["Cal C"]["Agreed price"] == Decimal("21000.00")
    card = ScoreCard.objects.get(submission=bids["Dee D"])
    # value = quality * 0.8 + 100 * points * 0.2, with Dee's points 1
    assert cells["Dee D"]["Value score"] == round(card.total * 0.8 + 20, 1)


def test_a_reviewers_export_leaves_the_prices_they_may_not_see_empty(reviewer, price_round, bids):
    submitted_review(bids["Ada A"], reviewer)
    scorecards_recompute([bids["Ada A"].pk])
    sight = score_sight(reviewer, price_round)

    cells = commercial(exports.assemble(price_round, sight, viewer=reviewer))

    # Ada's price, but nothing that compares it with the sealed ones
    assert cells["Ada A"]["Proposal total"] == Decimal("36000.00")
    assert cells["Ada A"]["Price points"] is None and cells["Ada A"]["Value score"] is None
    for name in ("Ben B", "Cal C", "Dee D"):
        assert set(cells[name].values()) == {None}, name


def test_the_price_columns_cost_the_same_queries_whatever_the_batch_and_the_rows(
    owner, price_round, bids
):
    def queries(batch: int) -> int:
        engagement = Engagement.objects.get(pk=price_round.pk)  # nothing prefetched
        with CaptureQueriesContext(connection) as captured:
            table = exports.assemble(
                engagement, score_sight(owner, engagement), viewer=owner, batch=batch
            )
            list(table.rows)
        return len(captured)

    two_batches = queries(2)
    few = queries(100)
    extra = [submitted_quickly(price_round, name=f"Extra {i}") for i in range(3)]
    for submission in extra:
        priced(submission, ("Retainer", "1", "2000", "month"), ("Day", "3", "500", "day"))
    scorecards_recompute([s.pk for s in extra])

    # the engagement's questions, the count, which prices the owner sees, the round's
    # proposals, their lines and its rate table; then per batch the rows and their
    # evidence files: the prices are read once, whatever the batches
    assert queries(100) == few == two_batches - 1
