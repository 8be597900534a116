"""Load test: Winnow served by gunicorn on PostgreSQL, driven by locust (headless), with every
figure shown as a ratio to the anonymous sign-in page measured in the same run.

    python bench/load.py --duration 60 --users 16      # or: make bench (a shorter run)

What it does, in order:
1. Its own database (LOAD_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/winnow_load),
   created and migrated if need be, with an engagement of 10,000 submitted consultants (and one
   of 100) from bench/generate.py, seeded once and reused; `manage.py recompute_scores`
   scores them (a no-op for cards whose inputs did not change).
2. People with known passwords: the procurement owner, a manager on the panel who reviewed
   everything, one consultant per simulated user with a draft to autosave, and an API token.
   Sessions are created in the database and handed to locust as cookies (no sign-in POSTs:
   the load stays on the pages measured, not on the password hasher).
3. gunicorn in production mode (DEBUG=0; WhiteNoise serving a collectstatic into a folder
   under /tmp, kept while static/ does not change; its own redis-server as cache when one is
   installed) on a spare port of 127.0.0.1, with the settings of gunicorn.conf.py unless
   --worker-class says otherwise.
4. One short phase per request type, each with the same number of users sending requests
   back to back (closed loop, no think time): the sign-in page first and again last (the
   baseline, and how much the machine drifted), then the ranking (page 1 and a deep page at
   10,000, page 1 at 100), a compare of 3, a score page, an answer's autosave, and the two
   API lists. One request type per phase, so each ratio compares two endpoints under the
   same load, as wrk would.
   A last phase runs every role at once (a fixed-weight mix) to show them side by side.
5. A table: requests, failures, requests/s, p50, p99, response size, the ratios to the
   sign-in page, and the issue's targets.

URLs come from reverse() here and reach locust in a JSON file, so the load test follows the
routes as they change. gunicorn, redis and the temporary folder go away on exit, Ctrl+C too.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import hashlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.setup import machine  # noqa: E402

BIN = Path(sys.executable).parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/winnow_load"
LARGE, SMALL = 10_000, 100
PASSWORD = "winnow-load-test-password"  # noqa: S105 (a local test database only)
DEEP_PAGE = 100  # of 200 at 50 a page

# (phase name, locust user class, task tag): one request type per phase.
PHASES = [
    ("sign-in page", "AnonymousUser", "signin"),
    ("ranking page 1", "ProcurementUser", "ranking_first"),
    (f"ranking page {DEEP_PAGE}", "ProcurementUser", "ranking_deep"),
    (f"ranking page 1 at {SMALL}", "ProcurementUser", "ranking_small"),
    ("compare 3", "ProcurementUser", "compare"),
    ("score page", "ProcurementUser", "score"),
    ("autosave answer", "ConsultantUser", "autosave"),
    ("API submissions list", "ApiUser", "api_submissions"),
    ("API score-cards list", "ApiUser", "api_scorecards"),
    ("sign-in page (again)", "AnonymousUser", "signin"),
]
# The targets (issue 14), by request name.
TARGETS = {
    "ranking page 1": "thr >= 0.5x",
    f"ranking page {DEEP_PAGE}": "as page 1",
    f"ranking page 1 at {SMALL}": "as at 10,000",
    "API submissions list": "p50 <= 50 ms",
    "API score-cards list": "p50 <= 50 ms",
}


# --- 1 and 2: the database, the people and the URLs -------------------------------------------


def database_ready(url: str) -> None:
    """Create, migrate and seed the load database (once), score it, and ANALYZE it."""
    os.environ["BENCH_DATABASE_URL"] = url
    from bench.setup import django_on_postgres

    django_on_postgres()
    from django.db import connection

    from bench.generate import generate
    from vetting.models import Engagement

    for size in (LARGE, SMALL):
        title = f"Load test {size}"
        if not Engagement.objects.filter(title=title).exists():
            started = time.monotonic()
            print(f"Seeding {size:,} submissions...", flush=True)
            generate(size, title=title, seed=size)
            print(f"  seeded in {time.monotonic() - started:.0f} s", flush=True)
    print("Scoring (manage.py recompute_scores)...", flush=True)
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "manage.py", "recompute_scores"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url, "DEBUG": "1"},
        check=True,
        stderr=subprocess.DEVNULL,
    )
    print(f"  scored in {time.monotonic() - started:.0f} s", flush=True)
    # Fresh planner statistics, as autovacuum keeps them on a live database.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _session_for(user: Any) -> str:
    """A signed-in session, as django.contrib.auth.login would store it."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.set_expiry(timedelta(hours=2))
    session.save()
    return session.session_key


