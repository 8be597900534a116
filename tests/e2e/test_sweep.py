"""Every page, as every role, on a desk (1280 px) and on a phone (390 px): no console error,
no 5xx (the page or anything it loads), no sideways scroll, no text the colour of its
background, and no serious or critical WCAG 2.2 AA violation that axe-core finds (vendored for
the tests in tests/e2e/vendor/axe-core/, never served by the app).

The pages come from the permission matrix (tests/permission_matrix.py): each GET page a
role's column answers 200, with the objects of its world (tests/api_world.py), plus the
variants in EXTRA (tabs, states of a check, the demo's rounds). The world is the matrix's,
with the demo's three rounds (vetting/demo/) run by the same owner and called by the same
manager, so the lists are full and every state of a reference check shows. A page added to
the matrix is swept without a word; `test_every_page_is_swept` fails when a GET page is
neither swept nor excused in NOT_SWEPT.

The sweep runs once per module (one browser, one signed-in context per role, the pages in a
loop, both widths), then each (role, width) test reports all the problems it found, every
page at once. Problems that another piece of work is fixing are in KNOWN, named and with the
reason; `test_known_problems_still_happen` asks for an entry to go once it is fixed.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone
from playwright.sync_api import Browser, ConsoleMessage, Page, Response, Route, expect

from tests.api_world import World, build_world
from tests.conftest import celery_inline, clear_cache, reference_data_restore
from tests.factories import VALID_ANSWERS, consultant_user, submitted_with_checks
from tests.permission_matrix import MATRIX, Row
from tests.test_permission_matrix import AnyId, url_patterns
from vetting import services
from vetting.demo.checks import CALLER
from vetting.demo.consultants import seed_consultants
from vetting.demo.reference_checks import pending_referee_links
from vetting.demo.reviews import seed_reviews
from vetting.demo.rounds import ROUND_OWNER, seed_rounds
from vetting.models import (
    Answer,
    CheckStatus,
    EngagementStatus,
    ReferenceCheck,
    SubmissionStatus,
    User,
)
from vetting.tokens import new_token

pytestmark = pytest.mark.e2e

WIDTHS = {"1280": {"width": 1280, "height": 800}, "390": {"width": 390, "height": 844}}

# Who is swept, and the matrix column whose pages they visit. The referee is anonymous with
# a private link: they visit the private links (and the anonymous visitor everything else).
ROLES = {
    "owner": "owner",
    "reviewer_before": "reviewer_before",
    "reviewer_after": "reviewer_after",
    "manager": "manager_off",
    "consultant": "consultant",
    "referee": "anonymous",
    "anonymous": "anonymous",
}
PRIVATE_LINKS = {"referee:form", "invitations:accept"}

# GET pages of the matrix the sweep does not open in a browser, and why.
NOT_SWEPT = {
    "healthz": "JSON for the load balancer, not a page",
    "engagements:export_download": "a file download (CSV or XLSX), not a page",
    "submissions:evidence": "a file download (an evidence file), not a page",
    "questionnaires:export": "a file download (a template as JSON), not a page",
    "delivery:report_csv": "a file download (the outcome report as CSV), not a page",
    "javascript-catalog": "the pages' scripts' words (JavaScript), loaded by every page",
    "set_language": "the language switcher's action (POST only; every page shows its form)",
    # Single sign-on's protocol endpoints (django-allauth's): the matrix's world has no
    # provider, so they answer 404 (or the ACS a redirect); tests/test_sso_*.py and
    # tests/e2e/test_sso_journey.py go through them with a real provider.
    **dict.fromkeys(
        [
            "openid_connect_login",
            "openid_connect_callback",
            "saml_login",
            "saml_acs",
            "saml_finish_acs",
            "saml_sls",
            "saml_metadata",
        ],
        "a single sign-on protocol endpoint, not a page of the world (no provider there)",
    ),
}

# Text this close to its background's colour (WCAG contrast ratio, 1 = the same colour)
# cannot be read at all. (Readable-but-weak contrast is a different, stricter check.)
MIN_CONTRAST = 1.5
# Problems listed per kind and page, at most.
LIMIT = 8
# A folder to keep a full-page screenshot of every page in (for a person to look at).
SCREENSHOTS = os.environ.get("WINNOW_SWEEP_SCREENSHOTS", "")


@dataclass(frozen=True)
class Visit:
    """A page to open: a request as the matrix writes it ("get name arg ?query"), and the
    status it answers (a spent referee link is a 410 page, still a page to check)."""

    request: str
    status: int = 200

    @property
    def name(self) -> str:
        return self.request.split()[1]

    def url(self, ids: dict[str, Any]) -> str:
        return Row(self.request, expect="").url(ids)


# Pages the matrix does not tell apart: tabs, other states of the same page, the demo's
# rounds. Ids in braces are the world's (tests/api_world.py) or the demo's (sweep_world).
EXTRA: dict[str, list[Visit]] = {
    "owner": [
        Visit("get engagements:detail {second}"),
        *(
            Visit(f"get engagements:{page} {{demo_open}}")
            for page in ("detail", "ranking", "calibration", "audit", "report", "invite")
        ),
        Visit("get engagements:compare {demo_open} ?{demo_pair}"),
        Visit("get engagements:detail {demo_draft}"),
        Visit("get engagements:edit {demo_draft}"),
        Visit("get engagements:detail {demo_closed}"),
        Visit("get engagements:ranking {demo_closed}"),
        *(Visit(f"get checks:detail {{check_{state}}}") for state in CheckStatus.values),
        Visit("get submissions:score {demo_top}"),
        Visit("get submissions:decide {decided}"),
    ],
    "manager": [
        *(Visit(f"get checks:calls ?show={tab}") for tab in ("unassigned", "overdue", "open")),
        Visit("get checks:calls ?show=done"),
        *(Visit(f"get checks:detail {{check_{state}}}") for state in CheckStatus.values),
        Visit("get checks:record {demo_claimed}"),
    ],
    "reviewer_after": [Visit("get checks:calls ?show=open")],
    # Pages the matrix reaches by a redirect: the browser follows it to the page.
    "consultant": [Visit("get consultants:mine")],
    "anonymous": [Visit("get password_reset_confirm {uid} {reset}")],
    "referee": [
        Visit("get referee:form {demo_link}"),
        Visit("get referee:form {spent_link}", status=410),
        Visit("get referee:form not-a-link", status=404),
    ],
}


@dataclass(frozen=True)
class Known:
    """A problem another piece of work is fixing: a pattern the problem's line matches (it
    starts with the page's URL name), and who is fixing it."""

    matches: str
    reason: str

    def covers(self, problem: str) -> bool:
        return re.search(self.matches, problem) is not None


