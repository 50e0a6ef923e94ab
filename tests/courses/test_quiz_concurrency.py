"""Concurrent starts and submits, against PostgreSQL's real row locks."""

import pytest

from courses import services
from courses.models import AttemptStatus, QuizAttempt
from courses.signals import quiz_attempt_graded
from tests.concurrency import run_together
from tests.factories import QuestionFactory, QuizFactory, UserFactory
from tests.factories.quizzes import correct_answers

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def run_all(target, count: int) -> list:
    results = run_together(*[target] * count)
    errors = [result for result in results if isinstance(result, Exception)]
    assert not errors, errors
    return results


def test_concurrent_starts_create_one_attempt():
    learner = UserFactory(role="Mentors")
    quiz = QuizFactory(questions=QuestionFactory.create_batch(3))
    attempts = run_all(lambda: services.quiz_attempt_start(learner=learner, quiz=quiz), 6)
    assert len({attempt.pk for attempt in attempts}) == 1
    assert QuizAttempt.objects.filter(learner=learner, quiz=quiz).count() == 1


def test_concurrent_submits_grade_once():
    learner = UserFactory(role="Mentors")
    quiz = QuizFactory(questions=QuestionFactory.create_batch(3))
    attempt = services.quiz_attempt_start(learner=learner, quiz=quiz)
    answers = correct_answers(attempt)
    graded = []
    quiz_attempt_graded.connect(lambda **kw: graded.append(kw), weak=False, dispatch_uid="conc")
    try:
        outcomes = run_all(
            lambda: services.quiz_attempt_submit(
                attempt_id=attempt.pk, learner=learner, answers=answers
            ),
            6,
        )
    finally:
        quiz_attempt_graded.disconnect(dispatch_uid="conc")
    assert sum(outcome.graded_now for outcome in outcomes) == 1
    assert len(graded) == 1
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.SUBMITTED and attempt.score == 100
