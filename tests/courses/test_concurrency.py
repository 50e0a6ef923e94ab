"""Under real row locks: two requests at once still leave one enrolment, and completing the
last two modules at the same moment still completes the course."""

import pytest

from courses import services
from courses.models import Enrolment, ModuleCompletion
from tests.concurrency import run_together

pytestmark = [
    pytest.mark.postgres,
    # serialized_rollback restores what migrations created (roles, the root page) after a flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_enrolling_twice_at_once_leaves_one_enrolment(mentor, course):
    course_page, _modules = course
    results = run_together(
        lambda: services.enrolment_create(learner=mentor, course=course_page),
        lambda: services.enrolment_create(learner=mentor, course=course_page),
    )
    assert Enrolment.objects.filter(learner=mentor).count() == 1
    errors = [r for r in results if isinstance(r, services.LearningError)]
    assert len(errors) == 1 and errors[0].code == "already_enrolled"


def test_completing_the_last_two_modules_at_once_completes_the_course(mentor, course):
    course_page, modules = course
    course_page.sequential = False
    course_page.save_revision().publish()
    enrolment = services.enrolment_create(learner=mentor, course=course_page)
    services.module_complete(learner=mentor, module=modules[0])
    results = run_together(
        lambda: services.module_complete(learner=mentor, module=modules[1]),
        lambda: services.module_complete(learner=mentor, module=modules[2]),
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    assert ModuleCompletion.objects.filter(learner=mentor).count() == 3
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    assert sum(1 for r in results if r.course_completed) == 1
