"""Verified-profile links for the permission world (tests/api_world.py): cheap, through the
services."""

from __future__ import annotations

from django.utils import timezone

from vetting.models import ProfileLink, User
from vetting.services.profiles import profile_link_create, profile_link_revoke


def profile_links_world(consultant: User) -> dict[str, int | str]:
    """The consultant's working link, an expired one and a revoked one: the ids for the
    permission matrix (`plink`, and the raw tokens `ptok`, `ptok_expired`, `ptok_revoked`)."""
    mine = consultant.consultant
    link, raw = profile_link_create(
        consultant=mine, by=consultant, label="Ledgerly procurement", include_scores=False
    )
    expired, expired_raw = profile_link_create(
        consultant=mine, by=consultant, label="Old buyer", include_scores=False
    )
    ProfileLink.objects.filter(pk=expired.pk).update(expires_at=timezone.now())
    revoked, revoked_raw = profile_link_create(
        consultant=mine, by=consultant, label="Withdrawn buyer", include_scores=False
    )
    profile_link_revoke(link=revoked, by=consultant)
    return {
        "plink": link.pk,
        "ptok": raw,
        "ptok_expired": expired_raw,
        "ptok_revoked": revoked_raw,
    }
