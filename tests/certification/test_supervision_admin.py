"""Supervision screens: the link form's chooser and refusals, ending instead of deleting,
supervisor profiles with their qualification, the coordinator's reassign screen and the
mentor's withdraw button."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from certification.models import PracticeLog, SupervisionLink, SupervisorProfile
from tests.factories import SupervisionLinkFactory, SupervisorProfileFactory, UserFactory
from tests.factories.cms import PASSWORD

pytestmark = pytest.mark.django_db
Status = PracticeLog.Status
TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


def login(client, user):
    client.login(username=user.username, password=PASSWORD)
    return client


def options(response, field: str) -> set[int]:
    form = response.context["form"]
    return {user.pk for user in form.fields[field].queryset}


def test_the_link_form_offers_only_active_supervisors_and_mentors(
    client, coordinator, mentor, supervisor
):
    trainee = UserFactory(role="Mentors")
    left = UserFactory(role="Supervisors", is_active=False)
    response = login(client, coordinator).get(reverse("supervisionlink:add"))
    assert options(response, "supervisor") == {supervisor.pk}
    assert options(response, "mentor") == {mentor.pk, trainee.pk}
    # Posting someone who is not offered is a form error, not a link.
    refused = client.post(
        reverse("supervisionlink:add"),
        {"supervisor": left.pk, "mentor": mentor.pk, "start": "2025-01-01", "end": ""},
    )
    assert refused.status_code == 200
    assert not SupervisionLink.objects.exists()


def test_an_overlapping_link_is_a_form_error_naming_the_other_link(
    client, coordinator, mentor, supervisor
):
    SupervisionLinkFactory(mentor=mentor, supervisor=supervisor, start=datetime.date(2025, 1, 1))
    other = UserFactory(role="Supervisors")
    response = login(client, coordinator).post(
        reverse("supervisionlink:add"),
        {"supervisor": other.pk, "mentor": mentor.pk, "start": "2025-06-01", "end": ""},
    )
    assert response.status_code == 200
    assert supervisor.public_name in response.content.decode()
    assert SupervisionLink.objects.filter(mentor=mentor).count() == 1


def test_a_departed_supervisors_link_can_be_ended_in_the_admin(
    client, coordinator, mentor, supervisor
):
    link = SupervisionLinkFactory(mentor=mentor, supervisor=supervisor)
    supervisor.is_active = False
    supervisor.save()
    url = reverse("supervisionlink:edit", args=[link.pk])
    response = login(client, coordinator).get(url)
    assert supervisor.pk in options(response, "supervisor")
    ended = client.post(
        url,
        {
            "supervisor": supervisor.pk,
            "mentor": mentor.pk,
            "start": link.start.isoformat(),
            "end": TODAY().isoformat(),
        },
    )
    assert ended.status_code == 302
    link.refresh_from_db()
    assert link.end == TODAY()


def test_deleting_a_link_with_history_is_refused_and_says_to_end_it(
    client, coordinator, submitted, mentor
):
    link = SupervisionLink.objects.get(mentor=mentor)
    url = reverse("supervisionlink:delete", args=[link.pk])
    login(client, coordinator)
    for response in (client.get(url, follow=True), client.post(url, follow=True)):
        assert response.status_code == 200
        assert "set an end date instead" in response.content.decode()
    assert SupervisionLink.objects.filter(pk=link.pk).exists()


def test_deleting_a_link_made_by_mistake_works(client, coordinator, mentor, supervisor):
    link = SupervisionLinkFactory(mentor=mentor, supervisor=supervisor, start=TODAY() + 7 * DAY)
    url = reverse("supervisionlink:delete", args=[link.pk])
    assert login(client, coordinator).get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert not SupervisionLink.objects.exists()


def test_coordinators_record_a_supervisors_qualification(client, coordinator, supervisor):
    profile = SupervisorProfileFactory(user=supervisor)
    url = reverse("supervisorprofile:edit", args=[profile.pk])
    response = login(client, coordinator).post(
        url,
        {
            "user": supervisor.pk,
            "qualification": "Clinical supervision diploma",
            "credential_id": "CSD-1",
            "qualification_expires": "2027-05-03",
            "years_supervising": 4,
        },
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.qualification_expires == datetime.date(2027, 5, 3)
    listing = client.get(reverse("supervisorprofile:index"))
    assert "CSD-1" in listing.content.decode()
    UserFactory(role="Supervisors", is_active=False)
    add = client.get(reverse("supervisorprofile:add"))
    assert options(add, "user") == {supervisor.pk}


def test_the_programme_form_has_the_supervisor_requirements(client, coordinator):
    response = login(client, coordinator).get(reverse("certificationprogramme:add"))
    form = response.context["form"]
    assert {"supervisor_qualification_required", "supervisor_min_years"} <= set(form.fields)


# --- Reassigning stuck logs ---------------------------------------------------------------------


@pytest.fixture
def stuck(submitted, mentor, supervisor):
    supervisor.is_active = False
    supervisor.save()
    SupervisionLink.objects.filter(mentor=mentor).update(end=TODAY() - 2 * DAY)
    successor = UserFactory(role="Supervisors")
    SupervisionLinkFactory(mentor=mentor, supervisor=successor, start=TODAY() - DAY)
    return successor


def test_coordinator_reassigns_a_stuck_log_from_the_admin(client, coordinator, submitted, stuck):
    url = reverse("practice_logs:reassign")
    page = login(client, coordinator).get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert submitted.mentor.public_name in body and stuck.public_name in body
    response = client.post(url, {"log": submitted.pk}, follow=True)
    assert response.status_code == 200
    submitted.refresh_from_db()
    assert submitted.supervisor == stuck
    assert "reassigned" in response.content.decode().lower()


def test_reassign_refusal_is_a_message_not_an_error(client, coordinator, submitted):
    response = login(client, coordinator).post(
        reverse("practice_logs:reassign"), {"log": submitted.pk}, follow=True
    )
    assert response.status_code == 200
    assert "already waits" in response.content.decode()
    bad = client.post(reverse("practice_logs:reassign"), {"log": "nope"}, follow=True)
    assert bad.status_code == 200


@pytest.mark.parametrize("who", ["supervisor", "mentor", "anonymous"])
def test_only_coordinators_open_the_reassign_screen(client, submitted, stuck, who, request):
    if who != "anonymous":
        login(client, request.getfixturevalue(who))
    url = reverse("practice_logs:reassign")
    assert client.get(url).status_code in (302, 403)
    assert client.post(url, {"log": submitted.pk}).status_code in (302, 403)
    submitted.refresh_from_db()
    assert submitted.supervisor != stuck


def test_reassign_needs_the_csrf_token(coordinator, submitted, stuck):
    client = login(Client(enforce_csrf_checks=True), coordinator)
    assert client.post(reverse("practice_logs:reassign"), {"log": submitted.pk}).status_code == 403


# --- The mentor's withdraw button ---------------------------------------------------------------


def test_the_withdraw_button_shows_only_when_nobody_can_review(client, mentor, submitted, stuck):
    detail = reverse("certification:practice_log_detail", args=[submitted.pk])
    withdraw = reverse("certification:practice_log_withdraw", args=[submitted.pk])
    page = login(client, mentor).get(detail).content.decode()
    assert withdraw in page and "can no longer review" in page
    response = client.post(withdraw, follow=True)
    assert response.status_code == 200
    submitted.refresh_from_db()
    assert submitted.status == Status.DRAFT
    assert withdraw not in response.content.decode()


def test_no_withdraw_while_the_supervisor_can_review(client, mentor, submitted):
    detail = reverse("certification:practice_log_detail", args=[submitted.pk])
    withdraw = reverse("certification:practice_log_withdraw", args=[submitted.pk])
    assert withdraw not in login(client, mentor).get(detail).content.decode()
    response = client.post(withdraw, follow=True)
    assert "can still review" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED
    assert client.get(withdraw).status_code == 405


def test_another_mentor_cannot_withdraw(client, submitted, stuck):
    other = UserFactory(role="Mentors")
    withdraw = reverse("certification:practice_log_withdraw", args=[submitted.pk])
    assert login(client, other).post(withdraw).status_code == 404


def test_profile_has_a_qualification_expiry(supervisor):
    profile = SupervisorProfileFactory(user=supervisor)
    assert profile.qualification_expires > TODAY()
    assert SupervisorProfile._meta.get_field("qualification_expires").null
