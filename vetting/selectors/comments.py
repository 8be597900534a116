"""The reads behind internal comment threads and the Mentions page: a fixed number of
queries whatever the number of comments."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy

from vetting.access import can
from vetting.models import Comment, Decision, Mention, ReferenceCheck, Submission, User
from vetting.services.comments import Target, thread_of

KIND_TITLES = {
    "submission": gettext_lazy("Internal comments"),
    "check": gettext_lazy("Internal comments on this reference check"),
    "decision": gettext_lazy("Internal comments on the decision"),
}


def thread_url(comment: Comment) -> str:
    """The page that shows the comment's thread, at the comment: the score page for a
    submission or a decision (which anyone who reads those threads may open), the check's
    page for a check."""
    if comment.reference_check_id is not None:
        return reverse("checks:detail", args=[comment.reference_check_id]) + f"#{comment.anchor}"
    return reverse("submissions:score", args=[comment.submission_id]) + f"#{comment.anchor}"


def thread_page(target: Target) -> str:
    """Where a thread lives (its page, at the thread)."""
    if isinstance(target, ReferenceCheck):
        return reverse("checks:detail", args=[target.pk]) + "#comments-check"
    if isinstance(target, Decision):
        return reverse("submissions:score", args=[target.submission_id]) + "#comments-decision"
    return reverse("submissions:score", args=[target.pk]) + "#comments-submission"


def post_url(target: Target) -> str:
    if isinstance(target, ReferenceCheck):
        return reverse("comments:check", args=[target.pk])
    if isinstance(target, Decision):
        return reverse("comments:decision", args=[target.submission_id])
    return reverse("comments:submission", args=[target.pk])


@dataclass
class ThreadView:
    """One thread as a page shows it."""

    kind: str
    target: Any
    post_url: str
    comments: list[Comment]
    people: list[dict[str, str]]  # whom "@" offers: name, and what to type
    form: Any = None
    next_url: str = ""
    editing: int | None = None  # the comment whose edit form shows in place
    edit_form: Any = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return str(KIND_TITLES[self.kind])

    @property
    def dom_id(self) -> str:
        return f"comments-{self.kind}"

    @property
    def count(self) -> int:
        return sum(1 for comment in self.comments if not comment.is_removed)


def _comments(user: User, target: Target) -> QuerySet[Comment]:
    comments = Comment.objects.select_related("author")
    if isinstance(target, ReferenceCheck):
        return comments.on_check(target)
    if isinstance(target, Decision):
        return comments.on_decision(target)
    return comments.on_submission(target)


def _with_versions(user: User, comments: QuerySet[Comment]) -> list[Comment]:
    """The comments, each with `earlier`: the texts it had before its latest edit, newest
    first (two queries: the comments, and the history of the edited ones), and `mine`: the
    user wrote it (so edits or removes it, as they read the thread)."""
    rows = list(comments)
    edited = comments.filter(edited_at__isnull=False).values("pk")
    history = (
        Comment.history.filter(id__in=edited)
        .order_by("-history_date", "-history_id")
        .values("id", "body", "history_date")
    )
    earlier: dict[int, list[dict[str, Any]]] = {}
    seen: dict[int, set[str]] = {}
    current = {comment.pk: comment.body for comment in rows}
    for row in history:
        texts = seen.setdefault(row["id"], {current.get(row["id"], "")})
        if row["body"] not in texts:
            texts.add(row["body"])
            earlier.setdefault(row["id"], []).append(row)
    for comment in rows:
        comment.earlier = earlier.get(comment.pk, [])  # type: ignore[attr-defined]
        comment.mine = can(user, "vetting.author_comment", comment)  # type: ignore[attr-defined]
    return rows


def mention_people(user: User, target: Target) -> list[dict[str, str]]:
    """Whom the viewer may @mention in the thread (its readers but themselves): each with
    what to type, the full name, or the address when the name is not unique or empty."""
    readers = list(
        thread_of(target)
        .readers()
        .exclude(pk=user.pk)
        .order_by("first_name", "last_name", "email")
        .only("first_name", "last_name", "email")
    )
    names: dict[str, int] = {}
    for person in readers:
        name = person.get_full_name().strip().lower()
        names[name] = names.get(name, 0) + 1
    people = []
    for person in readers:
        name = person.get_full_name().strip()
        handle = name if name and names[name.lower()] == 1 else person.email
        people.append({"name": person.display_name, "email": person.email, "handle": handle})
    return people


def thread_for(
    user: User, target: Target | None, *, form: Any = None, next_url: str = ""
) -> ThreadView | None:
    """The thread of a submission, a reference check or a decision as the user may see it;
    None when they may not read it (then the page shows nothing of it, whatever it holds).
    Three queries: the comments (with their authors), the earlier texts of the edited ones,
    the people who may be mentioned (plus, for a panel member, whether their review is in)."""
    from vetting.forms import CommentForm

    if target is None:
        return None
    thread = thread_of(target)
    if not can(user, thread.perm, target):
        return None
    kind = "check" if thread.is_check else "decision" if thread.decision else "submission"
    return ThreadView(
        kind=kind,
        target=target,
        post_url=post_url(target),
        comments=_with_versions(user, _comments(user, target)),
        people=mention_people(user, target),
        form=form if form is not None else CommentForm(),
        next_url=next_url,
    )


def submission_threads(user: User, submission: Submission) -> dict[str, ThreadView | None]:
    """The score page's threads: the submission's own, and its decision's once there is one
    (the decision is read by the page already: `submission.decision`)."""
    decision = getattr(submission, "decision", None)
    return {
        "submission": thread_for(user, submission),
        "decision": thread_for(user, decision) if decision is not None else None,
    }


def mentions_page(user: User) -> QuerySet[Mention]:
    """The user's mentions in threads they may read, newest first, each with its comment,
    author, consultant, round and check: one query per page."""
    return Mention.objects.for_user(user).select_related(
        "comment__author",
        "comment__submission__consultant",
        "comment__submission__engagement",
        "comment__reference_check",
    )
