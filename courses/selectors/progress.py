"""A learner's progress through courses: the module steps (done, locked, next) built from the
course outline, which is the same for every learner and kept in the content cache. Query counts
matter here (module page and dashboard have budgets), so module lists and completions are loaded
in one query per call, never per module or course."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import reduce
from operator import or_

from django.db import DEFAULT_DB_ALIAS
from django.db.models import OuterRef, Q, Subquery
from django.utils.translation import gettext as _

from cms import content_cache
from courses.models import CoursePage, Enrolment, ModuleCompletion, ModulePage

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


def build_steps(course: CoursePage, modules: list[ModulePage]) -> list[ModuleStep]:
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
    # As if loaded from the database (Model.from_db): a save updates the row, never inserts.
    enrolment = Enrolment.from_db(
        DEFAULT_DB_ALIAS,
        ["id", "learner_id", "course_id", "enrolled_at", "completed_at", "last_module_id"],
        [
            module.enrolment_id,
            learner.pk,
            course.pk,
            module.enrolment_enrolled_at,
            module.enrolment_completed_at,
            module.enrolment_last_module_id,
        ],
    )
    enrolment.learner, enrolment.course = learner, course
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
            steps=build_steps(course, own),
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
    return CourseProgress(course=course, enrolment=enrolment, steps=build_steps(course, modules))


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
