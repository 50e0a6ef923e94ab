"""Writes for courses, re-exported explicitly: learning progress and quizzes."""

from courses.services.learning import (
    COURSE_WORKFLOW_NAME,
    COURSE_WORKFLOW_TASK_NAME,
    REFLECTION_MAX_LENGTH,
    CompletionOutcome,
    LearningError,
    course_workflow_ensure,
    enrolment_create,
    enrolment_resume_record,
    module_complete,
    reflection_save,
)
from courses.services.quizzes import (
    AnswersInvalidError,
    QuizError,
    SubmitOutcome,
    quiz_attempt_start,
    quiz_attempt_submit,
    quiz_snapshot_build,
)

__all__ = [
    "AnswersInvalidError",
    "COURSE_WORKFLOW_NAME",
    "COURSE_WORKFLOW_TASK_NAME",
    "CompletionOutcome",
    "LearningError",
    "QuizError",
    "REFLECTION_MAX_LENGTH",
    "SubmitOutcome",
    "course_workflow_ensure",
    "enrolment_create",
    "enrolment_resume_record",
    "module_complete",
    "quiz_attempt_start",
    "quiz_attempt_submit",
    "quiz_snapshot_build",
    "reflection_save",
]