KNOWN: list[Known] = []


def pages_for(role: str) -> list[Visit]:
    """The pages `role` visits: their column's 200 pages of the matrix, then the extras."""
    column = ROLES[role]
    private = role == "referee"
    rows = [
        Visit(row.request)
        for row in MATRIX
        if row.method == "get"
        and not row.is_api
        and row.expected[column] == "200"
        and row.target not in NOT_SWEPT
        and (column != "anonymous" or (row.target in PRIVATE_LINKS) == private)
    ]
    return rows + EXTRA.get(role, [])


# --- The world ------------------------------------------------------------------------------


# Long unbroken words, as people write them: nowhere for a line to break.
LONG_URL = "https://www.linkedin.com/posts/claraokafor_ledgerlycommunityprogramme_demorequestsup38"
LONG_EMAIL = "jacqueline.montgomeryfitzwilliam@northwindmanufacturinggroup.example"


def sweep_world() -> World:
    """The matrix's world, with the demo's rounds run by its owner and called (and reviewed)
    by its manager off the matrix's panels, and the ids of EXTRA."""
    world = build_world()
    owner, manager = world.users["owner"], world.users["manager_off"]
    ours = {ROUND_OWNER: owner, CALLER: manager}
    with transaction.atomic():  # as seed_demo runs them (they lock rows, send nothing)
        seed_consultants(ours)
        rounds = seed_rounds(ours, now=timezone.now())
        seed_reviews(rounds, owner=owner, reviewer=manager)
    # A consultant who submitted to another of the owner's rounds and withdrew: the checks
    # of their references are cancelled (the demo has every other state of a check).
    withdrawing = consultant_user(email="wanda@example.com", first_name="Wanda")
    submission = submitted_with_checks(consultant=withdrawing, owner=owner, title="PR round")
    services.submission_withdraw(submission=submission, by=withdrawing)
    # Long names (generated ones vary: a long one once pushed the navigation past 1280 px),
    # so that every run sees the widest case.
    people = [user for user in world.users.values() if user is not None]  # not anonymous
    for number, user in enumerate(people):
        User.objects.filter(pk=user.pk).update(
            first_name=f"Maximiliana-Alexandrina {number}", last_name="Montgomery-Fitzwilliam"
        )
    # A website, email addresses and an evidence link with no place to break a line: a phone
    # must wrap them or scroll them in their box, never widen the page.
    consultant = world.users["consultant"]
    profile = consultant.consultant
    profile.name = "Maximiliana-Alexandrina Montgomery-Fitzwilliam"
    profile.website = LONG_URL
    profile.email = LONG_EMAIL
    profile.save()
    profile.references.filter(pk=world.ids["ref"]).update(email=LONG_EMAIL)
    ReferenceCheck.objects.filter(reference=world.ids["ref"]).update(referee_email=LONG_EMAIL)
    evidenced = [{**VALID_ANSWERS["accomplishments"][0], "evidence_url": LONG_URL}]
    draft = profile.submissions.get(pk=world.ids["draft"])
    accomplishments = draft.engagement.questionnaire.questions.get(key="accomplishments")
    services.answer_save(submission=draft, by=consultant, question=accomplishments, raw=evidenced)
    # The submitted self-assessment is locked: its answer is written as it was saved.
    Answer.objects.filter(submission=world.ids["sub"], question__key="accomplishments").update(
        value=evidenced
    )
    by_status = {r.status: r for r in rounds}
    demo_open = by_status[EngagementStatus.OPEN]
    checks = ReferenceCheck.objects.filter(submission__engagement__in=rounds)
    submitted = demo_open.submissions.filter(status=SubmissionStatus.SUBMITTED).order_by(
        "-scorecard__total"
    )
    top, second = submitted[:2]
    _, demo_link = pending_referee_links(rounds)[0]
    spent = checks.filter(status=CheckStatus.COMPLETED).first()
    spent_link, spent.token_hash = new_token()
    spent.save(update_fields=["token_hash"])
    world.ids |= {
        "demo_open": demo_open.pk,
        "demo_draft": by_status[EngagementStatus.DRAFT].pk,
        "demo_closed": by_status[EngagementStatus.CLOSED].pk,
        "demo_pair": f"s={top.pk}&s={second.pk}",
        "demo_top": top.pk,
        "demo_claimed": checks.filter(status=CheckStatus.IN_PROGRESS, assigned_to=manager)
        .first()
        .pk,
        "demo_link": demo_link.rsplit("/", 2)[-2],
        "spent_link": spent_link,
        **{
            f"check_{state}": ReferenceCheck.objects.filter(status=state).order_by("pk").first().pk
            for state in CheckStatus.values
        },
    }
    return world


