"""Coordinator screens: access, the gate's reasons on the form, roster filters, exports and
query budgets, the review queue and the dashboard panel."""

import pytest
from django.urls import reverse
from django.utils import timezone

from certification.models import CertificateStatus
from matching import services
from matching.models import Assignment, AssignmentStatus, Mentee
from tests.factories import MenteeFactory, MentorProfileFactory, UserFactory
from tests.factories.cms import PASSWORD

pytestmark = pytest.mark.django_db

SCREENS = [
    reverse("matching_admin:roster"),
    reverse("matching_admin:needs_review"),
    reverse("matching_assignment:index"),
    reverse("matching_assignment:add"),
    reverse("matching_mentee:index"),
    reverse("matching_mentor_profile:index"),
]


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.mark.parametrize("url", SCREENS)
def test_coordinators_open_every_screen(coordinator_client, programme, url):
    assert coordinator_client.get(url).status_code == 200


@pytest.mark.parametrize("role", ["mentor", "supervisor"])
def test_mentors_and_supervisors_are_kept_out(client, request, programme, role):
    user = request.getfixturevalue(role)
    client.force_login(user)
    for url in [*SCREENS, reverse("matching_admin:mentor_eligibility", args=[user.pk])]:
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:  # Wagtail sends them to its login or dashboard
            assert response.url.split("?")[0] in ("/admin/", "/admin/login/")


def test_the_form_lists_the_same_reasons_as_the_service(coordinator_client, coordinator, programme):
    mentor = UserFactory(role="Mentors")
    mentee = MenteeFactory(programme=programme)
    with pytest.raises(services.AssignmentRefused) as refused:
        services.assignment_create(mentor=mentor, mentee=mentee, coordinator=coordinator)
    response = coordinator_client.post(
        reverse("matching_assignment:add"),
        {"mentor": mentor.pk, "mentee": mentee.pk, "start": timezone.localdate().isoformat()},
    )
    assert response.status_code == 422
    html = response.content.decode()
    for reason in refused.value.reasons:
        assert f'data-requirement="{reason["requirement"]}"' in html
    assert not Assignment.objects.exists()


def test_the_form_assigns_a_certified_mentor(coordinator_client, certified, mentee):
    response = coordinator_client.post(
        reverse("matching_assignment:add"),
        {"mentor": certified.pk, "mentee": mentee.pk, "start": timezone.localdate().isoformat()},
    )
    assignment = Assignment.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("matching_assignment:edit", args=[assignment.pk])
    detail = coordinator_client.get(response.url)
    assert b"M-KESTREL" in detail.content


def test_a_bad_start_date_is_a_field_error(coordinator_client, certified, mentee):
    response = coordinator_client.post(
        reverse("matching_assignment:add"),
        {"mentor": certified.pk, "mentee": mentee.pk, "start": "2001-01-01"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["start"]


def test_resolving_a_review_from_the_detail_page(
    coordinator_client, coordinator, certified, mentee
):
    assignment = services.assignment_create(
        mentor=certified, mentee=mentee, coordinator=coordinator
    )
    services.assignment_flag_for_review(assignment_id=assignment.pk, reason="Please check")
    queue = coordinator_client.get(reverse("matching_admin:needs_review"))
    assert b"Please check" in queue.content
    url = reverse("matching_assignment:edit", args=[assignment.pk])
    response = coordinator_client.post(url, {"decision": "continue", "reason": "Checked"})
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ACTIVE
    response = coordinator_client.post(url, {"decision": "end", "reason": "Done"})
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ENDED


def test_eligibility_view_lists_each_requirement(coordinator_client, certified, programme):
    mentor = UserFactory(role="Mentors")
    html = coordinator_client.get(
        reverse("matching_admin:mentor_eligibility", args=[mentor.pk])
    ).content
    assert b'data-requirement="certificate"' in html
    assert b'data-requirement="supervision"' in html
    html = coordinator_client.get(
        reverse("matching_admin:mentor_eligibility", args=[certified.pk])
    ).content
    assert b"Eligible today" in html
    assert (
        coordinator_client.get(
            reverse("matching_admin:mentor_eligibility", args=[99999])
        ).status_code
        == 404
    )


def make_mentors(count, programme):
    for index in range(count):
        user = UserFactory(role="Mentors")
        if index % 3 == 0:
            MentorProfileFactory(user=user, capacity=2, accepting_new=index % 2 == 0)


def roster_queries(client, django_assert_max_num_queries) -> int:
    url = reverse("matching_admin:roster")
    client.get(url)  # warm per-process caches (site, menus) as a running server has them
    with django_assert_max_num_queries(12) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_roster_first_page_costs_the_same_for_20_and_200_mentors(
    coordinator_client, certified, programme, django_assert_max_num_queries
):
    make_mentors(19, programme)
    small = roster_queries(coordinator_client, django_assert_max_num_queries)
    make_mentors(180, programme)
    large = roster_queries(coordinator_client, django_assert_max_num_queries)
    assert small == large


def test_roster_filters_and_exports(coordinator_client, certified, programme):
    MentorProfileFactory(user=UserFactory(role="Mentors", last_name="Zed"), accepting_new=False)
    url = reverse("matching_admin:roster")
    active = coordinator_client.get(url, {"status": CertificateStatus.ACTIVE})
    assert [row.pk for row in active.context["object_list"]] == [certified.pk]
    none = coordinator_client.get(url, {"status": "none"})
    assert certified.pk not in [row.pk for row in none.context["object_list"]]
    soon = coordinator_client.get(url, {"expiring_within": 400})
    assert [row.pk for row in soon.context["object_list"]] == [certified.pk]
    assert not coordinator_client.get(url, {"expiring_within": 1}).context["object_list"]
    closed = coordinator_client.get(url, {"accepting": "false"})
    assert [row.last_name for row in closed.context["object_list"]] == ["Zed"]
    assert coordinator_client.get(url, {"programme": programme.pk}).status_code == 200
    assert coordinator_client.get(reverse("matching_admin:roster_results")).status_code == 200
    csv = coordinator_client.get(url, {"export": "csv"})
    text = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
    assert text.splitlines()[0].startswith("Username,Mentor,Programme,Certificate status")
    assert "certified-mentor" in text
    xlsx = coordinator_client.get(url, {"export": "xlsx"})
    assert xlsx.status_code == 200
    assert "spreadsheetml" in xlsx["Content-Type"]


def test_mentees_are_created_by_code_name_with_their_creator(
    coordinator_client, coordinator, programme
):
    response = coordinator_client.post(
        reverse("matching_mentee:add"),
        {
            "code_name": "M-HERON",
            "languages": "en, cy",
            "programme": programme.pk,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert Mentee.objects.get(code_name="M-HERON").created_by == coordinator
    bad = coordinator_client.post(
        reverse("matching_mentee:add"),
        {"code_name": "M-OWL", "languages": "english", "programme": programme.pk},
    )
    assert bad.status_code == 200 and not Mentee.objects.filter(code_name="M-OWL").exists()


def test_dashboard_panel_for_coordinators_only(
    client, coordinator, supervisor, certified, programme
):
    client.force_login(coordinator)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "certified mentors" in html
    assert "Matching" in html
    client.force_login(supervisor)
    assert "certified mentors" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_password_constant_is_shared():
    assert PASSWORD
