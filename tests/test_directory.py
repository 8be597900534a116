"""The consultant directory and the profile page: search, filters, sorting, query counts."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consultants.models import Service
from tests.factories import ConsultantFactory, ReferenceFactory

pytestmark = pytest.mark.django_db


def _names(response) -> list[str]:
    return [c.name for c in response.context["page"].object_list]


def test_procurement_searches_by_name_agency_headline_or_location(client, procurement):
    ConsultantFactory(name="Sofia Alvarez", agency="", location="Madrid, Spain")
    ConsultantFactory(name="Mei Tanaka", agency="Tanaka & Partners", location="Singapore")
    client.force_login(procurement)

    assert _names(client.get("/consultants/?q=madrid")) == ["Sofia Alvarez"]
    assert _names(client.get("/consultants/?q=tanaka partners")) == ["Mei Tanaka"]
    empty = client.get("/consultants/?q=nobody-like-this")
    assert _names(empty) == []
    assert "No consultant matches this search" in empty.text


def test_filtering_by_service_shows_only_those_who_offer_it(client, manager):
    ads = Service.objects.get(name="Paid social advertising")
    with_ads = ConsultantFactory(name="Ads Person")
    with_ads.services_offered.add(ads)
    ConsultantFactory(name="No Ads Person").services_not_offered.add(ads)
    client.force_login(manager)

    response = client.get(f"/consultants/?service={ads.pk}")

    assert _names(response) == ["Ads Person"]


def test_sorting_by_references_puts_the_best_referenced_first(client, procurement):
    few = ConsultantFactory(name="Few")
    many = ConsultantFactory(name="Many")
    ReferenceFactory(consultant=few)
    ReferenceFactory.create_batch(3, consultant=many)
    client.force_login(procurement)

    response = client.get("/consultants/?sort=references")

    assert _names(response) == ["Many", "Few"]


def test_the_directory_pages_in_twenty_fives_and_keeps_the_search_in_the_links(client, procurement):
    for n in range(30):
        ConsultantFactory(name=f"Consultant {n:02d}", location="Berlin")
    client.force_login(procurement)

    first = client.get("/consultants/?q=berlin")
    second = client.get("/consultants/?q=berlin&page=2")

    assert len(first.context["page"].object_list) == 25
    assert len(second.context["page"].object_list) == 5
    assert "?q=berlin&amp;page=2" in first.text


def test_htmx_requests_get_only_the_results(client, procurement):
    ConsultantFactory(name="Sofia Alvarez")
    client.force_login(procurement)

    response = client.get("/consultants/?q=sofia", headers={"HX-Request": "true"})

    assert "Sofia Alvarez" in response.text
    assert "<html" not in response.text


def test_a_bad_page_number_shows_the_last_page_rather_than_an_error(client, procurement):
    ConsultantFactory(name="Only One")
    client.force_login(procurement)

    response = client.get("/consultants/?page=999")

    assert response.status_code == 200
    assert _names(response) == ["Only One"]


def _count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _populate(n: int) -> None:
    strategy = Service.objects.get(name="Social marketing strategy")
    for _ in range(n):
        consultant = ConsultantFactory()
        consultant.services_offered.add(strategy)
        ReferenceFactory(consultant=consultant)


def test_the_directory_costs_the_same_queries_with_2_or_50_consultants(client, procurement):
    client.force_login(procurement)
    _populate(2)
    few = _count_queries(client, "/consultants/")
    _populate(48)
    many = _count_queries(client, "/consultants/")

    # user, user's groups (role), count, page of consultants, their services,
    # the service filter's choices
    assert few == many == 6


def test_the_profile_page_costs_the_same_queries_with_2_or_50_references(client, procurement):
    consultant = ConsultantFactory()
    ReferenceFactory.create_batch(2, consultant=consultant)
    client.force_login(procurement)
    url = reverse("consultants:detail", args=[consultant.pk])
    few = _count_queries(client, url)
    ReferenceFactory.create_batch(48, consultant=consultant)
    many = _count_queries(client, url)

    # user, user's groups, the profile, services offered, services not offered,
    # references
    assert few == many == 6


def test_the_history_page_costs_the_same_queries_however_long_the_history(client, consultant):
    profile = consultant.consultant
    ReferenceFactory.create_batch(2, consultant=profile)
    client.force_login(consultant)
    url = reverse("consultants:history", args=[profile.pk])
    few = _count_queries(client, url)
    for n in range(20):
        profile.headline = f"Headline {n}"
        profile.save()
    ReferenceFactory.create_batch(20, consultant=profile)
    many = _count_queries(client, url)

    # user, user's groups, the profile, its history, the services each version
    # offered and declined, its references' history
    assert few == many == 7


@pytest.mark.parametrize("url", ["/consultants/", "/consultants/?q=x&sort=recent"])
def test_the_directory_renders_for_managers_too(client, manager, url):
    client.force_login(manager)

    assert client.get(url).status_code == 200
