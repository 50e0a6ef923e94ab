"""Reports → Failed and stuck work: coordinators see what the queue did not do, and re-queue."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django_q.models import Task

from certification.models import Certificate, PdfStatus
from cms.events import EventNotification
from cms.notify import EMAIL
from cms.task_queue import STUCK_AFTER
from tests.broker import orm_broker, queued  # noqa: F401 (a fixture)
from tests.factories import UserFactory
from tests.factories.certificates import ProgrammeFactory, qualify

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/stuck-work/"
REQUEUE = "/admin/reports/stuck-work/requeue/"
RENDER = "certification.tasks.render_certificate_pdf"


@pytest.fixture
def stuck_certificate(mentor, django_capture_on_commit_callbacks):
    """Issued 20 minutes ago; its PDF task was lost, its e-mail was sent."""
    from certification import services

    programme = ProgrammeFactory()
    qualify(mentor, programme)
    with django_capture_on_commit_callbacks(execute=False):
        certificate = services.certificate_issue_if_eligible(
            mentor_id=mentor.pk, programme=programme
        )
    past = timezone.now() - STUCK_AFTER - datetime.timedelta(minutes=5)
    Certificate.objects.filter(pk=certificate.pk).update(issued_at=past)
    EventNotification.objects.create(event=certificate.events.get(kind="issued"), purpose=EMAIL)
    return Certificate.objects.get(pk=certificate.pk)


@pytest.fixture
def failed_task(db):
    return Task.objects.create(
        id="a" * 32,
        name="seven-fish-lima",
        func="certification.tasks.render_certificate_pdf",
        args=(),
        kwargs={"certificate_id": 1},
        started=timezone.now(),
        stopped=timezone.now(),
        result="OSError('font cache locked') : Traceback (most recent call last): ...",
        success=False,
        attempt_count=3,
    )


def test_coordinators_see_failed_tasks_and_stuck_pdfs(
    client, coordinator, stuck_certificate, failed_task
):
    client.force_login(coordinator)
    response = client.get(REPORT)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Failed and stuck work" in html
    assert "seven-fish-lima" in html and "OSError(&#x27;font cache locked&#x27;)" in html
    assert "Traceback" not in html
    assert stuck_certificate.serial in html and "Re-queue" in html
    assert reverse("certification_admin:certificate_manage", args=[stuck_certificate.pk]) in html
    menu = client.get("/admin/").content.decode()
    assert REPORT in menu


def test_the_report_exports_csv(client, coordinator, stuck_certificate, failed_task):
    client.force_login(coordinator)
    response = client.get(REPORT, {"export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    assert "seven-fish-lima" in body and stuck_certificate.serial in body


@pytest.mark.parametrize("role", ["Trainers", "Supervisors", "Mentors"])
def test_only_coordinators_and_superusers_open_it(client, role):
    client.force_login(UserFactory(role=role))
    assert client.get(REPORT).status_code in (302, 403)
    assert client.post(REQUEUE, {"kind": "certificate_pdf", "pk": 1}).status_code in (302, 403)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(REPORT).status_code == 200


@pytest.mark.usefixtures("orm_broker")
def test_requeue_queues_the_render_once(client, coordinator, stuck_certificate):
    client.force_login(coordinator)
    data = {"kind": "certificate_pdf", "pk": stuck_certificate.pk}
    response = client.post(REQUEUE, data, follow=True)
    assert "Queued again" in response.content.decode()
    assert queued() == [(RENDER, {"certificate_id": stuck_certificate.pk})]
    response = client.post(REQUEUE, data, follow=True)
    assert "already waiting in the queue" in response.content.decode()
    assert len(queued()) == 1


@pytest.mark.usefixtures("orm_broker")
def test_requeue_refuses_what_is_not_stuck_or_not_known(client, coordinator, stuck_certificate):
    client.force_login(coordinator)
    Certificate.objects.filter(pk=stuck_certificate.pk).update(pdf_status=PdfStatus.READY)
    response = client.post(
        REQUEUE, {"kind": "certificate_pdf", "pk": stuck_certificate.pk}, follow=True
    )
    assert "no longer stuck" in response.content.decode()
    for data in ({"kind": "nonsense", "pk": 1}, {"kind": "certificate_pdf", "pk": "x"}, {}):
        response = client.post(REQUEUE, data, follow=True)
        assert "cannot be re-queued" in response.content.decode()
    assert client.get(REQUEUE).status_code == 405
    assert queued() == []


def test_requeue_needs_a_csrf_token(coordinator, stuck_certificate):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    response = client.post(REQUEUE, {"kind": "certificate_pdf", "pk": stuck_certificate.pk})
    assert response.status_code == 403
