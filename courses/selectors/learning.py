"""Reads for learning: progress, locks, the catalogue, the course overview, the dashboard and
the trainers' report. Query counts matter here (module page and dashboard have budgets), so
module lists and completions are loaded in one query per call, never per module or course."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import reduce
from operator import or_

from django.db.models import Exists, OuterRef, Q, Subquery
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from cms import content_cache
from courses.models import (
    CourseIndexPage,
    CoursePage,
    Enrolment,
    ModuleCompletion,
    ModulePage,
    QuizAttempt,
    ReflectionAnswer,
)

MODULE_STEP_FIELDS = ("id", "title", "slug", "url_path", "path", "depth", "estimated_minutes")


@dataclass
class ModuleStep:
    """One live module of a course as one learner sees it."""

    module: ModulePage
    position: int
    completed_at: datetime | None = None
    blocked_by: ModuleStep | None = None

    @property
    def id(self) -> int:
        return self.module.pk

    @property
    def title(self) -> str:
        return self.module.title

    @property
    def completed(self) -> bool:
        return self.completed_at is not None

    @property
    def locked(self) -> bool:
        return self.blocked_by is not None

    @property
    def lock_reason(self) -> str:
        if self.blocked_by is None:
            return ""
        return _("This module opens when you finish “%(title)s”.") % {
            "title": self.blocked_by.title
        }


@dataclass
class CourseProgress:
    """A learner's progress through one course (or a visitor's view of it: no enrolment)."""

    course: CoursePage
    enrolment: Enrolment | None
    steps: list[ModuleStep] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.steps)

    @property
    def completed_count(self) -> int:
        return sum(1 for step in self.steps if step.completed)

    @property
    def percent(self) -> int:
        if not self.total:
            return 0
        return round(100 * self.completed_count / self.total)

    @property
    def is_complete(self) -> bool:
        if self.enrolment is not None and self.enrolment.completed_at is not None:
            return True
        return bool(self.total) and self.completed_count == self.total

    @property
    def next_step(self) -> ModuleStep | None:
        """Where to go next: the module last opened if it is still unfinished and open
        ("continue where you left off"), otherwise the first unfinished open module."""
        if self.enrolment is None or self.is_complete or not self.course.live:
            return None
        last_id = self.enrolment.last_module_id
        for step in self.steps:
            if step.id == last_id and not step.completed and not step.locked:
                return step
        return next((s for s in self.steps if not s.completed and not s.locked), None)

    @property
    def is_resuming(self) -> bool:
        step = self.next_step
        return step is not None and step.id == self.enrolment.last_module_id

    @property
    def has_started(self) -> bool:
        return self.completed_count > 0 or (
            self.enrolment is not None and self.enrolment.last_module_id is not None
        )

    def step_for(self, module_id: int) -> ModuleStep | None:
        return next((step for step in self.steps if step.id == module_id), None)

    def step_after(self, module_id: int) -> ModuleStep | None:
        for index, step in enumerate(self.steps):
            if step.id == module_id:
                return self.steps[index + 1] if index + 1 < len(self.steps) else None
        return None


def _build_steps(course: CoursePage, modules: list[ModulePage]) -> list[ModuleStep]:
    steps = []
    first_unfinished: ModuleStep | None = None
    for position, module in enumerate(modules, start=1):
        step = ModuleStep(
            module=module,
            position=position,
            completed_at=getattr(module, "learner_completed_at", None),
        )
        if course.sequential and first_unfinished is not None and not step.completed:
            step.blocked_by = first_unfinished
        if first_unfinished is None and not step.completed:
            first_unfinished = step
        steps.append(step)
    return steps


ENROLMENT_FIELDS = ("id", "enrolled_at", "completed_at", "last_module_id")


def _live_modules(
    courses: list[CoursePage],
    learner,
    *,
    with_enrolment: bool = False,
):
    """The live modules of several courses in tree order, each annotated with the learner's
    completion time (``learner_completed_at``) and, for one course, also with the learner's
    enrolment (``enrolment_<field>``): all in one query."""
    if not courses:
        return []
    children = reduce(
        or_, (Q(path__startswith=course.path, depth=course.depth + 1) for course in courses)
    )
    queryset = ModulePage.objects.live().filter(children).only(*MODULE_STEP_FIELDS)
    if learner is not None and learner.is_authenticated:
        completed = ModuleCompletion.objects.filter(learner=learner, module=OuterRef("pk"))
        queryset = queryset.annotate(
            learner_completed_at=Subquery(completed.values("completed_at")[:1])
        )
        if with_enrolment:
            enrolment = Enrolment.objects.filter(learner=learner, course=courses[0])
            queryset = queryset.annotate(
                **{
                    f"enrolment_{name}": Subquery(enrolment.values(name)[:1])
                    for name in ENROLMENT_FIELDS
                }
            )
    return list(queryset.order_by("path"))


def _enrolment_from_annotations(module: ModulePage, *, learner, course) -> Enrolment | None:
    if getattr(module, "enrolment_id", None) is None:
        return None
    enrolment = Enrolment(
        id=module.enrolment_id,
        learner=learner,
        course=course,
        enrolled_at=module.enrolment_enrolled_at,
        completed_at=module.enrolment_completed_at,
        last_module_id=module.enrolment_last_module_id,
    )
    enrolment._state.adding = False
    enrolment._state.db = "default"
    return enrolment


def course_progress_many(
    *, courses: list[CoursePage], learner, enrolments: dict[int, Enrolment] | None = None
) -> dict[int, CourseProgress]:
    """Progress for several courses, whatever their number: their outlines from the content
    cache (one query for those not cached) and the learner's completions in one query."""
    enrolments = enrolments or {}
    outlines = course_outlines(courses=courses)
    completed = {}
    if learner is not None and learner.is_authenticated:
        module_ids = [row.pk for rows in outlines.values() for row in rows]
        completed = dict(
            ModuleCompletion.objects.filter(learner=learner, module_id__in=module_ids).values_list(
                "module_id", "completed_at"
            )
        )
    result = {}
    for course in courses:
        own = outlines[course.pk]
        for row in own:
            row.learner_completed_at = completed.get(row.pk)
        result[course.pk] = CourseProgress(
            course=course,
            enrolment=enrolments.get(course.pk),
            steps=_build_steps(course, own),
        )
    return result


