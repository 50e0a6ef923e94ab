"""Issuing is exactly-once under concurrent triggers (PostgreSQL row locks)."""

import pytest

from certification import services
from certification.models import Certificate
from tests.concurrency import run_together
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
