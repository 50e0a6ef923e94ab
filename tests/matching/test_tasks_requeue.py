"""The needs-review e-mails the queue did not deliver are queued again by the sweep, once."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from certification import services as certification
from cms.events import EventNotification
from cms.notify import EMAIL
from cms.task_queue import RECENT, STUCK_AFTER, stuck_work
from matching import requeue, services, tasks
from matching.models import AssignmentEvent
from tests.broker import orm_broker, queued  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

LATER = STUCK_AFTER + datetime.timedelta(minutes=1)
REVIEW_EMAIL = "matching.tasks.email_review_needed"


@pytest.fixture
def flag(certified, mentee, coordinator, django_capture_on_commit_callbacks):
    """An assignment flagged for review whose e-mail task was lost (it never ran)."""
    assignment = services.assignment_create(
        mentor=certified, mentee=mentee, coordinator=coordinator
    )
    with django_capture_on_commit_callbacks(execute=False):
        certification.certificate_suspend(
            certificate_id=certified.certificates.get().pk, actor=coordinator, reason="Concern"
        )
        services.assignments_flag_after_lapse(
            holder_id=certified.pk, programme_id=mentee.programme_id
        )
    return AssignmentEvent.objects.get(assignment=assignment, kind="flagged")


@pytest.mark.usefixtures("orm_broker")
def test_a_lost_flag_email_is_queued_again_once(flag):
    assert requeue.requeue_stuck(at=timezone.now()) == 0  # not stuck yet
    at = timezone.now() + LATER
    assert requeue.requeue_stuck(at=at) == 1
    assert queued() == [(REVIEW_EMAIL, {"event_id": flag.pk})]
    assert requeue.requeue_stuck(at=at) == 0  # already with the broker
    assert [(item.kind, item.pk) for item in requeue.stuck(at=at)] == [
        ("assignment_email", flag.pk)
    ]
    assert ("assignment_email", flag.pk) in [(item.kind, item.pk) for item in stuck_work(at=at)]


@pytest.mark.usefixtures("orm_broker")
def test_sent_and_old_flags_are_not_emailed_again(flag):
    AssignmentEvent.objects.filter(pk=flag.pk).update(
        at=timezone.now() - RECENT - datetime.timedelta(hours=1)
    )
    assert requeue.requeue_stuck(at=timezone.now()) == 0  # old news: the queue shows it
    EventNotification.objects.create(event=flag, purpose=EMAIL)
    assert requeue.requeue_stuck(at=timezone.now()) == 0
    assert queued() == []
    assert requeue.stuck(at=timezone.now()) == []


def test_the_scheduled_task_sends_the_coordinators_one_email(flag, coordinator):
    AssignmentEvent.objects.filter(pk=flag.pk).update(at=timezone.now() - LATER)
    mail.outbox.clear()
    assert tasks.requeue_unsent_notifications() == 1
    assert [message.to for message in mail.outbox] == [[coordinator.email]]
    assert tasks.requeue_unsent_notifications() == 0
    assert len(mail.outbox) == 1


def test_the_sweep_is_scheduled_every_quarter_hour():
    from django_q.models import Schedule

    from matching.schedules import SCHEDULES

    [sweep] = [s for s in SCHEDULES if s["func"] == "matching.tasks.requeue_unsent_notifications"]
    assert (sweep["schedule_type"], sweep["minutes"]) == (Schedule.MINUTES, 15)
