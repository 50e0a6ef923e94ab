"""Issuing is exactly-once under concurrent triggers (PostgreSQL row locks)."""

import pytest

from certification import services
from certification.credentials.status import COUNTER_KEY as STATUS_COUNTER_KEY
from certification.models import Certificate, SerialCounter
from tests.concurrency import outcomes, run_together
from tests.factories import UserFactory
from tests.factories.certificates import ProgrammeFactory, qualify

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_concurrent_triggers_issue_one_certificate():
    mentor = UserFactory(role="Mentors")
    programme = ProgrammeFactory()
    qualify(mentor, programme)
    results = run_together(
        *[lambda: services.certificate_issue_if_eligible(mentor_id=mentor.pk, programme=programme)]
        * 6
    )
    errors = [result for result in results if isinstance(result, Exception)]
    assert not errors, errors
    assert sum(result is not None for result in results) == 1
    assert Certificate.objects.filter(holder=mentor).count() == 1


def test_concurrent_issues_for_different_mentors_get_distinct_status_indexes():
    programme = ProgrammeFactory()
    mentors = [UserFactory(role="Mentors") for _ in range(6)]
    for mentor in mentors:
        qualify(mentor, programme)
    results = run_together(
        *[
            (
                lambda mentor=mentor: services.certificate_issue_if_eligible(
                    mentor_id=mentor.pk, programme=programme
                )
            )
            for mentor in mentors
        ]
    )
    assert outcomes(results, refused=services.CertificateError) == ["ok"] * 6
    indexes = sorted(
        Certificate.objects.filter(programme=programme).values_list("status_index", flat=True)
    )
    assert len(set(indexes)) == 6  # distinct, and random (not consecutive: issue 16)
    assert indexes != list(range(indexes[0], indexes[0] + 6))
    assert SerialCounter.objects.get(key=STATUS_COUNTER_KEY).value == 6
