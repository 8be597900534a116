"""Evidence files on the pages: attaching a file to an accomplishment (checked by content,
kept privately), removing it, downloading it only where the answers may be read, and the
files shown beside the answers."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import evidence_samples as samples
from tests.factories import EngagementFactory, SubmissionFactory, complete_answers, offer_references
from vetting import services
from vetting.evidence import evidence_storage
from vetting.models import Answer, EngagementStatus, EvidenceFile, Question

pytestmark = pytest.mark.django_db

ROW = {
    "accomplishments-rows": "1",
    "accomplishments-0-area": "pr",
    "accomplishments-0-what": "Secured launch coverage in three trade titles.",
    "accomplishments-0-result": "Twelve articles",
    "accomplishments-0-evidence_url": "",
    "accomplishments-0-reference": "",
}


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path):
    """Evidence goes to a folder of the test's own."""
    settings.STORAGES = {
        **settings.STORAGES,
        "evidence": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "evidence"},
        },
    }
    return tmp_path / "evidence"


@pytest.fixture
def submission(consultant):
    engagement = EngagementFactory(status=EngagementStatus.OPEN, title="Ledgerly launch")
    return SubmissionFactory(engagement=engagement, consultant=consultant.consultant)


def _question(submission) -> Question:
    return submission.engagement.questionnaire.questions.get(key="accomplishments")


def _attach(client, submission, name: str, data: bytes, *, version: int = 0, extra=None):
    return client.post(
        reverse("submissions:evidence_attach", args=[submission.pk, "accomplishments"]),
        {
            **ROW,
            **(extra or {}),
            "accomplishments-version": str(version),
            "item": "0",
            "accomplishments-0-upload": SimpleUploadedFile(name, data),
        },
        headers={"HX-Request": "true"},
    )


def _answer(submission) -> Answer:
    return submission.answers.get(question__key="accomplishments")


def _stored(evidence: EvidenceFile) -> bool:
    return evidence_storage().exists(evidence.stored_name)


# --- Attaching --------------------------------------------------------------------------


def test_attaching_a_pdf_keeps_it_privately_and_lists_it_in_the_accomplishment(
    client, consultant, submission, private_storage
):
    client.force_login(consultant)

    response = _attach(client, submission, "Coverage report.pdf", samples.PDF)

    assert response.status_code == 200
    evidence = EvidenceFile.objects.get()
    assert evidence.original_name == "Coverage report.pdf"
    assert evidence.content_type == "application/pdf"
    assert evidence.size == len(samples.PDF)
    assert evidence.uploaded_by == consultant
    # Stored under a random name, in the private folder, nothing of the sent name.
    assert "Coverage" not in evidence.stored_name
    assert (private_storage / evidence.stored_name).read_bytes() == samples.PDF
    assert _answer(submission).value[0]["files"] == [evidence.pk]
    # The question comes back with the file listed (name, size, Remove) and what was typed.
    assert "Coverage report.pdf" in response.text
    assert "Remove" in response.text
    assert "Secured launch coverage" in response.text


