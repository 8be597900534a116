"""Evidence files on a real S3-compatible server: moto's server mode (`moto_server`, from
the dev dependencies), started on a spare port of 127.0.0.1 for this module, with the
evidence storage pointed at a bucket on it (django-storages' S3Storage). A file goes in
through the page, comes back through the download view, and leaves the bucket when it is
removed. Nothing beyond localhost is reached."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests import evidence_samples as samples
from tests.factories import EngagementFactory, SubmissionFactory
from vetting.evidence import evidence_storage
from vetting.models import EngagementStatus, EvidenceFile

BUCKET = "winnow-evidence-test"
KEYS = {"access_key": "testing", "secret_key": "testing"}


def _spare_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    """moto_server as a subprocess on a spare port; stopped (by its pid) afterwards."""
    script = Path(sys.executable).with_name("moto_server")
    if not script.exists():
        pytest.fail("moto_server is missing: install the dev extras (pip install -e '.[dev]')")
    port = _spare_port()
    endpoint = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [str(script), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=1)  # noqa: S310 (localhost)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"moto_server did not start on {endpoint}")
                time.sleep(0.1)
        yield endpoint
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture
def bucket(s3_endpoint: str, settings, monkeypatch: pytest.MonkeyPatch):
    """A fresh bucket on the server, and the evidence storage pointed at it."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id=KEYS["access_key"],
        aws_secret_access_key=KEYS["secret_key"],
    )
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        "evidence": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "region_name": "us-east-1",
                "default_acl": "private",
                "file_overwrite": False,
                **KEYS,
            },
        },
    }
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def _keys(client) -> list[str]:
    return [o["Key"] for o in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


@pytest.mark.django_db
def test_a_file_goes_to_the_bucket_comes_back_through_the_view_and_leaves_when_removed(
    bucket, client, consultant, reviewer, django_capture_on_commit_callbacks
):
    engagement = EngagementFactory(status=EngagementStatus.OPEN)
    engagement.reviewers.add(reviewer)
    submission = SubmissionFactory(engagement=engagement, consultant=consultant.consultant)
    assert type(evidence_storage()).__name__ == "S3Storage"
    client.force_login(consultant)
    row = {
        "accomplishments-rows": "1",
        "accomplishments-0-area": "pr",
        "accomplishments-0-what": "Secured launch coverage in three trade titles.",
        "accomplishments-version": "0",
        "item": "0",
    }

    attached = client.post(
        reverse("submissions:evidence_attach", args=[submission.pk, "accomplishments"]),
        {**row, "accomplishments-0-upload": SimpleUploadedFile("coverage.png", samples.PNG)},
        headers={"HX-Request": "true"},
    )

    assert attached.status_code == 200
    evidence = EvidenceFile.objects.get()
    assert _keys(bucket) == [evidence.stored_name]
    stored = bucket.get_object(Bucket=BUCKET, Key=evidence.stored_name)
    assert stored["Body"].read() == samples.PNG
    # Private: the bucket's object grants nobody but its owner.
    grants = bucket.get_object_acl(Bucket=BUCKET, Key=evidence.stored_name)["Grants"]
    assert [g["Grantee"].get("URI") for g in grants if g["Grantee"].get("URI")] == []

    client.force_login(reviewer)
    downloaded = client.get(reverse("submissions:evidence", args=[evidence.pk]))
    assert downloaded.status_code == 200
    assert b"".join(downloaded.streaming_content) == samples.PNG
    assert downloaded["Content-Type"] == "image/png"
    assert downloaded["Content-Disposition"] == 'attachment; filename="coverage.png"'

    client.force_login(consultant)
    answer = submission.answers.get(question__key="accomplishments")
    with django_capture_on_commit_callbacks(execute=True):
        removed = client.post(
            reverse(
                "submissions:evidence_remove",
                args=[submission.pk, "accomplishments", evidence.pk],
            ),
            {
                **row,
                "accomplishments-version": str(answer.version),
                "accomplishments-0-files": str(evidence.pk),
            },
            headers={"HX-Request": "true"},
        )

    assert removed.status_code == 200
    assert _keys(bucket) == []
    assert not EvidenceFile.objects.exists()


@pytest.mark.django_db
def test_a_row_whose_object_left_the_bucket_downloads_as_not_found(bucket, client, consultant):
    submission = SubmissionFactory(
        engagement=EngagementFactory(status=EngagementStatus.OPEN),
        consultant=consultant.consultant,
    )
    evidence = samples.stored_evidence(submission, consultant, "gone.pdf")
    assert _keys(bucket) == [evidence.stored_name]
    bucket.delete_object(Bucket=BUCKET, Key=evidence.stored_name)
    client.force_login(consultant)

    assert client.get(reverse("submissions:evidence", args=[evidence.pk])).status_code == 404


def test_settings_choose_the_bucket_when_one_is_named() -> None:
    """EVIDENCE_S3_BUCKET (with its endpoint and keys) makes the evidence storage S3; without
    it, a private folder."""
    code = "from vetting import settings as s; import json; print(json.dumps(s.STORAGES['evidence'], default=str))"  # noqa: E501
    base = {k: v for k, v in os.environ.items() if not k.startswith("EVIDENCE_")}
    s3_env = {
        **base,
        "EVIDENCE_S3_BUCKET": "evidence",
        "EVIDENCE_S3_ENDPOINT_URL": "http://127.0.0.1:9000",
        "EVIDENCE_S3_ACCESS_KEY_ID": "key",
        "EVIDENCE_S3_SECRET_ACCESS_KEY": "secret",
    }

    def storage(env: dict[str, str]) -> dict:
        out = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        return json.loads(out.stdout)

    s3 = storage(s3_env)
    local = storage({**base, "EVIDENCE_ROOT": "/srv/winnow/evidence"})

    assert s3["BACKEND"] == "storages.backends.s3.S3Storage"
    assert s3["OPTIONS"]["bucket_name"] == "evidence"
    assert s3["OPTIONS"]["endpoint_url"] == "http://127.0.0.1:9000"
    assert s3["OPTIONS"]["default_acl"] == "private"
    assert local["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert local["OPTIONS"]["location"] == "/srv/winnow/evidence"
