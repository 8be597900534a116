"""Reference checks: the referee's private form, the managers' call queue and call page,
and the owner's requests."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from vetting import i18n, selectors, services
from vetting.access import can, require
from vetting.concurrency import StaleVersionError
from vetting.forms import (
    AttemptForm,
    CallRecordForm,
    ChannelForm,
    CheckRequestForm,
    DeclineForm,
    FlagClearForm,
    RefereeForm,
    ReviewNotesForm,
)
from vetting.http import client_fingerprint
from vetting.models import Channel, Flag, ReferenceCheck, Submission
from vetting.models.references import FAILED_OUTCOMES, UNREACHABLE_AFTER
from vetting.selectors.benchmarks import submission_claim_benchmarks
from vetting.selectors.comments import thread_for
from vetting.services.references import call_is_recordable, claimed_accomplishments
from vetting.tokens import form_clock_read, form_clock_start, hash_token

# --- The referee's form (no account) ------------------------------------------------------------


def _already_replied(request: HttpRequest) -> HttpResponse:
    """The link of a check the referee answered or declined: a plain thank-you, nothing
    about the consultant (the link may have been forwarded). 410: the form is gone."""
    return render(request, "referee/unusable.html", {"reason": "replied"}, status=410)


# What the consultant claimed, about the referee: never kept by a browser or a proxy.
@cache_control(private=True, no_store=True)
@ratelimit(key="ip", rate=settings.TOKEN_LINK_RATE, block=True)
def referee_form(request: HttpRequest, token: str) -> HttpResponse:
    check = (
        ReferenceCheck.objects.select_related(
            "submission__consultant", "submission__engagement__owner"
        )
        .filter(token_hash=hash_token(token))
        .first()
    )
    if check is None:
        # Unknown, or closed without the referee (cancelled, unreachable: the hash is wiped).
        return render(request, "referee/unusable.html", {"reason": "unknown"}, status=404)
    # In the language the referee was written to, unless they chose another.
    i18n.use_language(request, check.language)
    if check.referee_replied:
        return _already_replied(request)
    if not check.link_is_usable:
        return render(request, "referee/unusable.html", {"reason": "expired"}, status=410)
    claims = claimed_accomplishments(check)
    declining = "decline" in request.POST
    form = RefereeForm(
        request.POST if request.method == "POST" and not declining else None,
        check=check,
        claims=claims,
    )
    decline_form = DeclineForm(request.POST if declining else None)
    # The clock for "completed too fast" is signed into the form when it is shown (a GET
    # writes nothing); a form posted without it (a script) counts as instant.
    opened_at = form_clock_read(request.POST.get("opened", ""), check.pk)
    ip, agent = client_fingerprint(request)
    try:
        if declining and decline_form.is_valid():
            services.referee_decline(
                check=check,
                reason=decline_form.cleaned_data["decline_reason"],
                ip=ip,
                user_agent=agent,
            )
            return render(request, "referee/thanks.html", {"check": check, "declined": True})
        if request.method == "POST" and not declining and form.is_valid():
            services.referee_submit(
                check=check, data=form.cleaned_data, ip=ip, user_agent=agent, opened_at=opened_at
            )
            return render(request, "referee/thanks.html", {"check": check, "declined": False})
    except services.ServiceError:
        # Answered meanwhile (another tab), or expired while the form was open.
        check.refresh_from_db(fields=["status"])
        if check.referee_replied:
            return _already_replied(request)
        return render(request, "referee/unusable.html", {"reason": "expired"}, status=410)
    context = {
        "check": check,
        "form": form,
        "decline_form": decline_form,
        "consultant": check.submission.consultant,
        "buyer": check.submission.engagement.owner,
        "opened": request.POST.get("opened") or form_clock_start(check.pk),
    }
    return render(request, "referee/form.html", context)


# --- Managers' calls -------------------------------------------------------------------------


def _require_manager(request: HttpRequest) -> None:
    require(request.user, "vetting.run_calls", message=_("Reference calls are for managers."))


@login_required
def calls(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    show = request.GET.get("show", "mine")
    if show not in selectors.CALL_FILTERS:
        show = "mine"
    checks = list(selectors.calls_queue(request.user, show))
    context = {"checks": checks, "show": show, "filters": selectors.CALL_FILTERS}
    return render(request, "checks/calls.html", context)


def _check(request: HttpRequest, pk: int) -> ReferenceCheck:
    try:
        return selectors.check_detail(request.user, pk)
    except ReferenceCheck.DoesNotExist as exc:
        raise Http404("No such reference check.") from exc


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    check = _check(request, pk)
    user = request.user
    # What referees said feeds the score: blind like the score for a panel member who has
    # not reviewed the consultant yet.
    results = can(user, "vetting.view_check_results", check)
    attempts = list(check.attempts.all())
    failed = sum(1 for a in attempts if a.outcome in FAILED_OUTCOMES)
    record_form = CallRecordForm(check=check, claims=claimed_accomplishments(check))
    context = {
        "check": check,
        "submission": check.submission,
        "consultant": check.submission.consultant,
        "engagement": check.submission.engagement,
        "claims": claimed_accomplishments(check),
        "attempts": attempts,
        "failed": failed,
        "unreachable_after": UNREACHABLE_AFTER,
        "flags": list(check.flags.all()) if results else [],
        "benchmarks": submission_claim_benchmarks(user, check.submission) if results else None,
        "results_shown": results,
        "is_caller": can(user, "vetting.run_calls"),
        "is_owner": can(user, "vetting.request_check", check.submission),
        "may_review_notes": can(user, "vetting.review_these_notes", check),
        "mine": can(user, "vetting.work_call", check),
        "attempt_form": AttemptForm(),
        "record_form": record_form,
        "recordable": call_is_recordable(check),
        "review_form": ReviewNotesForm(),
        "channel_form": ChannelForm(initial={"channel": check.channel}),
        "flag_form": FlagClearForm(),
        "comment_thread": thread_for(user, check),
    }
    return render(request, "checks/detail.html", context)


def _act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    check = _check(request, pk)
    _require_manager(request)
    actions = {
        "claim": (services.call_claim, _("The call is yours. The script is on this page.")),
        "release": (services.call_release, _("The call is back in the unassigned queue.")),
        "unreachable": (services.call_close_unreachable, _("Closed as unreachable.")),
    }
    service, done = actions[action]
    try:
        service(check=check, by=request.user)
    except services.ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return redirect(check)


@login_required
@require_POST
def claim(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "claim")


@login_required
@require_POST
def release(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "release")


@login_required
@require_POST
def unreachable(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "unreachable")


@login_required
@require_POST
def log_attempt(request: HttpRequest, pk: int) -> HttpResponse:
    check = _check(request, pk)
    _require_manager(request)
    form = AttemptForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose how the call went before logging the attempt."))
        return redirect(check)
    try:
        services.call_log_attempt(
            check=check,
            by=request.user,
            outcome=form.cleaned_data["outcome"],
            note=form.cleaned_data["note"],
        )
    except services.ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Attempt logged."))
    return redirect(check)


@login_required
def record(request: HttpRequest, pk: int) -> HttpResponse:
    """The call form: the same answers as the web form, plus the notes."""
    check = _check(request, pk)
    _require_manager(request)
    claims = claimed_accomplishments(check)
    if not call_is_recordable(check):
        # Completed, declined or cancelled (perhaps from another tab): say so plainly, with
        # no form to fill in. Notes typed before it finished are shown so they can be copied.
        context = {
            "check": check,
            "consultant": check.submission.consultant,
            "finished": True,
            "unsaved_notes": request.POST.get("call_notes", "").strip(),
        }
        return render(
            request, "checks/record.html", context, status=409 if request.method == "POST" else 200
        )
    form = CallRecordForm(request.POST or None, check=check, claims=claims)
    if request.method == "POST" and form.is_valid():
        try:
            services.call_record(
                check=check,
                by=request.user,
                data=form.cleaned_data,
                notes=form.cleaned_data["call_notes"],
                expected_version=form.cleaned_data.get("version"),
            )
        except (services.ServiceError, StaleVersionError) as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("The call is recorded. Another manager or the buyer can now review the notes."),
            )
            return redirect(check)
    context = {
        "check": check,
        "form": form,
        "claims": claims,
        "consultant": check.submission.consultant,
        # A refusal from the service (finished meanwhile, stale version) is no answer to fix.
        "field_errors": any(name != NON_FIELD_ERRORS for name in form.errors),
    }
    return render(
        request,
        "checks/record.html",
        context,
        status=200 if form.is_valid() or not form.is_bound else 422,
    )


@login_required
@require_POST
def review_notes(request: HttpRequest, pk: int) -> HttpResponse:
    check = _check(request, pk)
    form = ReviewNotesForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, _("Write a short comment with your review (up to 2000 characters).")
        )
        return redirect(check)
    try:
        services.call_review_notes(
            check=check, by=request.user, comment=form.cleaned_data["comment"]
        )
    except services.ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The call notes are marked reviewed."))
    return redirect(check)


@login_required
@require_POST
def set_channel(request: HttpRequest, pk: int) -> HttpResponse:
    check = _check(request, pk)
    require(
        request.user,
        "vetting.request_check",
        check.submission,
        _("Only the engagement's owner chooses how a reference is checked."),
    )
    form = ChannelForm(request.POST)
    if form.is_valid():
        try:
            services.check_set_channel(
                check=check, by=request.user, channel=form.cleaned_data["channel"]
            )
        except services.ServiceError as exc:
            messages.error(request, str(exc))
        else:
            if form.cleaned_data["channel"] == Channel.PHONE:
                done = _("This reference is now checked by phone call.")
            else:
                done = _("This reference is now checked by web form.")
            messages.success(request, done)
    return redirect(check)


@login_required
@require_POST
def clear_flag(request: HttpRequest, pk: int) -> HttpResponse:
    flag = get_object_or_404(
        Flag.objects.for_user(request.user).select_related("reference_check"), pk=pk
    )
    _require_manager(request)
    form = FlagClearForm(request.POST)
    target = flag.reference_check or flag.submission
    if not form.is_valid():
        messages.error(request, _("Say why the flag is cleared (up to 2000 characters)."))
        return redirect(target)
    try:
        services.flag_clear(flag=flag, by=request.user, note=form.cleaned_data["note"])
    except services.ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The flag is cleared; your note is kept with it."))
    return redirect(target)


@login_required
@require_POST
def request_check(request: HttpRequest, pk: int) -> HttpResponse:
    """The owner adds a reference check to a submission."""
    submission = get_object_or_404(Submission.objects.for_user(request.user), pk=pk)
    require(request.user, "vetting.request_check", submission)
    checked = submission.reference_checks.exclude(reference=None).values_list(
        "reference_id", flat=True
    )
    form = CheckRequestForm(
        request.POST, references=submission.consultant.references.all(), checked=checked
    )
    if not form.is_valid():
        messages.error(
            request,
            _(
                "Choose one of the references offered (consent given, not checked yet) and a "
                "channel."
            ),
        )
        return redirect("submissions:read", pk=submission.pk)
    try:
        check = services.check_request(
            submission=submission,
            reference=form.cleaned_data["reference"],
            by=request.user,
            channel=form.cleaned_data["channel"],
        )
    except services.ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            (
                _("%(name)s will be checked by phone call.")
                if check.channel == Channel.PHONE
                else _("%(name)s will be checked by web form.")
            )
            % {"name": check.referee_name},
        )
    return redirect("submissions:read", pk=submission.pk)
