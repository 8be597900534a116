"""Engagement pages for procurement (owners) and reviewers."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consultants.models import Consultant
from vetting import selectors, services
from vetting.access import can, engagement_or_404, require
from vetting.concurrency import StaleVersionError, refuse_stale
from vetting.forms import DeadlineForm, EngagementForm, InviteNewForm, InviteSearchForm
from vetting.models import Engagement, EngagementStatus
from vetting.pipeline import STAGES, Pipeline
from vetting.scoring.rubric import CRITERIA
from vetting.services.organisations import SESSION_KEY, current_organisation

# Invitations, the deadline and the brief change only while the round is a draft or open.
CHANGEABLE = (EngagementStatus.DRAFT, EngagementStatus.OPEN)


def _unchangeable(request: HttpRequest, engagement: Engagement, action: str) -> HttpResponse:
    """A closed or decided engagement: say so and what can still be done, instead of a form
    that would be refused only once filled in (409 for a POST from a stale page)."""
    context = {"engagement": engagement, "action": action}
    status = 409 if request.method == "POST" else 200
    return render(request, "engagements/unchangeable.html", context, status=status)


@login_required
def engagement_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "vetting.browse_engagements")
    context = {
        "engagements": selectors.engagement_list(request.user),
        "stages": STAGES,
        "can_create": can(request.user, "vetting.create_engagement"),
    }
    return render(request, "engagements/list.html", context)


@login_required
def engagement_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "vetting.create_engagement")
    chosen = (
        {"questionnaire": request.GET["questionnaire"]} if "questionnaire" in request.GET else {}
    )
    organisation = current_organisation(request.user, request.session.get(SESSION_KEY))
    form = EngagementForm(
        request.POST or None, owner=request.user, organisation=organisation, initial=chosen
    )
    form.weights_follow_template(request.path)
    if request.method == "POST" and form.is_valid():
        # Back then Save (Chromium fetches the form again), a reload or a double click posts
        # the same draft again: the service returns the one made moments ago.
        engagement, created = services.engagement_create(
            owner=request.user,
            data=form.cleaned_data,
            reviewers=form.cleaned_data["reviewers"],
            organisation=organisation,
        )
        if created:
            messages.success(
                request,
                _(
                    "The engagement is saved as a draft. Invite consultants, then open it: the "
                    "invitations go out when it opens."
                ),
            )
        else:
            messages.info(
                request,
                _(
                    "You created this engagement a moment ago with the same details: here it "
                    "is, and no copy was made. To run a second round like it, give it another "
                    "title."
                ),
            )
        return redirect(engagement)
    context = {"form": form, "criteria": CRITERIA}
    return render(request, "engagements/form.html", context)


@login_required
def engagement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    engagement = engagement_or_404(request.user, pk, perm="vetting.run_engagement")
    if engagement.status not in CHANGEABLE:
        return _unchangeable(request, engagement, _("Edit the engagement"))
    chosen = (
        {"questionnaire": request.GET["questionnaire"]} if "questionnaire" in request.GET else {}
    )
    form = EngagementForm(
        request.POST or None, instance=engagement, owner=engagement.owner, initial=chosen
    )
    form.weights_follow_template(request.path)
    if request.method == "POST" and form.is_valid():
        try:
            services.engagement_update(
                engagement=engagement,
                by=request.user,
                data=form.cleaned_data,
                reviewers=form.cleaned_data["reviewers"],
                expected_version=form.cleaned_data.get("version"),
            )
        except StaleVersionError as exc:
            refuse_stale(form, exc)
        except services.ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The engagement is saved."))
            return redirect(engagement)
    context = {"form": form, "engagement": engagement, "criteria": CRITERIA}
    return render(request, "engagements/form.html", context)


@login_required
def engagement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    engagement = engagement_or_404(request.user, pk)
    submissions = list(selectors.engagement_submissions(engagement))
    context = {
        "engagement": engagement,
        "submissions": submissions,
        "pipeline": Pipeline.of_statuses(s.status for s in submissions),
        "weights": engagement.criterion_weights,
        "is_owner": can(request.user, "vetting.run_engagement", engagement),
        "deadline_form": DeadlineForm(),
    }
    return render(request, "engagements/detail.html", context)


def _transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    engagement = engagement_or_404(request.user, pk, perm="vetting.run_engagement")
    service = {"open": services.engagement_open, "close": services.engagement_close}[action]
    try:
        service(engagement=engagement, by=request.user)
    except services.ServiceError as exc:
        messages.error(request, str(exc))
    else:
        done = {
            "open": _("The engagement is open. Invitations are on their way."),
            "close": _("The engagement is closed: nobody can change or submit answers now."),
        }
        messages.success(request, done[action])
    return redirect(engagement)


@login_required
@require_POST
def engagement_open(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(request, pk, "open")


@login_required
@require_POST
def engagement_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(request, pk, "close")


@login_required
def engagement_deadline(request: HttpRequest, pk: int) -> HttpResponse:
    engagement = engagement_or_404(request.user, pk, perm="vetting.run_engagement")
    if engagement.status not in CHANGEABLE:
        return _unchangeable(request, engagement, _("Extend the deadline"))
    form = DeadlineForm(request.POST or None, initial={"deadline": engagement.deadline})
    if request.method == "POST" and form.is_valid():
        try:
            services.engagement_extend_deadline(
                engagement=engagement, by=request.user, deadline=form.cleaned_data["deadline"]
            )
        except services.ServiceError as exc:
            form.add_error("deadline", str(exc))
        else:
            messages.success(request, _("The deadline is extended."))
            return redirect(engagement)
    return render(request, "engagements/deadline.html", {"engagement": engagement, "form": form})


@login_required
def engagement_invite(request: HttpRequest, pk: int) -> HttpResponse:
    """Invite from the directory (search, then one click) or a new person by email."""
    engagement = engagement_or_404(request.user, pk, perm="vetting.run_engagement")
    if engagement.status not in CHANGEABLE:
        return _unchangeable(request, engagement, _("Invite consultants"))
    search = InviteSearchForm(request.GET or None)
    text = search.cleaned_data.get("q", "") if search.is_valid() else ""
    new_form = InviteNewForm(request.POST if "invite_new" in request.POST else None)
    if request.method == "POST":
        try:
            if "consultant" in request.POST:
                consultant = get_object_or_404(Consultant, pk=request.POST["consultant"])
                submission = services.invite_existing(
                    engagement=engagement, by=request.user, consultant=consultant
                )
            elif new_form.is_valid():
                submission = services.invite_new(
                    engagement=engagement,
                    by=request.user,
                    name=new_form.cleaned_data["name"],
                    email=new_form.cleaned_data["email"],
                    language=new_form.cleaned_data["language"],
                )
            else:
                submission = None
        except services.AlreadyInvited as exc:
            messages.warning(request, str(exc))
            submission = None
        except services.ServiceError as exc:
            if new_form.is_bound:
                new_form.add_error("email", str(exc))
            else:
                messages.error(request, str(exc))
            submission = None
        if submission is not None:
            invited = (
                _("%(name)s is invited. The invitation email is on its way.")
                if engagement.status == EngagementStatus.OPEN
                else _("%(name)s is invited. The invitation goes out when you open the engagement.")
            )
            messages.success(request, invited % {"name": submission.consultant.name})
            query = f"?{urlencode({'q': text})}" if text else ""
            return redirect(request.path + query)
    context = {
        "engagement": engagement,
        "search": search,
        "text": text,
        "matches": list(selectors.invitable_consultants(engagement, text)) if text else [],
        "new_form": new_form,
        "submissions": list(selectors.engagement_submissions(engagement)),
    }
    template = "engagements/invite_matches.html" if request.htmx else "engagements/invite.html"
    return render(request, template, context)
