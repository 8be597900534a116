"""The demo data a new user gets from `make run`."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from consultants.models import Consultant, Reference
from vetting.management.commands.seed_demo import DEMO_PASSWORD
from vetting.models import User
from vetting.roles import Role

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_one_sign_in_per_role_and_prints_them(capsys):
    call_command("seed_demo")

    out = capsys.readouterr().out
    for role in Role:
        user = User.objects.get(email=f"{role.value}@winnow.test")
        assert user.has_role(role)
        assert user.check_password(DEMO_PASSWORD)
        assert f"{role.value}@winnow.test" in out
    assert User.objects.get(email="admin@winnow.test").is_superuser
    assert DEMO_PASSWORD in out


def test_seed_demo_gives_a_directory_of_varied_consultants_with_references():
    call_command("seed_demo")

    assert Consultant.objects.count() >= 12
    assert Consultant.objects.filter(references__isnull=False).distinct().count() >= 11
    headlines = " ".join(Consultant.objects.values_list("headline", flat=True)).lower()
    assert "viral" in headlines  # buzz and virality
    assert "campaign" in headlines  # campaign-first
    assert "everything" in headlines  # does it all
    assert "target market" in headlines  # the real thing
    demo = Consultant.objects.get(email="consultant@winnow.test")
    assert demo.user.email == "consultant@winnow.test"


def test_seed_demo_can_run_again_without_duplicating_anything():
    call_command("seed_demo")
    counts = (User.objects.count(), Consultant.objects.count(), Reference.objects.count())

    call_command("seed_demo")

    assert (User.objects.count(), Consultant.objects.count(), Reference.objects.count()) == counts


def test_every_seeded_profile_passes_the_same_validation_as_the_forms():
    call_command("seed_demo")

    for consultant in Consultant.objects.all():
        consultant.full_clean()
    for reference in Reference.objects.all():
        reference.full_clean()
