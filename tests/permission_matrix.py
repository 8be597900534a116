"""The permission matrix: who may reach every page and every API operation of Winnow.

One row per request (a page by its URL name, or an API operation by method and path), one
column per relation a person can have to the object asked for, in the order of
`tests.api_world.ROLES`:

    own  the owner: procurement, runs the round
    bef  reviewer_before: on the panel, has not submitted their review of the consultant
    aft  reviewer_after: on the panel (a manager), has submitted theirs
    mgr  manager_off: a manager on no panel (runs the reference calls of every round)
    opr  other_procurement: procurement of a second buyer organisation, running its own round
    con  consultant: the object's own consultant
    per  other_consultant: a peer (submitted to the same round)
    out  outsider: signed in, no role
    ano  anonymous
    stf  staff (Django admin)

Each cell is the status the request gets: `in` is a redirect to the sign-in page (where
every page sends an anonymous visitor; the API answers 401 instead). The rules, from
`vetting.access`: an object a person may not see does not exist for them (404, never 403);
a person who sees it but may not act on it is refused (403); a rule of the process that
forbids the action now is a 409 (API) or a message on the page it redirects to (302).

Paths starting with "/" are API operations under /api/v1 (unless they start with /api/);
`{name}` is an object of the world in tests/api_world.py (`{sub}` the consultant's submitted
self-assessment, `{draft}` their draft in a second round, `{decided}` the peer's, ...). A row
with a body sends it (JSON for the API, a form for pages) so that the status depends on the
permission, not on a missing field. tests/test_permission_matrix.py requests every row as
every column, and fails when a URL pattern or an API operation of the schema has no row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from tests.api_world import REFEREE_ANSWERS, ROLES
from tests.factories import ALL_FOURS

SIGN_IN = "in"  # 302 to the sign-in page, with ?next= the page asked for


@dataclass(frozen=True)
class Row:
    request: str  # "post engagements:open {second}" or "post /engagements/{second}/open/"
    expect: str  # one status per column
    data: Any = None

    def __str__(self) -> str:
        return self.request

    @property
    def method(self) -> str:
        return self.request.split()[0]

    @property
    def target(self) -> str:
        """The URL name of a page, or the path of an API operation."""
        return self.request.split()[1]

    @property
    def is_api(self) -> bool:
        return self.target.startswith("/")

    def url(self, ids: dict[str, Any]) -> str:
        if self.is_api:
            path = self.target.format_map(ids)
            return path if path.startswith("/api/") else "/api/v1" + path
        words = self.request.split()[2:]
        args = [word.format_map(ids) for word in words if not word.startswith("?")]
        query = "".join(word.format_map(ids) for word in words if word.startswith("?"))
        return reverse(self.target, args=args) + query

    def body(self, ids: dict[str, Any]) -> Any:
        return _filled(self.data, ids)

    @property
    def expected(self) -> dict[str, str]:
        return dict(zip(ROLES, self.expect.split(), strict=True))


def _filled(data: Any, ids: dict[str, Any]) -> Any:
    """Ids in a body: "{sub}" becomes that object's id."""
    if isinstance(data, dict):
        return {k: _filled(v, ids) for k, v in data.items()}
    if isinstance(data, list):
        return [_filled(v, ids) for v in data]
    if isinstance(data, str) and data.startswith("{") and data.endswith("}"):
        return ids[data[1:-1]]
    return data


NEW_ENGAGEMENT = {
    "title": "Community building for Ledgerly",
    "target_market": "Finance teams at UK software companies.",
    "goals": "Two hundred qualified demo requests a quarter.",
    "timing": "Start in March.",
    "deadline": "2099-01-01T12:00:00",
}
NEW_REFERENCE = {
    "name": "Dana Reed",
    "email": "dana@client.example",
    "company": "Payroll Co",
    "role": "CMO",
    "relationship": "client",
    "period_from": "2022-01-01",
    "can_confirm": "Our demo requests from LinkedIn doubled in her first year.",
    "consent_to_contact": True,
}
PROFILE = {"name": "Clara Okafor", "email": "clara@example.com", "headline": "Social, measured"}
RENAMED = {"title": "Renamed"}
NEW_TEMPLATE = {"title": "Bank social media"}
NEW_QUESTION = {"prompt": "Which tools?", "kind": "short_text", "criterion": "business_background"}
NEW_CRITERION = {"label": "Regulated industries", "summary": "Banks, insurers.", "weight": 10}
LATER = {"deadline": (timezone.now() + timedelta(days=30)).isoformat()}
INVITE = {"name": "Nia Obi", "email": "nia@agency.example"}
SEVEN = {"years_social_media": "7"}
ASK = {"subject": "first_steps", "text": "Who does the day-to-day work?", "due_on": "2099-01-01"}
FOLLOW_UP = {"text": "Which of our people, exactly?", "due_on": "2099-01-01"}
ATTACH = {"item": "0", "accomplishments-rows": "1"}  # no file: the page says to choose one
NINE = {"value": "9"}
CONSENSUS = {"criterion": "references", "rating": 4, "reason": "We agreed on the call."}
CHECK_FOURTH = {"reference": "{fourth}", "channel": "web"}
RATE = {"ratings": {"references": 3}}
REVIEW = {"ratings": ALL_FOURS, "recommendation": "yes"}
NO_CONFLICT = {"has_conflict": False}
OVERRIDE = {"reason": "It was years ago."}
ATTEMPT = {"outcome": "no_answer"}
CALL = {**REFEREE_ANSWERS, "call_notes": "All confirmed."}
NOTES = {"comment": "Consistent with the claims."}
PHONE = {"channel": "phone"}
CLEAR = {"note": "Same office, another firm."}
OUTCOME = {"outcome": "shortlisted", "rationale": "Best fit.", "approver": "{owner}"}
DECIDE = {"submission": "{sub}", **OUTCOME}
COMMENT = {"body": "Worth a second call?"}
PROPOSAL = {
    "pricing_model": "day_rate",
    "currency": "EUR",
    "minimum_term_months": 0,
    "notice_period_days": 14,
    "lines": [{"description": "Workshop", "quantity": "2", "unit_price": "900", "unit": "day"}],
}
PROPOSAL_FORM = {
    "pricing_model": "day_rate",
    "currency": "EUR",
    "minimum_term_months": "0",
    "notice_period_days": "14",
    "lines-TOTAL_FORMS": "1",
    "lines-INITIAL_FORMS": "0",
    "lines-0-description": "Workshop",
    "lines-0-quantity": "2",
    "lines-0-unit_price": "900",
    "lines-0-unit": "day",
}
COMMERCIAL = {
    "term_months": "12",
    "price_weight": "20",
    "price_visibility": "after_review",
    "rates-TOTAL_FORMS": "1",
    "rates-INITIAL_FORMS": "0",
    "rates-0-currency": "EUR",
    "rates-0-rate": "0.85",
}

