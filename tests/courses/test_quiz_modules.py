"""A module with a quiz: passing it is required to complete the module, at no query cost."""

import pytest

from courses import selectors, services
from tests.factories import QuestionFactory, QuizFactory
from tests.factories.quizzes import correct_answers, wrong_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz_module(course, mentor):
    course_page, modules = course
    module = modules[0]
    module.quiz = QuizFactory(questions=QuestionFactory.create_batch(2), title="Listening check")
    module.save_revision().publish()
    services.enrolment_create(learner=mentor, course=course_page)
    return module


def take(learner, quiz, *, passing: bool):
    attempt = services.quiz_attempt_start(learner=learner, quiz=quiz)
    answers = correct_answers(attempt) if passing else wrong_answers(attempt)
    services.quiz_attempt_submit(attempt_id=attempt.pk, learner=learner, answers=answers)


def test_completion_needs_the_quiz_passed(mentor, quiz_module):
    blockers = selectors.module_completion_blockers(learner=mentor, module=quiz_module)
    assert blockers == ["Pass this module's quiz to complete it."]
    with pytest.raises(services.LearningError, match="quiz"):
        services.module_complete(learner=mentor, module=quiz_module)
    take(mentor, quiz_module.quiz, passing=False)
    assert selectors.module_completion_blockers(learner=mentor, module=quiz_module)
    take(mentor, quiz_module.quiz, passing=True)
    assert selectors.module_completion_blockers(learner=mentor, module=quiz_module) == []
    services.module_complete(learner=mentor, module=quiz_module)


def test_module_page_shows_the_quiz_and_the_reason(mentor_client, mentor, quiz_module):
    html = mentor_client.get(quiz_module.url).content.decode()
    assert "Listening check" in html and "Go to the quiz" in html
    assert "quiz to complete it." in html
    assert "Mark as complete" not in html
    response = mentor_client.post(f"/learn/modules/{quiz_module.pk}/complete/")
    assert response.status_code in (302, 400, 403, 409)
    assert not mentor.module_completions.exists()
    take(mentor, quiz_module.quiz, passing=True)
    html = mentor_client.get(quiz_module.url).content.decode()
    assert "Mark as complete" in html and "Review your results" in html


def test_the_quiz_costs_the_module_page_no_queries(mentor_client, mentor, course, quiz_module):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _course_page, modules = course
    plain = modules[1]
    mentor_client.get(quiz_module.url)
    with CaptureQueriesContext(connection) as with_quiz:
        mentor_client.get(quiz_module.url)
    take(mentor, quiz_module.quiz, passing=True)
    services.module_complete(learner=mentor, module=quiz_module)
    mentor_client.get(plain.url)
    with CaptureQueriesContext(connection) as without_quiz:
        mentor_client.get(plain.url)
    assert len(with_quiz) <= len(without_quiz) <= 10


def test_dashboard_lists_quiz_results(mentor_client, mentor, quiz_module):
    take(mentor, quiz_module.quiz, passing=False)
    html = mentor_client.get("/dashboard/").content.decode()
    assert "Your quizzes" in html and "Listening check" in html and "Attempts left" in html


def test_a_quiz_block_in_the_body_shows_the_quiz_once(mentor_client, quiz_module):
    quiz_module.body = [*quiz_module.body.raw_data, {"type": "quiz", "value": {}}]
    quiz_module.save_revision().publish()
    html = mentor_client.get(quiz_module.url).content.decode()
    assert html.count("Listening check") == 1
