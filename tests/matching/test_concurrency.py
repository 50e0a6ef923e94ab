"""Row locks on PostgreSQL: the gate holds under concurrent requests."""

import pytest

from certification import services as certification
from matching import services
from matching.models import Assignment, AssignmentStatus
from tests.concurrency import outcomes, run_together
from tests.factories import MenteeFactory, MentorProfileFactory, UserFactory, certify


def run_concurrently(*calls):
    return outcomes(run_together(*calls), refused=services.AssignmentRefused)


pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def assign(mentor, mentee, coordinator):
    return lambda: services.assignment_create(
        mentor=mentor.pk, mentee=mentee.pk, coordinator=coordinator
    )


def test_many_mentees_to_one_mentor_fill_capacity_exactly(certified, programme, coordinator):
    MentorProfileFactory(user=certified, capacity=3)
    mentees = MenteeFactory.create_batch(8, programme=programme)
    outcomes = run_concurrently(*[assign(certified, m, coordinator) for m in mentees])
    assert outcomes.count("ok") == 3
    assert Assignment.objects.filter(mentor=certified, status=AssignmentStatus.ACTIVE).count() == 3


def test_one_mentee_to_two_mentors_at_once(certified, programme, mentee, coordinator):
    other = UserFactory(role="Mentors")
    certify(other, programme)
    outcomes = run_concurrently(
        assign(certified, mentee, coordinator), assign(other, mentee, coordinator)
    )
    assert outcomes == ["ok", "refused"]
    assert Assignment.objects.filter(mentee=mentee).count() == 1


@pytest.mark.parametrize("attempt", range(3))
def test_a_revocation_racing_an_assignment_leaves_no_active_assignment(
    certified, mentee, coordinator, attempt
):
    certificate = certified.certificates.get()
    revoked_first = []

    def revoke():
        certification.certificate_revoke(
            certificate_id=certificate.pk, actor=coordinator, reason="Race"
        )
        revoked_first.append(not Assignment.objects.exists())

    run_concurrently(assign(certified, mentee, coordinator), revoke)
    # Whichever committed first, no active assignment survives for the revoked mentor: either
    # the gate saw the revocation, or the lapse flagged the assignment for review.
    assert not Assignment.objects.filter(mentor=certified, status=AssignmentStatus.ACTIVE).exists()


@pytest.mark.parametrize("attempt", range(3))
def test_a_mentee_edit_racing_an_assignment_leaves_no_active_mismatch(
    certified, mentee, coordinator, attempt
):
    """The coordinator marks the mentee as needing a crisis-trained mentor while another
    assigns a mentor who is not: refused, or created and flagged at once; never active."""
    from django.db import transaction

    from matching.models import Mentee

    def edit():
        with transaction.atomic():  # as the admin's edit view saves
            row = Mentee.objects.get(pk=mentee.pk)
            row.needs_crisis_trained = True
            row.save()

    results = run_together(assign(certified, mentee, coordinator), edit)
    assert not any(
        isinstance(result, Exception) and not isinstance(result, services.AssignmentRefused)
        for result in results
    ), results
    assert not Assignment.objects.filter(mentee=mentee, status=AssignmentStatus.ACTIVE).exists()


@pytest.mark.parametrize("attempt", range(3))
def test_a_revocation_racing_an_approval_never_ends_with_an_active_certificate(
    programme, coordinator, attempt, django_capture_on_commit_callbacks
):
    """The approval's certificate check and the revocation serialise on the mentor's row: the
    check either runs first (nothing new to issue) or sees the revocation (nothing issued)."""
    import datetime

    from django.utils import timezone

    from certification import services as practice
    from certification.models import Certificate
    from tests.factories import PracticeLogFactory

    mentor = UserFactory(role="Mentors")
    certificate = certify(mentor, programme)
    link = mentor.supervision_links_as_mentor.get()
    log = PracticeLogFactory(
        mentor=mentor,
        supervisor=link.supervisor,
        status="submitted",
        session_date=timezone.localdate() - datetime.timedelta(days=1),
    )

    def approve():
        practice.practice_log_approve(log=log, reviewer=link.supervisor, comment="Good session.")
        return certification.certificate_check(mentor_id=mentor.pk)  # what the task runs

    def revoke():
        certification.certificate_revoke(
            certificate_id=certificate.pk, actor=coordinator, reason="Boundary breach."
        )

    results = run_together(approve, revoke)
    assert not any(isinstance(result, Exception) for result in results), results
    assert not Certificate.objects.filter(holder=mentor).current().exists()
    assert certification.certificate_check(mentor_id=mentor.pk) == []
