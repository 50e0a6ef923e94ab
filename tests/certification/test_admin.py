"""Supervisor review in the Wagtail admin, the access matrix, reports and query budgets."""

import pytest
from django.urls import reverse

from certification.models import PracticeLog
from certification.selectors import practice_log_supervisor_queue, practice_minutes_by_competency
from tests.factories import (
    CompetencyFactory,
    PracticeLogFactory,
    SupervisionLinkFactory,
    UserFactory,
)
from tests.factories.cms import PASSWORD

pytestmark = pytest.mark.django_db
Status = PracticeLog.Status


def login(client, user):
    if user is not None:
        client.login(username=user.username, password=PASSWORD)
    return client


def test_supervisor_approves_with_a_comment_through_the_admin(client, submitted, supervisor):
    login(client, supervisor)
    url = reverse("practice_logs:edit", args=[submitted.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert b"Clinical psychologist" in page.content
    response = client.post(url, {"decision": "approve", "comment": "Clear reflection."})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert (submitted.status, submitted.review_comment) == (Status.APPROVED, "Clear reflection.")
    assert b'name="decision"' not in client.get(url).content  # decided: no controls


def test_request_changes_without_a_comment_is_a_form_error(client, submitted, supervisor):
    response = login(client, supervisor).post(
        reverse("practice_logs:edit", args=[submitted.pk]), {"decision": "request_changes"}
    )
    assert response.status_code == 400
    assert b"Tell the mentor why" in response.content
    assert PracticeLog.objects.get(pk=submitted.pk).status == Status.SUBMITTED


def test_queue_filters_and_search(client, submitted, supervisor, mentor):
    other_mentor = UserFactory(role="Mentors", first_name="Zebedee")
    SupervisionLinkFactory(mentor=other_mentor, supervisor=supervisor)
    PracticeLogFactory(mentor=other_mentor, supervisor=supervisor, status=Status.APPROVED)
    login(client, supervisor)
    index = reverse("practice_logs:index")
    assert client.get(index).context["object_list"].count() == 2
    assert list(client.get(index, {"status": "submitted"}).context["object_list"]) == [submitted]
    assert list(client.get(index, {"q": "Zebedee"}).context["object_list"]) != [submitted]
    assert list(client.get(index, {"mentor": mentor.pk}).context["object_list"]) == [submitted]
    competency = submitted.competencies.get()
    by_competency = client.get(index, {"competencies": competency.pk}).context["object_list"]
    assert list(by_competency) == [submitted]


def access_matrix():
    urls = {
        "list": lambda log: reverse("certification:practice_log_list"),
        "new": lambda log: reverse("certification:practice_log_create"),
        "detail": lambda log: reverse("certification:practice_log_detail", args=[log.pk]),
        "edit": lambda log: reverse("certification:practice_log_edit", args=[log.pk]),
        "queue": lambda log: reverse("practice_logs:index"),
        "review": lambda log: reverse("practice_logs:edit", args=[log.pk]),
        "progress": lambda log: reverse("practice_logs:progress"),
        "report": lambda log: reverse("certification_admin:approved_minutes"),
        "pending": lambda log: reverse("certification_admin:pending_logs"),
    }
    # who: expected status per url (302 = to sign in / admin home)
    expected = {
        "mentor": [200, 200, 200, 302, 302, 302, 302, 302, 302],
        "other_mentor": [200, 200, 404, 404, 302, 302, 302, 302, 302],
        "supervisor": [403, 403, 403, 403, 200, 200, 200, 200, 200],
        "other_supervisor": [403, 403, 403, 403, 200, 404, 200, 200, 200],
        "coordinator": [403, 403, 403, 403, 200, 200, 200, 200, 200],
        "anonymous": [302, 302, 302, 302, 302, 302, 302, 302, 302],
    }
    for who, statuses in expected.items():
        for (name, url), status in zip(urls.items(), statuses, strict=True):
            yield pytest.param(who, url, status, id=f"{who}-{name}")


@pytest.mark.parametrize(("who", "url", "status"), list(access_matrix()))
def test_access_matrix(client, submitted, mentor, supervisor, coordinator, who, url, status):
    users = {
        "mentor": mentor,
        "other_mentor": UserFactory(role="Mentors"),
        "supervisor": supervisor,
        "other_supervisor": UserFactory(role="Supervisors"),
        "coordinator": coordinator,
        "anonymous": None,
    }
    # The mentor's submitted log is no longer editable: edit redirects to its detail page.
    response = login(client, users[who]).get(url(submitted))
    assert response.status_code == status


def test_other_supervisor_and_coordinator_cannot_decide(client, submitted, coordinator):
    url = reverse("practice_logs:edit", args=[submitted.pk])
    other = UserFactory(role="Supervisors")
    assert login(client, other).post(url, {"decision": "approve"}).status_code == 404
    client.logout()
    # Wagtail turns PermissionDenied into a redirect to the admin home with a message.
    assert login(client, coordinator).post(url, {"decision": "approve"}).status_code == 302
    assert PracticeLog.objects.get(pk=submitted.pk).status == Status.SUBMITTED


def test_a_supervisor_never_sees_their_own_logs_in_the_queue(client, supervisor):
    own = PracticeLogFactory(mentor=supervisor, supervisor=UserFactory(role="Supervisors"))
    login(client, supervisor)
    assert own not in client.get(reverse("practice_logs:index")).context["object_list"]
    assert client.get(reverse("practice_logs:edit", args=[own.pk])).status_code == 404


def test_reports_export_csv_limited_to_own_supervisees(client, submitted, supervisor, coordinator):
    from certification import services

    services.practice_log_approve(log=submitted, reviewer=supervisor)
    stranger_log = PracticeLogFactory(status=Status.APPROVED, duration_minutes=33)
    url = reverse("certification_admin:approved_minutes")
    mine = login(client, supervisor).get(url, {"export": "csv"})
    body = b"".join(mine.streaming_content).decode()
    assert "Approved minutes" in body
    assert ",45," in body
    assert ",33," not in body
    client.logout()
    everyone = login(client, coordinator).get(url, {"export": "csv"})
    body = b"".join(everyone.streaming_content).decode()
    assert ",33," in body and stranger_log.mentor.username in body
    xlsx = client.get(reverse("certification_admin:pending_logs"), {"export": "xlsx"})
    assert xlsx.status_code == 200


def test_supervisee_progress_shows_minutes_per_competency(client, submitted, supervisor, mentor):
    from certification import services

    services.practice_log_approve(log=submitted, reviewer=supervisor)
    response = login(client, supervisor).get(reverse("practice_logs:progress"))
    row = response.context["rows"][0]
    assert row["mentor"] == mentor
    assert row["approved_total"] == 45
    assert [c["minutes"] for c in row["competencies"]] == [45]


def test_queue_of_100_logs_stays_within_10_queries(supervisor, django_assert_max_num_queries):
    competencies = [CompetencyFactory() for _ in range(3)]
    for _ in range(100):
        PracticeLogFactory(supervisor=supervisor, competencies=competencies)
    with django_assert_max_num_queries(10):
        rows = [
            (log.mentor.public_name, [c.name for c in log.competencies.all()])
            for log in practice_log_supervisor_queue(supervisor=supervisor)
        ]
    assert len(rows) == 100


def test_admin_queue_page_with_100_logs_has_a_fixed_query_count(
    client, supervisor, django_assert_max_num_queries
):
    for _ in range(100):
        PracticeLogFactory(supervisor=supervisor)
    login(client, supervisor)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("practice_logs:index"))
    assert response.status_code == 200


@pytest.mark.parametrize("count", [3, 60])
def test_minutes_per_competency_take_at_most_5_queries(
    mentor, count, django_assert_max_num_queries
):
    competencies = [CompetencyFactory() for _ in range(6)]
    for i in range(count):
        PracticeLogFactory(
            mentor=mentor, status=Status.APPROVED, competencies=competencies[: 1 + i % 6]
        )
    PracticeLogFactory(mentor=mentor, status=Status.SUBMITTED, competencies=competencies)
    with django_assert_max_num_queries(5):
        rows = practice_minutes_by_competency(mentor=mentor)
    assert rows[0]["minutes"] == 60 * count


def test_coordinators_manage_supervision_links_in_the_admin(
    client, coordinator, mentor, supervisor
):
    login(client, coordinator)
    assert client.get(reverse("supervisionlink:index")).status_code == 200
    response = client.post(
        reverse("supervisionlink:add"),
        {"supervisor": supervisor.pk, "mentor": mentor.pk, "start": "2025-01-01", "end": ""},
    )
    assert response.status_code == 302
    assert mentor.supervision_links_as_mentor.get().supervisor == supervisor
    refused = client.post(
        reverse("supervisionlink:add"),
        {"supervisor": mentor.pk, "mentor": mentor.pk, "start": "2025-01-01", "end": "2024-01-01"},
    )
    assert refused.status_code == 200
    assert mentor.supervision_links_as_mentor.count() == 1
    assert client.get(reverse("supervisorprofile:index")).status_code == 200
