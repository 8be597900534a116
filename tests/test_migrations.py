"""Migrations that change what rounds are built from leave earlier rounds as they were: a
database seeded before the question kinds and templates (0022, 0023) is migrated, and its
questionnaire, answers and score cards read the same afterwards (django-test-migrations
migrates a real database back and forth)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

BEFORE = ("vetting", "0021_evidence_files")
AFTER = ("vetting", "0023_question_templates")
CARD = {"total": 61.5, "criteria": [{"key": "references", "value": 0.5}], "flags": []}


def _seed(apps: Any) -> dict[str, Any]:
    """An open round on the default questionnaire with a submitted, scored self-assessment,
    written with the models as they were before."""
    User = apps.get_model("vetting", "User")
    Consultant = apps.get_model("consultants", "Consultant")
    Questionnaire = apps.get_model("vetting", "Questionnaire")
    Engagement = apps.get_model("vetting", "Engagement")
    Submission = apps.get_model("vetting", "Submission")
    Answer = apps.get_model("vetting", "Answer")
    ScoreCard = apps.get_model("vetting", "ScoreCard")

    owner = User.objects.create(email="buyer@example.com", password="!")
    person = User.objects.create(email="clara@example.com", password="!")
    consultant = Consultant.objects.create(user=person, name="Clara", email=person.email)
    questionnaire = Questionnaire.objects.get(is_default=True)
    engagement = Engagement.objects.create(
        owner=owner,
        title="Before the builder",
        target_market="Finance leads",
        goals="Demo requests",
        timing="Spring",
        questionnaire=questionnaire,
        deadline=timezone.now() + timedelta(days=10),
        status="open",
    )
    submission = Submission.objects.create(
        engagement=engagement,
        consultant=consultant,
        invited_by=owner,
        status="submitted",
        submitted_at=timezone.now(),
    )
    years = questionnaire.questions.get(key="years_social_media")
    Answer.objects.create(submission=submission, question=years, value=9, is_complete=True)
    ScoreCard.objects.create(
        submission=submission,
        engagement=engagement,
        rubric_version="2026.12-1",
        inputs_hash="a" * 64,
        total=61.5,
        low=50.0,
        high=70.0,
        data=CARD,
    )
    return {
        "questionnaire": questionnaire.pk,
        "questions": sorted(
            questionnaire.questions.values_list(
                "key", "kind", "criterion", "position", "prompt", "min_value", "max_value"
            )
        ),
        "submission": submission.pk,
    }


@pytest.mark.django_db(transaction=True)
def test_rounds_answers_and_cards_from_before_the_builder_read_the_same(migrator: Any) -> None:
    before = migrator.apply_initial_migration(BEFORE)
    seeded = _seed(before.apps)

    after = migrator.apply_tested_migration(AFTER)

    Questionnaire = after.apps.get_model("vetting", "Questionnaire")
    ScoreCard = after.apps.get_model("vetting", "ScoreCard")
    Answer = after.apps.get_model("vetting", "Answer")
    questionnaire = Questionnaire.objects.get(pk=seeded["questionnaire"])
    # The built-in questionnaire is the core template: published, owned by nobody.
    assert (questionnaire.status, questionnaire.owner_id) == ("published", None)
    assert (
        sorted(
            questionnaire.questions.values_list(
                "key", "kind", "criterion", "position", "prompt", "min_value", "max_value"
            )
        )
        == seeded["questions"]
    )
    units = dict(questionnaire.questions.values_list("key", "unit"))
    assert units["years_social_media"] == units["years_for_clients"] == "years"
    assert {units[k] for k in units if not k.startswith("years_")} == {""}
    assert Answer.objects.get(submission_id=seeded["submission"]).value == 9
    card = ScoreCard.objects.get(submission_id=seeded["submission"])
    assert (card.total, card.data) == (61.5, CARD)


@pytest.mark.django_db(transaction=True)
def test_the_upgrade_to_organisations_puts_every_buyer_and_round_in_a_default_one(
    migrator: Any,
) -> None:
    before = migrator.apply_initial_migration(("vetting", "0031_decision_agreed_price"))
    seeded = _seed(before.apps)
    Group = before.apps.get_model("auth", "Group")
    User = before.apps.get_model("vetting", "User")
    owner = User.objects.get(email="buyer@example.com")
    owner.groups.add(Group.objects.get(name="procurement"))
    caller = User.objects.create(email="marcus@example.com", password="!")
    caller.groups.add(Group.objects.get(name="manager"))

    after = migrator.apply_tested_migration(("vetting", "0033_default_organisation"))

    Organisation = after.apps.get_model("vetting", "Organisation")
    Membership = after.apps.get_model("vetting", "Membership")
    Engagement = after.apps.get_model("vetting", "Engagement")
    Consultant = after.apps.get_model("consultants", "Consultant")
    ScoreCard = after.apps.get_model("vetting", "ScoreCard")
    default = Organisation.objects.get(slug="default")
    members = dict(
        Membership.objects.filter(organisation=default).values_list("user__email", "role")
    )
    assert members == {"buyer@example.com": "procurement", "marcus@example.com": "manager"}
    assert set(Engagement.objects.values_list("organisation", flat=True)) == {default.pk}
    assert set(Consultant.objects.values_list("discoverable", flat=True)) == {True}
    card = ScoreCard.objects.get(submission_id=seeded["submission"])
    assert (card.total, card.data) == (61.5, CARD)