# --- Looking at a page ----------------------------------------------------------------------

PROBE = "(" + Path(__file__).with_name("sweep_probe.js").read_text() + ")"
# axe-core, evaluated in the page (as the devtools do: the page's CSP allows no inline script),
# then run once per visit on the WCAG 2.0-2.2 A and AA rules.
AXE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text()
AXE_RUN = """async () => {
  const result = await axe.run(document, {runOnly: {type: "tag",
    values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}});
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => {
      const seen = (v.nodes[0].any[0] || {}).data || {};  // a contrast's colours
      const colours = seen.fgColor
        ? ` ${seen.fgColor} on ${seen.bgColor} (${seen.contrastRatio})` : "";
      return {id: v.id, impact: v.impact, count: v.nodes.length,
              target: String(v.nodes[0].target[0]) + colours};
    });
}"""
HTMX = "(" + Path(__file__).with_name("sweep_htmx.js").read_text() + ")"


class Watch:
    """What the browser reports while a page loads: console errors, uncaught errors and
    answers of 500 or more, for the page and everything it loads (static files, htmx)."""

    def __init__(self, page: Page) -> None:
        self.heard: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.heard.append(f"uncaught error: {error}"))
        page.on("response", self._response)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.location.get("url", "")
            self.heard.append(f"console error: {message.text} ({where})")

    def _response(self, response: Response) -> None:
        if response.status >= 500:
            self.heard.append(f"{response.status} for {response.request.method} {response.url}")

    def take(self) -> list[str]:
        heard, self.heard = self.heard, []
        return heard