def _consultants_with_drafts(count: int, engagement: Any) -> list[Any]:
    """`count` consultants, each with a draft self-assessment in the large engagement."""
    from django.contrib.auth.models import Group

    from consultants.models import Consultant
    from vetting.models import Submission, SubmissionStatus, User

    group = Group.objects.get(name="consultant")
    users = []
    for i in range(count):
        user, created = User.objects.get_or_create(
            email=f"load.consultant{i}@winnow.test", defaults={"first_name": f"Load {i}"}
        )
        if created:
            user.set_password(PASSWORD)
            user.save(update_fields=["password"])
            user.groups.add(group)
        consultant, _ = Consultant.objects.get_or_create(
            user=user,
            defaults={"name": f"Load consultant {i}", "email": user.email, "agency": "Load"},
        )
        submission, _ = Submission.objects.get_or_create(
            engagement=engagement,
            consultant=consultant,
            defaults={"invited_by": engagement.owner, "status": SubmissionStatus.IN_PROGRESS},
        )
        users.append((user, submission))
    return users


def people_and_urls(users: int, path: Path) -> dict[str, Any]:
    """Write what locust needs (cookies, token, URLs) to `path` and return it."""
    from django.urls import reverse
    from django.utils import timezone
    from knox.models import AuthToken

    from vetting.models import Engagement, EngagementStatus, ScoreCard, User

    large = Engagement.objects.get(title=f"Load test {LARGE}")
    small = Engagement.objects.get(title=f"Load test {SMALL}")
    # Reused across runs: keep the round open, its deadline ahead, so drafts stay editable.
    Engagement.objects.filter(pk=large.pk).update(
        status=EngagementStatus.OPEN, deadline=timezone.now() + timedelta(days=30)
    )
    owner = large.owner
    manager = User.objects.get(email="bench.reviewer0@winnow.test")
    for user in (owner, manager):
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    AuthToken.objects.filter(user=owner).delete()
    _, token = AuthToken.objects.create(user=owner)
    top = list(
        ScoreCard.objects.filter(submission__engagement=large)
        .order_by("rank")
        .values_list("submission_id", flat=True)[:3]
    )
    ranking = reverse("engagements:ranking", args=[large.pk])
    drafts = _consultants_with_drafts(users, large)
    key = "business_background"  # a free-text question of the default questionnaire
    config = {
        "password": PASSWORD,
        "sessions": {"procurement": _session_for(owner), "manager": _session_for(manager)},
        "token": token,
        "urls": {
            "signin": reverse("login"),
            "ranking_first": ranking,
            "ranking_deep": f"{ranking}?page={DEEP_PAGE}",
            "ranking_small": reverse("engagements:ranking", args=[small.pk]),
            "compare": reverse("engagements:compare", args=[large.pk])
            + "?"
            + "&".join(f"s={pk}" for pk in top),
            "score": reverse("submissions:score", args=[top[0]]),
            "api_submissions": reverse("api:submission-list") + f"?engagement={large.pk}",
            "api_scorecards": reverse("api:score-card-list") + f"?engagement={large.pk}",
        },
        "consultants": [
            {
                "session": _session_for(user),
                "answer_page": reverse("submissions:answer", args=[submission.pk]),
                "autosave": reverse("submissions:save_answer", args=[submission.pk, key]),
                "key": key,
            }
            for user, submission in drafts
        ],
    }
    path.write_text(json.dumps(config, indent=2))
    return config


# --- 3: serving --------------------------------------------------------------------------------


def spare_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def process(command: list[str], *, env: dict[str, str], log: Path) -> Iterator[subprocess.Popen]:
    """A child process in its own process group, stopped (TERM, then KILL) on the way out."""
    with log.open("w") as out:
        child = subprocess.Popen(  # noqa: S603 (our own commands)
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        yield child
    finally:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGTERM)
            try:
                child.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(child.pid, signal.SIGKILL)
                child.wait()


def wait_until_up(url: str, child: subprocess.Popen, log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if child.poll() is not None:
            sys.exit(f"{child.args[0]} stopped (exit {child.returncode}):\n{log.read_text()}")
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(url, timeout=2),  # noqa: S310 (http://127.0.0.1)
        ):
            return
        time.sleep(0.3)
    sys.exit(f"Nothing answered on {url} within {seconds:.0f} s:\n{log.read_text()}")


