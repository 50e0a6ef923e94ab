"""A property-based run against the generated OpenAPI schema: whatever a client sends to any
documented operation, the API answers without a 500."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from matching import services

pytestmark = pytest.mark.django_db

anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.text(max_size=30),
    st.dates().map(str),
)
ids = st.one_of(st.integers(min_value=0, max_value=10**25), st.sampled_from([1, 2, 3]))
query_values = st.one_of(st.text(max_size=20), st.sampled_from(["core", "true", "false", ""]))


@pytest.fixture
def schema(client):
    return client.get("/api/v1/schema/?format=json").json()


@pytest.fixture
def api(coordinator, certified, mentee):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {services.api_token_issue(user=coordinator).key}")
    return client


def operations(schema):
    return [
        (path, method, operation)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
    ]


def test_the_schema_documents_three_operations(schema):
    assert len(operations(schema)) == 3


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_operation_answers_500(api, schema, data):
    for path, method, operation in operations(schema):
        url = path.replace("{id}", str(data.draw(ids)))
        query = {
            parameter["name"]: data.draw(query_values)
            for parameter in operation.get("parameters", [])
            if parameter["in"] == "query" and data.draw(st.booleans())
        }
        if method == "get":
            response = api.get(url, query)
        else:
            body = data.draw(
                st.one_of(
                    st.fixed_dictionaries(
                        {}, optional={"mentor": ids, "mentee": ids, "start": anything}
                    ),
                    st.dictionaries(st.text(max_size=8), anything, max_size=3),
                    st.lists(anything, max_size=2),
                )
            )
            response = api.post(url, body, format="json")
        assert response.status_code < 500, (method, url, query, response.content[:300])