def look(page: Page, watch: Watch, visit: Visit, base: str, path: str) -> list[str]:
    """The problems of one page, each a line that names it."""
    url = base + path
    watch.take()
    response = page.goto(url)
    problems = []
    status = response.status if response else 0
    if status != visit.status:
        problems.append(f"answered {status}, expected {visit.status}")
    for heard in watch.take():
        # A page shown with an error status (a spent link) logs that status: expected.
        if visit.status != 200 and f"status of {visit.status}" in heard and url in heard:
            continue
        problems.append(heard)
    problems += inspect(page)
    problems += accessibility(page)
    # The page's own htmx requests (searches, filters, sorting, autosaves) and what they
    # swap in.
    requests = page.evaluate(HTMX, {"timeout": 5000})
    if requests:
        problems += [f"htmx {request}" for request in requests if not request.endswith("settled")]
        problems += [f"after htmx: {p}" for p in watch.take() + inspect(page)]
    return [f"{visit.name} {path}: {problem}" for problem in problems]


def inspect(page: Page) -> list[str]:
    """Sideways scroll (and what sticks out), and text the colour of its background."""
    seen = page.evaluate(PROBE, {"minContrast": MIN_CONTRAST, "limit": LIMIT})
    problems = []
    if seen["scrollWidth"] > seen["clientWidth"] + 1:
        problems.append(
            f"scrolls sideways: {seen['scrollWidth']} px wide in {seen['clientWidth']} px"
        )
        problems += [
            f"  sticks out to {w['right']} px: {w['selector']} {w['text']!r}" for w in seen["wide"]
        ]
    problems += [
        f"invisible text: {f['selector']} {f['text']!r} is {f['colour']} on {f['background']}"
        f" (contrast {f['ratio']})"
        for f in seen["faint"]
    ]
    return problems


def accessibility(page: Page) -> list[str]:
    """axe-core's serious and critical violations of WCAG 2.2 AA on the page as it is shown:
    the rule, how many elements break it and the first one."""
    page.evaluate(AXE)
    found = page.evaluate(AXE_RUN)
    return [f"axe {v['impact']} {v['id']} ({v['count']}x): {v['target']}" for v in found]


def look_at_menus(page: Page, watch: Watch, path: str) -> list[str]:
    """The main menu (behind its button on a phone), its More menu and the account menu,
    opened on the page shown: they are the same on every page."""
    toggler = page.locator(".navbar-toggler")
    account = page.get_by_test_id("account-menu")
    if not account.count():
        return []
    watch.take()
    if toggler.is_visible():
        toggler.click()
        expect(page.locator(".navbar-collapse.show")).to_be_visible()
    problems = []
    more = page.get_by_test_id("nav-more")
    if more.count():
        more.click()
        expect(page.locator(".dropdown-menu.show")).to_be_visible()
        problems += inspect(page)
    account.click()
    expect(page.get_by_test_id("account-menu").locator("+ .dropdown-menu.show")).to_be_visible()
    problems = watch.take() + problems + inspect(page)
    return [f"menus {path}: {problem}" for problem in problems]