def test_the_limits_are_said_next_to_attach_a_file(client, consultant, submission, settings):
    settings.EVIDENCE_MAX_BYTES = 5 * 1024 * 1024
    client.force_login(consultant)

    page = client.get(reverse("submissions:answer", args=[submission.pk])).text

    assert "Attach a file" in page
    assert "PDF, PNG, JPEG, WebP, GIF, plain text, CSV, DOCX, XLSX or PPTX, up to 5.0" in page


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("big.pdf", samples.PDF + b"0" * 2048, "files can be 2.0\xa0KB at most"),
        ("archive.zip", samples.PLAIN_ZIP, "Archives (ZIP) are not accepted"),
        ("program.exe", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64, "not accepted"),
        ("report.pdf", samples.HTML_IN_PDF, "web page or script code"),
        ("photo.png", samples.PNG_WITH_ZIP, "has an archive (ZIP) hidden inside it"),
        ("logo.png", samples.SVG, "web page or script code"),
        ("deck.docx", samples.DOCX_WITHOUT_CONTENT_TYPES, "not a Word, Excel or PowerPoint"),
        ("results.png", samples.PDF, "content is another type (PDF)"),
    ],
    ids=[
        "oversize",
        "wrong-type",
        "program",
        "html-in-pdf",
        "zip-appended-to-png",
        "svg-renamed-png",
        "office-without-content-types",
        "extension-mismatch",
    ],
)
def test_a_refused_file_is_said_next_to_the_field_and_nothing_typed_is_lost(
    client, consultant, submission, settings, private_storage, name, data, says
):
    settings.EVIDENCE_MAX_BYTES = 2048
    client.force_login(consultant)
    typed = {"accomplishments-0-result": "Twelve articles, typed just now"}

    response = _attach(client, submission, name, data, extra=typed)

    assert response.status_code == 200
    assert says in response.text
    assert 'data-testid="evidence-error"' in response.text
    assert "Twelve articles, typed just now" in response.text
    assert "Secured launch coverage in three trade titles." in response.text
    assert not EvidenceFile.objects.exists()
    assert not private_storage.exists() or not any(p.is_file() for p in private_storage.rglob("*"))


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("a.png", samples.PNG, "image/png"),
        ("a.jpg", samples.JPEG, "image/jpeg"),
        ("a.webp", samples.WEBP, "image/webp"),
        ("a.gif", samples.GIF, "image/gif"),
        ("notes.txt", samples.TEXT, "text/plain"),
        ("figures.csv", samples.CSV, "text/csv"),
        ("case.docx", samples.DOCX, samples.OFFICE_TYPES["docx"]),
        ("sheet.xlsx", samples.XLSX, samples.OFFICE_TYPES["xlsx"]),
        ("deck.pptx", samples.PPTX, samples.OFFICE_TYPES["pptx"]),
    ],
)
def test_every_accepted_kind_is_kept_with_its_sniffed_type(
    client, consultant, submission, name, data, content_type
):
    client.force_login(consultant)

    _attach(client, submission, name, data)

    assert EvidenceFile.objects.get().content_type == content_type


def test_a_name_is_kept_without_its_path(client, consultant, submission):
    client.force_login(consultant)

    _attach(client, submission, "../../etc/report.pdf", samples.PDF)

    assert EvidenceFile.objects.get().original_name == "report.pdf"


# --- Removing, locking ----------------------------------------------------------------------


def test_removing_a_drafts_file_deletes_it_from_storage_and_from_the_item(
    client, consultant, submission, django_capture_on_commit_callbacks
):
    client.force_login(consultant)
    _attach(client, submission, "report.pdf", samples.PDF)
    evidence = EvidenceFile.objects.get()
    answer = _answer(submission)
    assert _stored(evidence)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(
                "submissions:evidence_remove",
                args=[submission.pk, "accomplishments", evidence.pk],
            ),
            {
                **ROW,
                "accomplishments-0-files": str(evidence.pk),
                "accomplishments-version": str(answer.version),
            },
            headers={"HX-Request": "true"},
        )

    assert response.status_code == 200
    assert not EvidenceFile.objects.exists()
    assert not _stored(evidence)
    assert "files" not in _answer(submission).value[0]
    assert "report.pdf" not in response.text


def test_a_file_whose_accomplishment_was_removed_is_shown_to_remove(
    client, consultant, submission, django_capture_on_commit_callbacks
):
    client.force_login(consultant)
    _attach(client, submission, "report.pdf", samples.PDF)
    evidence = EvidenceFile.objects.get()
    second = {
        "accomplishments-rows": "2",
        "accomplishments-0-files": str(evidence.pk),
        "accomplishments-1-area": "monetization",
        "accomplishments-1-what": "Ran a referral programme with existing customers.",
        "accomplishments-version": str(_answer(submission).version),
        "action": "remove-0",
    }

    removed_row = client.post(
        reverse("submissions:save_answer", args=[submission.pk, "accomplishments"]),
        {**ROW, **second},
        headers={"HX-Request": "true"},
    )

    assert 'data-testid="evidence-unlisted-accomplishments"' in removed_row.text
    assert "report.pdf" in removed_row.text
    page = client.get(reverse("submissions:answer", args=[submission.pk])).text
    assert 'data-testid="evidence-unlisted-accomplishments"' in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse(
                "submissions:evidence_remove",
                args=[submission.pk, "accomplishments", evidence.pk],
            ),
            {
                "accomplishments-rows": "1",
                "accomplishments-0-area": "monetization",
                "accomplishments-0-what": "Ran a referral programme with existing customers.",
                "accomplishments-version": str(_answer(submission).version),
            },
            headers={"HX-Request": "true"},
        )
    assert not EvidenceFile.objects.exists()
    assert not _stored(evidence)


