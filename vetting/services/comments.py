"""Internal comments and @mentions: post, edit, remove; open one's mentions.

A thread is on a submission, a reference check or a decision (`target`); who may read it
(and so write in it, and be mentioned in it) is the access layer's `vetting.comment_on_*`
and `comment_readers`. A mention is "@" followed by a person's email or full name; each
person mentioned is emailed once (through the outbox) and finds it on their Mentions page.
Mentioning someone who may not read the thread is refused, with the same words whether or
not such an account exists (a buyer learns nothing of other organisations' people).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vetting import outbox
from vetting.access import comment_readers, require
from vetting.concurrency import claim_version
from vetting.models import Comment, Decision, Mention, ReferenceCheck, Submission, User
from vetting.models.comments import COMMENT_MAX
from vetting.services.errors import ServiceError
from vetting.tasks import notify_mention

Target = Submission | ReferenceCheck | Decision

# "@" at the start or after a space or an opening bracket (so that "pat@example.com" in a
# sentence is an address, not a mention), then an address ...
_AT = re.compile(r"(?:^|(?<=[\s(\[{]))@")
_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# ... or words: what the refusal quotes when no reader has that name.
_WORDS = re.compile(r"[^\W\d_][\w'-]*(?:[ ][^\W\d_][\w'-]*)?", re.UNICODE)


class MentionRefused(ServiceError):
    """Some @mentions name nobody who may read the thread: `problems` says which, one
    sentence each (shown next to the comment's field; the API's 400 on `body`)."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Thread:
    """Where a comment goes: the perm that opens the thread and the row's links."""

    perm: str
    submission: Submission
    check: ReferenceCheck | None = None
    decision: Decision | None = None

    @property
    def is_check(self) -> bool:
        return self.check is not None

    def readers(self) -> Any:
        return comment_readers(self.submission, check=self.is_check)


def thread_of(target: Target) -> Thread:
    """The thread of a submission, a reference check or a decision."""
    if isinstance(target, ReferenceCheck):
        return Thread("vetting.comment_on_check", target.submission, check=target)
    if isinstance(target, Decision):
        return Thread("vetting.comment_on_decision", target.submission, decision=target)
    return Thread("vetting.comment_on_submission", target)


def thread_of_comment(comment: Comment) -> Thread:
    if comment.reference_check_id is not None:
        return thread_of(comment.reference_check)
    if comment.decision_id is not None:
        return thread_of(comment.decision)
    return thread_of(comment.submission)


# --- Mentions -------------------------------------------------------------------------------


def _full_name(user: User) -> str:
    return user.get_full_name().strip()


def mentions_resolve(body: str, readers: Iterable[User]) -> tuple[list[User], list[str]]:
    """The readers a comment's text mentions, in the order written, and a sentence for each
    mention that names no reader (an address or a name nobody of the thread has, or a name
    two readers share). Pure: no query."""
    readers = list(readers)
    by_email = {user.email.lower(): user for user in readers}
    names: dict[str, list[User]] = {}
    for user in readers:
        if name := _full_name(user):
            names.setdefault(name.lower(), []).append(user)
    longest_first = sorted(names, key=len, reverse=True)
    found: dict[int, User] = {}
    problems: list[str] = []
    for at in _AT.finditer(body):
        rest = body[at.end() :]
        if email := _EMAIL.match(rest):
            address = email.group().rstrip(".").lower()
            if address in by_email:
                found.setdefault(by_email[address].pk, by_email[address])
            else:
                problems.append(
                    _(
                        "@%(address)s: nobody with this address can read this thread. Mention "
                        "only people who can (type @ for the list)."
                    )
                    % {"address": address}
                )
            continue
        name = next((n for n in longest_first if _names(rest, n)), None)
        if name is not None:
            people = names[name]
            if len(people) > 1:
                problems.append(
                    _(
                        "@%(name)s: %(count)s people of this thread have this name. Mention "
                        "them by email address instead."
                    )
                    % {"name": _full_name(people[0]), "count": len(people)}
                )
            else:
                found.setdefault(people[0].pk, people[0])
            continue
        if words := _WORDS.match(rest):
            problems.append(
                _(
                    "@%(name)s: nobody of that name can read this thread. Mention only people "
                    "who can, by full name or email address (type @ for the list)."
                )
                % {"name": words.group()}
            )
    return list(found.values()), problems


def _names(text: str, name: str) -> bool:
    """The text starts with the name (any case), as whole words."""
    head = text[: len(name)]
    after = text[len(name) : len(name) + 1]
    return head.lower() == name and not (after.isalnum() or after == "_")


