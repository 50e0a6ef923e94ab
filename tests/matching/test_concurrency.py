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
