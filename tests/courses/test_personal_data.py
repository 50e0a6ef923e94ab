"""The courses app's part of export and erasure: learning records, reflections, attempts."""

import json

import pytest

from cms import privacy
from courses.models import Enrolment, ModuleCompletion, QuizAttempt, ReflectionAnswer
from courses.services import quiz_attempt_start, quiz_attempt_submit
from tests.factories import QuestionFactory, QuizFactory, UserFactory
from tests.factories.courses import (
    EnrolmentFactory,
    ModuleCompletionFactory,
    ReflectionAnswerFactory,
)
from tests.factories.quizzes import correct_answers


@pytest.fixture
def learning(course, mentor):
    """The mentor enrolled, completed a module, reflected privately and passed a quiz."""
    course, modules = course
    module = modules[0]
    module.body = [
        {"type": "reflection", "id": "r1", "value": {"prompt": "Who listened to you?"}},
    ]
    module.save_revision().publish()
    EnrolmentFactory(learner=mentor, course=course)
    ModuleCompletionFactory(learner=mentor, module=module)
    ReflectionAnswerFactory(learner=mentor, module=module, block_id="r1", text="My gran did.")
    quiz = QuizFactory(questions=[QuestionFactory(prompt="What comes first?")])
    attempt = quiz_attempt_start(learner=mentor, quiz=quiz)
    quiz_attempt_submit(attempt_id=attempt.pk, learner=mentor, answers=correct_answers(attempt))
    return module


def test_export_holds_each_kind_of_learning_record(learning, mentor):
    export = privacy.person_export(user=mentor)["courses"]
    assert export["enrolments"][0]["course"]
    assert export["module_completions"][0]["module"] == learning.title
    reflection = export["reflection_answers"][0]
    assert reflection["answer"] == "My gran did."
    assert reflection["prompt"] == "Who listened to you?"
    attempt = export["quiz_attempts"][0]
    assert attempt["passed"] is True
    assert attempt["questions"][0]["question"] == "What comes first?"
    assert attempt["questions"][0]["your_answers"] == ["Right"]


def test_export_holds_nothing_of_another_learner(learning, mentor):
    other = UserFactory(role="Mentors")
    ReflectionAnswerFactory(learner=other, module=learning, block_id="r1", text="Secret of B.")
    assert "Secret of B." not in json.dumps(privacy.person_export(user=mentor), default=str)


def test_erasure_deletes_the_learning_record_and_only_the_persons(learning, mentor, coordinator):
    other = UserFactory(role="Mentors")
    ReflectionAnswerFactory(learner=other, module=learning, block_id="r1", text="Kept.")
    erasure = privacy.person_erase(person_id=mentor.pk, actor=coordinator, reason="Request")
    for model in (Enrolment, ModuleCompletion, ReflectionAnswer, QuizAttempt):
        assert not model.objects.filter(learner=mentor).exists(), model
    assert ReflectionAnswer.objects.filter(learner=other, text="Kept.").exists()
    assert erasure.counts["courses"] == {
        "reflection_answers_deleted": 1,
        "quiz_attempts_deleted": 1,
        "module_completions_deleted": 1,
        "enrolments_deleted": 1,
    }


def test_the_preview_counts_what_erasure_will_delete(learning, mentor):
    assert privacy.person_erasure_preview(user=mentor)["courses"]["reflection_answers_deleted"] == 1


def test_an_erased_learner_can_write_nothing_more(learning, mentor, coordinator, course):
    """Their sessions are gone, but a request already past authentication could still call
    the services: each locks the learner's row and finds a closed account."""
    from courses import services

    course_page, modules = course
    privacy.person_erase(person_id=mentor.pk, actor=coordinator, reason="Request")
    mentor.refresh_from_db()
    for write in (
        lambda: services.enrolment_create(learner=mentor, course=course_page),
        lambda: services.module_complete(learner=mentor, module=modules[0]),
        lambda: services.reflection_save(
            learner=mentor, module=learning, block_id="r1", text="Still here"
        ),
    ):
        with pytest.raises(services.LearningError, match="closed"):
            write()
    with pytest.raises(services.QuizError, match="closed"):
        services.quiz_attempt_start(learner=mentor, quiz=QuizFactory(questions=[QuestionFactory()]))
    assert not ReflectionAnswer.objects.filter(learner=mentor).exists()
    assert not Enrolment.objects.filter(learner=mentor).exists()
    assert not QuizAttempt.objects.filter(learner=mentor).exists()
