"""Evidence files through the API: upload (multipart), list, download, delete, with the
pages' rules (the same services and access rules)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from knox.models import AuthToken
from rest_framework.test import APIClient

from tests import evidence_samples as samples
from tests.factories import EngagementFactory, SubmissionFactory, complete_answers, offer_references
from vetting import services
from vetting.evidence import evidence_storage
from vetting.models import EngagementStatus, EvidenceFile

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path):
    settings.STORAGES = samples.evidence_storage_in(tmp_path / "evidence")


@pytest.fixture
def submission(consultant):
    engagement = EngagementFactory(status=EngagementStatus.OPEN)
    return SubmissionFactory(engagement=engagement, consultant=consultant.consultant)


def api(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(user)[1]}")
    return client


def upload(client: APIClient, submission, name: str = "report.pdf", data: bytes = samples.PDF):
    return client.post(
        f"/api/v1/submissions/{submission.pk}/evidence-files/",
        {"question": "accomplishments", "file": SimpleUploadedFile(name, data)},
        format="multipart",
    )


def test_a_consultant_uploads_a_file_and_lists_it_in_an_accomplishment(consultant, submission):
    client = api(consultant)

    response = upload(client, submission)

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["name"] == "report.pdf"
    assert body["content_type"] == "application/pdf"
    assert body["question"] == "accomplishments"
    assert body["size"] == len(samples.PDF)
    item = {
        "area": "pr",
        "what": "Secured launch coverage in three trade titles.",
        "files": [body["id"]],
    }
    saved = client.put(
        f"/api/v1/submissions/{submission.pk}/answers/accomplishments/",
        {"value": [item]},
        format="json",
    )
    assert saved.json()["value"][0]["files"] == [body["id"]]
    assert saved.json()["complete"] is True
    listed = client.get(f"/api/v1/submissions/{submission.pk}/evidence-files/").json()
    assert [f["id"] for f in listed] == [body["id"]]


def test_an_answer_cannot_list_an_unknown_file(consultant, submission):
    item = {"area": "pr", "what": "Secured launch coverage in three trade titles.", "files": [9]}

    saved = api(consultant).put(
        f"/api/v1/submissions/{submission.pk}/answers/accomplishments/",
        {"value": [item]},
        format="json",
    )

    assert saved.json()["complete"] is False
    assert "not attached" in saved.json()["item_errors"][0]["files"]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("report.pdf", samples.HTML_IN_PDF),
        ("photo.png", samples.PNG_WITH_ZIP),
        ("logo.png", samples.SVG),
        ("results.png", samples.PDF),
    ],
)
def test_a_refused_file_is_a_400_on_the_file_field(consultant, submission, name, data):
    response = upload(api(consultant), submission, name, data)

    assert response.status_code == 400
    assert response.json()["file"]
    assert not EvidenceFile.objects.exists()


def test_a_download_is_an_attachment_with_its_type_and_no_sniffing(consultant, submission):
    client = api(consultant)
    file_id = upload(client, submission, "notes.txt", samples.TEXT).json()["id"]

    response = client.get(f"/api/v1/evidence-files/{file_id}/download/")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == samples.TEXT
    assert response["Content-Type"] == "text/plain"
    assert response["Content-Disposition"] == 'attachment; filename="notes.txt"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_deleting_a_drafts_file_removes_it_from_storage_and_from_the_answer(
    consultant, submission, django_capture_on_commit_callbacks
):
    client = api(consultant)
    file_id = upload(client, submission).json()["id"]
    stored = EvidenceFile.objects.get().stored_name
    item = {"area": "pr", "what": "Secured launch coverage in three trade titles."}
    client.put(
        f"/api/v1/submissions/{submission.pk}/answers/accomplishments/",
        {"value": [{**item, "files": [file_id]}]},
        format="json",
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = client.delete(f"/api/v1/evidence-files/{file_id}/")

    assert response.status_code == 204
    assert not evidence_storage().exists(stored)
    answer = submission.answers.get(question__key="accomplishments")
    assert answer.value == [{**item, "result": "", "evidence_url": "", "reference": ""}]


def test_a_submitted_submissions_files_cannot_be_deleted_or_added(consultant, submission):
    client = api(consultant)
    file_id = upload(client, submission).json()["id"]
    complete_answers(submission, consultant)
    offer_references(submission, consultant)
    services.submission_submit(submission=submission, by=consultant)

    assert client.delete(f"/api/v1/evidence-files/{file_id}/").status_code == 409
    assert upload(client, submission).status_code == 409
    assert EvidenceFile.objects.count() == 1


def test_the_buyer_side_reads_the_files_but_may_not_add_or_remove_them(
    consultant, submission, reviewer
):
    file_id = upload(api(consultant), submission).json()["id"]
    submission.engagement.reviewers.add(reviewer)

    for user in (submission.engagement.owner, reviewer):
        client = api(user)
        assert client.get(f"/api/v1/evidence-files/{file_id}/").status_code == 200
        assert client.get(f"/api/v1/evidence-files/{file_id}/download/").status_code == 200
        assert client.delete(f"/api/v1/evidence-files/{file_id}/").status_code == 403
        assert upload(client, submission).status_code == 403


@pytest.mark.parametrize("who", ["outsider", "other_consultant", "other_procurement", "manager"])
def test_a_file_does_not_exist_for_those_who_may_not_read_the_answers(
    request, consultant, submission, who
):
    file_id = upload(api(consultant), submission).json()["id"]
    client = api(request.getfixturevalue(who))

    assert client.get(f"/api/v1/evidence-files/{file_id}/").status_code == 404
    assert client.get(f"/api/v1/evidence-files/{file_id}/download/").status_code == 404
    assert client.delete(f"/api/v1/evidence-files/{file_id}/").status_code == 404
    assert client.get(f"/api/v1/submissions/{submission.pk}/evidence-files/").status_code == 404
    assert upload(client, submission).status_code == 404


def test_signed_out_callers_are_asked_to_authenticate(consultant, submission):
    file_id = upload(api(consultant), submission).json()["id"]

    assert api(None).get(f"/api/v1/evidence-files/{file_id}/download/").status_code == 401
