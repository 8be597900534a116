"""Where a referee and the consultant's claims disagree, and signs that a reference may not be
what it seems. Pure functions: no database."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from vetting.scoring.reference_flags import (
    Claim,
    Fingerprint,
    RefereeAnswer,
    email_domain,
    find_discrepancies,
    find_fraud_signals,
    is_free_mail,
    website_domain,
)

TODAY = date(2025, 6, 15)
CLAIM = Claim(
    relationship="client",
    period_from=date(2021, 1, 1),
    period_to=date(2023, 6, 30),
    accomplishments=[(0, "Grew demo requests by 38%.")],
)
AGREEING = RefereeAnswer(
    relationship="client",
    period_from=date(2021, 1, 1),
    period_to=date(2023, 6, 30),
    verdicts={0: "confirmed"},
    rating_relationships=4,
    rating_honesty=4,
    rating_results=4,
    would_hire_again="yes",
)
LAPTOP = Fingerprint("203.0.113.7", "Mozilla/5.0 (Macintosh) Firefox/130.0")


def codes(findings: list) -> list[str]:
    return [f.code for f in findings]


def discrepancies(**answer: object) -> list[str]:
    return codes(find_discrepancies(CLAIM, replace(AGREEING, **answer), today=TODAY))


def signals(**given: object) -> list[str]:
    arguments = {
        "referee_email": "tom@ledgerly.example",
        "relationship": "client",
        "consultant_email": "clara@okafor.example",
        "consultant_website": "",
        "referee": None,
        **given,
    }
    return codes(find_fraud_signals(**arguments))


# Discrepancies


def test_a_referee_who_agrees_with_every_claim_raises_nothing():
    assert discrepancies() == []


@pytest.mark.parametrize(
    ("field", "said", "flagged"),
    [
        ("period_from", date(2021, 7, 1), []),  # six months later: within tolerance
        ("period_from", date(2020, 7, 1), []),  # six months earlier
        ("period_from", date(2021, 8, 1), ["period_start_differs"]),  # seven months
        ("period_from", date(2020, 6, 1), ["period_start_differs"]),
        ("period_to", date(2023, 12, 31), []),
        ("period_to", date(2024, 1, 31), ["period_end_differs"]),
        ("period_to", date(2022, 11, 1), ["period_end_differs"]),
    ],
)
def test_a_period_more_than_six_months_off_the_claim_is_a_discrepancy(field, said, flagged):
    assert discrepancies(**{field: said}) == flagged


def test_the_finding_says_by_how_many_months_the_period_differs():
    (finding,) = find_discrepancies(
        CLAIM, replace(AGREEING, period_from=date(2021, 8, 1)), today=TODAY
    )

    assert finding.message == "The start of the period differs by 7 months from the claim."
    assert finding.evidence == {"claimed": "2021-01-01", "referee": "2021-08-01", "months": 7}
    assert (finding.kind, finding.hold) == ("discrepancy", False)


def test_a_referee_who_says_they_still_work_together_contradicts_an_ended_claim():
    assert discrepancies(period_to=None) == ["period_end_differs"]


def test_an_ongoing_claim_is_compared_with_today():
    ongoing = replace(CLAIM, period_to=None)

    def ends(said: date | None) -> list[str]:
        answer = replace(AGREEING, period_to=said)
        return codes(find_discrepancies(ongoing, answer, today=TODAY))

    assert ends(None) == []
    assert ends(date(2024, 12, 15)) == []  # six months before today
    assert ends(date(2024, 11, 15)) == ["period_end_differs"]  # seven


def test_a_referee_who_gives_no_dates_raises_no_period_discrepancy():
    assert discrepancies(period_from=None, period_to=None) == []


def test_a_different_relationship_is_a_discrepancy_naming_both():
    (finding,) = find_discrepancies(CLAIM, replace(AGREEING, relationship="peer"), today=TODAY)

    assert finding.code == "relationship_differs"
    assert finding.message == "The consultant said client; the referee said peer."


def test_a_referee_who_leaves_the_relationship_blank_raises_nothing():
    assert discrepancies(relationship="") == []


@pytest.mark.parametrize(
    ("verdict", "flagged"),
    [
        ("not_confirmed", ["accomplishment_not_confirmed"]),
        ("partly", []),
        ("dont_know", []),
        ("confirmed", []),
    ],
)
def test_only_an_accomplishment_not_confirmed_is_a_discrepancy(verdict, flagged):
    assert discrepancies(verdicts={0: verdict}) == flagged


def test_an_unconfirmed_accomplishment_quotes_the_claim():
    (finding,) = find_discrepancies(
        CLAIM, replace(AGREEING, verdicts={0: "not_confirmed"}), today=TODAY
    )

    assert finding.severity == "high"
    assert finding.evidence == {"index": 0, "claim": "Grew demo requests by 38%."}


@pytest.mark.parametrize(
    ("answer", "flagged"), [("no", ["would_not_hire_again"]), ("maybe", []), ("yes", [])]
)
def test_a_referee_who_would_not_hire_again_is_a_discrepancy(answer, flagged):
    assert discrepancies(would_hire_again=answer) == flagged


@pytest.mark.parametrize(
    ("rating", "flagged"),
    [(1, ["low_honesty"]), (2, ["low_honesty"]), (3, []), (5, []), (None, [])],
)
def test_an_honesty_rating_of_two_or_less_is_a_discrepancy(rating, flagged):
    assert discrepancies(rating_honesty=rating) == flagged


# Domains


@pytest.mark.parametrize(
    ("address", "domain"),
    [("Tom@Ledgerly.Example ", "ledgerly.example"), ("not an address", ""), ("", "")],
)
def test_the_email_domain_is_lowercased_after_the_last_at(address, domain):
    assert email_domain(address) == domain


@pytest.mark.parametrize(
    ("url", "domain"),
    [
        ("https://www.Okafor.example/about/team?x=1", "okafor.example"),
        ("http://okafor.example:8080/", "okafor.example"),
        ("okafor.example/work", "okafor.example"),
        ("https://blog.okafor.example", "blog.okafor.example"),
        ("", ""),
    ],
)
def test_the_website_domain_drops_the_scheme_www_port_and_path(url, domain):
    assert website_domain(url) == domain


@pytest.mark.parametrize(
    ("address", "free"),
    [
        ("tom@gmail.com", True),
        ("tom@GMAIL.co.uk", True),
        ("tom@outlook.com", True),
        ("tom@ledgerly.example", False),
        ("tom@gmailer.example", False),
        ("no address", False),
    ],
)
def test_free_mail_is_recognised_by_the_provider_whatever_the_country(address, free):
    assert is_free_mail(address) is free


# Fraud signals


def test_a_referee_on_the_consultants_email_domain_puts_a_hold():
    (finding,) = find_fraud_signals(
        referee_email="tom@Okafor.example",
        relationship="client",
        consultant_email="clara@okafor.example",
        consultant_website="",
        referee=None,
    )

    assert finding.code == "referee_domain_is_consultants"
    assert (finding.kind, finding.severity, finding.hold) == ("fraud", "high", True)


def test_a_referee_on_the_consultants_website_domain_puts_a_hold():
    flagged = signals(
        referee_email="tom@okafor.example",
        consultant_email="clara@agency.example",
        consultant_website="https://www.okafor.example/portfolio/",
    )

    assert flagged == ["referee_domain_is_consultants"]


def test_a_referee_on_another_domain_raises_nothing():
    assert signals(consultant_website="https://www.okafor.example/") == []


def test_a_referee_on_a_subdomain_of_the_consultants_site_is_not_the_same_domain():
    flagged = signals(referee_email="tom@team.okafor.example", consultant_website="okafor.example")

    assert flagged == []


def test_a_referee_on_the_consultants_own_mail_subdomain_puts_a_hold():
    flagged = signals(
        referee_email="tom@mail.okafor.example",
        relationship="peer",
        consultant_email="clara@mail.okafor.example",
    )

    assert flagged == ["referee_domain_is_consultants"]


def test_a_client_on_a_corporate_mail_subdomain_is_not_free_mail():
    assert signals(referee_email="tom@mail.ledgerly.example", relationship="client") == []


def test_sharing_a_free_mail_provider_with_the_consultant_is_not_the_domain_rule():
    flagged = signals(
        referee_email="tom@gmail.com", relationship="peer", consultant_email="clara@gmail.com"
    )

    assert flagged == []


def test_a_client_with_a_free_mail_address_is_a_soft_signal_without_hold():
    (finding,) = find_fraud_signals(
        referee_email="tom@yahoo.com",
        relationship="client",
        consultant_email="clara@okafor.example",
        consultant_website="",
        referee=None,
    )

    assert finding.code == "free_mail_corporate_client"
    assert (finding.severity, finding.hold) == ("low", False)


@pytest.mark.parametrize("relationship", ["peer", "employer"])
def test_a_free_mail_address_is_fine_for_a_reference_not_presented_as_a_client(relationship):
    assert signals(referee_email="tom@yahoo.com", relationship=relationship) == []


def test_the_same_address_and_browser_as_the_consultant_puts_a_hold():
    findings = find_fraud_signals(
        referee_email="tom@ledgerly.example",
        relationship="client",
        consultant_email="clara@okafor.example",
        consultant_website="",
        referee=LAPTOP,
        consultant_sessions=[Fingerprint("198.51.100.1", "Safari"), LAPTOP],
    )

    assert codes(findings) == ["same_device_as_consultant"]
    assert findings[0].hold is True


def test_the_same_address_and_browser_as_another_referee_puts_a_hold():
    findings = find_fraud_signals(
        referee_email="tom@ledgerly.example",
        relationship="client",
        consultant_email="clara@okafor.example",
        consultant_website="",
        referee=LAPTOP,
        other_referees=[LAPTOP],
    )

    assert codes(findings) == ["same_device_as_other_referee"]
    assert findings[0].hold is True


@pytest.mark.parametrize(
    "other",
    [
        Fingerprint("203.0.113.7", "Mozilla/5.0 (Windows) Edge/129.0"),  # same office, other PC
        Fingerprint("203.0.113.8", LAPTOP.user_agent),  # same browser build, elsewhere
    ],
)
def test_a_device_sharing_only_the_address_or_only_the_browser_raises_nothing(other):
    assert signals(referee=LAPTOP, consultant_sessions=[other], other_referees=[other]) == []


def test_a_referee_without_a_known_device_matches_nobody():
    assert signals(referee=None, consultant_sessions=[LAPTOP], other_referees=[LAPTOP]) == []


def test_fingerprints_match_only_on_a_known_address_and_the_same_browser():
    assert LAPTOP.matches(Fingerprint(LAPTOP.ip, LAPTOP.user_agent))
    assert not LAPTOP.matches(None)
    assert not Fingerprint("", "Firefox").matches(Fingerprint("", "Firefox"))
    assert not LAPTOP.matches(Fingerprint(LAPTOP.ip, "Firefox"))


@pytest.mark.parametrize(
    ("seconds", "flagged"),
    [(4, ["form_too_fast"]), (29.9, ["form_too_fast"]), (30, []), (240, []), (None, [])],
)
def test_a_form_completed_in_under_thirty_seconds_is_a_signal(seconds, flagged):
    assert signals(form_seconds=seconds) == flagged


def test_the_fast_form_finding_states_the_time_taken():
    (finding,) = find_fraud_signals(
        referee_email="tom@ledgerly.example",
        relationship="client",
        consultant_email="clara@okafor.example",
        consultant_website="",
        referee=None,
        form_seconds=12.34,
    )

    assert finding.message == "The reference form was completed in 12 seconds."
    assert (finding.severity, finding.hold, finding.evidence) == (
        "medium",
        False,
        {"seconds": 12.3},
    )


def test_a_declined_form_raises_no_device_or_speed_signal():
    assert (
        signals(
            referee=LAPTOP,
            consultant_sessions=[LAPTOP],
            other_referees=[LAPTOP],
            form_seconds=3,
            answered=False,
        )
        == []
    )


def test_a_declined_form_still_raises_the_rules_about_the_referees_address():
    declined = signals(
        referee_email="tom@okafor.example",
        referee=LAPTOP,
        consultant_sessions=[LAPTOP],
        answered=False,
    )

    assert declined == ["referee_domain_is_consultants"]
