"""The API refuses malformed input with a 400 that says what is wrong: bodies nested
deeper than any the API takes, and query parameters that do not match the schema."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import URLPattern, URLResolver, get_resolver
from drf_spectacular.generators import SchemaGenerator
from knox.models import AuthToken
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.test import APIClient

from tests.factories import ReferenceFactory
from vetting.api.parsers import MAX_DEPTH, BoundedJSONParser
from vetting.fields import UtcDateTimeField
from vetting.models import User

pytestmark = pytest.mark.django_db

V1 = "/api/v1"


def api(user: User) -> APIClient:
    client = APIClient()
    _, raw = AuthToken.objects.create(user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    return client


def nested(depth: int) -> str:
    return '{"title": ' + "[" * (depth - 1) + "]" * (depth - 1) + "}"


@pytest.mark.parametrize("depth", [50_000, MAX_DEPTH + 1])
def test_a_body_nested_too_deep_is_a_400_that_says_so(procurement, depth):
    response = api(procurement).post(
        f"{V1}/engagements/", nested(depth), content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json() == {
        "detail": f"JSON parse error - the body nests deeper than {MAX_DEPTH} levels."
    }


def test_a_body_at_the_nesting_limit_reaches_the_form(procurement):
    response = api(procurement).post(
        f"{V1}/engagements/", nested(MAX_DEPTH), content_type="application/json"
    )

    assert response.status_code == 400
    assert "detail" not in response.json()  # the form's field errors, not a parse error


def _api_views() -> list[type]:
    views = []
    for pattern in get_resolver().url_patterns:
        views.extend(_views_under(pattern))
    return [view for view in views if view.__module__.startswith("vetting.api")]


def _views_under(pattern: URLPattern | URLResolver) -> list[type]:
    if isinstance(pattern, URLResolver):
        return [view for child in pattern.url_patterns for view in _views_under(child)]
    view = getattr(pattern.callback, "cls", None)
    return [view] if view is not None else []


def test_every_api_view_parses_json_with_the_depth_bound():
    views = _api_views()

    assert len(views) > 10
    for view in views:
        json_parsers = [p for p in view.parser_classes if issubclass(p, JSONParser)]
        # An upload takes files alone (multipart: the evidence files); every other view
        # takes JSON, with the bound.
        uploads_only = all(issubclass(p, MultiPartParser) for p in view.parser_classes)
        assert json_parsers or uploads_only, view
        assert all(issubclass(p, BoundedJSONParser) for p in json_parsers), view


# Query parameters: every typed parameter of every list refuses a value of the wrong type.


def _list_parameters() -> list[tuple[str, str, dict]]:
    """(path, name, schema) of each boolean, integer or enumerated query parameter of the
    lists without path parameters, read from the OpenAPI schema."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    found = []
    for path, operations in schema["paths"].items():
        if "{" in path or "get" not in operations:
            continue
        for parameter in operations["get"].get("parameters", []):
            typed = parameter["schema"].get("type") in ("boolean", "integer")
            if parameter["in"] == "query" and (typed or "enum" in parameter["schema"]):
                found.append((path, parameter["name"], parameter["schema"]))
    return found


LIST_PARAMETERS = _list_parameters()


def test_the_lists_have_typed_query_parameters_to_check():
    names = {(path.split("/")[3], name) for path, name, _ in LIST_PARAMETERS}

    assert {("references", "consent_to_contact"), ("flags", "cleared"), ("flags", "hold")} <= names
    assert ("submissions", "page_size") in names


@pytest.mark.parametrize("value", ["null", "yes", "1.5", "-1", ""])
@pytest.mark.parametrize(
    ("path", "name", "schema"), LIST_PARAMETERS, ids=[f"{p} {n}" for p, n, _ in LIST_PARAMETERS]
)
def test_a_query_parameter_of_the_wrong_type_is_a_400_naming_it(
    procurement, path, name, schema, value
):
    response = api(procurement).get(path, {name: value})

    assert response.status_code == 400, response.content
    assert name in response.json()


@pytest.mark.parametrize(
    ("path", "name"), [("references", "consent_to_contact"), ("flags", "hold")]
)
def test_boolean_filters_still_take_true_and_false(procurement, path, name):
    client = api(procurement)

    for value in ("true", "false", "True", "FALSE"):
        assert client.get(f"{V1}/{path}/", {name: value}).status_code == 200, value


def test_references_filter_on_consent_to_contact(procurement, consultant):
    ReferenceFactory(consultant=consultant.consultant, consent_to_contact=True)
    ReferenceFactory(consultant=consultant.consultant, consent_to_contact=False)
    client = api(procurement)

    agreed = client.get(f"{V1}/references/", {"consent_to_contact": "true"}).json()
    refused = client.get(f"{V1}/references/", {"consent_to_contact": "false"}).json()

    assert [r["consent_to_contact"] for r in agreed["results"]] == [True]
    assert [r["consent_to_contact"] for r in refused["results"]] == [False]


@pytest.mark.parametrize("value", ["0", "abc", "-2", "1e3", "last", ""])
def test_a_page_or_page_size_that_is_not_a_whole_number_from_1_is_a_400(procurement, value):
    client = api(procurement)

    for name in ("page", "page_size"):
        response = client.get(f"{V1}/engagements/", {name: value})
        assert response.status_code == 400
        assert response.json() == {name: ["Give a whole number from 1."]}


@pytest.mark.parametrize(
    ("path", "name", "values"),
    [
        ("flags", "hold", ["true", "false"]),
        ("submissions", "status", ["invited", "submitted"]),
        ("decisions", "engagement", ["1", "2"]),
        ("engagements", "page_size", ["1", "2"]),
    ],
)
def test_several_values_for_a_parameter_that_takes_one_are_a_400(procurement, path, name, values):
    response = api(procurement).get(f"{V1}/{path}/", {name: values})

    assert response.status_code == 400
    assert response.json() == {name: ["Give one value."]}


def test_a_parameter_that_takes_several_values_still_does(procurement):
    services = ["Community building", "Paid social advertising"]

    response = api(procurement).get(f"{V1}/consultants/", {"services_offered": services})

    assert response.status_code == 200


def test_a_page_past_the_end_is_still_a_404_and_a_huge_page_size_the_largest(procurement):
    client = api(procurement)

    assert client.get(f"{V1}/engagements/", {"page": "2"}).status_code == 404
    assert client.get(f"{V1}/engagements/", {"page": "9" * 5000}).status_code == 404
    assert client.get(f"{V1}/engagements/", {"page_size": "9" * 5000}).status_code == 200


def test_a_deadline_with_an_offset_postgresql_refuses_is_read_as_the_same_moment_in_utc():
    # Python accepts offsets up to 24 hours, PostgreSQL up to 15:59 (schemathesis sent -18:59)
    field = UtcDateTimeField()

    assert field.clean("5243-08-26T16:09:11-18:59") == datetime(5243, 8, 27, 11, 8, 11, tzinfo=UTC)
    with pytest.raises(ValidationError, match="valid date/time"):
        field.clean("9999-12-31T23:00-18:59")
