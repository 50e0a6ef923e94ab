"""Issuing is exactly-once under concurrent triggers (PostgreSQL row locks)."""

import threading

import pytest
from django.db import connection

from certification import services
from certification.models import Certificate
from tests.factories import UserFactory
from tests.factories.certificates import ProgrammeFactory, qualify

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_concurrent_triggers_issue_one_certificate():
    mentor = UserFactory(role="Mentors")
    programme = ProgrammeFactory()
    qualify(mentor, programme)
    barrier = threading.Barrier(6)
    results, errors = [], []

    def trigger():
        try:
            barrier.wait()
            results.append(
                services.certificate_issue_if_eligible(mentor_id=mentor.pk, programme=programme)
            )
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=trigger) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    assert sum(result is not None for result in results) == 1
    assert Certificate.objects.filter(holder=mentor).count() == 1