def server_env(database_url: str, static_root: Path, cache_url: str | None) -> dict[str, str]:
    """Production mode as README's "Deploying" has it, on plain HTTP at 127.0.0.1."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CELERY_", "CACHE_URL"))}
    env.update(
        DEBUG="0",
        SECRET_KEY=os.environ["SECRET_KEY"],
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url,
        STATIC_ROOT=str(static_root),
        # No TLS in front of it here: no redirect to https, cookies sent over http.
        SECURE_SSL_REDIRECT="0",
        SECURE_COOKIES="0",
        SECURE_HSTS_SECONDS="0",
        LOG_LEVEL="WARNING",
    )
    if cache_url:
        env["CACHE_URL"] = cache_url
    return env


def static_ready(env: dict[str, str], static_root: Path) -> None:
    """collectstatic into `static_root`, skipped when static/ has not changed since the last
    run (WhiteNoise compresses every file again, which takes most of a minute here)."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "static").rglob("*")):
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path.relative_to(ROOT)} {stat.st_size} {stat.st_mtime_ns}\n".encode())
    stamp = static_root / ".winnow-load-source"
    if stamp.exists() and stamp.read_text() == digest.hexdigest():
        return
    print("Collecting static files...", flush=True)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--clear", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    stamp.write_text(digest.hexdigest())


# --- 4 and 5: the phases and the table ---------------------------------------------------------


@dataclass
class Row:
    name: str
    requests: int
    failures: int
    rps: float
    p50: float
    p99: float
    size: float


def run_locust(
    *,
    host: str,
    config: Path,
    classes: list[str],
    tag: str | None,
    seconds: int,
    users: int,
    out: Path,
) -> list[Row]:
    """One headless locust run; its rows per request name (from locust's CSV)."""
    command = [
        str(BIN / "locust"),
        "-f",
        str(ROOT / "bench" / "locustfile.py"),
        "--headless",
        "--host",
        host,
        "--users",
        str(users),
        "--spawn-rate",
        str(users),
        "--run-time",
        f"{seconds}s",
        "--reset-stats",  # count from when every user has started
        "--only-summary",
        "--csv",
        str(out),
        "--loglevel",
        "WARNING",
        "--stop-timeout",
        "10",
        *([f"--tags={tag}"] if tag else []),  # one token: --tags takes several
        *classes,
    ]
    env = {**os.environ, "WINNOW_LOAD_CONFIG": str(config)}
    with Path(f"{out}.log").open("w") as log:  # locust's own summary and warnings
        subprocess.run(command, env=env, stdout=log, stderr=subprocess.STDOUT, check=False)  # noqa: S603
    if not Path(f"{out}_stats.csv").exists():
        sys.exit(f"locust wrote no statistics:\n{Path(f'{out}.log').read_text()}")
    rows = []
    with Path(f"{out}_stats.csv").open() as stats:
        for line in csv.DictReader(stats):
            if line["Name"] == "Aggregated" or int(line["Request Count"]) == 0:
                continue
            rows.append(
                Row(
                    name=line["Name"],
                    requests=int(line["Request Count"]),
                    failures=int(line["Failure Count"]),
                    rps=float(line["Requests/s"]),
                    p50=float(line["50%"]),
                    p99=float(line["99%"]),
                    size=float(line["Average Content Size"]),
                )
            )
    return rows


def failures_of(out: Path) -> list[str]:
    path = Path(f"{out}_failures.csv")
    if not path.exists():
        return []
    with path.open() as failures:
        return [
            f"  {line['Method']} {line['Name']}: {line['Error']} ({line['Occurrences']}x)"
            for line in csv.DictReader(failures)
        ]


