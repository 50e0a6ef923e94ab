"""The one rule for what a learner sees after an attempt (courses.selectors.quiz_feedback):
the feedback policy the attempt was taken under, and correctness recomputed by the grading
rule from the attempt's own snapshot."""

import pytest

from courses import selectors, services
from courses.models import FeedbackPolicy
from tests.factories import QuestionFactory, QuizFactory
from tests.factories.quizzes import correct_answers, wrong_answers

pytestmark = pytest.mark.django_db


def submitted(mentor, quiz, *, passing: bool):
    attempt = services.quiz_attempt_start(learner=mentor, quiz=quiz)
    answers = correct_answers(attempt) if passing else wrong_answers(attempt)
    services.quiz_attempt_submit(attempt_id=attempt.pk, learner=mentor, answers=answers)
    attempt.refresh_from_db()
    return attempt, selectors.quiz_status(learner=mentor, quiz=quiz)


@pytest.mark.parametrize(
    "policy, passing, visible",
    [
        (FeedbackPolicy.NEVER, True, False),
        (FeedbackPolicy.AFTER_EACH, False, True),
        (FeedbackPolicy.AFTER_PASS, False, False),
        (FeedbackPolicy.AFTER_PASS, True, True),
        (FeedbackPolicy.AFTER_LAST, False, False),  # attempts left
    ],
)
def test_the_policy_decides_whether_feedback_is_shown(mentor, policy, passing, visible):
    quiz = QuizFactory(
        questions=QuestionFactory.create_batch(2), feedback_policy=policy, attempt_limit=3
    )
    attempt, status = submitted(mentor, quiz, passing=passing)
    assert selectors.quiz_feedback_visible(attempt=attempt, status=status) is visible
    review = selectors.quiz_attempt_review(attempt=attempt, status=status)
    assert (review is not None) is visible


def test_after_the_last_attempt_feedback_is_shown(mentor):
    quiz = QuizFactory(
        questions=QuestionFactory.create_batch(2),
        feedback_policy=FeedbackPolicy.AFTER_LAST,
        attempt_limit=1,
    )
    attempt, status = submitted(mentor, quiz, passing=False)
    assert status.attempts_left == 0
    assert selectors.quiz_feedback_visible(attempt=attempt, status=status)


def test_an_open_attempt_never_shows_feedback(mentor):
    quiz = QuizFactory(
        questions=QuestionFactory.create_batch(2), feedback_policy=FeedbackPolicy.AFTER_EACH
    )
    attempt = services.quiz_attempt_start(learner=mentor, quiz=quiz)
    status = selectors.quiz_status(learner=mentor, quiz=quiz)
    assert not selectors.quiz_feedback_visible(attempt=attempt, status=status)
    assert selectors.quiz_attempt_review(attempt=attempt, status=status) is None


@pytest.mark.parametrize("passing", [True, False])
def test_the_review_agrees_with_the_grade(mentor, passing):
    quiz = QuizFactory(
        questions=QuestionFactory.create_batch(3), feedback_policy=FeedbackPolicy.AFTER_EACH
    )
    attempt, status = submitted(mentor, quiz, passing=passing)
    review = selectors.quiz_attempt_review(attempt=attempt, status=status)
    assert [row["correct"] for row in review] == [passing] * 3
    assert attempt.passed is passing
    for row in review:
        chosen = {c["key"] for c in row["choices"] if c["selected"]}
        assert chosen == set(attempt.answers[row["question"]["key"]])
