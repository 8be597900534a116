from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.decorators.cache import cache_page
from django_ratelimit.decorators import ratelimit

from vetting import i18n
from vetting.forms import (
    AdminSignInForm,
    SignInForm,
    WinnowPasswordChangeForm,
    WinnowPasswordResetForm,
    WinnowSetPasswordForm,
)
from vetting.views import (
    accounts,
    approvals,
    audit,
    benchmarks,
    clarifications,
    comments,
    commercial,
    copies,
    dashboard,
    delivery,
    engagements,
    evidence,
    exports,
    health,
    invitations,
    organisations,
    profiles,
    provisioning,
    questionnaires,
    references,
    reports,
    reviews,
    sso,
    submissions,
    tokens,
    value,
    vendors,
    webhooks,
)

password_reset = ratelimit(key="ip", rate=settings.PASSWORD_RESET_RATE, method="POST", block=True)(
    auth_views.PasswordResetView.as_view(
        email_template_name="emails/password_reset.txt",
        html_email_template_name="emails/password_reset.html",
        subject_template_name="emails/password_reset_subject.txt",
        form_class=WinnowPasswordResetForm,
        extra_email_context={"site_name": settings.SITE_NAME, "site_url": settings.SITE_URL},
    )
)

# Routed approvals of decisions: the decisions waiting on me, and one with its route.
approval_urls = [
    path("", approvals.my_approvals, name="mine"),
    path("<int:pk>/", approvals.approval_detail, name="detail"),
    path("<int:pk>/answer/", approvals.approval_answer, name="answer"),
]

engagement_urls = [
    path("", engagements.engagement_list, name="list"),
    path("new/", engagements.engagement_create, name="create"),
    path("<int:pk>/", engagements.engagement_detail, name="detail"),
    path("<int:pk>/edit/", engagements.engagement_edit, name="edit"),
    path("<int:pk>/open/", engagements.engagement_open, name="open"),
    path("<int:pk>/close/", engagements.engagement_close, name="close"),
    path("<int:pk>/deadline/", engagements.engagement_deadline, name="deadline"),
    path("<int:pk>/invite/", engagements.engagement_invite, name="invite"),
    path("<int:pk>/commercial/", commercial.commercial_settings, name="commercial"),
    path("<int:pk>/approval-route/", approvals.approval_route, name="approval_route"),
    path("<int:pk>/calibration/", reviews.calibration, name="calibration"),
    path("<int:pk>/audit/", audit.engagement_audit, name="audit"),
    path("<int:pk>/ranking/", dashboard.ranking, name="ranking"),
    path("<int:pk>/value/", value.value, name="value"),
    path("<int:pk>/compare/", dashboard.compare, name="compare"),
    path("<int:pk>/export/<str:fmt>/", exports.export, name="export"),
    path("<int:pk>/report/", reports.engagement_report, name="report"),
    path("exports/<int:export_id>/", exports.export_status, name="export_status"),
    path("exports/<int:export_id>/download/", exports.export_download, name="export_download"),
]

submission_urls = [
    path("<int:pk>/", submissions.read, name="read"),
    path("<int:pk>/answer/", submissions.answer, name="answer"),
    path("<int:pk>/answers/<slug:key>/", submissions.save_answer, name="save_answer"),
    path("<int:pk>/answers/<slug:key>/files/", submissions.attach_evidence, name="evidence_attach"),
    path(
        "<int:pk>/answers/<slug:key>/files/<int:file_id>/remove/",
        submissions.remove_evidence,
        name="evidence_remove",
    ),
    path("files/<int:file_id>/", evidence.download, name="evidence"),
    path("<int:pk>/copy/", submissions.copy_answers, name="copy"),
    path("<int:pk>/submit/", submissions.submit, name="submit"),
    path("<int:pk>/withdraw/", submissions.withdraw, name="withdraw"),
    path("<int:pk>/references/", submissions.choose_references, name="references"),
    path("<int:pk>/proposal/", commercial.proposal, name="proposal"),
    path("<int:pk>/review/", reviews.review, name="review"),
    path("<int:pk>/score/", reviews.score, name="score"),
    path("<int:pk>/copies/", copies.copies, name="copies"),
    path("<int:pk>/report/", reports.submission_report, name="report"),
    path("<int:pk>/consensus/", reviews.consensus, name="consensus"),
    path("<int:pk>/decide/", dashboard.decide, name="decide"),
    path("<int:pk>/clarifications/", clarifications.clarifications, name="clarifications"),
    path("<int:pk>/clarifications/ask/", clarifications.ask, name="clarification_ask"),
    path("clarifications/<int:pk>/reply/", clarifications.reply, name="clarification_reply"),
    path("clarifications/<int:pk>/accept/", clarifications.accept, name="clarification_accept"),
    path(
        "clarifications/<int:pk>/follow-up/",
        clarifications.follow_up,
        name="clarification_follow_up",
    ),
    path(
        "clarifications/<int:pk>/withdraw/", clarifications.withdraw, name="clarification_withdraw"
    ),
]