def test_a_submitted_submissions_files_cannot_be_changed(client, consultant, submission):
    client.force_login(consultant)
    _attach(client, submission, "report.pdf", samples.PDF)
    evidence = EvidenceFile.objects.get()
    complete_answers(submission, consultant)  # the accomplishments answer loses the file...
    question = _question(submission)
    value = [{**_answer(submission).value[0], "files": [evidence.pk]}]  # ...put it back
    services.answer_save(submission=submission, by=consultant, question=question, raw=value)
    offer_references(submission, consultant)
    services.submission_submit(submission=submission, by=consultant)

    removed = client.post(
        reverse(
            "submissions:evidence_remove", args=[submission.pk, "accomplishments", evidence.pk]
        ),
        {**ROW, "accomplishments-0-files": str(evidence.pk)},
        headers={"HX-Request": "true"},
    )
    added = _attach(client, submission, "more.pdf", samples.PDF)

    assert "can no longer change" in removed.text
    assert "can no longer change" in added.text
    assert EvidenceFile.objects.get() == evidence
    assert _stored(evidence)
    with pytest.raises(services.ServiceError):
        services.evidence_delete(evidence=evidence, by=consultant)


def test_an_accomplishment_cannot_list_a_file_of_another_submission(
    client, consultant, other_consultant, submission
):
    other = SubmissionFactory(
        engagement=submission.engagement, consultant=other_consultant.consultant
    )
    client.force_login(other_consultant)
    _attach(client, other, "theirs.pdf", samples.PDF)
    theirs = EvidenceFile.objects.get()
    client.force_login(consultant)

    response = client.post(
        reverse("submissions:save_answer", args=[submission.pk, "accomplishments"]),
        {**ROW, "accomplishments-0-files": str(theirs.pk)},
        headers={"HX-Request": "true"},
    )

    assert "A file listed here is not attached to this answer" in response.text
    assert _answer(submission).is_complete is False


def test_copying_answers_to_another_round_leaves_the_files_behind(client, consultant, submission):
    client.force_login(consultant)
    _attach(client, submission, "report.pdf", samples.PDF)
    later = SubmissionFactory(
        engagement=EngagementFactory(status=EngagementStatus.OPEN),
        consultant=consultant.consultant,
    )

    services.submission_copy_answers(submission=later, by=consultant, source=submission)

    copied = later.answers.get(question__key="accomplishments")
    assert "files" not in copied.value[0]
    assert copied.is_complete


# --- Downloading ----------------------------------------------------------------------------


@pytest.fixture
def attached(client, consultant, submission) -> EvidenceFile:
    client.force_login(consultant)
    _attach(client, submission, "Résumé de campagne.pdf", samples.PDF)
    client.logout()
    return EvidenceFile.objects.get()