# fmt: off
MATRIX = [
    #                                               own bef aft mgr opr con per out ano stf
    # Landing, health and accounts
    Row("get home",                                 "302 302 302 302 302 302 302 200 200 302"),
    Row("get healthz",                              "200 200 200 200 200 200 200 200 200 200"),
    # The language switcher (saves a signed-in person's choice) and the scripts' words.
    Row("get set_language",                         "405 405 405 405 405 405 405 405 405 405"),
    Row("post set_language",                        "302 302 302 302 302 302 302 302 302 302",
        data={"language": "de", "next": "/"}),
    Row("get javascript-catalog de",                "200 200 200 200 200 200 200 200 200 200"),
    Row("get procurement_home",                     "200 200 200 200 200 403 403 403 in  200"),
    Row("get signup",                               "302 302 302 302 302 302 302 302 200 302"),
    Row("get signup_done",                          "200 200 200 200 200 200 200 200 200 200"),
    Row("get signup_confirm {signup}",              "302 302 302 302 302 302 302 302 200 302"),
    Row("get login",                                "200 200 200 200 200 200 200 200 200 200"),
    Row("post logout",                              "302 302 302 302 302 302 302 302 302 302"),
    Row("get password_change",                      "200 200 200 200 200 200 200 200 in  200"),
    Row("get password_change_done",                 "200 200 200 200 200 200 200 200 in  200"),
    Row("get password_reset",                       "200 200 200 200 200 200 200 200 200 200"),
    Row("get password_reset_done",                  "200 200 200 200 200 200 200 200 200 200"),
    Row("get password_reset_confirm {uid} {reset}", "302 302 302 302 302 302 302 302 302 302"),
    Row("get password_reset_complete",              "200 200 200 200 200 200 200 200 200 200"),
    # API tokens: everyone has their own; the owner's cannot be revoked by anyone else
    Row("get api_tokens",                           "200 200 200 200 200 200 200 200 in  200"),
    Row("post api_token_create",                    "200 200 200 200 200 200 200 200 in  200"),
    Row("post api_token_revoke {digest}",           "302 404 404 404 404 404 404 404 in  404"),
    # The consultant's profile and references: the buyer side reads, only they (or staff)
    # change them; a peer or an outsider finds nothing
    Row("get consultants:directory",                "200 200 200 200 200 403 403 403 in  200"),
    Row("get consultants:detail {cons}",            "200 200 200 200 404 200 404 404 in  200"),
    Row("get consultants:history {cons}",           "200 200 200 200 404 200 404 404 in  200"),
    Row("get consultants:edit {cons}",              "403 403 403 403 404 200 404 404 in  200"),
    Row("post consultants:edit {cons}",             "403 403 403 403 404 200 404 404 in  200",
        PROFILE),
    Row("get consultants:reference_create {cons}",  "403 403 403 403 404 200 404 404 in  200"),
    Row("get consultants:reference_edit {ref}",     "403 403 403 403 404 200 404 404 in  200"),
    Row("get consultants:reference_delete {fourth}",
                                                    "403 403 403 403 404 200 404 404 in  200"),
    Row("post consultants:reference_delete {fourth}",
                                                    "403 403 403 403 404 302 404 404 in  302"),
    Row("get consultants:mine",                     "404 404 404 404 404 302 302 404 in  404"),
    # Questionnaire templates: procurement builds their own ({tpl}, the owner's draft with one
    # question {tq}) on the core one ({core}); nobody else sees a buyer's template, staff see
    # it but only its owner changes it
    Row("get questionnaires:list",                  "200 200 403 403 200 403 403 403 in  200"),
    Row("post questionnaires:create",               "302 302 403 403 302 403 403 403 in  302",
        NEW_TEMPLATE),
    Row("post questionnaires:import",               "422 422 403 403 422 403 403 403 in  422"),
    Row("get questionnaires:detail {core}",         "200 200 404 404 200 404 404 404 in  200"),
    Row("get questionnaires:detail {tpl}",          "200 404 404 404 404 404 404 404 in  200"),
    Row("get questionnaires:preview {tpl}",         "200 404 404 404 404 404 404 404 in  200"),
    Row("get questionnaires:export {tpl}",          "200 404 404 404 404 404 404 404 in  200"),
    Row("post questionnaires:publish {tpl}",        "302 404 404 404 404 404 404 404 in  403"),
    Row("post questionnaires:new_version {core}",   "302 302 404 404 302 404 404 404 in  302"),
    Row("get questionnaires:question_add {tpl}",    "200 404 404 404 404 404 404 404 in  403"),
    Row("post questionnaires:question_add {tpl}",   "302 404 404 404 404 404 404 404 in  403",
        NEW_QUESTION),
    Row("get questionnaires:question_edit {tpl} {tq}",
                                                    "200 404 404 404 404 404 404 404 in  403"),
    Row("post questionnaires:question_action {tpl} {tq} up",
                                                    "302 404 404 404 404 404 404 404 in  403"),
    Row("get questionnaires:criterion_add {tpl}",   "200 404 404 404 404 404 404 404 in  403"),
    Row("post questionnaires:criterion_add {tpl}",  "302 404 404 404 404 404 404 404 in  403",
        NEW_CRITERION),
    Row("get questionnaires:criterion_edit {tpl} {crit}",
                                                    "200 404 404 404 404 404 404 404 in  403"),
    Row("post questionnaires:criterion_edit {tpl} {crit}",
                                                    "302 404 404 404 404 404 404 404 in  403",
        NEW_CRITERION),
    Row("post questionnaires:criterion_delete {tpl} {crit}",
                                                    "302 404 404 404 404 404 404 404 in  403"),
    # Buyer organisations: the owner is the default one's admin, the panel and the caller
    # its members; the other procurement user is in a second organisation (its own members
    # page); consultants and outsiders are in none; staff in none either
    Row("get organisation:members",                 "200 200 200 200 200 404 404 404 in  404"),
    Row("post organisation:members",                "302 403 403 403 302 404 404 404 in  404",
        {"email": "new@example.com", "name": "New Person", "role": "reviewer"}),
    Row("post organisation:member_role {mem}",      "302 403 403 403 404 404 404 404 in  404",
        {"role": "reviewer"}),
    Row("post organisation:member_remove {mem}",    "302 403 403 403 404 404 404 404 in  404"),
    Row("post organisation:switch",                 "302 302 302 302 404 404 404 404 in  404",
        {"organisation": "{org}"}),
    # ... its single sign-on: its admins set it up (the other organisation's admin gets their
    # own organisation's page); anyone may start a sign-in with an organisation's provider.
    # allauth's provider endpoints answer 404 for an organisation without single sign-on
    # (the world's), whoever asks; the SAML ACS keeps the posted answer and redirects to its
    # finish, which then finds none (tests/test_sso_*.py sign in through them for real)
    Row("get organisation:sso",                     "200 403 403 403 200 404 404 404 in  404"),
    Row("post organisation:sso",                    "302 403 403 403 302 404 404 404 in  404",
        {"protocol": "oidc", "groups_claim": "groups", "domains": "example.com",
         "password_sign_in": "on"}),
    Row("get sso_start",                            "200 200 200 200 200 200 200 200 200 200"),
    Row("post sso_start",                           "422 422 422 422 422 422 422 422 422 422",
        {"who": "nobody@nowhere.test"}),
    Row("get openid_connect_login default",         "404 404 404 404 404 404 404 404 404 404"),
    Row("get openid_connect_callback default",      "404 404 404 404 404 404 404 404 404 404"),
    Row("get saml_login default",                   "404 404 404 404 404 404 404 404 404 404"),
    Row("get saml_acs default",                     "302 302 302 302 302 302 302 302 302 302"),
    Row("post saml_acs default",                    "302 302 302 302 302 302 302 302 302 302"),
    Row("get saml_finish_acs default",              "404 404 404 404 404 404 404 404 404 404"),
    Row("get saml_sls default",                     "404 404 404 404 404 404 404 404 404 404"),
    Row("get saml_metadata default",                "404 404 404 404 404 404 404 404 404 404"),
    # The approved-vendor register ({vendor}: the consultant, in the default organisation's):
    # its members read it (the other organisation's procurement, their own empty one), its
    # admins set the cadence and remove vendors, the owner of the round they came from (and
    # the admins) start a re-vetting round; staff see every entry but belong to no register.
    # {draft} re-vets the consultant: its differences are the buyer side's (the consultant
    # sees their submission but not this page: 403), what changed is the consultant's to say
    Row("get vendors:register",                     "200 200 200 200 200 404 404 404 in  404"),
    Row("post vendors:settings",                    "302 403 403 403 302 404 404 404 in  404",
        {"revetting_months": "12", "reference_max_age_months": "12"}),
    Row("get vendors:detail {vendor}",              "200 200 200 200 404 404 404 404 in  200"),
    Row("post vendors:revet {vendor}",              "302 403 403 403 404 404 404 404 in  302"),
    Row("post vendors:remove {vendor}",             "302 403 403 403 404 404 404 404 in  302",
        {"reason": "The contract ended.", "version": "1"}),
    Row("get vendors:differences {draft}",          "200 200 200 404 404 403 404 404 in  200"),
    # Delivery reviews (of the consultant, in the default organisation): its procurement
    # people and managers read them, the round's owner (and admins, staff) rate and move
    # them; never the consultant, a peer or another organisation. The outcome report is
    # the organisation's one works in (the other procurement user gets their own's, and
    # adopting is refused there, too few hires: 422); staff in none find none.
    Row("get delivery:list",                        "200 200 200 200 200 403 403 403 in  200"),
    Row("get delivery:detail {delivery}",           "200 200 200 200 404 404 404 404 in  200"),
    Row("post delivery:detail {delivery}",          "302 403 403 403 404 404 404 404 in  302",
        {"summary": "Two of three first steps done."}),
    Row("post delivery:schedule {delivery}",        "302 403 403 403 404 404 404 404 in  302",
        {"due_on": "2099-01-01"}),
    Row("get delivery:report",                      "200 200 200 200 200 404 404 404 in  404"),
    Row("get delivery:report_csv",                  "200 200 200 200 200 404 404 404 in  404"),
    Row("post delivery:adopt",                      "422 403 403 403 422 404 404 404 in  404",
        {"name": "Outcome weighting"}),
    Row("post vendors:changes {draft}",             "403 403 403 404 404 302 404 404 in  403",
        {"changes": "A new client."}),
    # Claim-level reference benchmarks: the organisation's procurement people, admins and
    # managers read its table (the other organisation's procurement, their own); staff
    # belong to no organisation's page but read any through the API. A submission's lines
    # show where what referees said does (blind: 404 before one's own review)
    Row("get benchmarks:organisation",              "200 200 200 200 200 404 404 404 in  404"),
    # Engagements: the owner (and staff) run them, the panel reads them
    Row("get engagements:list",                     "200 200 200 200 200 403 403 403 in  200"),
    Row("get engagements:create",                   "200 200 403 403 200 403 403 403 in  200"),
    Row("get engagements:detail {eng}",             "200 200 200 404 404 404 404 404 in  200"),
    Row("get engagements:edit {eng}",               "200 403 403 404 404 404 404 404 in  200"),
    Row("post engagements:open {second}",           "302 403 403 404 404 404 404 404 in  302"),
    Row("post engagements:close {second}",          "302 403 403 404 404 404 404 404 in  302"),
    Row("get engagements:deadline {eng}",           "200 403 403 404 404 404 404 404 in  200"),
    Row("get engagements:invite {eng}",             "200 403 403 404 404 404 404 404 in  200"),
    Row("get engagements:commercial {eng}",         "200 403 403 404 404 404 404 404 in  200"),
    Row("post engagements:commercial {eng}",        "302 403 403 404 404 404 404 404 in  302",
        COMMERCIAL),
    # ... its approval route (the owner's setting; {routed} has a decision waiting on it)
    Row("get engagements:approval_route {routed}",  "200 403 403 404 404 404 404 404 in  200"),
    Row("post engagements:approval_route {eng}",    "302 403 403 404 404 404 404 404 in  302",
        {"label_1": "Budget holder", "approver_1": "{owner}"}),
    Row("post engagements:approval_route {routed}", "422 403 403 404 404 404 404 404 in  422",
        {"label_1": "Budget holder", "approver_1": "{owner}"}),
    # Routed approvals: whoever sees the round's decisions, and the route's approvers (the
    # manager off the panel approves step 2), see one; only the current step's approver
    # (the reviewer after) answers it
    Row("get approvals:mine",                       "200 200 200 200 200 403 403 403 in  200"),
    Row("get approvals:detail {approval}",          "200 200 200 200 404 404 404 404 in  200"),
    Row("post approvals:answer {approval}",         "403 403 302 403 404 404 404 404 in  403",
        {"answer": "approved"}),
    # ... its ranking, compare, reports and exports (blind for the reviewer before: see
    # tests/test_blind_review.py for what they show)
    Row("get engagements:calibration {eng}",        "200 200 200 404 404 404 404 404 in  200"),
    Row("get engagements:audit {eng}",              "200 200 200 404 404 404 404 404 in  200"),
    Row("get engagements:ranking {eng}",            "200 200 200 404 404 404 404 404 in  200"),
    # The value page answers the panel too; what it shows is blind-aware (see its tests)
    Row("get engagements:value {eng}",              "200 200 200 404 404 404 404 404 in  200"),
    Row("get engagements:compare {eng} ?{pair}",    "200 200 200 404 404 404 404 404 in  200"),
    Row("post engagements:export {eng} csv",        "200 200 200 404 404 404 404 404 in  200"),
    Row("post engagements:export {eng} xlsx",       "200 200 200 404 404 404 404 404 in  200"),
    Row("get engagements:report {eng}",             "200 200 200 404 404 404 404 404 in  200"),
    # A background export holds the scores its requester (the owner) may see: theirs alone
    Row("get engagements:export_status {export}",   "200 404 404 404 404 404 404 404 in  200"),
    Row("get engagements:export_download {export}", "200 404 404 404 404 404 404 404 in  200"),
    # Submissions: the consultant answers their own (the draft's page leads to the form);
    # the buyer side of the round reads them
    Row("get submissions:read {sub}",               "200 200 200 404 404 200 404 404 in  200"),
    Row("get submissions:read {draft}",             "200 200 200 404 404 302 404 404 in  200"),
    Row("get submissions:answer {draft}",           "403 403 403 404 404 200 404 404 in  403"),
    Row("post submissions:save_answer {draft} {key}",
                                                    "403 403 403 404 404 200 404 404 in  403",
        SEVEN),
    Row("post submissions:copy {draft}",            "403 403 403 404 404 302 404 404 in  403"),
    Row("post submissions:submit {draft}",          "403 403 403 404 404 422 404 404 in  403"),
    Row("post submissions:withdraw {draft}",        "403 403 403 404 404 302 404 404 in  403"),
    Row("post submissions:references {draft}",      "403 403 403 404 404 302 404 404 in  403"),
    # ... their evidence files: downloaded where the answers are read, attached and removed
    # by the consultant alone while a draft
    Row("get submissions:evidence {evid}",          "200 200 200 404 404 200 404 404 in  200"),
    Row("get submissions:evidence {devid}",         "200 200 200 404 404 200 404 404 in  200"),
    Row("post submissions:evidence_attach {draft} accomplishments",
                                                    "403 403 403 404 404 200 404 404 in  403",
        ATTACH),
    Row("post submissions:evidence_remove {draft} accomplishments {devid}",
                                                    "403 403 403 404 404 200 404 404 in  403",
        ATTACH),
    # ... reviewed by the owner and the panel (staff review only when on it); the score
    # page sends a reviewer before to their review. The buyer's pages of a submission do
    # not exist for its consultant, not even their own.
    Row("get submissions:review {sub}",             "200 200 200 404 404 404 404 404 in  403"),
    Row("get submissions:score {sub}",              "200 302 200 404 404 404 404 404 in  200"),
    # Copied answers: part of the card (blind: 404 before one's own review, as for the card)
    Row("get submissions:copies {sub}",             "200 404 200 404 404 404 404 404 in  200"),
    Row("get submissions:report {sub}",             "200 200 200 404 404 404 404 404 in  200"),
    Row("post submissions:consensus {sub}",         "302 403 403 404 404 404 404 404 in  302",
        CONSENSUS),
    Row("get submissions:decide {sub}",             "200 403 403 404 404 404 404 404 in  200"),
    Row("post submissions:decide {sub}",            "302 403 403 404 404 404 404 404 in  302",
        OUTCOME),
    # ... their commercial proposal: the consultant fills it in beside their answers while a
    # draft (read-only once submitted); the buyer side reads it on the submission page
    Row("get submissions:proposal {draft}",         "403 403 403 404 404 200 404 404 in  403"),
    Row("post submissions:proposal {draft}",        "403 403 403 404 404 302 404 404 in  403",
        PROPOSAL_FORM),
    Row("get submissions:proposal {sub}",           "403 403 403 404 404 200 404 404 in  403"),
    Row("post submissions:proposal {sub}",          "403 403 403 404 404 302 404 404 in  403",
        PROPOSAL_FORM),
    Row("get my_invitations",                       "403 403 403 403 403 200 200 403 in  403"),
    # Internal comments: blind like the scores (the reviewer before sees the thing but reads
    # and writes no comment on it: 403), never the consultant's, a peer's or an outsider's
    # (404); managers discuss the reference checks of their organisation's rounds. The
    # decision's thread is on the peer's ({decided}: only the owner and staff see its scores)
    Row("post comments:submission {sub}",           "302 403 302 404 404 404 404 404 in  302",
        COMMENT),
    Row("post comments:check {web}",                "302 403 302 302 404 404 404 404 in  302",
        COMMENT),
    Row("post comments:decision {decided}",         "302 403 403 404 404 404 404 404 in  302",
        COMMENT),
    # ... {comment} is the owner's, on the consultant's submission: its author changes it
    Row("get comments:edit {comment}",              "200 404 403 404 404 404 404 404 in  403"),
    Row("post comments:edit {comment}",             "302 404 403 404 404 404 404 404 in  403",
        COMMENT),
    Row("post comments:remove {comment}",           "302 404 403 404 404 404 404 404 in  403"),
    # ... and the buyer side's Mentions page ({mention}: the reviewer after's)
    Row("get comments:mentions",                    "200 200 200 200 200 403 403 403 in  200"),
    Row("post comments:mentions_read",              "302 302 302 302 302 403 403 403 in  302"),
    Row("post comments:mention_open {mention}",     "404 404 302 404 404 403 403 403 in  404"),
    # Reference checks: managers (and staff) make the calls of every round (manager_off
    # claimed {phone} and recorded {recorded}); the owner chooses the channel and requests
    # checks; flags are seen where the scores are, and by callers, who clear them
    Row("get checks:calls",                         "403 403 200 200 403 403 403 403 in  200"),
    Row("get checks:detail {web}",                  "200 200 200 200 404 404 404 404 in  200"),
    Row("post checks:claim {phone}",                "403 403 302 302 404 404 404 404 in  302"),
    Row("post checks:release {phone}",              "403 403 302 302 404 404 404 404 in  302"),
    Row("post checks:unreachable {phone}",          "403 403 302 302 404 404 404 404 in  302"),
    Row("post checks:attempt {phone}",              "403 403 302 302 404 404 404 404 in  302",
        ATTEMPT),
    Row("get checks:record {phone}",                "403 403 200 200 404 404 404 404 in  200"),
    Row("post checks:review {recorded}",            "302 403 302 302 404 404 404 404 in  302",
        NOTES),
    Row("post checks:channel {web}",                "302 403 403 403 404 404 404 404 in  302",
        PHONE),
    Row("post checks:clear_flag {flag}",            "403 404 302 302 404 404 404 404 in  302",
        CLEAR),
    Row("get checks:discrepancies",                 "403 403 200 200 403 403 403 403 in  200"),
    Row("get checks:reviews",                       "200 200 200 200 200 403 403 403 in  200"),
    # The reviewer after declared a conflict on the peer's submission, which the reviewer
    # before has not reviewed: it does not exist for them
    Row("post checks:override {conflicted}",        "302 404 403 404 404 404 404 404 in  302",
        OVERRIDE),
    Row("post checks:request {sub}",                "302 403 403 404 404 403 404 404 in  302",
        CHECK_FOURTH),
    # Private links work for whoever holds them, signed in or not
    Row("get referee:form {token}",                 "200 200 200 200 200 200 200 200 200 200"),
    Row("get invitations:accept {invitation}",      "200 200 200 200 200 200 200 200 200 200"),

    # The API (what each lists is in tests/test_api_permissions.py)
    Row("get /api/v1/",                             "200 200 200 200 200 200 200 200 401 200"),
    Row("get /api/schema/",                         "200 200 200 200 200 200 200 200 200 200"),
    Row("get /api/docs/",                           "200 200 200 200 200 200 200 200 200 200"),
    # Questionnaire templates: as on the pages; every list answers, with what one may see
    Row("get /questionnaires/",                     "200 200 200 200 200 200 200 200 401 200"),
    Row("post /questionnaires/",                    "201 201 403 403 201 403 403 403 401 201",
        NEW_TEMPLATE),
    Row("post /questionnaires/import/",             "400 400 403 403 400 403 403 403 401 400",
        {}),
    Row("get /questionnaires/{core}/",              "200 200 404 404 200 404 404 404 401 200"),
    Row("get /questionnaires/{tpl}/",               "200 404 404 404 404 404 404 404 401 200"),
    Row("get /questionnaires/{tpl}/export/",        "200 404 404 404 404 404 404 404 401 200"),
    Row("post /questionnaires/{tpl}/publish/",      "200 404 404 404 404 404 404 404 401 403"),
    Row("post /questionnaires/{core}/new-version/", "201 201 404 404 201 404 404 404 401 201"),
    Row("post /questionnaires/{tpl}/questions/",    "201 404 404 404 404 404 404 404 401 403",
        NEW_QUESTION),
    Row("put /questionnaires/{tpl}/questions/{tq}/",
                                                    "200 404 404 404 404 404 404 404 401 403",
        NEW_QUESTION),
    Row("patch /questionnaires/{tpl}/questions/{tq}/",
                                                    "200 404 404 404 404 404 404 404 401 403",
        {"prompt": "Which tools, today?"}),
    Row("delete /questionnaires/{tpl}/questions/{tq}/",
                                                    "204 404 404 404 404 404 404 404 401 403"),
    Row("post /questionnaires/{tpl}/questions/{tq}/move/",
                                                    "200 404 404 404 404 404 404 404 401 403",
        {"step": 1}),
    Row("post /questionnaires/{tpl}/criteria/",     "201 404 404 404 404 404 404 404 401 403",
        NEW_CRITERION),
    Row("put /questionnaires/{tpl}/criteria/{crit}/",
                                                    "200 404 404 404 404 404 404 404 401 403",
        NEW_CRITERION),
    Row("patch /questionnaires/{tpl}/criteria/{crit}/",
                                                    "200 404 404 404 404 404 404 404 401 403",
        {"weight": 15}),
    Row("delete /questionnaires/{tpl}/criteria/{crit}/",
                                                    "204 404 404 404 404 404 404 404 401 403"),
    # Engagements
    Row("get /engagements/",                        "200 200 200 200 200 200 200 200 401 200"),
    Row("get /engagements/{eng}/",                  "200 200 200 404 404 404 404 404 401 200"),
    Row("post /engagements/",                       "201 201 403 403 201 403 403 403 401 201",
        NEW_ENGAGEMENT),
    Row("patch /engagements/{eng}/",                "200 403 403 404 404 404 404 404 401 200",
        RENAMED),
    Row("put /engagements/{eng}/",                  "200 403 403 404 404 404 404 404 401 200",
        RENAMED),
    Row("post /engagements/{second}/open/",         "409 403 403 404 404 404 404 404 401 409"),
    Row("post /engagements/{second}/close/",        "200 403 403 404 404 404 404 404 401 200"),
    Row("post /engagements/{eng}/deadline/",        "200 403 403 404 404 404 404 404 401 200",
        LATER),
    Row("post /engagements/{eng}/invite/",          "201 403 403 404 404 404 404 404 401 201",
        INVITE),
    Row("get /engagements/{eng}/ranking/",          "200 200 200 404 404 404 404 404 401 200"),
    # Consultants and the references they name
    Row("get /consultants/",                        "200 200 200 200 200 200 200 200 401 200"),
    Row("get /consultants/{cons}/",                 "200 200 200 200 404 200 404 404 401 200"),
    Row("patch /consultants/{cons}/",               "403 403 403 403 404 200 404 404 401 200",
        PROFILE),
    Row("put /consultants/{cons}/",                 "403 403 403 403 404 200 404 404 401 200",
        PROFILE),
    Row("post /consultants/{cons}/references/",     "403 403 403 403 404 201 404 404 401 201",
        NEW_REFERENCE),
    Row("get /references/",                         "200 200 200 200 200 200 200 200 401 200"),
    Row("get /references/{ref}/",                   "200 200 200 200 404 200 404 404 401 200"),
    Row("patch /references/{ref}/",                 "403 403 403 403 404 200 404 404 401 200",
        {"role": "Chief Marketing Officer"}),
    Row("put /references/{ref}/",                   "403 403 403 403 404 200 404 404 401 200",
        NEW_REFERENCE),
    Row("delete /references/{fourth}/",             "403 403 403 403 404 204 404 404 401 204"),
    # Submissions: the consultant's, submitted in the first round and a draft in the second
    Row("get /submissions/",                        "200 200 200 200 200 200 200 200 401 200"),
    Row("get /submissions/{sub}/",                  "200 200 200 404 404 200 404 404 401 200"),
    Row("put /submissions/{draft}/answers/{key}/",  "403 403 403 404 404 200 404 404 401 403",
        NINE),
    Row("post /submissions/{sub}/answers/{key}/",   "403 403 403 404 404 409 404 404 401 403",
        NINE),
    Row("post /submissions/{draft}/submit/",        "403 403 403 404 404 400 404 404 401 403"),
    Row("post /submissions/{sub}/submit/",          "403 403 403 404 404 409 404 404 401 403"),
    Row("post /submissions/{draft}/withdraw/",      "403 403 403 404 404 200 404 404 401 403"),
    Row("post /submissions/{draft}/references/",    "403 403 403 404 404 200 404 404 401 403",
        {"references": []}),
    # ... their evidence files: read where the answers are, uploaded (multipart only: the
    # consultant's JSON body is a 415) and deleted by the consultant while a draft
    # ... their commercial proposal: sealed from a reviewer until their review is submitted
    # (the round's default), from everyone but the consultant and the owner in a draft;
    # saved by the consultant while a draft (409 once submitted)
    Row("get /submissions/{sub}/proposal/",         "200 404 200 404 404 200 404 404 401 200"),
    Row("get /submissions/{draft}/proposal/",       "200 404 404 404 404 200 404 404 401 200"),
    Row("put /submissions/{draft}/proposal/",       "403 403 403 404 404 200 404 404 401 403",
        PROPOSAL),
    Row("put /submissions/{sub}/proposal/",         "403 403 403 404 404 409 404 404 401 403",
        PROPOSAL),
    Row("get /submissions/{sub}/evidence-files/",   "200 200 200 404 404 200 404 404 401 200"),
    Row("post /submissions/{draft}/evidence-files/",
                                                    "403 403 403 404 404 415 404 404 401 403",
        {"question": "accomplishments"}),
    Row("get /evidence-files/{evid}/",              "200 200 200 404 404 200 404 404 401 200"),
    Row("get /evidence-files/{evid}/download/",     "200 200 200 404 404 200 404 404 401 200"),
    Row("delete /evidence-files/{devid}/",          "403 403 403 404 404 204 404 404 401 403"),
    Row("delete /evidence-files/{evid}/",           "403 403 403 404 404 409 404 404 401 403"),
    # ... reviews start (201) or carry on (200); the consultant sees their own submission,
    # so the API refuses them (403) where the pages above answer 404
    Row("post /submissions/{sub}/review/",          "200 200 200 404 404 403 404 404 401 403"),
    Row("post /submissions/{decided}/review/",      "201 200 200 404 404 404 403 404 401 403"),
    Row("post /submissions/{sub}/consensus/",       "200 403 403 404 404 403 404 404 401 200",
        CONSENSUS),
    Row("post /submissions/{sub}/reference-checks/",
                                                    "201 403 403 404 404 403 404 404 401 201",
        CHECK_FOURTH),
    # Reviews: blind until one's own is submitted; drafts private to their reviewer
    Row("get /reviews/",                            "200 200 200 200 200 200 200 200 401 200"),
    Row("get /reviews/{ownrev}/",                   "200 404 200 404 404 404 404 404 401 200"),
    Row("get /reviews/{myrev}/",                    "404 200 404 404 404 404 404 404 401 404"),
    Row("patch /reviews/{myrev}/",                  "404 200 404 404 404 404 404 404 401 404",
        RATE),
    Row("post /reviews/{myrev}/submit/",            "404 200 404 404 404 404 404 404 401 404",
        REVIEW),
    Row("post /reviews/{undeclared}/conflict/",     "404 200 404 404 404 404 404 404 401 404",
        NO_CONFLICT),
    Row("post /reviews/{conflicted}/override/",     "200 404 403 404 404 404 404 404 401 200",
        OVERRIDE),
    Row("post /reviews/{ownrev}/override/",         "409 404 403 404 404 404 404 404 401 409",
        OVERRIDE),
    # Routed approvals (see the pages' rows)
    Row("get /approvals/",                          "200 200 200 200 200 200 200 200 401 200"),
    Row("get /approvals/pending/",                  "200 200 200 200 200 200 200 200 401 200"),
    Row("get /approvals/{approval}/",               "200 200 200 200 404 404 404 404 401 200"),
    Row("post /approvals/{approval}/approve/",      "403 403 200 403 404 404 404 404 401 403"),
    Row("post /approvals/{approval}/reject/",       "403 403 200 403 404 404 404 404 401 403",
        {"note": "Over budget."}),
    Row("post /approvals/{approval}/request-changes/",
                                                    "403 403 200 403 404 404 404 404 401 403",
        {"note": "Agree a lower price."}),
    Row("get /engagements/{routed}/approval-route/",
                                                    "200 200 200 404 404 404 404 404 401 200"),
    Row("put /engagements/{eng}/approval-route/",   "200 403 403 404 404 404 404 404 401 200",
        {"steps": [{"label": "Budget holder", "approver": "{owner}"}]}),
    Row("put /engagements/{routed}/approval-route/",
                                                    "409 403 403 404 404 404 404 404 401 409",
        {"steps": [{"label": "Budget holder", "approver": "{owner}"}]}),
    # Reference checks and flags
    Row("get /reference-checks/",                   "200 200 200 200 200 200 200 200 401 200"),
    Row("get /reference-checks/{web}/",             "200 200 200 200 404 404 404 404 401 200"),
    Row("post /reference-checks/{phone}/claim/",    "403 403 409 200 404 404 404 404 401 409"),
    Row("post /reference-checks/{phone}/release/",  "403 403 409 200 404 404 404 404 401 409"),
    Row("post /reference-checks/{phone}/attempts/", "403 403 409 201 404 404 404 404 401 409",
        ATTEMPT),
    Row("post /reference-checks/{phone}/record-call/",
                                                    "403 403 409 200 404 404 404 404 401 409",
        CALL),
    Row("post /reference-checks/{phone}/unreachable/",
                                                    "403 403 409 409 404 404 404 404 401 409"),
    Row("post /reference-checks/{recorded}/review-notes/",
                                                    "200 403 200 409 404 404 404 404 401 200",
        NOTES),
    Row("post /reference-checks/{web}/channel/",    "200 403 403 403 404 404 404 404 401 200",
        PHONE),
    Row("get /flags/",                              "200 200 200 200 200 200 200 200 401 200"),
    Row("get /flags/{flag}/",                       "200 404 200 200 404 404 404 404 401 200"),
    Row("post /flags/{flag}/clear/",                "403 404 200 200 404 404 404 404 401 200",
        CLEAR),
    # Score cards (blind like the reviews; no manager off the panel) and decisions
    Row("get /score-cards/",                        "200 200 200 200 200 200 200 200 401 200"),
    Row("get /score-cards/{card}/",                 "200 404 200 404 404 404 404 404 401 200"),
    Row("get /decisions/",                          "200 200 200 200 200 200 200 200 401 200"),
    Row("get /decisions/{decision}/",               "200 200 200 404 404 404 404 404 401 200"),
    Row("post /decisions/",                         "201 403 403 404 404 404 404 404 401 201",
        DECIDE),
    # Internal comments, as on the pages (the reviewer before is refused, 403, where they see
    # the object; the consultant does not see the buyer's side of their own submission)
    Row("get /submissions/{sub}/comments/",         "200 403 200 404 404 404 404 404 401 200"),
    Row("post /submissions/{sub}/comments/",        "201 403 201 404 404 404 404 404 401 201",
        COMMENT),
    Row("get /reference-checks/{web}/comments/",    "200 403 200 200 404 404 404 404 401 200"),
    Row("post /reference-checks/{web}/comments/",   "201 403 201 201 404 404 404 404 401 201",
        COMMENT),
    Row("get /decisions/{decision}/comments/",      "200 403 403 404 404 404 404 404 401 200"),
    Row("post /decisions/{decision}/comments/",     "201 403 403 404 404 404 404 404 401 201",
        COMMENT),
    Row("get /comments/{comment}/",                 "200 404 200 404 404 404 404 404 401 200"),
    Row("patch /comments/{comment}/",               "200 404 403 404 404 404 404 404 401 403",
        COMMENT),
    Row("delete /comments/{comment}/",              "204 404 403 404 404 404 404 404 401 403"),
    Row("get /mentions/",                           "200 200 200 200 200 200 200 200 401 200"),
    Row("post /mentions/{mention}/read/",           "404 404 200 404 404 404 404 404 401 404"),
    # Clarification requests: the round's panel and the consultant read the threads (one
    # about the sealed proposal only where the price shows); the owner and the panel ask;
    # the consultant replies; who asked (the reviewer after) or whoever runs the round
    # accepts, follows up or withdraws
    Row("get submissions:clarifications {sub}",      "200 200 200 404 404 200 404 404 in  200"),
    Row("post submissions:clarification_ask {sub}",  "302 302 302 404 404 403 404 404 in  403",
        ASK),
    Row("post submissions:clarification_reply {clar}",
                                                    "403 403 403 404 404 302 404 404 in  403",
        {"text": "Your own support team.", "version": ""}),
    Row("post submissions:clarification_accept {clar}",
                                                    "302 403 302 404 404 403 404 404 in  302"),
    Row("post submissions:clarification_follow_up {clar}",
                                                    "302 403 302 404 404 403 404 404 in  302",
        FOLLOW_UP),
    Row("post submissions:clarification_withdraw {clar}",
                                                    "302 403 302 404 404 403 404 404 in  302"),
    Row("get /submissions/{sub}/copies/",           "200 404 200 404 404 404 404 404 401 200"),
    Row("get /submissions/{sub}/clarifications/",   "200 200 200 404 404 200 404 404 401 200"),
    Row("post /submissions/{sub}/clarifications/",  "201 201 201 404 404 403 404 404 401 403",
        ASK),
    Row("get /clarifications/{clar}/",              "200 200 200 404 404 200 404 404 401 200"),
    Row("get /clarifications/{pclar}/",             "200 404 200 404 404 200 404 404 401 200"),
    Row("post /clarifications/{clar}/reply/",       "403 403 403 404 404 200 404 404 401 403",
        {"text": "Your own support team."}),
    Row("post /clarifications/{clar}/accept/",      "200 403 200 404 404 403 404 404 401 200"),
    Row("post /clarifications/{clar}/follow-up/",   "201 403 201 404 404 403 404 404 401 201",
        FOLLOW_UP),
    Row("post /clarifications/{clar}/withdraw/",    "200 403 200 404 404 403 404 404 401 200"),
    # The referee's link works for whoever holds it, with or without an account
    Row("get /referee/{token}/",                    "200 200 200 200 200 200 200 200 200 200"),
    Row("post /referee/{token}/",                   "200 200 200 200 200 200 200 200 200 200",
        {"decline": True}),
    Row("get /referee/not-a-link/",                 "404 404 404 404 404 404 404 404 404 404"),
    # The approved-vendor register and re-vetting, as on the pages
    Row("get /vendors/",                            "200 200 200 200 200 200 200 200 401 200"),
    Row("get /vendors/{vendor}/",                   "200 200 200 200 404 404 404 404 401 200"),
    Row("post /vendors/{vendor}/revetting/",        "201 403 403 403 404 404 404 404 401 201"),
    Row("post /vendors/{vendor}/remove/",           "200 403 403 403 404 404 404 404 401 200",
        {"reason": "Their agency was sold."}),
    # Delivery reviews and the outcome report, as on the pages
    Row("get /delivery-reviews/",                   "200 200 200 200 200 200 200 200 401 200"),
    Row("get /delivery-reviews/{delivery}/",        "200 200 200 200 404 404 404 404 401 200"),
    Row("patch /delivery-reviews/{delivery}/",      "200 403 403 403 404 404 404 404 401 200",
        {"summary": "Two of three first steps done."}),
    Row("post /delivery-reviews/{delivery}/reschedule/",
                                                    "200 403 403 403 404 404 404 404 401 200",
        {"due_on": "2099-01-01"}),
    Row("get /outcomes/report/",                    "200 200 200 200 200 404 404 404 401 404"),
    Row("post /outcomes/adopt/",                    "409 403 403 403 409 404 404 404 401 404",
        {"name": "Outcome weighting"}),
    Row("get /submissions/{draft}/differences/",    "200 200 200 404 404 403 404 404 401 200"),
    # Verified profiles: the consultant manages their own links (a peer's are a 404 to
    # them); a link works for whoever holds it until it expires or is revoked (then the
    # same 404 as an unknown link); only the round's owner releases a score; an
    # organisation's admins consent to its name on profiles
    Row("get profiles:links",                       "403 403 403 403 403 200 200 403 in  403"),
    Row("post profiles:links",                      "403 403 403 403 403 200 200 403 in  403",
        {"label": "Ledgerly procurement", "days": "30"}),
    Row("get profiles:link_views {plink}",          "404 404 404 404 404 200 404 404 in  404"),
    Row("post profiles:link_revoke {plink}",        "404 404 404 404 404 302 404 404 in  404"),
    Row("get profiles:public {ptok}",               "200 200 200 200 200 200 200 200 200 200"),
    Row("get profiles:public {ptok_expired}",       "404 404 404 404 404 404 404 404 404 404"),
    Row("get profiles:public {ptok_revoked}",       "404 404 404 404 404 404 404 404 404 404"),
    Row("get profiles:public not-a-link",           "404 404 404 404 404 404 404 404 404 404"),
    Row("post profiles:score_release {sub}",        "302 403 403 404 404 403 404 404 in  403"),
    Row("post profiles:consent",                    "302 403 403 403 302 404 404 404 in  404",
        {"name_on_verified_profiles": "on"}),
    Row("get /profile-links/",                      "200 200 200 200 200 200 200 200 401 200"),
    Row("post /profile-links/",                     "403 403 403 403 403 201 201 403 401 403",
        {"label": "Ledgerly procurement"}),
    Row("get /profile-links/{plink}/",              "404 404 404 404 404 200 404 404 401 404"),
    Row("post /profile-links/{plink}/revoke/",      "404 404 404 404 404 200 404 404 401 404"),
    Row("get /profile-links/{plink}/views/",        "404 404 404 404 404 200 404 404 401 404"),
    Row("post /submissions/{sub}/score-release/",   "200 403 403 404 404 403 404 404 401 403"),
    # Claim-level reference benchmarks, as on the pages
    Row("get /organisations/{org}/claim-benchmarks/",
                                                    "200 200 200 200 404 404 404 404 401 200"),
    Row("get /submissions/{sub}/claim-benchmarks/", "200 404 200 404 404 404 404 404 401 200"),
    # Provisioning (SCIM): an organisation's admins manage its tokens (the other
    # organisation's admin gets their own organisation's page, and a 404 for this one's
    # token) ...
    Row("get organisation:provisioning",            "200 403 403 403 200 404 404 404 in  404"),
    Row("post organisation:provisioning_token_create",
                                                    "200 403 403 403 200 404 404 404 in  404",
        {"label": "Okta"}),
    Row("post organisation:provisioning_token_revoke {ptoken}",
                                                    "302 403 403 403 404 404 404 404 in  404"),
    # Webhooks: an organisation's admins manage its endpoints (the other organisation's
    # admin gets their own organisation's list, and a 404 for this one's endpoint) ...
    Row("get organisation:webhooks",                "200 403 403 403 200 404 404 404 in  404"),
    Row("post organisation:webhook_create",         "200 403 403 403 200 404 404 404 in  404",
        {"url": "http://127.0.0.1:9/crm", "events": ["flag.raised"]}),
    Row("get organisation:webhook {hook}",          "200 403 403 403 404 404 404 404 in  404"),
    Row("post organisation:webhook {hook}",         "302 403 403 403 404 404 404 404 in  404",
        {"url": "http://127.0.0.1:9/crm", "events": ["flag.raised"]}),
    Row("post organisation:webhook_rotate {hook}",  "200 403 403 403 404 404 404 404 in  404"),
    Row("post organisation:webhook_ping {hook}",    "302 403 403 403 404 404 404 404 in  404"),
    Row("post organisation:webhook_disable {hook}", "302 403 403 403 404 404 404 404 in  404"),
    Row("post organisation:webhook_enable {hook}",  "302 403 403 403 404 404 404 404 in  404"),
    Row("get organisation:webhook_delivery {hook} {hookdel}",
                                                    "200 403 403 403 404 404 404 404 in  404"),
    Row("post organisation:webhook_redeliver {hook} {hookdel}",
                                                    "302 403 403 403 404 404 404 404 in  404"),
    # ... and by the API (staff manage every organisation's; nobody else finds them)
    Row("get /webhooks/endpoints/",                 "200 200 200 200 200 200 200 200 401 200"),
    Row("post /webhooks/endpoints/",                "201 403 403 403 201 404 404 404 401 404",
        {"url": "http://127.0.0.1:9/crm", "events": ["flag.raised"]}),
    Row("get /webhooks/endpoints/{hook}/",          "200 404 404 404 404 404 404 404 401 200"),
    Row("patch /webhooks/endpoints/{hook}/",        "200 404 404 404 404 404 404 404 401 200",
        {"events": ["flag.raised"]}),
    Row("delete /webhooks/endpoints/{hook}/",       "204 404 404 404 404 404 404 404 401 204"),
    Row("post /webhooks/endpoints/{hook}/rotate-secret/",
                                                    "200 404 404 404 404 404 404 404 401 200"),
    Row("post /webhooks/endpoints/{hook}/ping/",    "202 404 404 404 404 404 404 404 401 202"),
    Row("get /webhooks/endpoints/{hook}/deliveries/",
                                                    "200 404 404 404 404 404 404 404 401 200"),
    Row("post /webhooks/deliveries/{hookdel}/redeliver/",
                                                    "202 404 404 404 404 404 404 404 401 202"),
    # ... and the SCIM endpoints answer the organisation's bearer token only: no person's
    # session reaches them, whoever they are (401; tests/test_scim.py covers the tokens)
    Row("get scim:users {orgslug}",                 "401 401 401 401 401 401 401 401 401 401"),
    Row("post scim:users {orgslug}",                "401 401 401 401 401 401 401 401 401 401"),
    Row("get scim:user {orgslug} {owner}",          "401 401 401 401 401 401 401 401 401 401"),
    Row("patch scim:user {orgslug} {owner}",        "401 401 401 401 401 401 401 401 401 401"),
    Row("delete scim:user {orgslug} {owner}",       "401 401 401 401 401 401 401 401 401 401"),
    Row("get scim:groups {orgslug}",                "401 401 401 401 401 401 401 401 401 401"),
    Row("patch scim:group {orgslug} admin",         "401 401 401 401 401 401 401 401 401 401"),
    Row("get scim:service_provider_config {orgslug}",
                                                    "401 401 401 401 401 401 401 401 401 401"),
    Row("get scim:resource_types {orgslug}",        "401 401 401 401 401 401 401 401 401 401"),
    Row("get scim:resource_type {orgslug} User",    "401 401 401 401 401 401 401 401 401 401"),
    Row("get scim:schemas {orgslug}",               "401 401 401 401 401 401 401 401 401 401"),
    Row("get scim:schema {orgslug} urn:ietf:params:scim:schemas:core:2.0:User",
                                                    "401 401 401 401 401 401 401 401 401 401"),
]

# One rule for every page of the Django admin: staff only; everyone else is sent to the
# admin's own sign-in page (a 302 that is not `in`).
ADMIN = Row("get admin:*",                          "302 302 302 302 302 302 302 302 302 200")
# fmt: on

# Rows where the app disagrees with the rules (found, reported, not yet fixed), by request,
# with the reason: the test expects them to fail until the app is fixed, then asks for the
# entry to be removed (strict xfail). Empty: keep it so.
DISAGREEMENTS: dict[str, str] = {}
