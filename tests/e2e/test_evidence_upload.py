"""Attaching evidence in the browser: choosing a file uploads it at once (htmx, multipart),
the file is listed under its accomplishment with what was typed kept, a refused file says
why next to the field, and Remove takes it away; no console error (the CSP allows no
inline script), no stale-version conflict with the question's own autosave."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests import evidence_samples as samples
from tests.e2e.conftest import htmx_settled, sign_in
from tests.factories import EngagementFactory, SubmissionFactory, consultant_user
from vetting.evidence import evidence_storage
from vetting.models import EngagementStatus, EvidenceFile

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Beside Playwright's own output (not committed): to look at the file list by eye.
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results"
WHAT = "Secured launch coverage in three trade titles for a payroll start-up."


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path):
    settings.STORAGES = samples.evidence_storage_in(tmp_path / "evidence")


def test_a_consultant_attaches_a_file_sees_a_refusal_and_removes_the_file(
    page: Page, live_server, console_errors
):
    user = consultant_user(first_name="Clara", last_name="Okafor")
    engagement = EngagementFactory(status=EngagementStatus.OPEN, title="Ledgerly launch")
    submission = SubmissionFactory(engagement=engagement, consultant=user.consultant)
    sign_in(page, live_server.url, user)
    page.goto(f"{live_server.url}/submissions/{submission.pk}/answer/")
    question = page.get_by_test_id("question-accomplishments")
    question.locator("#id_accomplishments-0-area").select_option("pr")
    question.locator("#id_accomplishments-0-what").fill(WHAT)
    expect(question.get_by_text("up to 10.0")).to_be_visible()  # the limits, up front

    question.get_by_label("Attach a file").set_input_files(
        files=[{"name": "coverage.pdf", "mimeType": "application/pdf", "buffer": samples.PDF}]
    )

    files = page.get_by_test_id("evidence-accomplishments-0")
    expect(files.get_by_test_id("evidence-link")).to_have_text("coverage.pdf")
    htmx_settled(page)
    expect(page.locator("#id_accomplishments-0-what")).to_have_value(WHAT)
    evidence = EvidenceFile.objects.get()
    saved = submission.answers.get(question__key="accomplishments").value
    assert saved[0]["files"] == [evidence.pk]
    assert saved[0]["what"] == WHAT

    # A refused file: said next to the field, the typed text and the first file kept.
    page.get_by_label("Attach a file").set_input_files(
        files=[{"name": "logo.png", "mimeType": "image/png", "buffer": samples.SVG}]
    )
    expect(page.get_by_test_id("evidence-error")).to_contain_text("web page or script code")
    htmx_settled(page)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.wait_for_timeout(1000)
    page.get_by_test_id("question-accomplishments").screenshot(
        path=SCREENSHOTS / "evidence_attach.png"
    )
    expect(page.locator("#id_accomplishments-0-what")).to_have_value(WHAT)
    assert EvidenceFile.objects.count() == 1

    # Typing after an upload saves against the new version (no conflict box).
    page.locator("#id_accomplishments-0-result").fill("Twelve articles")
    page.locator("#id_accomplishments-0-result").blur()
    expect(page.locator("#status-accomplishments")).to_contain_text("Saved")
    assert not page.get_by_test_id("conflict-accomplishments").is_visible()

    page.get_by_test_id("evidence-remove").click()
    expect(page.get_by_test_id("evidence-link")).to_have_count(0)
    htmx_settled(page)
    assert not EvidenceFile.objects.exists()
    assert not evidence_storage().exists(evidence.stored_name)
    saved = submission.answers.get(question__key="accomplishments").value
    assert "files" not in saved[0]
    assert saved[0]["result"] == "Twelve articles"
    assert console_errors == []