def table(rows: list[Row], base: Row, mixed: list[Row]) -> str:
    head = (
        f"{'request':<24} {'reqs':>6} {'fail':>5} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} "
        f"{'KB':>6} {'thr x':>6} {'p50 x':>6}  target"
    )
    lines = [head, "-" * len(head)]

    def line(row: Row, label: str, ratios: bool) -> str:
        thr = f"{row.rps / base.rps:6.2f}" if ratios and base.rps else f"{'':>6}"
        p50 = f"{row.p50 / base.p50:6.1f}" if ratios and base.p50 else f"{'':>6}"
        target = TARGETS.get(row.name, "") if ratios else ""
        return (
            f"{label:<24} {row.requests:>6} {row.failures:>5} {row.rps:>7.1f} {row.p50:>7.0f} "
            f"{row.p99:>7.0f} {row.size / 1024:>6.1f} {thr} {p50}  {target}".rstrip()
        )

    lines += [line(row, row.name, True) for row in rows]
    if mixed:
        lines.append("mix of every role at once (ratios not comparable, so not shown):")
        lines += [line(row, f"  {row.name}", False) for row in mixed]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=90, help="seconds of load in all")
    parser.add_argument("--users", type=int, default=16, help="concurrent users per phase")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument(
        "--worker-class",
        default=None,
        help="gunicorn worker class (default: gunicorn.conf.py's, sync), e.g. gthread",
    )
    parser.add_argument("--no-mix", action="store_true", help="skip the all-roles phase")
    parser.add_argument(
        "--database-url", default=os.environ.get("LOAD_DATABASE_URL", DEFAULT_DATABASE_URL)
    )
    args = parser.parse_args()
    # One secret for this process (sessions are signed with it) and for gunicorn.
    os.environ["SECRET_KEY"] = secrets.token_urlsafe(50)
    os.environ.setdefault("DEBUG", "1")  # this process only: migrate, seed, make sessions

    phases = PHASES + ([] if args.no_mix else [("mix", "", "")])
    seconds = max(3, args.duration // len(phases))
    scratch = Path(tempfile.mkdtemp(prefix="winnow-load-"))
    try:
        database_ready(args.database_url)
        config_path = scratch / "config.json"
        people_and_urls(args.users, config_path)
        static_root = Path(tempfile.gettempdir()) / "winnow-load-static"
        with contextlib.ExitStack() as stack:
            cache_url = None
            if shutil.which("redis-server"):
                redis_port = spare_port()
                redis = ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1"]
                redis += ["--save", "", "--appendonly", "no"]
                stack.enter_context(process(redis, env=dict(os.environ), log=scratch / "redis"))
                cache_url = f"redis://127.0.0.1:{redis_port}/0"
            env = server_env(args.database_url, static_root, cache_url)
            static_ready(env, static_root)
            port = spare_port()
            host = f"http://127.0.0.1:{port}"
            command = [str(BIN / "gunicorn"), "vetting.wsgi", "--bind", f"127.0.0.1:{port}"]
            command += ["--workers", str(args.workers), "--no-control-socket"]
            if args.worker_class:
                command += ["--worker-class", args.worker_class]
                if args.worker_class == "gthread":
                    command += ["--threads", "4", "--keep-alive", "5"]
            log = scratch / "gunicorn.log"
            server = stack.enter_context(process(command, env=env, log=log))
            wait_until_up(f"{host}/accounts/login/", server, log)
            print(
                f"\ngunicorn on {host}: {args.workers} workers "
                f"({args.worker_class or 'gunicorn.conf.py'}), DEBUG=0, "
                f"cache {'redis' if cache_url else 'per process'}; {args.users} users, "
                f"{len(phases)} phases of {seconds} s",
                flush=True,
            )
            # Warm up every worker (templates compiled, connections to PostgreSQL and Redis
            # open) so that the first phase is not the only one paying for it.
            print("  warming up (every role, not counted)...", flush=True)
            run_locust(
                host=host,
                config=config_path,
                classes=[],
                tag=None,
                seconds=3,
                users=args.users,
                out=scratch / "warm-up",
            )
            rows, mixed, failures, failed = [], [], [], 0
            for index, (name, user_class, tag) in enumerate(phases):
                out = scratch / f"phase{index}"
                print(f"  {name}...", flush=True)
                got = run_locust(
                    host=host,
                    config=config_path,
                    classes=[user_class] if user_class else [],
                    tag=tag or None,
                    seconds=seconds,
                    users=args.users,
                    out=out,
                )
                failures += failures_of(out)
                # Locust stops each user after its request ends (--stop-timeout), so no phase
                # leaves work behind for the next; a moment for the workers to settle.
                time.sleep(1)
                failed += sum(row.failures for row in got)
                failures_on_start = sum(r.failures for r in got if r.name.endswith("(on start)"))
                if failures_on_start:
                    print(f"    {failures_on_start} failed while the users started", flush=True)
                got = [r for r in got if not r.name.endswith("(on start)")]
                if not user_class:
                    mixed = got
                    continue
                for row in got:
                    if row.name == "sign-in page" and index:
                        row.name = name
                    rows.append(row)
        base = next((row for row in rows if row.name == "sign-in page"), None)
        if base is None:
            sys.exit("The sign-in phase recorded no requests: nothing to compare with.")
        print(
            f"\n{time.strftime('%Y-%m-%d %H:%M %Z')}; {machine()}; PostgreSQL, {LARGE:,} "
            f"submissions; ratios to the sign-in page of this run (thr x: its throughput, "
            f"p50 x: its median)\n"
        )
        print(table(rows, base, mixed))
        print(f"\nFailures: {failed} (target 0)")
        print("\n".join(failures))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _stop(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _stop)  # cleaned up as for Ctrl+C
    try:
        main()
    except KeyboardInterrupt:
        sys.exit("Interrupted: gunicorn stopped, temporary files removed.")
