"""The pipeline vocabulary: every submission status is in exactly one stage, and the "of N"
figures leave the withdrawn out. Plain data, no database."""

from __future__ import annotations

from vetting.models.engagements import SCORED_STATUSES, SubmissionStatus
from vetting.pipeline import STAGE_KEYS, STAGES, Pipeline

ROUND = [
    SubmissionStatus.INVITED,
    SubmissionStatus.IN_PROGRESS,
    SubmissionStatus.IN_PROGRESS,
    SubmissionStatus.SUBMITTED,
    SubmissionStatus.UNDER_REVIEW,
    SubmissionStatus.UNDER_REVIEW,
    SubmissionStatus.SHORTLISTED,
    SubmissionStatus.REJECTED,
    SubmissionStatus.WITHDRAWN,
]


def test_every_submission_status_is_in_exactly_one_stage():
    staged = [status for stage in STAGES for status in stage.statuses]

    assert sorted(staged) == sorted(SubmissionStatus.values)


def test_the_stages_are_invited_in_progress_submitted_under_review_decided_withdrawn():
    assert [stage.label for stage in STAGES] == [
        "Invited",
        "In progress",
        "Submitted",
        "Under review",
        "Decided",
        "Withdrawn",
    ]


def test_counting_statuses_puts_each_consultant_in_one_stage():
    pipeline = Pipeline.of_statuses(ROUND)

    assert pipeline.counts == {
        "invited": 1,
        "in_progress": 2,
        "submitted": 1,
        "under_review": 2,
        "decided": 2,
        "withdrawn": 1,
    }
    assert pipeline.total == len(ROUND)


def test_the_withdrawn_are_left_out_of_the_active_consultants():
    pipeline = Pipeline.of_statuses(ROUND)

    assert pipeline.active == 8
    assert pipeline.waiting == 3  # invited or still answering
    assert pipeline.handed_in == 5  # submitted, under review or decided


def test_the_consultants_handed_in_are_those_the_ranking_shows():
    pipeline = Pipeline.of_statuses(SubmissionStatus.values)

    assert pipeline.handed_in == len(SCORED_STATUSES)


def test_the_short_form_lists_only_the_stages_somebody_is_at():
    pipeline = Pipeline.of_statuses([SubmissionStatus.INVITED, SubmissionStatus.REJECTED])

    assert [(stage.key, n) for stage, n in pipeline.nonempty] == [("invited", 1), ("decided", 1)]


def test_an_empty_round_counts_zero_everywhere():
    pipeline = Pipeline.of_statuses([])

    assert pipeline.counts == dict.fromkeys(STAGE_KEYS, 0)
    assert pipeline.active == pipeline.waiting == pipeline.handed_in == 0
    assert pipeline.nonempty == []
