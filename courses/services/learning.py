"""Writes for learning: enrolment, module completion, resume position, private reflections,
and the trainers' moderation workflow.

Every refusal is a ``LearningError`` with a message a learner can act on; a refused call
writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from cms.errors import DomainError
from cms.services import account_lock_open
from courses import selectors, signals
from courses.models import (
    CourseIndexPage,
    CoursePage,
    Enrolment,
    ModuleCompletion,
    ModulePage,
    ReflectionAnswer,
)
from courses.roles import LEAD_TRAINERS

COURSE_WORKFLOW_NAME = "Course review"
COURSE_WORKFLOW_TASK_NAME = "Lead trainer approval"
REFLECTION_MAX_LENGTH = 5000


class LearningError(DomainError):
    """A learning action was refused. ``message`` is shown to the learner as it is; every
    refusal names its ``code``."""


@dataclass(frozen=True)
class CompletionOutcome:
    completion: ModuleCompletion
    created: bool
    course_completed: bool


def _lock_learner(learner) -> None:
    if not account_lock_open(user=learner):
        raise LearningError(_("This account is closed."), code="closed")


@transaction.atomic
def enrolment_create(*, learner, course: CoursePage) -> Enrolment:
    """Enrol a signed-in learner in a live course once every live prerequisite course is
    complete. Enrolling twice is refused (the database constraint backs this up)."""
    if not learner.is_authenticated:
        raise LearningError(_("Sign in to enrol."), code="anonymous")
    _lock_learner(learner)
    if Enrolment.objects.filter(learner=learner, course=course).exists():
        raise LearningError(
            _("You are already enrolled in “%(course)s”.") % {"course": course.title},
            code="already_enrolled",
        )
    blockers = selectors.enrolment_blockers(learner=learner, course=course)
    if blockers:
        raise LearningError(" ".join(blockers), code="blocked")
    try:
        with transaction.atomic():
            return Enrolment.objects.create(learner=learner, course=course)
    except IntegrityError as error:  # a concurrent request enrolled first
        raise LearningError(
            _("You are already enrolled in “%(course)s”.") % {"course": course.title},
            code="already_enrolled",
        ) from error


def _course_of(module: ModulePage) -> CoursePage:
    parent = module.get_parent()
    if parent is None or not isinstance(parent.specific, CoursePage):
        raise LearningError(_("This module does not belong to a course."), code="no_course")
    return parent.specific


@transaction.atomic
def module_complete(*, learner, module: ModulePage) -> CompletionOutcome:
    """Record that the learner completed a module of a course they are enrolled in.

    Refused for an unpublished module or course, without an enrolment, or while
    ``selectors.module_completion_blockers`` names a reason (a sequential lock, the module's
    quiz not yet passed). Completing it again changes nothing. When it is the last live module,
    the enrolment's ``completed_at`` is set in the same transaction. The enrolment row is
    locked so that two completions at once cannot both miss the course completion.
    Signals go out after commit.
    """
    if not learner.is_authenticated:
        raise LearningError(_("Sign in to record your progress."), code="anonymous")
    _lock_learner(learner)
    module = ModulePage.objects.filter(pk=module.pk).first()
    if module is None or not module.live:
        raise LearningError(
            _("This module is not published, so it cannot be completed."), code="unpublished"
        )
    course = _course_of(module)
    if not course.live:
        raise LearningError(
            _("“%(course)s” is not published, so its modules cannot be completed.")
            % {"course": course.title},
            code="unpublished",
        )
    enrolment = Enrolment.objects.select_for_update().filter(learner=learner, course=course).first()
    if enrolment is None:
        raise LearningError(
            _("Enrol in “%(course)s” before completing its modules.") % {"course": course.title},
            code="not_enrolled",
        )
    existing = ModuleCompletion.objects.filter(learner=learner, module=module).first()
    if existing is not None:
        return CompletionOutcome(completion=existing, created=False, course_completed=False)

    progress = selectors.course_progress(course=course, learner=learner, enrolment=enrolment)
    blockers = selectors.module_completion_blockers(
        learner=learner, module=module, progress=progress
    )
    if blockers:
        raise LearningError(" ".join(str(reason) for reason in blockers), code="blocked")

    now = timezone.now()
    completion = ModuleCompletion.objects.create(learner=learner, module=module, completed_at=now)
    done = {step.id for step in progress.steps if step.completed} | {module.pk}
    course_completed = enrolment.completed_at is None and all(
        step.id in done for step in progress.steps
    )
    enrolment.last_module = module
    update_fields = ["last_module"]
    if course_completed:
        enrolment.completed_at = now
        update_fields.append("completed_at")
    enrolment.save(update_fields=update_fields)

    learner_id, module_id, course_id, enrolment_id = learner.pk, module.pk, course.pk, enrolment.pk

    def send():
        signals.module_completed.send(
            sender=ModuleCompletion, learner_id=learner_id, module_id=module_id, course_id=course_id
        )
        if course_completed:
            signals.course_completed.send(
                sender=Enrolment,
                learner_id=learner_id,
                course_id=course_id,
                enrolment_id=enrolment_id,
            )

    transaction.on_commit(send)
    return CompletionOutcome(completion=completion, created=True, course_completed=course_completed)


def enrolment_resume_record(*, enrolment: Enrolment, module: ModulePage) -> None:
    """Remember the module the learner opened last, for "continue where you left off".
    One UPDATE, and none when it has not changed."""
    if enrolment.last_module_id == module.pk:
        return
    Enrolment.objects.filter(pk=enrolment.pk).update(last_module=module)
    enrolment.last_module_id = module.pk


@transaction.atomic
def reflection_save(*, learner, module: ModulePage, block_id: str, text: str) -> ReflectionAnswer:
    """Save the learner's private answer to one reflection prompt of a module they may open.
    Saving again replaces their earlier answer to the same prompt."""
    if not learner.is_authenticated:
        raise LearningError(_("Sign in to save a reflection."), code="anonymous")
    _lock_learner(learner)
    if not module.live:
        raise LearningError(_("This module is not published."), code="unpublished")
    if block_id not in module.reflection_block_ids():
        raise LearningError(
            _("That reflection prompt is no longer part of this module."), code="unknown_prompt"
        )
    access = selectors.module_access(learner=learner, module=module)
    if access.state == "not_enrolled":
        raise LearningError(
            _("Enrol in “%(course)s” before saving reflections.") % {"course": access.course.title},
            code="not_enrolled",
        )
    if access.state == "locked":
        raise LearningError(access.step.lock_reason, code="locked")
    if access.state != "open":
        raise LearningError(_("This module is not available at the moment."), code="unavailable")
    text = (text or "").strip()
    if not text:
        raise LearningError(_("Write a few words before saving."), code="empty")
    if len(text) > REFLECTION_MAX_LENGTH:
        raise LearningError(
            _("Reflections can be up to %(max)d characters; this one has %(length)d.")
            % {"max": REFLECTION_MAX_LENGTH, "length": len(text)},
            code="too_long",
        )
    answer, _created = ReflectionAnswer.objects.update_or_create(
        learner=learner, module=module, block_id=block_id, defaults={"text": text}
    )
    return answer


@transaction.atomic
def course_workflow_ensure(*, course_index: CourseIndexPage) -> Workflow:
    """Trainers' drafts in the course tree go to a lead trainer for approval before they are
    published: one workflow with one group-approval task, assigned to the catalogue page.
    Idempotent: run it again and nothing changes."""
    lead_trainers = Group.objects.get(name=LEAD_TRAINERS)
    workflow, _created = Workflow.objects.get_or_create(
        name=COURSE_WORKFLOW_NAME, defaults={"active": True}
    )
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    task = GroupApprovalTask.objects.filter(name=COURSE_WORKFLOW_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=COURSE_WORKFLOW_TASK_NAME)
    task.groups.add(lead_trainers)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=course_index, defaults={"workflow": workflow})
    return workflow
