"""``seed_demo --scale N`` for learning: enrolments, module completions and graded quiz attempts
of the scaled mentors (see demo/scale/mentors.py).

By the mentor's number ``index``, ``stage = index % 10``: stage 0 has just enrolled in
Foundations and has a quiz attempt open; stages 1 and 2 have completed one or two modules;
stages 3 to 9 have completed Foundations (every module, every quiz passed; one in four failed
the first quiz once before passing), and even-numbered ones are also part-way through the
second course. Attempts copy the snapshot of a seeded attempt of the same quiz and are graded
with the real grading function. Only scaled mentors without any enrolment are handled.
"""

import datetime
import random
from collections.abc import Callable

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from courses import grading
from courses.models import (
    AttemptStatus,
    CoursePage,
    Enrolment,
    ModuleCompletion,
    ModulePage,
    QuizAttempt,
)
from courses.services import quiz_snapshot_build
from demo.scale.mentors import batches_logged, index_of, scaled_mentors

FOUNDATIONS = "peer-mentor-foundations"
DAY = datetime.timedelta(days=1)
HOUR = datetime.timedelta(hours=1)


def stage_of(index: int) -> int:
    return index % 10


def completes_foundations(index: int) -> bool:
    return stage_of(index) >= 3


class _QuizPlan:
    """A quiz's snapshot (copied from a seeded attempt) and its passing and failing grades."""

    def __init__(self, quiz):
        self.quiz = quiz
        seeded = (
            QuizAttempt.objects.filter(quiz=quiz)
            .exclude(status=AttemptStatus.OPEN)
            .only("snapshot")
            .first()
        )
        self.snapshot = (
            seeded.snapshot if seeded else quiz_snapshot_build(quiz=quiz, rng=random.Random(0))
        )
        self.correct = {
            q["key"]: sorted(grading.correct_keys(q)) for q in self.snapshot if q["choices"]
        }
        self.wrong = {
            q["key"]: [next(c["key"] for c in q["choices"] if not c["correct"])]
            for q in self.snapshot
            if any(not c["correct"] for c in q["choices"])
        }
        self.passing = grading.grade(
            snapshot=self.snapshot, answers=self.correct, pass_mark=quiz.pass_mark
        )
        self.failing = grading.grade(
            snapshot=self.snapshot, answers=self.wrong, pass_mark=quiz.pass_mark
        )

    def attempt(self, *, learner_id, number, started, passed=True) -> QuizAttempt:
        grade = self.passing if passed else self.failing
        return QuizAttempt(
            learner_id=learner_id,
            quiz_id=self.quiz.pk,
            number=number,
            status=AttemptStatus.SUBMITTED,
            started_at=started,
            deadline=self._deadline(started),
            submitted_at=started + datetime.timedelta(minutes=12),
            pass_mark=self.quiz.pass_mark,
            feedback_policy=self.quiz.feedback_policy,
            snapshot=self.snapshot,
            answers=self.correct if passed else self.wrong,
            score=grade.score,
            points_earned=grade.earned,
            points_possible=grade.possible,
            passed=grade.passed,
            critical_failures=grade.critical_failures,
        )

    def open_attempt(self, *, learner_id, started) -> QuizAttempt:
        return QuizAttempt(
            learner_id=learner_id,
            quiz_id=self.quiz.pk,
            number=1,
            status=AttemptStatus.OPEN,
            started_at=started,
            deadline=self._deadline(started),
            pass_mark=self.quiz.pass_mark,
            feedback_policy=self.quiz.feedback_policy,
            snapshot=self.snapshot,
        )

    def _deadline(self, started):
        minutes = self.quiz.time_limit_minutes
        return started + datetime.timedelta(minutes=minutes) if minutes else None


def _course_plan(course):
    modules = list(
        ModulePage.objects.child_of(course).live().select_related("quiz").order_by("path")
    )
    return [(module, _QuizPlan(module.quiz) if module.quiz_id else None) for module in modules]


def _progress_rows(*, learner_id, course, plan, modules_done, enrolled, first_try_fails):
    """The enrolment, completions and attempts of one learner in one course."""
    completions, attempts = [], []
    at = enrolled
    for position, (module, quiz) in enumerate(plan[:modules_done]):
        at = at + 2 * DAY
        if quiz is not None:
            number = 1
            if first_try_fails and position == 0:
                attempts.append(
                    quiz.attempt(learner_id=learner_id, number=1, started=at - DAY, passed=False)
                )
                number = 2
            attempts.append(quiz.attempt(learner_id=learner_id, number=number, started=at - HOUR))
        completions.append(
            ModuleCompletion(learner_id=learner_id, module_id=module.pk, completed_at=at)
        )
    done = modules_done == len(plan)
    last = plan[max(0, modules_done - 1)][0] if plan and modules_done else None
    enrolment = Enrolment(
        learner_id=learner_id,
        course_id=course.pk,
        enrolled_at=enrolled,
        completed_at=at if done and plan else None,
        last_module_id=last.pk if last else None,
    )
    return enrolment, completions, attempts


def seed_scale(*, count: int, log: Callable[[str], None]) -> None:
    courses = list(CoursePage.objects.live().order_by("path"))
    foundations = next((c for c in courses if c.slug == FOUNDATIONS), None)
    if foundations is None:
        log("Scale: no Foundations course; courses skipped.")
        return
    second = next((c for c in courses if c.pk != foundations.pk), None)
    plans = {course.pk: _course_plan(course) for course in filter(None, [foundations, second])}
    mentors = list(
        scaled_mentors(count)
        .filter(~Exists(Enrolment.objects.filter(learner_id=OuterRef("pk"))))
        .values_list("pk", "username", "date_joined")
    )
    if not mentors:
        return
    now = timezone.now()
    log(f"Scale: learning histories for {len(mentors):,} mentors.")
    for batch in batches_logged(mentors, log=log, label="learning histories"):
        enrolments, completions, attempts = [], [], []
        for learner_id, name, joined in batch:
            index = index_of(name)
            stage = stage_of(index)
            plan = plans[foundations.pk]
            modules_done = len(plan) if completes_foundations(index) else min(stage, len(plan))
            rows = _progress_rows(
                learner_id=learner_id,
                course=foundations,
                plan=plan,
                modules_done=modules_done,
                enrolled=joined + DAY,
                first_try_fails=index % 4 == 1,
            )
            enrolments.append(rows[0])
            completions.extend(rows[1])
            attempts.extend(rows[2])
            if modules_done < len(plan) and plan[modules_done][1] is not None and stage == 0:
                started = now - (1 + index % 5) * HOUR
                attempts.append(
                    plan[modules_done][1].open_attempt(learner_id=learner_id, started=started)
                )
            if second is not None and completes_foundations(index) and index % 2 == 0:
                finished = rows[0].completed_at or joined
                rows = _progress_rows(
                    learner_id=learner_id,
                    course=second,
                    plan=plans[second.pk],
                    modules_done=1,
                    enrolled=finished + DAY,
                    first_try_fails=False,
                )
                enrolments.append(rows[0])
                completions.extend(rows[1])
                attempts.extend(rows[2])
        with transaction.atomic():
            Enrolment.objects.bulk_create(enrolments)
            ModuleCompletion.objects.bulk_create(completions)
            QuizAttempt.objects.bulk_create(attempts, batch_size=500)
