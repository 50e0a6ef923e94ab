"""The stuck-work sweep: PDFs not rendered and e-mails not sent are queued again, once."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from django_q.models import OrmQ

from certification import requeue, services, tasks
from certification.models import (
    Certificate,
    CertificateEvent,
    PdfStatus,
    PracticeLogEvent,
)
from cms import notify
from cms.events import EventNotification
from cms.task_queue import RECENT, STUCK_AFTER, requeue_one, stuck_work
from tests.broker import orm_broker, queued  # noqa: F401 (a fixture)
from tests.factories.certificates import ProgrammeFactory, qualify

pytestmark = pytest.mark.django_db

RENDER = "certification.tasks.render_certificate_pdf"
EMAIL = "certification.tasks.email_certificate_event"
LATER = STUCK_AFTER + datetime.timedelta(minutes=1)


@pytest.fixture
def certificate(mentor, orm_broker, django_capture_on_commit_callbacks):  # noqa: F811
    """Issued now; its render and its e-mail are queued, not run."""
    programme = ProgrammeFactory()
    qualify(mentor, programme)
    with django_capture_on_commit_callbacks(execute=True):
        issued = services.certificate_issue_if_eligible(mentor_id=mentor.pk, programme=programme)
    assert issued.pdf_status == PdfStatus.PENDING
    return issued


def lose_the_queue():
    """What a Redis broker does when the worker dies mid-task: the tasks are gone."""
    OrmQ.objects.all().delete()


def test_nothing_is_queued_again_while_it_is_still_with_the_broker(certificate):
    before = queued()
    assert (RENDER, {"certificate_id": certificate.pk}) in before
    assert requeue.requeue_stuck(at=timezone.now()) == 0
    assert requeue.requeue_stuck(at=timezone.now() + LATER) == 0
    assert queued() == before


def test_a_lost_render_and_a_lost_email_are_queued_again_once(certificate):
    lose_the_queue()
    assert requeue.requeue_stuck(at=timezone.now()) == 0  # not stuck yet: give the queue time
    at = timezone.now() + LATER
    issued_event = CertificateEvent.objects.get(certificate=certificate, kind="issued")
    assert requeue.requeue_stuck(at=at) == 2
    assert sorted(queued()) == sorted(
        [(RENDER, {"certificate_id": certificate.pk}), (EMAIL, {"event_id": issued_event.pk})]
    )
    assert requeue.requeue_stuck(at=at) == 0  # the sweep again: already queued


def test_a_recent_failed_render_is_left_to_the_broker_and_queued_after_the_threshold(
    certificate,
):
    lose_the_queue()
    services.certificate_pdf_failed(
        certificate_id=certificate.pk, error="OSError()", at=timezone.now() + LATER
    )
    assert requeue.requeue_stuck(at=timezone.now() + LATER) == 1  # only the e-mail
    assert (RENDER, {"certificate_id": certificate.pk}) not in queued()
    assert requeue.requeue_stuck(at=timezone.now() + 2 * LATER) == 1
    assert (RENDER, {"certificate_id": certificate.pk}) in queued()


def test_a_render_that_keeps_failing_waits_for_a_person(certificate):
    lose_the_queue()
    EventNotification.objects.create(
        event=certificate.events.get(kind="issued"), purpose=notify.EMAIL
    )
    for _ in range(requeue.PDF_FAILURES_BEFORE_GIVING_UP):
        services.certificate_pdf_failed(certificate_id=certificate.pk, error="OSError()")
    at = timezone.now() + LATER
    assert requeue.requeue_stuck(at=at) == 0
    [item] = [item for item in stuck_work(at=at) if item.kind == "certificate_pdf"]
    assert item.pk == certificate.pk and item.can_requeue
    assert str(requeue.PDF_FAILURES_BEFORE_GIVING_UP) in item.description
    # The coordinator's action queues it, once.
    assert requeue_one(kind="certificate_pdf", pk=certificate.pk, at=at) is True
    assert requeue_one(kind="certificate_pdf", pk=certificate.pk, at=at) is False
    assert queued() == [(RENDER, {"certificate_id": certificate.pk})]


def test_only_a_stuck_pdf_can_be_queued_by_hand(certificate):
    lose_the_queue()
    assert requeue_one(kind="certificate_pdf", pk=certificate.pk) is False  # not stuck yet
    Certificate.objects.filter(pk=certificate.pk).update(pdf_status=PdfStatus.READY)
    at = timezone.now() + LATER
    assert requeue_one(kind="certificate_pdf", pk=certificate.pk, at=at) is False
    assert requeue_one(kind="certificate_pdf", pk=0, at=at) is False
    with pytest.raises(LookupError):
        requeue_one(kind="no_such_work", pk=certificate.pk, at=at)
    assert queued() == []


@pytest.mark.parametrize("change", ["revoke", "erase"])
def test_no_pdf_is_rendered_for_a_revoked_certificate_or_an_erased_holder(
    certificate, coordinator, change
):
    if change == "revoke":
        services.certificate_revoke(
            certificate_id=certificate.pk, actor=coordinator, reason="Boundary breach"
        )
    else:
        certificate.holder.erased_at = timezone.now()
        certificate.holder.save(update_fields=["erased_at"])
    lose_the_queue()
    at = timezone.now() + LATER
    requeue.requeue_stuck(at=at)
    assert (RENDER, {"certificate_id": certificate.pk}) not in queued()
    assert not [item for item in stuck_work(at=at) if item.kind == "certificate_pdf"]


def test_sent_silent_and_old_events_are_not_emailed_again(certificate):
    lose_the_queue()
    Certificate.objects.filter(pk=certificate.pk).update(pdf_status=PdfStatus.READY)
    issued = certificate.events.get(kind="issued")
    EventNotification.objects.create(event=issued, purpose=notify.EMAIL)
    CertificateEvent.objects.create(certificate=certificate, kind="pdf_rendered", at=issued.at)
    old = CertificateEvent.objects.create(
        certificate=certificate,
        kind="reminder_60",
        at=timezone.now() - RECENT - datetime.timedelta(hours=1),
    )
    at = timezone.now() + LATER
    assert requeue.requeue_stuck(at=at) == 0
    # The old one is not news any more, but a coordinator still sees it was never sent.
    assert [(item.kind, item.pk) for item in stuck_work(at=at)] == [("certificate_email", old.pk)]


def test_unsent_practice_log_emails_are_queued_again_once(
    submitted, request, django_capture_on_commit_callbacks
):
    request.getfixturevalue("orm_broker")  # after the submission's e-mail was sent
    event = PracticeLogEvent.objects.get(log=submitted, to_status="submitted")
    draft_event = PracticeLogEvent.objects.get(log=submitted, to_status="draft")
    lost = PracticeLogEvent.objects.filter(pk=event.pk)
    EventNotification.objects.for_events(lost).delete()  # the e-mail task was lost
    at = timezone.now() + LATER
    with django_capture_on_commit_callbacks(execute=True):
        assert requeue.requeue_stuck(at=at) == 1
    assert queued() == [
        ("certification.tasks.notify_supervisor_of_submission", {"event_id": event.pk})
    ]
    with django_capture_on_commit_callbacks(execute=True):
        assert requeue.requeue_stuck(at=at) == 0
    assert draft_event.pk not in [kwargs["event_id"] for _func, kwargs in queued()]
    [item] = stuck_work(at=at)
    assert (item.kind, item.pk) == ("practice_log_email", event.pk)


def test_the_scheduled_task_sends_a_lost_email_exactly_once(
    mentor, django_capture_on_commit_callbacks
):
    """End to end with tasks run at once: the e-mail task was lost (never ran); the sweep's
    task sends it; the sweep again sends nothing."""
    programme = ProgrammeFactory()
    qualify(mentor, programme)
    with django_capture_on_commit_callbacks(execute=False):  # the queued tasks never run
        certificate = services.certificate_issue_if_eligible(
            mentor_id=mentor.pk, programme=programme
        )
    CertificateEvent.objects.filter(certificate=certificate).update(
        at=timezone.now() - STUCK_AFTER - datetime.timedelta(minutes=1)
    )
    Certificate.objects.filter(pk=certificate.pk).update(
        issued_at=timezone.now() - STUCK_AFTER - datetime.timedelta(minutes=1)
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.requeue_stuck_work() == 2
    assert [message.to for message in mail.outbox] == [[mentor.email]]
    certificate.refresh_from_db()
    assert certificate.pdf_status == PdfStatus.READY
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.requeue_stuck_work() == 0
    assert len(mail.outbox) == 1


def test_the_sweep_is_scheduled_every_quarter_hour():
    from django_q.models import Schedule

    from certification.schedules import SCHEDULES

    [sweep] = [s for s in SCHEDULES if s["func"] == "certification.tasks.requeue_stuck_work"]
    assert (sweep["schedule_type"], sweep["minutes"]) == (Schedule.MINUTES, 15)