check_urls = [
    path("calls/", references.calls, name="calls"),
    path("checks/<int:pk>/", references.detail, name="detail"),
    path("checks/<int:pk>/claim/", references.claim, name="claim"),
    path("checks/<int:pk>/release/", references.release, name="release"),
    path("checks/<int:pk>/unreachable/", references.unreachable, name="unreachable"),
    path("checks/<int:pk>/attempts/", references.log_attempt, name="attempt"),
    path("checks/<int:pk>/record/", references.record, name="record"),
    path("checks/<int:pk>/review/", references.review_notes, name="review"),
    path("checks/<int:pk>/channel/", references.set_channel, name="channel"),
    path("flags/<int:pk>/clear/", references.clear_flag, name="clear_flag"),
    path("discrepancies/", audit.discrepancies, name="discrepancies"),
    path("reviews/", reviews.queue, name="reviews"),
    path("reviews/<int:pk>/override/", reviews.override_conflict, name="override"),
    path("submissions/<int:pk>/checks/", references.request_check, name="request"),
]

# Internal comments (the buyer's people only) and each person's @mentions.
comment_urls = [
    path("submissions/<int:pk>/comments/", comments.on_submission, name="submission"),
    path("checks/<int:pk>/comments/", comments.on_check, name="check"),
    path("submissions/<int:pk>/decision/comments/", comments.on_decision, name="decision"),
    path("comments/<int:pk>/edit/", comments.edit, name="edit"),
    path("comments/<int:pk>/remove/", comments.remove, name="remove"),
    path("mentions/", comments.mentions, name="mentions"),
    path("mentions/read/", comments.mentions_read, name="mentions_read"),
    path("mentions/<int:pk>/open/", comments.mention_open, name="mention_open"),
]

organisation_urls = [
    path("", organisations.members, name="members"),
    path("members/<int:pk>/role/", organisations.member_role, name="member_role"),
    path("members/<int:pk>/remove/", organisations.member_remove, name="member_remove"),
    path("switch/", organisations.switch, name="switch"),
    path("provisioning/", provisioning.provisioning, name="provisioning"),
    path(
        "provisioning/tokens/",
        provisioning.provisioning_token_create,
        name="provisioning_token_create",
    ),
    path(
        "provisioning/tokens/<int:pk>/revoke/",
        provisioning.provisioning_token_revoke,
        name="provisioning_token_revoke",
    ),
    path("sso/", sso.sso_settings, name="sso"),
    path("webhooks/", webhooks.webhooks, name="webhooks"),
    path("webhooks/new/", webhooks.webhook_create, name="webhook_create"),
    path("webhooks/<int:pk>/", webhooks.webhook, name="webhook"),
    path("webhooks/<int:pk>/rotate/", webhooks.webhook_rotate, name="webhook_rotate"),
    path("webhooks/<int:pk>/ping/", webhooks.webhook_ping, name="webhook_ping"),
    path("webhooks/<int:pk>/disable/", webhooks.webhook_disable, name="webhook_disable"),
    path("webhooks/<int:pk>/enable/", webhooks.webhook_enable, name="webhook_enable"),
    path(
        "webhooks/<int:pk>/deliveries/<int:delivery>/",
        webhooks.webhook_delivery,
        name="webhook_delivery",
    ),
    path(
        "webhooks/<int:pk>/deliveries/<int:delivery>/redeliver/",
        webhooks.webhook_redeliver,
        name="webhook_redeliver",
    ),
]

# The approved-vendor register and re-vetting.
vendor_urls = [
    path("vendors/", vendors.register, name="register"),
    path("vendors/settings/", vendors.register_settings, name="settings"),
    path("vendors/<int:pk>/", vendors.detail, name="detail"),
    path("vendors/<int:pk>/revet/", vendors.revet, name="revet"),
    path("vendors/<int:pk>/remove/", vendors.remove, name="remove"),
    path("submissions/<int:pk>/differences/", vendors.differences, name="differences"),
    path("submissions/<int:pk>/changes/", vendors.changes, name="changes"),
]

# Delivery reviews of hired consultants and the organisation's outcome report.
delivery_urls = [
    path("delivery-reviews/", delivery.reviews, name="list"),
    path("delivery-reviews/<int:pk>/", delivery.review, name="detail"),
    path("delivery-reviews/<int:pk>/schedule/", delivery.schedule, name="schedule"),
    path("outcomes/", delivery.report, name="report"),
    path("outcomes/report.csv", delivery.report_csv, name="report_csv"),
    path("outcomes/adopt/", delivery.adopt, name="adopt"),
]

# Verified profiles: the consultant's links, the public page a link opens, the owner's
# release of a score, an organisation's consent to be named.
profile_urls = [
    path("my/verified-profile/", profiles.links, name="links"),
    path("my/verified-profile/<int:pk>/", profiles.link_views, name="link_views"),
    path("my/verified-profile/<int:pk>/revoke/", profiles.link_revoke, name="link_revoke"),
    path("verified/<str:token>/", profiles.public, name="public"),
    path("submissions/<int:pk>/score/release/", profiles.score_release, name="score_release"),
    path("organisation/verified-profiles/", profiles.organisation_consent, name="consent"),
]