def enrolment_for(*, learner, course: CoursePage) -> Enrolment | None:
    if learner is None or not learner.is_authenticated:
        return None
    return Enrolment.objects.filter(learner=learner, course=course).first()


def course_progress(*, course: CoursePage, learner, enrolment=None) -> CourseProgress:
    """One course's progress: one query (modules, completions and the enrolment together)
    unless the course has no live modules or the enrolment is given."""
    signed_in = learner is not None and learner.is_authenticated
    modules = _live_modules([course], learner, with_enrolment=signed_in and enrolment is None)
    if enrolment is None and signed_in:
        if modules:
            enrolment = _enrolment_from_annotations(modules[0], learner=learner, course=course)
        else:
            enrolment = enrolment_for(learner=learner, course=course)
    return CourseProgress(course=course, enrolment=enrolment, steps=_build_steps(course, modules))


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
    and the module page lists the reasons instead of the "Mark as complete" button. Later
    requirements (the quizzes issue: "pass this module's quiz") are added here. ``progress``
    is the learner's progress in the module's course when the caller already has it.
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


def course_outline(*, course: CoursePage) -> list[ModulePage]:
    """The course's live modules in order, with the fields a step shows. The same for every
    learner, so it is kept in the content cache (cms.content_cache) until content changes;
    each call gets its own copies, free to annotate."""
    return course_outlines(courses=[course])[course.pk]


def course_outlines(*, courses: list[CoursePage]) -> dict[int, list[ModulePage]]:
    """course_outline for several courses: one cache round trip, and one query for the
    courses whose outline is not cached yet."""
    if not courses:
        return {}
    keys = {course.pk: content_cache.content_key("course-outline", course.pk) for course in courses}
    cached = content_cache.get_many(list(keys.values()))
    outlines = {pk: cached[key] for pk, key in keys.items() if key in cached}
    missing = [course for course in courses if course.pk not in outlines]
    if missing:
        modules = _live_modules(missing, None)
        fresh = {}
        for course in missing:
            own = [row for row in modules if row.path.startswith(course.path)]
            outlines[course.pk] = own
            fresh[keys[course.pk]] = own
        content_cache.set_many(fresh)
    return outlines


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
        course=course, enrolment=enrolment, steps=_build_steps(course, modules)
    )
    return ModuleAccess(
        course=course,
        progress=progress,
        step=progress.step_for(module.pk),
        reflection_answers=answers,
        quiz_passed=quiz_passed,
    )


