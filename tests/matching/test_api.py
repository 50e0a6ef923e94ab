"""The eligibility API: contract, access, refusals agreeing with the gate, query budgets."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from rest_framework.test import APIClient

from matching import services
from matching.models import Assignment
from tests.factories import MenteeFactory, MentorProfileFactory, UserFactory

pytestmark = pytest.mark.django_db


def client_for(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {services.api_token_issue(user=user).key}")
    return client


@pytest.fixture
def api(coordinator):
    return client_for(coordinator)


def test_eligibility_of_a_certified_mentor(api, certified, programme):
    response = api.get(f"/api/v1/mentors/{certified.pk}/eligibility/")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"mentor", "eligible", "programme", "certificate", "unmet"}
    assert (body["mentor"], body["eligible"], body["programme"], body["unmet"]) == (
        certified.pk,
        True,
        "core",
        [],
    )
    assert body["certificate"]["status"] == "active"
    assert body["certificate"]["in_force"] is True


def test_eligibility_explains_why_not(api, programme):
    mentor = UserFactory(role="Mentors")
    body = api.get(f"/api/v1/mentors/{mentor.pk}/eligibility/?programme=core").json()
    assert body["eligible"] is False
    assert body["certificate"] is None
    codes = [item["requirement"] for item in body["unmet"]]
    assert codes[0] == "certificate"
    assert "supervision" in codes
    assert all(set(item) == {"requirement", "detail"} and item["detail"] for item in body["unmet"])


def test_unknown_mentor_is_404_and_unknown_programme_400(api, certified, programme):
    assert api.get("/api/v1/mentors/999999/eligibility/").status_code == 404
    assert api.get(f"/api/v1/mentors/{10**30}/eligibility/").status_code == 404
    response = api.get(f"/api/v1/mentors/{certified.pk}/eligibility/?programme=nope")
    assert response.status_code == 400
    assert "programme" in response.json()
    response = api.get(f"/api/v1/mentors/{certified.pk}/eligibility/?programme=%00bad")
    assert response.status_code == 400


def test_eligibility_query_budget(api, certified, programme, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        assert api.get(f"/api/v1/mentors/{certified.pk}/eligibility/").status_code == 200


def test_mentor_list_filters_eligible(api, certified, programme):
    UserFactory(role="Mentors")
    everyone = api.get("/api/v1/mentors/").json()
    assert everyone["count"] == 2
    eligible = api.get("/api/v1/mentors/?eligible=true&programme=core").json()
    assert [row["id"] for row in eligible["results"]] == [certified.pk]
    assert eligible["results"][0]["eligible"] is True
    not_eligible = api.get("/api/v1/mentors/?eligible=false").json()
    assert certified.pk not in [row["id"] for row in not_eligible["results"]]
    assert api.get("/api/v1/mentors/?programme=nope").status_code == 400
    assert api.get("/api/v1/mentors/?eligible=maybe").status_code == 400


def test_post_assignment_through_the_gate(api, certified, mentee, coordinator):
    response = api.post(
        "/api/v1/assignments/", {"mentor": certified.pk, "mentee": mentee.pk}, format="json"
    )
    assert response.status_code == 201, response.content
    assignment = Assignment.objects.get()
    assert response.json()["id"] == assignment.pk
    assert assignment.coordinator == coordinator


def test_refusals_agree_with_the_service(api, programme, coordinator):
    mentor = UserFactory(role="Mentors")
    MentorProfileFactory(user=mentor, languages="en")
    mentee = MenteeFactory(programme=programme, needs_crisis_trained=True, languages="cy")
    with pytest.raises(services.AssignmentRefused) as refused:
        services.assignment_create(mentor=mentor, mentee=mentee, coordinator=coordinator)
    response = api.post(
        "/api/v1/assignments/", {"mentor": mentor.pk, "mentee": mentee.pk}, format="json"
    )
    assert response.status_code == 422
    assert response.json()["detail"]
    assert response.json()["code"] == "assignment_refused"
    assert response.json()["unmet"] == refused.value.reasons
    assert not Assignment.objects.exists()


@pytest.mark.parametrize(
    "payload, field",
    [
        ({}, "mentor"),
        ({"mentor": "x", "mentee": 1}, "mentor"),
        ({"mentor": 1, "mentee": -3}, "mentee"),
        ({"mentor": 1, "mentee": 1, "start": "not a date"}, "start"),
        ({"mentor": 10**30, "mentee": 1}, "mentor"),
    ],
)
def test_bad_input_is_400_with_field_errors(api, payload, field):
    response = api.post("/api/v1/assignments/", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()


def test_unknown_ids_and_old_start_are_400(api, certified, mentee):
    assert (
        "mentee"
        in api.post(
            "/api/v1/assignments/", {"mentor": certified.pk, "mentee": 99999}, format="json"
        ).json()
    )
    old = (timezone.localdate() - datetime.timedelta(days=5)).isoformat()
    response = api.post(
        "/api/v1/assignments/",
        {"mentor": certified.pk, "mentee": mentee.pk, "start": old},
        format="json",
    )
    assert response.status_code == 400
    assert "start" in response.json()
    assert response.json()["code"] == "start_past"


def test_mentors_and_supervisors_get_403(mentor, supervisor, certified, programme):
    for user in (mentor, supervisor):
        user.groups.add(Group.objects.get(name="Coordinators"))
        client = client_for(user)  # a token issued while they were coordinators
        user.groups.remove(Group.objects.get(name="Coordinators"))
        assert client.get(f"/api/v1/mentors/{certified.pk}/eligibility/").status_code == 403
        assert client.get("/api/v1/mentors/").status_code == 403
        assert client.post("/api/v1/assignments/", {}, format="json").status_code == 403
        session = APIClient()
        session.force_login(user)
        assert session.get("/api/v1/mentors/").status_code == 403


def test_service_accounts_may_ask(certified, programme):
    robot = UserFactory(username="matcher")
    robot.groups.add(Group.objects.get(name="Service accounts"))
    response = client_for(robot).get(f"/api/v1/mentors/{certified.pk}/eligibility/")
    assert response.status_code == 200


def test_tokens_of_inactive_users_and_no_token_fail(coordinator, certified, programme):
    client = client_for(coordinator)
    coordinator.is_active = False
    coordinator.save(update_fields=["is_active"])
    assert client.get(f"/api/v1/mentors/{certified.pk}/eligibility/").status_code == 401
    assert APIClient().get("/api/v1/mentors/").status_code == 401
    bad = APIClient()
    bad.credentials(HTTP_AUTHORIZATION="Token nope")
    assert bad.get("/api/v1/mentors/").status_code == 401


def test_the_api_is_throttled(api, certified, programme, monkeypatch):
    from rest_framework.throttling import ScopedRateThrottle

    # DRF reads the rates into a class attribute at import: patch it, and let monkeypatch put
    # the original back (restoring it from api_settings inside the test left 2/minute in place
    # for every later test, while the settings override was still active).
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"matching": "2/minute"})
    codes = [api.get("/api/v1/mentors/").status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_schema_and_docs_page(client):
    schema = client.get("/api/v1/schema/?format=json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert {
        "/api/v1/mentors/",
        "/api/v1/mentors/{id}/eligibility/",
        "/api/v1/assignments/",
    } <= set(paths)
    assert "422" in paths["/api/v1/assignments/"]["post"]["responses"]
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200
    assert b"/api/v1/assignments/" in docs.content
    assert b"cdn" not in docs.content.lower()


def test_create_api_token_command(coordinator, mentor):
    from io import StringIO

    from django.core.management import CommandError, call_command

    out = StringIO()
    call_command("create_api_token", coordinator.username, stdout=out)
    assert coordinator.auth_token.key in out.getvalue()
    with pytest.raises(CommandError):
        call_command("create_api_token", mentor.username)
    with pytest.raises(CommandError):
        call_command("create_api_token", "nobody-here")