template_urls = [
    path("", questionnaires.template_list, name="list"),
    path("new/", questionnaires.template_create, name="create"),
    path("import/", questionnaires.template_import, name="import"),
    path("<int:pk>/", questionnaires.template_detail, name="detail"),
    path("<int:pk>/preview/", questionnaires.template_preview, name="preview"),
    path("<int:pk>/export/", questionnaires.template_export, name="export"),
    path("<int:pk>/publish/", questionnaires.template_publish, name="publish"),
    path("<int:pk>/new-version/", questionnaires.template_new_version, name="new_version"),
    path("<int:pk>/questions/new/", questionnaires.question_add, name="question_add"),
    path("<int:pk>/criteria/new/", questionnaires.criterion_add, name="criterion_add"),
    path("<int:pk>/criteria/<slug:key>/", questionnaires.criterion_edit, name="criterion_edit"),
    path(
        "<int:pk>/criteria/<slug:key>/delete/",
        questionnaires.criterion_delete,
        name="criterion_delete",
    ),
    path(
        "<int:pk>/questions/<int:question_pk>/",
        questionnaires.question_edit,
        name="question_edit",
    ),
    path(
        "<int:pk>/questions/<int:question_pk>/<slug:action>/",
        questionnaires.question_action,
        name="question_action",
    ),
]

urlpatterns = [
    path("", accounts.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("language/", i18n.set_language, name="set_language"),
    # The pages' scripts' words in the page's language (cached per language and catalogue).
    path(
        "jsi18n/<str:language>/",
        cache_page(24 * 3600, key_prefix=f"jsi18n-{i18n.catalogue_version()}")(
            i18n.javascript_catalog
        ),
        name="javascript-catalog",
    ),
    path("home/", dashboard.procurement_home, name="procurement_home"),
    path("accounts/signup/", accounts.signup, name="signup"),
    path("accounts/signup/done/", accounts.signup_done, name="signup_done"),
    path("accounts/signup/<str:token>/", accounts.signup_confirm, name="signup_confirm"),
    # Django's auth views, with every field bounded (vetting.forms).
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=SignInForm),
        name="login",
    ),
    path(
        "accounts/password_change/",
        auth_views.PasswordChangeView.as_view(form_class=WinnowPasswordChangeForm),
        name="password_change",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(form_class=WinnowSetPasswordForm),
        name="password_reset_confirm",
    ),
    path("accounts/password_reset/", password_reset, name="password_reset"),
    path("accounts/tokens/", tokens.token_list, name="api_tokens"),
    path("accounts/tokens/new/", tokens.token_create, name="api_token_create"),
    path("accounts/tokens/<slug:digest>/revoke/", tokens.token_revoke, name="api_token_revoke"),
    path("accounts/sso/", sso.sso_start, name="sso_start"),
    # Single sign-on: django-allauth's OpenID Connect (accounts/oidc/<slug>/login/callback/)
    # and SAML (accounts/saml/<slug>/acs/) endpoints only, none of its password pages.
    path(
        "accounts/saml/<str:organization_slug>/acs/finish/",
        sso.saml_finish,
        name="saml_finish_acs",
    ),
    path("accounts/", include("allauth.socialaccount.providers.openid_connect.urls")),
    path("accounts/", include("allauth.socialaccount.providers.saml.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("consultants.urls")),
    path("engagements/", include((engagement_urls, "engagements"))),
    path("questionnaires/", include((template_urls, "questionnaires"))),
    path("approvals/", include((approval_urls, "approvals"))),
    path("organisation/", include((organisation_urls, "organisation"))),
    path("submissions/", include((submission_urls, "submissions"))),
    path("my/invitations/", submissions.my_invitations, name="my_invitations"),
    path("", include((check_urls, "checks"))),
    path("", include((comment_urls, "comments"))),
    path("", include((vendor_urls, "vendors"))),
    path("", include((profile_urls, "profiles"))),
    path("", include((delivery_urls, "delivery"))),
    path(
        "benchmarks/",
        include(([path("", benchmarks.organisation, name="organisation")], "benchmarks")),
    ),
    path(
        "r/",
        include(([path("<str:token>/", references.referee_form, name="form")], "referee")),
    ),
    path(
        "invitations/",
        include(([path("<str:token>/", invitations.accept, name="accept")], "invitations")),
    ),
    path("api/", include(("vetting.api.urls", "api"))),
    # SCIM 2.0 for each organisation's identity provider, with the organisation's token.
    path("scim/v2/<slug:organisation>/", include(("vetting.scim.urls", "scim"))),
    path("admin/", admin.site.urls),
]

admin.site.login_form = AdminSignInForm

handler403 = "vetting.views.errors.forbidden"
handler500 = "vetting.views.errors.server_error"