def wanted(session: pytest.Session) -> dict[str, list[str]]:
    """The (role, width) tests of this module that this run selected, by role."""
    chosen: dict[str, list[str]] = {}
    for item in session.items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        if item.module.__name__ == __name__ and "role" in params and "width" in params:
            chosen.setdefault(params["role"], []).append(params["width"])
    return chosen


@pytest.fixture(scope="module")
def sweep(
    request: pytest.FixtureRequest,
    live_server: Any,
    browser: Browser,
    django_db_setup: None,
    django_db_blocker: Any,
) -> Iterator[dict[tuple[str, str], list[str]]]:
    """Every selected (role, width): the problems found on its pages. The world is written
    (committed) once for the whole sweep; each test's transactional database flushes it
    afterwards, as for any live-server test (and this fixture does if it fails first)."""
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    found: dict[tuple[str, str], list[str]] = {}
    with (
        django_db_blocker.unblock(),
        celery_inline(),
        tempfile.TemporaryDirectory() as media,
        override_settings(PASSWORD_HASHERS=fast, MEDIA_ROOT=media),
    ):
        try:
            reference_data_restore()
            clear_cache()
            world = sweep_world()
            for role, widths in wanted(request.session).items():
                found |= sweep_role(browser, live_server.url, world, role, widths)
        except BaseException:
            call_command("flush", interactive=False, verbosity=0)
            reference_data_restore()
            raise
    yield found


def sweep_role(
    browser: Browser, base: str, world: World, role: str, widths: list[str]
) -> dict[tuple[str, str], list[str]]:
    context = browser.new_context()
    session = world.sessions.get(ROLES[role]) if role != "referee" else None
    if session:
        cookie = {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base}
        context.add_cookies([cookie])
    page = context.new_page()
    watch = Watch(page)
    visits = [(visit, visit.url(world.ids)) for visit in pages_for(role)]
    found = {}
    for width in widths:
        page.set_viewport_size(WIDTHS[width])
        found[role, width] = problems = []
        for visit, path in visits:
            problems += look(page, watch, visit, base, path)
            if SCREENSHOTS:
                name = re.sub(r"\W+", "-", f"{width}-{role}{path}").strip("-")[:120]
                page.screenshot(path=Path(SCREENSHOTS) / f"{name}.png", full_page=True)
        problems += look_at_menus(page, watch, visits[-1][1])
    context.close()
    return found


# --- The tests ------------------------------------------------------------------------------


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("role", list(ROLES))
def test_every_page_reads_cleanly(
    sweep: dict[tuple[str, str], list[str]], role: str, width: str
) -> None:
    problems = sweep[role, width]
    known = [p for p in problems if any(k.covers(p) for k in KNOWN)]
    new = [p for p in problems if p not in known]

    assert not new, f"{role} at {width} px, {len(new)} problems:\n" + "\n".join(new)
    if known:
        reasons = sorted({k.reason for k in KNOWN for p in known if k.covers(p)})
        pytest.xfail("; ".join(reasons))


def test_known_problems_still_happen(sweep: dict[tuple[str, str], list[str]]) -> None:
    """A KNOWN entry that no page shows any more was fixed: take it out."""
    if len(sweep) < len(ROLES) * len(WIDTHS):
        pytest.skip("only part of the sweep ran")
    problems = [p for found in sweep.values() for p in found]

    fixed = [k.reason for k in KNOWN if not any(k.covers(p) for p in problems)]

    assert not fixed, "No page shows these any more: take them out of KNOWN:\n" + "\n".join(fixed)