def reflection_answers_for(*, learner, module: ModulePage) -> dict[str, ReflectionAnswer]:
    return {
        answer.block_id: answer
        for answer in ReflectionAnswer.objects.filter(learner=learner, module=module)
    }


def reflection_answer_get(*, learner, pk: int) -> ReflectionAnswer:
    """One of the learner's own answers; anybody else's is a 404 (not 403: no hint it exists)."""
    return get_object_or_404(
        ReflectionAnswer.objects.select_related("module"), pk=pk, learner=learner
    )


def reflection_answers_list(*, learner) -> list[ReflectionAnswer]:
    return list(
        ReflectionAnswer.objects.filter(learner=learner)
        .select_related("module")
        .order_by("-updated_at")
    )


def course_catalogue(*, index: CourseIndexPage, learner) -> list[dict]:
    """The live courses of a catalogue with the learner's enrolment, if any (two queries)."""
    courses = list(CoursePage.objects.child_of(index).live().select_related("image"))
    enrolments = {}
    if learner is not None and learner.is_authenticated and courses:
        enrolments = {
            e.course_id: e for e in Enrolment.objects.filter(learner=learner, course__in=courses)
        }
    return [{"course": course, "enrolment": enrolments.get(course.pk)} for course in courses]


def course_overview(*, course: CoursePage, learner) -> dict:
    """The course page's context: outcomes, modules and, for a learner, progress, what blocks
    enrolment and what to do next."""
    progress = course_progress(course=course, learner=learner)
    signed_in = learner is not None and learner.is_authenticated
    prerequisites = live_prerequisites(course=course)
    missing = missing_prerequisites(learner=learner, course=course, prerequisites=prerequisites)
    return {
        "progress": progress,
        "enrolment": progress.enrolment,
        "prerequisites": prerequisites,
        "missing_prerequisites": missing if signed_in else [],
        "can_enrol": signed_in and progress.enrolment is None and not missing and course.live,
        "competencies": list(course.competencies.all()),
    }


def learner_dashboard(*, learner) -> dict:
    """The learning panel of /dashboard/: a constant number of queries, however many courses."""
    enrolments = list(
        Enrolment.objects.filter(learner=learner).select_related("course").order_by("-enrolled_at")
    )
    courses = [e.course for e in enrolments]
    progress = course_progress_many(
        courses=courses, learner=learner, enrolments={e.course_id: e for e in enrolments}
    )
    in_progress, completed = [], []
    for enrolment in enrolments:
        item = progress[enrolment.course_id]
        (completed if item.is_complete else in_progress).append(item)
    return {"in_progress": in_progress, "completed": completed, "enrolment_count": len(enrolments)}


@dataclass
class CourseReportRow:
    course: CoursePage
    enrolled: int
    completed: int
    median_minutes: float | None = None

    @property
    def pk(self) -> int:
        return self.course.pk

    @property
    def status(self) -> str:
        return str(self.course.status_string)

    @property
    def in_progress(self) -> int:
        return self.enrolled - self.completed

    @property
    def title(self) -> str:
        return self.course.title

    @property
    def median_time_to_complete(self) -> str:
        if self.median_minutes is None:
            return ""
        return format_duration(timedelta(minutes=self.median_minutes))


def format_duration(duration: timedelta) -> str:
    """ "3 days 4 h", "5 h 20 min", "12 min": enough precision for a completion time."""
    minutes = int(duration.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return _("%(days)d d %(hours)d h") % {"days": days, "hours": hours}
    if hours:
        return _("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": minutes}
    return _("%(minutes)d min") % {"minutes": minutes}


def completion_median_minutes(*, course_ids: list[int]) -> dict[int, float]:
    """Median minutes from enrolment to completion per course, in one query."""
    durations: dict[int, list[float]] = {}
    rows = Enrolment.objects.filter(
        course_id__in=course_ids, completed_at__isnull=False
    ).values_list("course_id", "enrolled_at", "completed_at")
    for course_id, enrolled_at, completed_at in rows:
        minutes = (completed_at - enrolled_at).total_seconds() / 60
        durations.setdefault(course_id, []).append(minutes)
    return {course_id: statistics.median(values) for course_id, values in durations.items()}
