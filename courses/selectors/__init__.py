"""Reads for courses, re-exported explicitly: progress, access, the catalogue, reflections,
the trainers' reports and quizzes."""

from courses.selectors.access import (
    ModuleAccess,
    enrolment_blockers,
    live_prerequisites,
    missing_prerequisites,
    module_access,
    module_completion_blockers,
    module_quiz_passed,
)
from courses.selectors.catalogue import course_catalogue, course_overview, learner_dashboard
from courses.selectors.progress import (
    ENROLMENT_FIELDS,
    MODULE_STEP_FIELDS,
    CourseProgress,
    ModuleStep,
    course_outline,
    course_outlines,
    course_progress,
    course_progress_many,
    enrolment_for,
)
from courses.selectors.quiz_feedback import quiz_attempt_review, quiz_feedback_visible
from courses.selectors.quizzes import (
    DEADLINE_GRACE,
    ItemStats,
    QuizStatus,
    QuizSummary,
    closed_attempts,
    point_biserial,
    quiz_access_blockers,
    quiz_item_analysis,
    quiz_status,
    quiz_statuses_for_learner,
    quiz_summary,
)
from courses.selectors.reflections import (
    reflection_answer_get,
    reflection_answers_for,
    reflection_answers_list,
)
from courses.selectors.reports import (
    CourseReportRow,
    completion_median_minutes,
    format_duration,
)

__all__ = [
    "CourseProgress",
    "CourseReportRow",
    "DEADLINE_GRACE",
    "ENROLMENT_FIELDS",
    "ItemStats",
    "MODULE_STEP_FIELDS",
    "ModuleAccess",
    "ModuleStep",
    "QuizStatus",
    "QuizSummary",
    "closed_attempts",
    "completion_median_minutes",
    "course_catalogue",
    "course_overview",
    "course_progress",
    "course_progress_many",
    "enrolment_blockers",
    "enrolment_for",
    "format_duration",
    "learner_dashboard",
    "live_prerequisites",
    "missing_prerequisites",
    "course_outline",
    "course_outlines",
    "module_access",
    "module_completion_blockers",
    "module_quiz_passed",
    "point_biserial",
    "quiz_item_analysis",
    "quiz_access_blockers",
    "quiz_attempt_review",
    "quiz_feedback_visible",
    "quiz_status",
    "quiz_statuses_for_learner",
    "quiz_summary",
    "reflection_answer_get",
    "reflection_answers_for",
    "reflection_answers_list",
]
