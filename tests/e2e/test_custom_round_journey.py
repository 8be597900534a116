"""A round on a questionnaire the buyer shaped, from the builder to the export, in the
browser: procurement adds a criterion of their own and one question of every kind (a
must-have among them), publishes, opens a round on the template with the new criterion
weighted; a consultant answers every kind, a file included, and submits; a reviewer reads the
answers beside the file and rates the buyer's criterion; the ranking marks the knockout and
draws the criterion, and the export carries the answers."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests import evidence_samples as samples
from tests.e2e.conftest import htmx_settled, sign_in
from tests.factories import VALID_ANSWERS, UserFactory, consultant_user
from vetting import services
from vetting.models import Answer, Engagement, Questionnaire, Submission
from vetting.roles import Role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results"
CRITERION = "Regulated industries"
QUESTIONS = [  # (prompt, kind, the builder's fields beyond them)
    ("Which tools do you use?", "short_text", {}),
    ("How would you work with our compliance team?", "text", {"criterion": CRITERION}),
    ("How many people would work on it?", "number",
     {"unit": "people", "bands": "1 = 0\n2-5 = 2\n6+ = 1"}),
    ("Which regulated sector have you worked in?", "single_choice",
     {"options": "Banking = 2\nInsurance = 1\nNone", "criterion": CRITERION}),
    ("Which channels do you run?", "multiple_choice",
     {"options": "LinkedIn = 2\nInstagram = 1\nTikTok"}),
    ("Have you worked under financial promotion rules?", "yes_no", {"must_have": True}),
    ("When could you start?", "date", {}),
    ("Where is your portfolio?", "url", {}),
    ("Attach a case study", "file", {}),
]  # fmt: skip


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path):
    settings.STORAGES = samples.evidence_storage_in(tmp_path / "evidence")


def _build_template(page: Page, base: str) -> Questionnaire:
    page.get_by_role("link", name="Questionnaires").click()
    page.get_by_label("Title").fill("Bank: LinkedIn")
    page.get_by_role("button", name="Create the template").click()
    expect(page.get_by_text("Template created")).to_be_visible()
    template = Questionnaire.objects.get(title="Bank: LinkedIn")

    page.get_by_role("link", name="Add a criterion").click()
    page.get_by_label("Name").fill(CRITERION)
    page.get_by_label("What a strong consultant shows").fill(
        "Work for banks or insurers, within their compliance rules."
    )
    page.get_by_label("Suggested weight (%)").fill("10")
    page.get_by_role("button", name="Add the criterion").click()
    expect(page.get_by_text(f"Added the criterion {CRITERION}")).to_be_visible()

    for prompt, kind, extra in QUESTIONS:
        page.goto(f"{base}/questionnaires/{template.pk}/questions/new/")
        page.locator("#id_prompt").fill(prompt)
        page.locator("#id_kind").select_option(kind)
        page.locator("#id_criterion").select_option(
            label=extra.get("criterion", "Business background")
        )
        for name in ("options", "unit", "bands"):
            if name in extra:
                page.locator(f"#id_{name}").fill(extra[name])
        if extra.get("must_have"):
            page.get_by_label("Must-have").check()
        if kind == "text":
            page.get_by_label("Read it for warning signs").check()
        if kind not in ("file", "date"):
            page.get_by_label("An answer is needed to submit").check()
        else:
            page.get_by_label("An answer is needed to submit").uncheck()
        page.get_by_role("button", name="Add the question").click()
        expect(page.get_by_text(f"Added: {prompt}")).to_be_visible()
    expect(page.get_by_text(f"feeds {CRITERION}")).to_have_count(2)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "custom_template_builder.png", full_page=True)
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Published: you can now choose it")).to_be_visible()
    return template


def _open_round(page: Page, template: Questionnaire, reviewer_name: str) -> Engagement:
    page.get_by_role("link", name="Engagements").first.click()
    page.get_by_role("link", name="New engagement").click()
    page.get_by_label("Title").fill("Bank LinkedIn partner")
    page.get_by_label("Target market").fill("Retail savers in the UK, 30 to 55.")
    page.get_by_label("Goals").fill("Trust and 2,000 new savings accounts in a year.")
    page.get_by_label("Timing").fill("From March.")
    deadline = timezone.localtime(timezone.now() + timedelta(days=14))
    page.get_by_label("Deadline").fill(deadline.strftime("%Y-%m-%dT%H:%M"))
    page.locator("#id_references_required").fill("0")
    page.get_by_label(re.compile(reviewer_name)).check()
    # Choosing the template brings its criterion's weight in (htmx), at its suggestion.
    page.get_by_label("Questionnaire").select_option(
        label=f"Bank: LinkedIn (version {template.version})"
    )
    own = page.get_by_label(CRITERION)
    expect(own).to_have_value("10")
    expect(page.locator("[data-weights-total]")).to_have_text("110% (must be 100%)")
    page.locator("#id_weight_references").fill("10")
    expect(page.locator("[data-weights-total]")).to_have_text("100%")
    page.locator("[data-weights]").screenshot(path=SCREENSHOTS / "custom_round_weights.png")
    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_text("The engagement is saved as a draft.")).to_be_visible()
    engagement = Engagement.objects.get(title="Bank LinkedIn partner")
    assert engagement.questionnaire == template
    assert engagement.weights["own_regulated_industries"] == 10
    expect(page.get_by_text(CRITERION)).to_be_visible()  # among the weights
    return engagement


def _answer(page: Page, key: str, act) -> None:
    """Answer one question and wait for its autosave."""
    with page.expect_response(lambda r: r.url.endswith(f"/answers/{key}/")):
        act()
    expect(page.locator(f"#status-{key}")).to_contain_text("Saved")


def test_a_round_on_a_shaped_questionnaire_from_builder_to_export(
    page: Page, live_server, console_errors
) -> None:
    base = live_server.url
    owner = UserFactory(role=Role.PROCUREMENT, first_name="Priya", last_name="Shah")
    reviewer = UserFactory(role=Role.MANAGER, first_name="Mo", last_name="Rahman")
    person = consultant_user(email="nadia@karim.example", first_name="Nadia", last_name="Karim")
    sign_in(page, base, owner)
    template = _build_template(page, base)
    engagement = _open_round(page, template, "Mo Rahman")
    submission = services.invite_existing(
        engagement=engagement, by=owner, consultant=person.consultant
    )
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Open engagement").click()
    expect(page.get_by_text("The engagement is open.")).to_be_visible()

    # The consultant: the core answers are in (another journey types them); every kind of
    # the buyer's is answered here, a file included.
    keys = {q.prompt: q.key for q in template.questions.all()}
    for question in template.questions.filter(key__in=VALID_ANSWERS):
        Answer.objects.create(
            submission=submission, question=question, value=VALID_ANSWERS[question.key],
            is_complete=True,
        )  # fmt: skip
    consultant = page.context.browser.new_page()
    sign_in(consultant, base, person)
    consultant.goto(f"{base}/submissions/{submission.pk}/answer/")
    htmx_settled(consultant)

    def key(prompt: str) -> str:
        return keys[prompt]

    def fill(prompt: str, value: str) -> None:
        field = consultant.locator(f"#id_{key(prompt)}")
        _answer(consultant, key(prompt), lambda: (field.fill(value), field.blur()))

    fill("Which tools do you use?", "Sprout Social, Canva")
    fill(
        "How would you work with our compliance team?",
        "Every post goes through your compliance team before it is published; we agree a "
        "calendar with them each month and keep a record of approvals.",
    )
    fill("How many people would work on it?", "3")
    _answer(consultant, key("Which regulated sector have you worked in?"),
            lambda: consultant.get_by_label("Banking").check())  # fmt: skip
    _answer(consultant, key("Which channels do you run?"),
            lambda: consultant.get_by_label("LinkedIn").check())  # fmt: skip
    must = key("Have you worked under financial promotion rules?")
    _answer(consultant, must, lambda: consultant.locator(f"#id_{must}_no").check())
    expect(consultant.get_by_test_id(f"must-have-{must}")).to_be_visible()
    fill("When could you start?", "2027-03-01")
    fill("Where is your portfolio?", "https://karim.example/work")
    case = key("Attach a case study")
    consultant.get_by_test_id(f"question-{case}").get_by_label("Attach a file").set_input_files(
        files=[{"name": "case-study.pdf", "mimeType": "application/pdf", "buffer": samples.PDF}]
    )
    expect(consultant.get_by_test_id("evidence-link")).to_have_text("case-study.pdf")
    htmx_settled(consultant)
    consultant.once("dialog", lambda dialog: dialog.accept())
    consultant.get_by_role("button", name="Submit self-assessment").click()
    expect(consultant.get_by_text("Your self-assessment is submitted and locked.")).to_be_visible()
    consultant.close()

    # The reviewer reads the answers beside the file, and rates the buyer's criterion too.
    panel = page.context.browser.new_page()
    sign_in(panel, base, reviewer)
    panel.goto(f"{base}/submissions/{submission.pk}/review/")
    panel.get_by_label("No conflict").check()
    panel.get_by_role("button", name="Continue").click()
    expect(panel.get_by_text("Sprout Social, Canva")).to_be_visible()
    expect(panel.get_by_role("link", name="case-study.pdf")).to_be_visible()
    form = panel.locator("form").filter(has=panel.locator("input[name^='rating_']"))
    expect(form.get_by_text(CRITERION).first).to_be_visible()
    for name in form.locator("input[name^='rating_'][value='4']").all():
        name.check()
    form.get_by_label("Strong yes").check()
    panel.once("dialog", lambda dialog: dialog.accept())
    panel.get_by_role("button", name="Submit review").click()
    expect(panel.get_by_text("Your review is submitted.")).to_be_visible()
    panel.close()

    # The buyer: the knockout marked, the criterion drawn and explained, the answers exported.
    page.goto(f"{base}/engagements/{engagement.pk}/ranking/")
    # Knocked out by the must-have: listed apart, with why; the filter shows them ranked.
    expect(page.get_by_test_id("knocked-out")).to_contain_text("Answered no to a must-have")
    page.get_by_label("Flags").select_option("knockout")
    ranking = page.get_by_test_id("ranking")
    expect(ranking.get_by_text("misses a must-have")).to_be_visible()
    expect(ranking.locator(f".crit-key span[title='{CRITERION}']")).to_have_count(1)
    expect(ranking.locator(".cb.w8")).to_have_count(1)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "custom_round_ranking.png", full_page=True)
    page.goto(f"{base}/submissions/{submission.pk}/score/")
    expect(page.get_by_text("Does not meet must-have").first).to_be_visible()
    expect(page.get_by_text("Banking, 2 of 2 points").first).to_be_attached()
    expect(page.get_by_text(CRITERION).first).to_be_visible()

    page.goto(f"{base}/engagements/{engagement.pk}/")
    with page.expect_download() as download:
        page.get_by_role("button", name="Export CSV").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    header, row = list(csv.reader(io.StringIO(text)))[:2]
    shown = dict(zip(header, row, strict=True))
    assert shown[f"{CRITERION} (0-100)"] != ""
    assert shown["Which tools do you use?"] == "Sprout Social, Canva"
    assert shown["How many people would work on it?"] == "3 people"
    assert shown["Which regulated sector have you worked in?"] == "Banking"
    assert shown["Have you worked under financial promotion rules?"] == "No"
    assert "case-study.pdf" in shown["Attach a case study"]
    assert Submission.objects.get(pk=submission.pk).scorecard.knockouts == 1
    assert console_errors == []
