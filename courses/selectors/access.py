"""What a learner may do in a course now: enrol (prerequisites), open a module (locks) and mark
it complete (the module's quiz), and everything the module page needs to decide what to show."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Exists
from django.utils.translation import gettext as _

from courses.models import (
    CoursePage,
    Enrolment,
    ModuleCompletion,
    ModulePage,
    QuizAttempt,
    ReflectionAnswer,
)
from courses.selectors.progress import (
    CourseProgress,
    ModuleStep,
    build_steps,
    course_outline,
    course_progress,
)
from courses.selectors.reflections import reflection_answers_for


def live_prerequisites(*, course: CoursePage) -> list[CoursePage]:
    """The course's prerequisites that are published. Unpublished ones are not required:
    nobody could complete them."""
    return [p for p in course.prerequisites.all() if p.live]


def missing_prerequisites(
    *, learner, course: CoursePage, prerequisites: list[CoursePage] | None = None
) -> list[CoursePage]:
    """Live prerequisite courses the learner has not completed yet."""
    if prerequisites is None:
        prerequisites = live_prerequisites(course=course)
    if not prerequisites:
        return []
    done: set[int] = set()
    if learner is not None and learner.is_authenticated:
        done = set(
            Enrolment.objects.filter(
                learner=learner,
                course_id__in=[p.pk for p in prerequisites],
                completed_at__isnull=False,
            ).values_list("course_id", flat=True)
        )
    return [p for p in prerequisites if p.pk not in done]


def enrolment_blockers(*, learner, course: CoursePage) -> list[str]:
    """Why the learner cannot enrol in the course now (empty when they can)."""
    if not course.live:
        return [_("This course is not open for enrolment.")]
    missing = missing_prerequisites(learner=learner, course=course)
    if missing:
        titles = ", ".join(f"“{p.title}”" for p in missing)
        return [_("Complete %(courses)s before enrolling in this course.") % {"courses": titles}]
    return []


def module_completion_blockers(
    *, learner, module: ModulePage, progress: CourseProgress | None = None
) -> list[str]:
    """Why the learner cannot mark this module complete yet (empty when they can).

    The one place that decides: ``services.module_complete`` refuses while it returns anything,
    and the module page lists the reasons instead of the "Mark as complete" button. The reasons:
    the module left the course, a sequential lock, or the module's quiz not passed yet; a new
    requirement is added here. ``progress`` is the learner's progress in the module's course
    when the caller already has it.
    """
    if progress is None:
        progress = course_progress(course=module.get_parent().specific, learner=learner)
    step = progress.step_for(module.pk)
    if step is None:
        return [_("This module is not part of the course any more.")]
    if step.locked:
        return [step.lock_reason]
    if module.quiz_id and not module_quiz_passed(learner=learner, module=module):
        return [_("Pass this module's quiz to complete it.")]
    return []


def module_quiz_passed(*, learner, module: ModulePage) -> bool:
    """Whether the learner passed the module's quiz (any attempt: the highest counts). Uses the
    value the module view set on its page (from module_access) when there is one."""
    annotated = getattr(module, "quiz_passed", None)
    if annotated is not None:
        return annotated

    return QuizAttempt.objects.filter(
        quiz_id=module.quiz_id, learner_id=learner.pk, passed=True
    ).exists()


@dataclass
class ModuleAccess:
    course: CoursePage
    progress: CourseProgress
    step: ModuleStep | None
    reflection_answers: dict[str, ReflectionAnswer] = field(default_factory=dict)
    # Whether the learner has passed the module's quiz (None: no quiz, or not enrolled).
    quiz_passed: bool | None = None

    @property
    def enrolment(self) -> Enrolment | None:
        return self.progress.enrolment

    @property
    def state(self) -> str:
        """ "open", "not_enrolled", "locked" or "unavailable"."""
        if not self.course.live or self.step is None:
            return "unavailable"
        if self.enrolment is None:
            return "not_enrolled"
        if self.step.locked:
            return "locked"
        return "open"


def module_access(*, learner, module: ModulePage) -> ModuleAccess:
    """Everything the module page needs to decide what to show: the course outline (cached,
    see course_outline) and the learner's own state in simple queries: their completions in
    the course, their enrolment and, once enrolled, their answers to this module's reflection
    prompts and whether they passed its quiz. The module page is the hottest learner page:
    building these small queries costs less than one query with a subquery per field."""
    course = module.get_parent().specific
    modules = course_outline(course=course)
    enrolment = None
    answers: dict[str, ReflectionAnswer] = {}
    quiz_passed = None
    if learner.is_authenticated:
        completed = dict(
            ModuleCompletion.objects.filter(
                learner=learner, module_id__in=[row.pk for row in modules]
            ).values_list("module_id", "completed_at")
        )
        for row in modules:
            row.learner_completed_at = completed.get(row.pk)
        enrolments = Enrolment.objects.filter(learner=learner, course=course)
        if module.quiz_id:  # rides along: one round trip fewer on a networked database
            enrolments = enrolments.annotate(
                passed_module_quiz=Exists(
                    QuizAttempt.objects.filter(
                        quiz_id=module.quiz_id, learner_id=learner.pk, passed=True
                    )
                )
            )
        enrolment = enrolments.first()
        if enrolment is not None:
            if module.reflection_block_ids():
                answers = reflection_answers_for(learner=learner, module=module)
            if module.quiz_id:
                quiz_passed = enrolment.passed_module_quiz
    progress = CourseProgress(
        course=course, enrolment=enrolment, steps=build_steps(course, modules)
    )
    return ModuleAccess(
        course=course,
        progress=progress,
        step=progress.step_for(module.pk),
        reflection_answers=answers,
        quiz_passed=quiz_passed,
    )