def test_a_download_is_an_attachment_with_the_sniffed_type_and_no_caching(
    client, consultant, attached
):
    client.force_login(consultant)

    response = client.get(reverse("submissions:evidence", args=[attached.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == samples.PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; ")
    assert "filename*=utf-8''R%C3%A9sum%C3%A9%20de%20campagne.pdf" in disposition


def test_a_stored_file_of_another_type_is_never_served_as_html(client, consultant, attached):
    EvidenceFile.objects.filter(pk=attached.pk).update(content_type="text/html")
    client.force_login(consultant)

    response = client.get(reverse("submissions:evidence", args=[attached.pk]))

    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")


def test_a_file_missing_from_storage_is_not_found(client, consultant, attached):
    evidence_storage().delete(attached.stored_name)
    client.force_login(consultant)

    assert client.get(reverse("submissions:evidence", args=[attached.pk])).status_code == 404


@pytest.mark.parametrize("who", ["owner", "reviewer_on_panel", "consultant"])
def test_the_round_and_the_consultant_download_the_file(
    client, request, attached, owner, reviewer, who
):
    attached.submission.engagement.reviewers.add(reviewer)
    user = {"owner": attached.submission.engagement.owner, "reviewer_on_panel": reviewer}.get(
        who
    ) or request.getfixturevalue("consultant")
    client.force_login(user)

    assert client.get(reverse("submissions:evidence", args=[attached.pk])).status_code == 200


@pytest.mark.parametrize("who", ["outsider", "other_consultant", "other_procurement", "manager"])
def test_a_file_is_not_found_for_whoever_may_not_read_the_answers(client, request, attached, who):
    client.force_login(request.getfixturevalue(who))

    response = client.get(reverse("submissions:evidence", args=[attached.pk]))

    assert response.status_code == 404
    assert b"%PDF" not in response.content


def test_a_peer_consultant_cannot_remove_or_attach_to_anothers_submission(
    client, other_consultant, attached
):
    client.force_login(other_consultant)
    submission = attached.submission

    removed = client.post(
        reverse(
            "submissions:evidence_remove", args=[submission.pk, "accomplishments", attached.pk]
        ),
        ROW,
    )
    added = _attach(client, submission, "mine.pdf", samples.PDF)

    assert removed.status_code == 404
    assert added.status_code == 404
    assert EvidenceFile.objects.count() == 1


def test_signed_out_people_are_sent_to_sign_in(client, attached):
    response = client.get(reverse("submissions:evidence", args=[attached.pk]))

    assert response.status_code == 302
    assert reverse("login") in response["Location"]


# --- Shown beside the answers ---------------------------------------------------------------


def _with_files(submission, consultant, count: int) -> list[EvidenceFile]:
    """A complete, submitted self-assessment whose first accomplishment lists `count` files."""
    complete_answers(submission, consultant)
    question = _question(submission)
    files = []
    for n in range(count):
        upload = SimpleUploadedFile(f"proof-{n}.png", samples.PNG)
        files.append(
            services.evidence_upload(
                submission=submission, by=consultant, question=question, upload=upload
            )
        )
    value = [{**_answer(submission).value[0], "files": [f.pk for f in files]}]
    services.answer_save(submission=submission, by=consultant, question=question, raw=value)
    return files


def test_reviewers_see_the_files_beside_the_answer_on_the_read_review_and_report_pages(
    client, consultant, submission
):
    _with_files(submission, consultant, 2)
    offer_references(submission, consultant)
    services.submission_submit(submission=submission, by=consultant)
    submission.refresh_from_db()
    owner = submission.engagement.owner
    client.force_login(owner)
    services.review_start(submission=submission, by=owner, has_conflict=False)

    for name in ("submissions:read", "submissions:review", "submissions:report"):
        page = client.get(reverse(name, args=[submission.pk])).text
        assert "proof-0.png" in page, name
        assert "proof-1.png" in page, name
        assert "PNG image, 67\xa0bytes" in page, name
        assert reverse("submissions:evidence", args=[EvidenceFile.objects.first().pk]) in page


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_self_assessment_page_costs_the_same_queries_with_one_file_or_many(
    client, consultant, submission, other_consultant
):
    # The files cost one query for the whole page, however many there are.
    _with_files(submission, consultant, 1)
    url = reverse("submissions:answer", args=[submission.pk])
    client.force_login(consultant)
    one = _queries(client, url)
    question = _question(submission)
    value = _answer(submission).value
    extra = [
        services.evidence_upload(
            submission=submission,
            by=consultant,
            question=question,
            upload=SimpleUploadedFile(f"more-{n}.pdf", samples.PDF),
        ).pk
        for n in range(6)
    ]
    value = [{**value[0], "files": [*value[0]["files"], *extra]}]
    services.answer_save(submission=submission, by=consultant, question=question, raw=value)

    assert _queries(client, url) == one


def test_the_review_page_costs_the_same_queries_with_one_file_or_many(client, consultant):
    pages = []
    for count in (1, 8):
        engagement = EngagementFactory(status=EngagementStatus.OPEN)
        submission = SubmissionFactory(engagement=engagement, consultant=consultant.consultant)
        _with_files(submission, consultant, count)
        offer_references(submission, consultant)
        services.submission_submit(submission=submission, by=consultant)
        submission.refresh_from_db()
        owner = engagement.owner
        services.review_start(submission=submission, by=owner, has_conflict=False)
        client.force_login(owner)
        pages.append(_queries(client, reverse("submissions:review", args=[submission.pk])))

    assert pages[0] == pages[1]
