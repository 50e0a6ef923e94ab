"""Lapse flow-through: suspension, revocation and expiry flag assignments and e-mail
coordinators once; the nightly sweep is the second line."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from certification import services as certification
from certification.models import SupervisionLink
from cms.events import EventNotification
from matching import services, tasks
from matching.models import AssignmentStatus
from tests.factories import MenteeFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def assignment(certified, mentee, coordinator):
    return services.assignment_create(mentor=certified, mentee=mentee, coordinator=coordinator)


def review_mails():
    return [message for message in mail.outbox if "needs review" in message.subject]


@pytest.mark.parametrize("change", ["suspend", "revoke"])
def test_suspension_and_revocation_flag_and_email_once(
    assignment, certified, coordinator, change, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        getattr(certification, f"certificate_{change}")(
            certificate_id=certified.certificates.get().pk, actor=coordinator, reason="Concern"
        )
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.NEEDS_REVIEW
    assert certified.certificates.get().serial in assignment.review_reason
    assert len(review_mails()) == 1
    assert review_mails()[0].to == [coordinator.email]
    assert "M-KESTREL" in review_mails()[0].body
    # A retried task and a second e-mail task change nothing.
    with django_capture_on_commit_callbacks(execute=True):
        tasks.flag_after_lapse(holder_id=certified.pk, programme_id=assignment.mentee.programme_id)
    event = assignment.events.get(kind="flagged")
    assert tasks.email_review_needed(event_id=event.pk) is False
    assert len(review_mails()) == 1
    assert EventNotification.objects.for_events(assignment.events.all()).count() == 1


def test_expiry_sweep_flags_and_emails_once(
    assignment, certified, coordinator, django_capture_on_commit_callbacks
):
    certificate = certified.certificates.get()
    after_grace = timezone.now() + datetime.timedelta(
        days=(certificate.grace_until - timezone.localdate()).days + 1
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        certification.certificate_expire_due(at=after_grace)
    # The certificate expired "in the future"; the lapse check runs today, when the record
    # already says expired: the assignment is flagged.
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.NEEDS_REVIEW
    assert len(review_mails()) == 1
    with django_capture_on_commit_callbacks(execute=True):
        certification.certificate_expire_due(at=after_grace)
        services.assignments_sweep()
    assert len(review_mails()) == 1


def test_a_lapse_in_another_programme_leaves_assignments_alone(
    assignment, certified, coordinator, django_capture_on_commit_callbacks
):
    from tests.factories import certify
    from tests.factories.certificates import ProgrammeFactory

    other = ProgrammeFactory(competency_minutes={})
    certificate = certify(certified, other)
    with django_capture_on_commit_callbacks(execute=True):
        certification.certificate_suspend(
            certificate_id=certificate.pk, actor=coordinator, reason="Other programme"
        )
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ACTIVE


def test_the_nightly_sweep_catches_a_lost_supervision_link(
    assignment, certified, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    SupervisionLink.objects.filter(mentor=certified).update(
        start=timezone.localdate() - datetime.timedelta(days=30),
        end=timezone.localdate() - datetime.timedelta(days=1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.sweep_assignments() == 1
        assert tasks.sweep_assignments() == 0
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.NEEDS_REVIEW
    assert "supervision" in assignment.review_reason
    assert len(review_mails()) == 1


def test_the_sweep_leaves_healthy_assignments_alone(assignment, programme):
    UserFactory(role="Mentors")
    MenteeFactory(programme=programme)
    assert services.assignments_sweep() == []


def test_the_sweep_is_scheduled_nightly():
    from matching.schedules import SCHEDULES

    sweeps = [s for s in SCHEDULES if s["func"] == "matching.tasks.sweep_assignments"]
    assert [(s["schedule_type"], s["hour"]) for s in sweeps] == [("D", 3)]
