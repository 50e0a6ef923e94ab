"""Writes for courses: starting and submitting quiz attempts."""

import random
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.errors import DomainError
from cms.services import account_lock_open
from courses import grading, selectors
from courses.models import AttemptStatus, Question, Quiz, QuizAttempt
from courses.signals import quiz_attempt_graded


class QuizError(DomainError):
    """A quiz rule refused the request; the message is for the learner."""

    default_code = "quiz_refused"


class AnswersInvalidError(QuizError):
    """Answers the attempt did not serve: {question key (or "__all__"): message}."""

    default_code = "answers_invalid"

    def __init__(self, errors: dict[str, str]):
        super().__init__(errors)
        self.errors = errors

    @property
    def detail(self) -> str:
        return str(_("Some answers need your attention."))


def _key() -> str:
    return secrets.token_urlsafe(6)


def _question_snapshot(question: Question, *, shuffle: bool, rng: random.Random) -> dict:
    choices = [
        {
            "key": _key(),
            "source_id": choice.pk,
            "text": choice.text,
            "feedback": choice.feedback,
            "correct": choice.is_correct,
        }
        for choice in question.choices.all()
    ]
    if shuffle and question.kind != "true_false":
        rng.shuffle(choices)
    return {
        "key": _key(),
        "source_id": question.pk,
        "kind": question.kind,
        "prompt": question.prompt,
        "vignette": question.vignette,
        "competency_id": question.competency_id,
        "competency": question.competency.name,
        "points": question.points,
        "critical": question.critical,
        "explanation": question.explanation,
        "choices": choices,
    }


def quiz_snapshot_build(*, quiz: Quiz, rng: random.Random | None = None) -> list[dict]:
    """The questions to serve: the ordered list, then each random draw, shuffled if asked.

    Queries do not grow with the size of the bank: one for the ordered list, one for the draw
    rules, and one per rule (plus choices, prefetched).
    """
    rng = rng or random.SystemRandom()
    questions = [
        item.question
        for item in quiz.quiz_questions.select_related("question__competency")
        .prefetch_related("question__choices")
        .order_by("sort_order")
    ]
    chosen = {question.pk for question in questions}
    for rule in quiz.draw_rules.all().order_by("sort_order"):
        pool = list(
            Question.objects.filter(competency_id=rule.competency_id)
            .exclude(pk__in=chosen)
            .order_by("?")
            .select_related("competency")
            .prefetch_related("choices")[: rule.count]
        )
        questions.extend(pool)
        chosen.update(question.pk for question in pool)
    if quiz.shuffle_questions:
        rng.shuffle(questions)
    return [
        _question_snapshot(question, shuffle=quiz.shuffle_options, rng=rng)
        for question in questions
        if question.choices.all()
    ]


def _close(attempt: QuizAttempt, *, answers: dict, status: str, at: datetime) -> None:
    result = grading.grade(snapshot=attempt.snapshot, answers=answers, pass_mark=attempt.pass_mark)
    attempt.answers = answers
    attempt.status = status
    attempt.submitted_at = at
    attempt.score = result.score
    attempt.points_earned = result.earned
    attempt.points_possible = result.possible
    attempt.passed = result.passed
    attempt.critical_failures = result.critical_failures
    attempt.save(
        update_fields=[
            "answers",
            "status",
            "submitted_at",
            "score",
            "points_earned",
            "points_possible",
            "passed",
            "critical_failures",
        ]
    )
    ids = {
        "attempt_id": attempt.pk,
        "learner_id": attempt.learner_id,
        "quiz_id": attempt.quiz_id,
        "passed": result.passed,
    }
    transaction.on_commit(lambda: quiz_attempt_graded.send(sender=QuizAttempt, **ids))


@transaction.atomic
def quiz_attempt_start(
    *, learner, quiz: Quiz, now: datetime | None = None, rng: random.Random | None = None
) -> QuizAttempt:
    """Start an attempt, or return the one in progress.

    One open attempt per learner and quiz (also a database constraint); who may take the quiz
    (selectors.quiz_access_blockers), the attempt limit and the cooldown are enforced here. The
    learner's row is locked so concurrent starts queue up and the second one finds the first
    attempt.
    """
    now = now or timezone.now()
    if not account_lock_open(user=learner):  # erased (cms.privacy) or closed meanwhile
        raise QuizError(_("This account is closed."))
    status = selectors.quiz_status(
        learner=learner,
        quiz=quiz,
        now=now,
        access_blockers=selectors.quiz_access_blockers(learner=learner, quiz=quiz),
    )
    if status.open_attempt is not None:
        return status.open_attempt
    stale = next((a for a in status.attempts if a.status == AttemptStatus.OPEN), None)
    if stale is not None:  # past its deadline: closed with the answers it never received
        stale = QuizAttempt.objects.select_for_update().get(pk=stale.pk)
        _close(stale, answers={}, status=AttemptStatus.EXPIRED, at=stale.deadline or now)
    if status.blockers:
        raise QuizError(" ".join(status.blockers))
    snapshot = quiz_snapshot_build(quiz=quiz, rng=rng)
    if not snapshot:
        raise QuizError(_("This quiz has no questions yet. Please check back later."))
    # The learner's row lock (PostgreSQL) or the write lock taken at BEGIN (SQLite, IMMEDIATE
    # mode) serialises starts, so the one-open-attempt constraint is only the last safeguard.
    return QuizAttempt.objects.create(
        learner=learner,
        quiz=quiz,
        number=max((a.number for a in status.attempts), default=0) + 1,
        started_at=now,
        deadline=now + timedelta(minutes=quiz.time_limit_minutes)
        if quiz.time_limit_minutes
        else None,
        pass_mark=quiz.pass_mark,
        feedback_policy=quiz.feedback_policy,
        snapshot=snapshot,
    )


@dataclass(frozen=True)
class SubmitOutcome:
    attempt: QuizAttempt
    graded_now: bool  # False: this attempt had already been closed (a repeated submission)
    too_late: bool  # True: the time limit had passed, the answers were not accepted


@transaction.atomic
def quiz_attempt_submit(
    *, attempt_id: int, learner, answers: dict[str, list[str]], now: datetime | None = None
) -> SubmitOutcome:
    """Grade an open attempt once, on the server.

    A repeated submission returns the first result and changes nothing. Answers arriving after
    the time limit (plus a short grace) are refused and the attempt closes unscored. Answers
    naming questions or options that were not served are refused before anything is written.
    Raises QuizAttempt.DoesNotExist for someone else's attempt.
    """
    now = now or timezone.now()
    attempt = QuizAttempt.objects.select_for_update().get(pk=attempt_id, learner=learner)
    if attempt.status != AttemptStatus.OPEN:
        return SubmitOutcome(attempt=attempt, graded_now=False, too_late=False)
    if attempt.deadline and now > attempt.deadline + selectors.DEADLINE_GRACE:
        _close(attempt, answers={}, status=AttemptStatus.EXPIRED, at=attempt.deadline)
        return SubmitOutcome(attempt=attempt, graded_now=True, too_late=True)
    errors = grading.answer_errors(snapshot=attempt.snapshot, answers=answers)
    if errors:
        raise AnswersInvalidError(errors)
    _close(attempt, answers=answers, status=AttemptStatus.SUBMITTED, at=now)
    return SubmitOutcome(attempt=attempt, graded_now=True, too_late=False)
