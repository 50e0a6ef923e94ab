"""What a learner sees after a quiz attempt: whether its answers and explanations are shown
(the feedback policy the attempt was taken under) and, when they are, the review of each served
question with its correctness recomputed by the grading rule (courses.grading)."""

from courses.grading import answered_correctly
from courses.models import AttemptStatus, FeedbackPolicy, QuizAttempt
from courses.selectors.quizzes import QuizStatus


def quiz_feedback_visible(*, attempt: QuizAttempt, status: QuizStatus) -> bool:
    """Whether the attempt's answers, correct options and explanations may be shown.

    Never while the attempt is open (an open attempt past its deadline included: it shows no
    score either). Otherwise the policy snapshotted on the attempt decides: after each attempt,
    only once this attempt passed, only when the learner has no attempt left, or never.
    """
    if attempt.status == AttemptStatus.OPEN:
        return False
    policy = attempt.feedback_policy
    if policy == FeedbackPolicy.AFTER_EACH:
        return True
    if policy == FeedbackPolicy.AFTER_PASS:
        return bool(attempt.passed)
    if policy == FeedbackPolicy.AFTER_LAST:
        return status.attempts_left == 0
    return False


def quiz_attempt_review(*, attempt: QuizAttempt, status: QuizStatus) -> list[dict] | None:
    """The attempt's questions with what was chosen and whether it was right, from its snapshot
    (never from the live question bank, which may have changed since); None when
    quiz_feedback_visible says the learner may not see it."""
    if not quiz_feedback_visible(attempt=attempt, status=status):
        return None
    rows = []
    for question in attempt.snapshot:
        selected = frozenset(attempt.answers.get(question["key"], ()))
        rows.append(
            {
                "question": question,
                "correct": answered_correctly(question, selected),
                "choices": [
                    {**choice, "selected": choice["key"] in selected}
                    for choice in question["choices"]
                ],
            }
        )
    return rows