def _mentioned(thread: Thread, body: str, by: User) -> list[User]:
    """The readers the text mentions (never the author), or MentionRefused."""
    if "@" not in body:
        return []
    people, problems = mentions_resolve(body, thread.readers().exclude(is_active=False))
    if problems:
        raise MentionRefused(problems)
    return [person for person in people if person.pk != by.pk]


def _notify(comment: Comment, people: Iterable[User]) -> list[Mention]:
    """A Mention for each person not mentioned in this comment yet, each emailed once."""
    existing = set(comment.mention_rows.values_list("user_id", flat=True))
    added = [
        Mention.objects.create(comment=comment, user=person)
        for person in people
        if person.pk not in existing
    ]
    for mention in added:
        outbox.enqueue(notify_mention, mention.pk, key=f"notify_mention:{mention.pk}")
    return added


def mentions_recount(users: Iterable[User]) -> None:
    """Bring each person's unread count (the navigation's badge) in line with their unread
    mentions in threads they may read."""
    for user in users:
        count = Mention.objects.for_user(user).unread().count()
        User.objects.filter(pk=user.pk).update(unread_mentions=count)
        user.unread_mentions = count


def _clean(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ServiceError(_("Write the comment first."))
    if len(body) > COMMENT_MAX:
        raise ServiceError(_("A comment holds at most %(max)s characters.") % {"max": COMMENT_MAX})
    return body


# --- Comments -------------------------------------------------------------------------------


def comment_post(*, target: Target, by: User, body: str) -> Comment:
    """Add a comment to the thread of a submission, a reference check or a decision; each
    person it mentions is emailed once and finds it on their Mentions page."""
    thread = thread_of(target)
    require(by, thread.perm, target)
    body = _clean(body)
    with transaction.atomic():
        people = _mentioned(thread, body, by)
        comment = Comment(
            submission=thread.submission,
            reference_check=thread.check,
            decision=thread.decision,
            author=by,
            body=body,
        )
        comment._history_user = by  # type: ignore[attr-defined]
        comment.full_clean()
        comment.save()
        _notify(comment, people)
        mentions_recount(people)
    return comment


def comment_edit(
    *, comment: Comment, by: User, body: str, expected_version: int | None = None
) -> Comment:
    """Change one's own comment (the earlier text stays in its history). People newly
    mentioned are told; people no longer mentioned leave it (an email already sent is not
    sent again if they are mentioned anew)."""
    require(by, "vetting.change_comment", comment)
    body = _clean(body)
    thread = thread_of_comment(comment)
    with transaction.atomic():
        claim_version(comment, expected_version)
        if Comment.objects.filter(pk=comment.pk, removed_at__isnull=False).exists():
            raise ServiceError(_("This comment was removed: it can no longer be edited."))
        people = _mentioned(thread, body, by)
        if body == comment.body:
            return comment
        comment.body = body
        comment.edited_at = timezone.now()
        comment._history_user = by  # type: ignore[attr-defined]
        comment.full_clean()
        comment.save()
        keep = {person.pk for person in people}
        gone = list(User.objects.filter(mentions__comment=comment).exclude(pk__in=keep))
        comment.mention_rows.exclude(user_id__in=keep).delete()
        _notify(comment, people)
        mentions_recount([*people, *gone])
    return comment


def comment_remove(*, comment: Comment, by: User) -> Comment:
    """Remove one's own comment: the thread shows "comment removed" in its place, and it
    leaves the Mentions pages. Its text stays in the history (the audit trail does not show
    it)."""
    require(by, "vetting.change_comment", comment)
    with transaction.atomic():
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        if comment.is_removed:
            raise ServiceError(_("This comment was already removed."))
        comment.removed_at = timezone.now()
        comment.version += 1
        comment._history_user = by  # type: ignore[attr-defined]
        comment.save()
        mentions_recount(User.objects.filter(mentions__comment=comment))
    return comment


def mention_open(*, mention: Mention, by: User) -> Mention:
    """The person opens a mention of theirs: it is read."""
    require(by, "vetting.open_mention", mention, _("This mention is someone else's."))
    with transaction.atomic():
        if mention.read_at is None:
            mention.read_at = timezone.now()
            mention.save(update_fields=["read_at"])
        mentions_recount([by])
    return mention


def mentions_mark_read(*, by: User) -> int:
    """Every unread mention of the person is read; how many were."""
    with transaction.atomic():
        count = Mention.objects.filter(user=by, read_at__isnull=True).update(read_at=timezone.now())
        mentions_recount([by])
    return count