# Each thing the sweep looks for, and each thing it must let pass, on one page.
SPECIMEN = """<!doctype html><html><head><style>
body { margin: 0; font: 16px sans-serif; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0,0,0,0); }
</style></head><body>
<p>Plain text.</p>
<p style="color: #fff">White on the white page</p>
<div style="background: #212529"><span style="color: #fff">White on dark</span></div>
<div style="background: #198754"><span class="badge" style="color: #fff">Badge on green</span></div>
<p style="color: rgba(0, 0, 0, .04)">Almost transparent ink</p>
<p style="color: #fafafa; background: rgba(255, 255, 255, .5)">Pale on half-white</p>
<span class="sr" style="color: #fff">For screen readers only</span>
<p style="opacity: 0; color: #fff">Faded out</p>
<p style="display: none; color: #fff">Not shown</p>
<div style="background: linear-gradient(#fff, #eee)">
  <span style="color: #fff">On a gradient</span></div>
<input value="White value" style="color: #fff; border: 0">
<div style="overflow-x: auto"><div style="width: 900px">Scrolls in its own box</div></div>
<div style="width: 700px">Too wide for a phone</div>
</body></html>"""


def test_the_sweep_sees_what_it_looks_for(page: Page) -> None:
    def serve(route: Route) -> None:
        if route.request.url.endswith("/page"):
            route.fulfill(status=200, content_type="text/html", body=SPECIMEN)
        else:
            route.fulfill(status=502, body="down")

    page.set_viewport_size(WIDTHS["390"])
    watch = Watch(page)
    page.route("http://sweep.test/**", serve)
    page.goto("http://sweep.test/page")

    problems = inspect(page)
    page.evaluate("fetch('/api').catch(() => null)")
    page.evaluate("console.error('Broken script')")
    page.evaluate("setTimeout(() => { throw new Error('Uncaught') })")
    page.wait_for_timeout(100)
    heard = watch.take()

    assert problems == [
        "scrolls sideways: 700 px wide in 390 px",
        "  sticks out to 700 px: body > div 'Too wide for a phone'",
        "invisible text: body > p 'White on the white page' is rgb(255, 255, 255) on "
        "rgb(255, 255, 255) (contrast 1)",
        "invisible text: body > p 'Almost transparent ink' is rgb(0, 0, 0, 0.04) on "
        "rgb(255, 255, 255) (contrast 1.09)",
        "invisible text: body > p 'Pale on half-white' is rgb(250, 250, 250) on "
        "rgb(255, 255, 255) (contrast 1.04)",
        "invisible text: body > input 'White value' is rgb(255, 255, 255) on "
        "rgb(255, 255, 255) (contrast 1)",
    ]
    assert heard == [
        "502 for GET http://sweep.test/api",
        "console error: Failed to load resource: the server responded with a status of 502 "
        "(Bad Gateway) (http://sweep.test/api)",
        "console error: Broken script ()",
        "uncaught error: Uncaught",
    ]


def get_rows() -> set[str]:
    """The pages of the matrix: URL names with a GET row (SCIM's are JSON for an identity
    provider, not pages)."""
    return {
        row.target
        for row in MATRIX
        if row.method == "get" and not row.is_api and not row.target.startswith("scim:")
    }


def site_pages() -> set[str]:
    """The names of the site's URL patterns, without the Django admin and the APIs (the
    REST API and SCIM, which an identity provider calls with its bearer token)."""
    return {
        name for name, route in url_patterns() if not route.startswith(("admin/", "api/", "scim/"))
    }


def test_every_page_is_swept() -> None:
    """Every URL pattern with a GET row in the matrix is visited by some role, or excused
    in NOT_SWEPT."""
    swept = {visit.name for role in ROLES for visit in pages_for(role)}

    assert sorted(get_rows() - swept - set(NOT_SWEPT)) == []


@pytest.mark.django_db
def test_a_pattern_without_a_get_row_is_an_action_not_a_page(outsider: Any) -> None:
    """So that a new page cannot hide behind a POST row: GET answers 405."""
    browser = Client()
    browser.force_login(outsider)
    actions = {
        row.target: row.url(AnyId()) for row in MATRIX if row.target in site_pages() - get_rows()
    }

    got = {name: browser.get(url).status_code for name, url in actions.items()}

    assert got == dict.fromkeys(actions, 405)
