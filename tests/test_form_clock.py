"""The referee form's clock for "completed too fast" is signed into the form when it is
shown, so that showing the form writes nothing; only our signature, for this check and not
older than a link lives, starts it."""

from __future__ import annotations

from datetime import timedelta

from django.test import override_settings
from django.utils import timezone

from vetting.tokens import form_clock_read, form_clock_start


def test_the_clock_reads_back_when_the_form_was_shown():
    before = timezone.now()
    opened = form_clock_read(form_clock_start(7), 7)

    assert opened is not None
    assert before - timedelta(seconds=1) <= opened <= timezone.now()


def test_a_clock_from_another_check_or_forged_or_missing_does_not_count():
    assert form_clock_read(form_clock_start(7), 8) is None
    assert form_clock_read(form_clock_start(7) + "x", 7) is None
    assert form_clock_read("", 7) is None


@override_settings(REFERENCE_LINK_DAYS=0)
def test_a_clock_older_than_a_link_lives_does_not_count():
    assert form_clock_read(form_clock_start(7), 7) is None
