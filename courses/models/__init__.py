"""Courses models, re-exported explicitly: competencies, the course page tree and progress."""

from courses.models.competency import Competency
from courses.models.pages import CourseIndexPage, CoursePage, ModulePage
from courses.models.progress import Enrolment, ModuleCompletion, ReflectionAnswer

__all__ = [
    "Competency",
    "CourseIndexPage",
    "CoursePage",
    "Enrolment",
    "ModuleCompletion",
    "ModulePage",
    "ReflectionAnswer",
]
