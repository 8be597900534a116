"""How fresh a round's shared pages are, and a cache for them that cannot serve stale.

Every engagement carries a `data_version`. It moves, in the same transaction as the change,
whenever something that the round's ranking and lists show changes: a submission (its
status, its answers), a consultant's name, a score card, a review, a reference check, a
decision, the panel. A page built for a round is cached under a key holding that number
(and everything else it was built from: who may see what, the query, the release), so the
next change makes a new key and the old entry is never read again; nothing is deleted and
no page can be served from before a committed change. The engagement row is read by every
page of a round anyway, so knowing the version costs no query.

Most changes are saves and deletes of model instances, seen here by Django's model signals
(a version bump is infrastructure, not business logic: the services stay unaware of it).
Writes that bypass signals (`QuerySet.update`, `bulk_create`, raw SQL) call `touch` where
they are made: the bulk score-card writes all end in `services.scoring.rerank`, which does.
`tests/test_freshness.py` changes each of these and checks that the pages show it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db.models import F, Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import get_language

T = TypeVar("T")

# A cached page lives at most this long (a bound on the cache's memory, not on freshness).
PAGE_TTL = 60 * 60


def touch(engagement_ids: Iterable[int]) -> None:
    """Move the data version of these engagements (one UPDATE; no history row, no
    `updated_at`: this is not an edit of the engagement)."""
    from vetting.models import Engagement

    ids = sorted(set(engagement_ids))
    if ids:
        Engagement.objects.filter(pk__in=ids).update(data_version=F("data_version") + 1)


def _touch_of_submission(submission_id: int | None) -> None:
    from vetting.models import Engagement

    if submission_id is not None:
        Engagement.objects.filter(submissions=submission_id).update(
            data_version=F("data_version") + 1
        )


def _touch_of_consultant(consultant_id: int | None) -> None:
    from vetting.models import Engagement

    if consultant_id is not None:
        Engagement.objects.filter(submissions__consultant=consultant_id).update(
            data_version=F("data_version") + 1
        )


def _receivers() -> list[tuple[type[Model], Callable[[Any], None]]]:
    from consultants.models import Consultant
    from vetting.models import (
        Answer,
        CommercialProposal,
        Decision,
        ExchangeRate,
        ReferenceCheck,
        Review,
        ScoreCard,
        Submission,
        VendorEntry,
    )

    return [
        (Submission, lambda s: touch([s.engagement_id])),
        (ScoreCard, lambda c: touch([c.engagement_id])),
        (Answer, lambda a: _touch_of_submission(a.submission_id)),
        (Review, lambda r: _touch_of_submission(r.submission_id)),
        (ReferenceCheck, lambda c: _touch_of_submission(c.submission_id)),
        (Decision, lambda d: _touch_of_submission(d.submission_id)),
        (Consultant, lambda c: _touch_of_consultant(c.pk)),
        (CommercialProposal, lambda p: _touch_of_submission(p.submission_id)),
        (ExchangeRate, lambda r: touch([r.engagement_id])),
        # A consultant's standing in the vendor register (marked on the ranking and compare).
        (VendorEntry, lambda e: _touch_of_consultant(e.consultant_id)),
    ]


def connect() -> None:
    """Watch the models the round's pages show (called once, from the app's `ready`)."""
    for model, bump in _receivers():

        def receiver(sender: type[Model], instance: Model, bump: Any = bump, **signal: Any) -> None:
            if not signal.get("raw"):  # loaddata: fixtures are not changes
                bump(instance)

        uid = f"freshness:{model._meta.label}"
        post_save.connect(receiver, sender=model, weak=False, dispatch_uid=uid + ":save")
        post_delete.connect(receiver, sender=model, weak=False, dispatch_uid=uid + ":delete")

    from vetting.models import Engagement, Submission

    def panel_changed(instance: Model, action: str, reverse: bool, pk_set: Any, **_: Any) -> None:
        if action in {"post_add", "post_remove", "post_clear"}:
            touch((pk_set or []) if reverse else [instance.pk])

    def references_chosen(
        instance: Model, action: str, reverse: bool, pk_set: Any, **_: Any
    ) -> None:
        if action not in {"post_add", "post_remove", "post_clear"}:
            return
        if reverse:  # a reference's rounds
            touch(
                Submission.objects.filter(pk__in=pk_set or []).values_list(
                    "engagement_id", flat=True
                )
            )
        else:
            touch([instance.engagement_id])

    m2m_changed.connect(
        panel_changed,
        sender=Engagement.reviewers.through,
        weak=False,
        dispatch_uid="freshness:engagement-reviewers",
    )
    m2m_changed.connect(
        references_chosen,
        sender=Submission.chosen_references.through,
        weak=False,
        dispatch_uid="freshness:chosen-references",
    )


def _release() -> str:
    """What this deployment renders with: the templates' contents and the translations
    (a release that changes a template or a translation never reads a page the previous one
    cached)."""
    digest = hashlib.sha256()
    for directory in settings.TEMPLATES[0]["DIRS"]:
        for path in sorted(Path(directory).rglob("*.html")):
            digest.update(path.read_bytes())
    for directory in settings.LOCALE_PATHS:
        for path in sorted(Path(directory).rglob("*.po")):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


_RELEASE: list[str] = []


def page_key(kind: str, engagement: Any, *parts: object, request: HttpRequest) -> str:
    """The cache key of a page of a round: its kind, the round and its versions, what the
    viewer may see (`parts`: the caller lists everything that is not in the URL), the
    language it is written in and the whole query string, in a stable order."""
    if not _RELEASE:
        _RELEASE.append(_release())
    query = sorted(request.GET.lists())
    # Today's date too: a vendor's register status (an expired vendor is marked on the
    # round's pages) changes with the date, with no change to any row.
    today = timezone.localdate()
    text = repr(
        (
            kind,
            engagement.pk,
            engagement.data_version,
            engagement.updated_at,
            parts,
            query,
            today,
            get_language(),
        )
    )
    return f"page:{_RELEASE[0]}:{hashlib.sha256(text.encode()).hexdigest()}"


def cached_page(key: str, build: Callable[[], T]) -> T:
    """The page under `key`, built (and kept) if it is not there. A cache that is down
    misses and drops the write (see settings.CACHES), so the page is built every time."""
    html = cache.get(key)
    if html is None:
        html = build()
        cache.set(key, html, PAGE_TTL)
    return html
