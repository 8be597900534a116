"""Internal comments on submissions, reference checks and decisions, with @mentions: for the
buyer's people who may read the thing (blind like the scores), never for consultants,
referees, peers or outsiders; each mention emails once and waits on the Mentions page."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from tests.factories import UserFactory, consultant_user, submitted_review, submitted_with_checks
from vetting import audit, services
from vetting.access import can, comment_readers, visible_comments
from vetting.models import Comment, Mention, SentEmail, User
from vetting.roles import Role
from vetting.services.comments import MentionRefused, mentions_resolve
from vetting.tasks import notify_mention

pytestmark = pytest.mark.django_db


class Round:
    """A submitted consultant with two reference checks; the owner (Olive Owner), a panel
    member who has reviewed (Rae Viewer, procurement), one who has not (Blake Blind), a
    manager on no panel (Cal Caller, makes the calls), a decision."""

    def __init__(self) -> None:
        self.owner = UserFactory(
            email="olive@buyer.example",
            first_name="Olive",
            last_name="Owner",
            role=Role.PROCUREMENT,
        )
        self.reviewer = UserFactory(
            email="rae@buyer.example", first_name="Rae", last_name="Viewer", role=Role.PROCUREMENT
        )
        self.blind = UserFactory(
            email="blake@buyer.example",
            first_name="Blake",
            last_name="Blind",
            role=Role.PROCUREMENT,
        )
        self.caller = UserFactory(
            email="cal@buyer.example", first_name="Cal", last_name="Caller", role=Role.MANAGER
        )
        self.consultant = consultant_user(
            email="clara@consult.example", first_name="Clara", last_name="Okafor"
        )
        self.submission = submitted_with_checks(consultant=self.consultant, owner=self.owner)
        self.engagement = self.submission.engagement
        self.engagement.reviewers.add(self.reviewer, self.blind)
        submitted_review(self.submission, self.owner)
        submitted_review(self.submission, self.reviewer)
        self.check, self.other_check = self.submission.reference_checks.order_by("pk")
        self.decision = services.decision_record(
            submission=self.submission, by=self.owner, outcome="shortlisted", rationale="Good."
        )

    def post(self, target: object = None, by: User | None = None, body: str = "Hm.") -> Comment:
        return services.comment_post(
            target=target or self.submission, by=by or self.owner, body=body
        )


@pytest.fixture
def world() -> Round:
    return Round()


def browser(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def api(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


# --- Mentions: who may be mentioned, emails once ---------------------------------------------


def test_a_mention_by_full_name_or_email_notifies_each_reader_once(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        comment = world.post(
            target=world.check, body="@Rae Viewer, @cal@buyer.example: is the 2021 role real?"
        )

    assert set(comment.mentions.all()) == {world.reviewer, world.caller}
    sent = sorted(mail.outbox, key=lambda m: m.to[0])
    assert [m.to for m in sent] == [["cal@buyer.example"], ["rae@buyer.example"]]
    assert "Olive Owner mentioned you" in sent[0].subject
    link = reverse("checks:detail", args=[world.check.pk]) + f"#comment-{comment.pk}"
    assert link in sent[0].body
    assert "is the 2021 role real?" in sent[0].body

    # Saving the same mention again, or the task running twice, sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_edit(
            comment=comment, by=world.owner, body="@Rae Viewer @cal@buyer.example: 2021?"
        )
    for mention in Mention.objects.filter(comment=comment):
        assert notify_mention(mention.pk) is False
    assert len(mail.outbox) == 2
    assert SentEmail.objects.filter(template="mention").count() == 2


def test_the_first_comment_without_a_mention_emails_nobody(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        world.post(body="Let's discuss on Monday. Write to rae@buyer.example if not.")

    assert mail.outbox == []
    assert Mention.objects.count() == 0


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ("@Blake Blind what do you think?", "@Blake Blind"),  # on the panel, not reviewed
        ("@clara@consult.example please confirm", "@clara@consult.example"),  # the consultant
        ("@Cal Caller", "@Cal Caller"),  # a caller: not on a submission's own thread
        ("@nobody@nowhere.example", "@nobody@nowhere.example"),  # no such account
    ],
)
def test_mentioning_someone_who_cannot_read_the_thread_is_refused(world, body, named):
    with pytest.raises(MentionRefused) as refused:
        world.post(body=body)

    assert refused.value.problems[0].startswith(named)
    assert "can read this thread" in refused.value.problems[0]
    assert Comment.objects.count() == 0
    assert Mention.objects.count() == 0


def test_the_refusal_says_the_same_of_an_account_and_of_no_account(world):
    """A buyer learns nothing of who has an account: the consultant's address and an unknown
    one are refused in the same words."""
    refusals = []
    for address in ("clara@consult.example", "nobody@nowhere.example"):
        with pytest.raises(MentionRefused) as refused:
            world.post(body=f"@{address}")
        refusals.append(refused.value.problems[0].replace(address, "ADDRESS"))

    assert refusals[0] == refusals[1]


def test_an_address_in_a_sentence_and_a_lone_at_are_not_mentions():
    people, problems = mentions_resolve("mail pat@x.example at 3 @ noon", [])

    assert (people, problems) == ([], [])


def test_two_readers_with_one_name_are_mentioned_by_address(world):
    twin = UserFactory(
        email="rae2@buyer.example", first_name="Rae", last_name="Viewer", role=Role.MANAGER
    )
    world.engagement.reviewers.add(twin)
    submitted_review(world.submission, twin)

    with pytest.raises(MentionRefused) as refused:
        world.post(body="@Rae Viewer?")
    comment = world.post(body="@rae2@buyer.example?")

    assert "Mention them by email address" in refused.value.problems[0]
    assert list(comment.mentions.all()) == [twin]


# --- Edits, removal, history -----------------------------------------------------------------


def test_an_edit_keeps_the_earlier_text_and_removal_leaves_a_trace(world):
    comment = world.post(body="First thought.")
    services.comment_edit(comment=comment, by=world.owner, body="Second thought.")
    client = browser(world.reviewer)

    page = client.get(reverse("submissions:score", args=[world.submission.pk])).text
    assert "Second thought." in page and "First thought." in page  # under "Earlier version"
    assert "edited" in page

    services.comment_remove(comment=comment, by=world.owner)
    page = client.get(reverse("submissions:score", args=[world.submission.pk])).text
    assert "Second thought." not in page and "First thought." not in page
    assert "Comment removed by Olive Owner" in page
    assert list(comment.history.values_list("body", flat=True).distinct()) != []


def test_only_the_author_edits_or_removes_a_comment(world):
    comment = world.post(body="Mine.")

    for other in (world.reviewer, world.blind, world.caller):
        with pytest.raises(Exception) as refused:
            services.comment_edit(comment=comment, by=other, body="Theirs.")
        assert refused.type.__name__ == "PermissionDenied"
    comment.refresh_from_db()
    assert comment.body == "Mine."


def test_an_edit_from_a_stale_tab_is_refused(world):
    comment = world.post(body="One.")
    services.comment_edit(comment=comment, by=world.owner, body="Two.", expected_version=1)

    response = browser(world.owner).post(
        reverse("comments:edit", args=[comment.pk]), {"body": "Three.", "version": "1"}
    )

    assert response.status_code == 422
    assert "changed in another window" in response.text
    comment.refresh_from_db()
    assert comment.body == "Two."


# --- Who reads a thread ----------------------------------------------------------------------


def test_who_reads_each_thread(world, other_consultant, outsider, staff):
    peer = other_consultant
    people = {
        "owner": world.owner,
        "reviewer": world.reviewer,
        "blind": world.blind,
        "caller": world.caller,
        "consultant": world.consultant,
        "peer": peer,
        "outsider": outsider,
        "staff": staff,
    }
    threads = {
        "vetting.comment_on_submission": world.submission,
        "vetting.comment_on_check": world.check,
        "vetting.comment_on_decision": world.decision,
    }

    readers = {
        perm: sorted(name for name, user in people.items() if can(user, perm, target))
        for perm, target in threads.items()
    }

    assert readers == {
        "vetting.comment_on_submission": ["owner", "reviewer", "staff"],
        "vetting.comment_on_check": ["caller", "owner", "reviewer", "staff"],
        "vetting.comment_on_decision": ["owner", "reviewer", "staff"],
    }


def test_the_sql_filter_and_the_mention_list_agree_with_the_rule(world, other_consultant):
    comments = [
        world.post(body="On the submission."),
        world.post(target=world.check, body="On the check."),
        world.post(target=world.decision, body="On the decision."),
    ]
    everyone = [world.owner, world.reviewer, world.blind, world.caller, world.consultant]
    for user in [*everyone, other_consultant]:
        expected = {c.pk for c in comments if can(user, "vetting.view_comment", c)}
        assert set(visible_comments(user).values_list("pk", flat=True)) == expected, user
    for check, target in ((False, world.submission), (True, world.check)):
        perm = "vetting.comment_on_check" if check else "vetting.comment_on_submission"
        listed = set(comment_readers(world.submission, check=check))
        assert listed == {u for u in everyone if can(u, perm, target)}


def test_a_blind_panel_member_learns_nothing_of_the_comments(world):
    """Blind means indistinguishable: the reviewer before their review gets the same bytes
    from the check's page, the review page, the API's threads, whatever the comments say."""
    client, rest = browser(world.blind), api(world.blind)
    urls = [
        reverse("checks:detail", args=[world.check.pk]),
        reverse("submissions:review", args=[world.submission.pk]),
        reverse("submissions:read", args=[world.submission.pk]),
        reverse("comments:mentions"),
    ]
    api_urls = [
        f"/api/v1/submissions/{world.submission.pk}/comments/",
        f"/api/v1/reference-checks/{world.check.pk}/comments/",
        f"/api/v1/decisions/{world.decision.pk}/comments/",
        "/api/v1/mentions/",
    ]
    csrf = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+"|("X-CSRFToken": ")[^"]+"')

    def record() -> list[str]:
        pages = [csrf.sub("", client.get(url).text) for url in urls]
        return pages + [f"{r.status_code} {r.content!r}" for r in map(rest.get, api_urls)]

    before = record()
    comment = world.post(target=world.check, by=world.caller, body="Referee sounded scripted.")
    world.post(body="@Rae Viewer, the numbers look inflated.")
    world.post(target=world.decision, body="Keep them shortlisted?")
    after = record()

    assert after == before
    assert "403" in after[4]
    # ... and once their review is in, they read them.
    submitted_review(world.submission, world.blind)
    page = client.get(reverse("checks:detail", args=[world.check.pk])).text
    assert comment.body in page


def test_a_consultant_never_meets_a_comment_anywhere(world):
    secret = "Internal: Clara overstated the revenue."
    world.post(body=secret)
    world.post(target=world.check, by=world.caller, body=secret)
    world.post(target=world.decision, body=secret)
    client, rest = browser(world.consultant), api(world.consultant)
    pages = [
        reverse("my_invitations"),
        reverse("submissions:read", args=[world.submission.pk]),
        reverse("submissions:proposal", args=[world.submission.pk]),
        reverse("consultants:mine"),
        reverse("comments:mentions"),
    ]
    apis = [
        "/api/v1/submissions/",
        f"/api/v1/submissions/{world.submission.pk}/",
        f"/api/v1/submissions/{world.submission.pk}/comments/",
        "/api/v1/reference-checks/",
        f"/api/v1/reference-checks/{world.check.pk}/comments/",
        "/api/v1/decisions/",
        f"/api/v1/decisions/{world.decision.pk}/comments/",
        "/api/v1/mentions/",
        f"/api/v1/comments/{Comment.objects.first().pk}/",
    ]

    responses = [client.get(url, follow=True) for url in pages] + [rest.get(u) for u in apis]

    assert all(secret not in r.content.decode() for r in responses)
    assert [rest.get(u).status_code for u in apis[2::2][:3]] == [404, 404, 404]
    assert all(secret not in m.body for m in mail.outbox)


@pytest.mark.parametrize("who", ["peer", "outsider", "other_buyer"])
def test_a_peer_an_outsider_or_another_buyer_finds_no_thread(world, other_consultant, who):
    user = {
        "peer": other_consultant,
        "outsider": UserFactory(email="out@example.com"),
        "other_buyer": UserFactory(email="b2@other.example", role=Role.PROCUREMENT),
    }[who]
    if who == "other_buyer":  # a buyer of another organisation
        user.memberships.all().delete()
    comment = world.post(body="Private.")
    client, rest = browser(user), api(user)

    statuses = [
        client.post(reverse("comments:submission", args=[world.submission.pk]), {"body": "x"}),
        client.post(reverse("comments:check", args=[world.check.pk]), {"body": "x"}),
        client.post(reverse("comments:edit", args=[comment.pk]), {"body": "x"}),
        rest.get(f"/api/v1/submissions/{world.submission.pk}/comments/"),
        rest.get(f"/api/v1/reference-checks/{world.check.pk}/comments/"),
        rest.get(f"/api/v1/comments/{comment.pk}/"),
    ]

    assert [r.status_code for r in statuses] == [404] * 6


# --- Pages: post with and without htmx, refused mentions ------------------------------------


def test_posting_without_javascript_redirects_back_to_the_thread(world):
    score = reverse("submissions:score", args=[world.submission.pk])
    response = browser(world.reviewer).post(
        reverse("comments:submission", args=[world.submission.pk]),
        {"body": "Checked the case study.", "next": score},
    )

    assert response.status_code == 302
    assert response["Location"] == score
    assert Comment.objects.get().author == world.reviewer


def test_posting_with_htmx_answers_the_updated_thread_alone(world):
    world.post(body="Earlier one.")
    response = browser(world.reviewer).post(
        reverse("comments:check", args=[world.check.pk]),
        {"body": "Called twice, no answer."},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200
    assert "<html" not in response.text
    assert 'id="comments-check"' in response.text
    assert "Called twice, no answer." in response.text
    assert "Earlier one." not in response.text  # the submission's thread is another


def test_a_refused_mention_is_shown_next_to_the_field_keeping_the_text(world):
    typed = "@Blake Blind please have a look at the numbers"
    url = reverse("comments:submission", args=[world.submission.pk])
    client = browser(world.owner)

    plain = client.post(url, {"body": typed})
    htmx = client.post(url, {"body": typed}, headers={"HX-Request": "true"})

    for response in (plain, htmx):
        errors = re.search(r'data-testid="comment-errors">(.*?)</div>', response.text, re.S)
        assert errors and "@Blake Blind: nobody of that name can read this thread" in errors[1]
        assert f">{typed}</textarea>" in response.text
    assert plain.status_code == 422 and htmx.status_code == 200
    assert Comment.objects.count() == 0


def test_the_thread_offers_who_can_be_mentioned(world):
    page = browser(world.owner).get(reverse("submissions:score", args=[world.submission.pk]))

    people = re.search(
        r'<script id="comments-submission-people" type="application/json">(.*?)</script>',
        page.text,
    )
    assert people and "Rae Viewer" in people[1]
    assert "Blake" not in people[1] and "clara@" not in people[1]
    assert 'data-mentions="comments-submission-people"' in page.text


def test_the_decide_page_shows_the_decisions_thread_or_before_it_the_submissions(world):
    world.post(target=world.decision, body="Shortlist, but ask for the report.")
    client = browser(world.owner)

    decided = client.get(reverse("submissions:decide", args=[world.submission.pk])).text
    undecided_round = submitted_with_checks(
        consultant=consultant_user(email="nia@consult.example"), owner=world.owner
    )
    world.post(target=undecided_round, body="Before deciding: their pricing?")
    undecided = client.get(reverse("submissions:decide", args=[undecided_round.pk])).text

    assert 'id="comments-decision"' in decided and "ask for the report" in decided
    assert 'id="comments-submission"' in undecided and "their pricing?" in undecided


def test_editing_in_place_answers_the_thread_with_the_form_where_the_comment_was(world):
    comment = world.post(body="Draft thought.")
    client = browser(world.owner)

    response = client.get(
        reverse("comments:edit", args=[comment.pk]), headers={"HX-Request": "true"}
    )

    assert 'id="comments-submission"' in response.text
    assert "Draft thought.</textarea>" in response.text
    assert 'data-mentions="comments-submission-people"' in response.text


# --- The Mentions page -----------------------------------------------------------------------


def test_the_mentions_page_lists_unread_mentions_and_opening_one_reads_it(world):
    comment = world.post(target=world.check, body="@Rae Viewer see the second call.")
    client = browser(world.reviewer)

    home = client.get(reverse("procurement_home")).text
    assert re.search(r'data-testid="mentions-unread">1<', home)
    page = client.get(reverse("comments:mentions")).text
    assert "Olive Owner</strong> mentioned you on the reference check" in page
    assert "New" in page
    mention = Mention.objects.get()

    opened = client.post(reverse("comments:mention_open", args=[mention.pk]))

    assert opened["Location"] == (
        reverse("checks:detail", args=[world.check.pk]) + f"#comment-{comment.pk}"
    )
    mention.refresh_from_db()
    assert mention.read_at is not None
    assert 'data-testid="mentions-unread"' not in client.get(reverse("comments:mentions")).text
    assert User.objects.get(pk=world.reviewer.pk).unread_mentions == 0


def test_a_removed_comment_leaves_the_mentions_and_the_count(world):
    comment = world.post(body="@Rae Viewer look.")
    assert User.objects.get(pk=world.reviewer.pk).unread_mentions == 1

    services.comment_remove(comment=comment, by=world.owner)

    assert User.objects.get(pk=world.reviewer.pk).unread_mentions == 0
    page = browser(world.reviewer).get(reverse("comments:mentions")).text
    assert "look." not in page


def test_the_api_lists_and_reads_mentions(world):
    world.post(body="@rae@buyer.example numbers?")
    rest = api(world.reviewer)

    unread = rest.get("/api/v1/mentions/?unread=true").json()
    mention = unread["results"][0]
    read = rest.post(f"/api/v1/mentions/{mention['id']}/read/").json()

    assert mention["comment"]["body"] == "@rae@buyer.example numbers?"
    assert read["read"] is True
    assert rest.get("/api/v1/mentions/?unread=true").json()["results"] == []


def test_the_api_refuses_a_mention_with_a_400_on_the_body(world):
    response = api(world.owner).post(
        f"/api/v1/submissions/{world.submission.pk}/comments/",
        {"body": "@Blake Blind?"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["body"][0].startswith("@Blake Blind: nobody of that name")


def test_the_api_edits_and_removes_ones_own_comment(world):
    rest = api(world.owner)
    posted = rest.post(
        f"/api/v1/decisions/{world.decision.pk}/comments/", {"body": "Hold?"}, format="json"
    ).json()

    edited = rest.patch(
        f"/api/v1/comments/{posted['id']}/", {"body": "Hold, yes.", "version": 1}, format="json"
    ).json()
    removed = rest.delete(f"/api/v1/comments/{posted['id']}/")
    listed = rest.get(f"/api/v1/decisions/{world.decision.pk}/comments/").json()

    assert posted["thread"] == "decision" and edited["body"] == "Hold, yes."
    assert removed.status_code == 204
    assert listed[0]["removed"] is True and listed[0]["body"] is None


# --- The audit trail -------------------------------------------------------------------------


def test_the_audit_trail_says_who_commented_where_without_the_text(world):
    comment = world.post(target=world.check, body="Secret opinion.")
    services.comment_edit(comment=comment, by=world.owner, body="Secret opinion, revised.")
    services.comment_remove(comment=comment, by=world.owner)
    world.post(target=world.decision, by=world.reviewer, body="Another secret.")

    trail = audit.engagement_audit(world.engagement)
    sentences = [e.sentence for e in trail.entries if e.kind == "comment"]
    referee = world.check.referee_name

    assert sentences == [
        "Rae Viewer commented on the decision on Clara Okafor.",
        f"Olive Owner removed a comment on the reference check of {referee} for Clara Okafor.",
        f"Olive Owner edited a comment on the reference check of {referee} for Clara Okafor.",
        f"Olive Owner commented on the reference check of {referee} for Clara Okafor.",
    ]
    assert all("Secret" not in e.sentence + e.detail for e in trail.entries)


# --- Query counts ----------------------------------------------------------------------------


def _grow(world: Round, count: int) -> None:
    for n in range(count):
        comment = world.post(body=f"Note {n} for @Rae Viewer")
        if n % 3 == 0:
            services.comment_edit(comment=comment, by=world.owner, body=f"Note {n}, edited")
        if n % 5 == 0:
            services.comment_remove(comment=comment, by=world.owner)


def test_the_score_page_costs_the_same_queries_with_2_or_30_comments(world):
    client = browser(world.owner)
    url = reverse("submissions:score", args=[world.submission.pk])
    _grow(world, 2)
    client.get(url)  # the session's first read
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _grow(world, 28)

    with CaptureQueriesContext(connection) as many:
        response = client.get(url)

    assert response.text.count('class="comment ') == 30
    # the page's own, plus per thread (the submission's and the decision's): its comments
    # (with authors), the earlier texts of the edited ones, the people one may mention
    assert len(few) == len(many)
    tables = ('FROM "vetting_comment"', 'FROM "vetting_historicalcomment"')
    threads = [q for q in many.captured_queries if any(t in q["sql"] for t in tables)]
    assert len(threads) == 4  # two threads: comments, earlier texts


def test_the_mentions_page_costs_the_same_queries_with_2_or_40_mentions(world):
    client = browser(world.reviewer)
    url = reverse("comments:mentions")
    _grow(world, 2)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for n in range(40):
        world.post(target=world.check, body=f"@Rae Viewer call {n}")

    with CaptureQueriesContext(connection) as many:
        response = client.get(url)

    assert response.text.count('data-testid="mention"') == 41  # a page of 50 holds them
    # the user, their groups (navigation and the rule), the count, the page of mentions
    # with their comments, authors, consultants, rounds and checks
    assert len(few) == len(many) == 4
