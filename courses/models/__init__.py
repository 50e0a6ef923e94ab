"""Courses models, re-exported explicitly: competencies, pages, progress and quizzes."""

from courses.models.competency import Competency
from courses.models.pages import CourseIndexPage, CoursePage, ModulePage
from courses.models.progress import Enrolment, ModuleCompletion, ReflectionAnswer
from courses.models.quizzes import (
    AttemptStatus,
    FeedbackPolicy,
    Question,
    QuestionChoice,
    QuestionKind,
    Quiz,
    QuizAttempt,
    QuizDrawRule,
    QuizQuestion,
)

__all__ = [
    "AttemptStatus",
    "Competency",
    "CourseIndexPage",
    "CoursePage",
    "Enrolment",
    "FeedbackPolicy",
    "ModuleCompletion",
    "ModulePage",
    "Question",
    "QuestionChoice",
    "QuestionKind",
    "Quiz",
    "QuizAttempt",
    "QuizDrawRule",
    "QuizQuestion",
    "ReflectionAnswer",
]
