"""Reads for courses: quiz status for a learner, and quiz item analysis for trainers."""

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from courses.models import AttemptStatus, ModulePage, Quiz, QuizAttempt
from courses.selectors.access import module_access

# A submission this late after the deadline is still accepted (network and clock slack).
DEADLINE_GRACE = timedelta(seconds=30)


@dataclass
class QuizStatus:
    """Where a learner stands with one quiz, and whether (and when) they may start again."""

    quiz: Quiz
    attempts: list[QuizAttempt]
    open_attempt: QuizAttempt | None
    attempts_used: int
    attempts_left: int | None  # None: unlimited
    best_score: Decimal | None
    passed: bool
    next_attempt_at: datetime | None
    blockers: list[str] = field(default_factory=list)

    @property
    def can_start(self) -> bool:
        return not self.blockers


def _may_view(learner, module) -> bool:
    """Whether the module's view restrictions (on it or an ancestor) let the learner in, as
    Wagtail decides when it serves the page. A password restriction needs the password given
    in this browser session, which a service cannot see: it keeps the quiz closed."""
    for restriction in module.get_view_restrictions():
        if restriction.restriction_type == restriction.LOGIN:
            if not learner.is_authenticated:
                return False
        elif restriction.restriction_type == restriction.GROUPS:
            if (
                not learner.is_superuser
                and not restriction.groups.filter(pk__in=learner.groups.values("pk")).exists()
            ):
                return False
        else:
            return False
    return True


def quiz_access_blockers(*, learner, quiz: Quiz) -> list[str]:
    """Why the learner may not take this quiz at all (empty when they may).

    A quiz placed in modules opens through any live one of them the learner can open: enrolled
    in its course, not locked, and let in by the page's view restrictions. A quiz in no module
    is a practice quiz, open to anyone signed in. One query for the modules, then the module
    access check for each until one opens.
    """
    modules = list(ModulePage.objects.filter(quiz=quiz).order_by("-live", "path"))
    if not modules:
        return []
    live = [module for module in modules if module.live]
    if not live:
        return [_("This quiz is not available yet: its module has not been published.")]
    reasons = []
    for module in live:
        access = module_access(learner=learner, module=module)
        if access.state == "open" and _may_view(learner, module):
            return []
        if access.state == "open":
            reasons.append(_("This quiz is part of a module you cannot open."))
            continue
        if access.state == "not_enrolled":
            reasons.append(
                _("Enrol in “%(course)s” to take this quiz: it is part of “%(module)s”.")
                % {"course": access.course.title, "module": module.title}
            )
        elif access.state == "locked":
            reasons.append(access.step.lock_reason)
        else:
            reasons.append(_("This quiz is not available at the moment."))
    return reasons[:1]


def quiz_status(
    *,
    learner,
    quiz: Quiz,
    now: datetime | None = None,
    attempts: list[QuizAttempt] | None = None,
    access_blockers: list[str] | None = None,
) -> QuizStatus:
    """Attempts used and left, best score, pass, cooldown and what stops a new attempt now.

    The highest score counts. Limits and cooldown count closed attempts only; an open attempt
    past its deadline counts as used. ``access_blockers`` (from quiz_access_blockers) come
    first among the reasons when the caller has checked access.
    """
    now = now or timezone.now()
    if attempts is None:
        attempts = list(
            QuizAttempt.objects.filter(learner=learner, quiz=quiz)
            .defer("snapshot", "answers")
            .order_by("number")
        )
    open_attempt = next((a for a in attempts if a.status == AttemptStatus.OPEN), None)
    closed = [a for a in attempts if a.status != AttemptStatus.OPEN]
    expired_open = (
        open_attempt is not None
        and open_attempt.deadline is not None
        and (now > open_attempt.deadline + DEADLINE_GRACE)
    )
    used = len(closed) + (1 if expired_open else 0)
    attempts_left = None if quiz.attempt_limit == 0 else max(quiz.attempt_limit - used, 0)
    scores = [a.score for a in closed if a.score is not None]
    best = max(scores) if scores else None
    passed = any(a.passed for a in closed)
    blockers: list[str] = list(access_blockers or [])
    next_attempt_at = None
    if open_attempt is not None and not expired_open:
        blockers.append(_("You have an attempt in progress."))
    if attempts_left == 0:
        blockers.append(
            ngettext(
                "You have used your %(limit)d attempt at this quiz.",
                "You have used all %(limit)d attempts at this quiz.",
                quiz.attempt_limit,
            )
            % {"limit": quiz.attempt_limit}
            + " "
            + _("Please talk to your trainer about what to do next.")
        )
    last_closed_at = max((a.submitted_at for a in closed if a.submitted_at), default=None)
    if expired_open and open_attempt.deadline:
        last_closed_at = max(filter(None, [last_closed_at, open_attempt.deadline]))
    if quiz.cooldown_minutes and last_closed_at and attempts_left != 0:
        opens_at = last_closed_at + timedelta(minutes=quiz.cooldown_minutes)
        if opens_at > now:
            next_attempt_at = opens_at
            blockers.append(
                _("Your next attempt opens at %(time)s. Use the time to revisit the module.")
                % {"time": date_format(timezone.localtime(opens_at), "DATETIME_FORMAT")}
            )
    return QuizStatus(
        quiz=quiz,
        attempts=attempts,
        open_attempt=None if expired_open else open_attempt,
        attempts_used=used,
        attempts_left=attempts_left,
        best_score=best,
        passed=passed,
        next_attempt_at=next_attempt_at,
        blockers=blockers,
    )


def quiz_statuses_for_learner(*, learner, now: datetime | None = None) -> list[QuizStatus]:
    """Status of every quiz the learner has attempted, in two queries (dashboard panel)."""
    attempts = list(
        QuizAttempt.objects.filter(learner=learner)
        .select_related("quiz")
        .defer("snapshot", "answers")
        .order_by("quiz__title", "number")
    )
    by_quiz: dict[int, list[QuizAttempt]] = defaultdict(list)
    quizzes: dict[int, Quiz] = {}
    for attempt in attempts:
        by_quiz[attempt.quiz_id].append(attempt)
        quizzes[attempt.quiz_id] = attempt.quiz
    return [
        quiz_status(learner=learner, quiz=quizzes[quiz_id], now=now, attempts=items)
        for quiz_id, items in by_quiz.items()
    ]


def closed_attempts(*, quiz: Quiz) -> QuerySet[QuizAttempt]:
    return QuizAttempt.objects.filter(quiz=quiz).exclude(status=AttemptStatus.OPEN)


@dataclass
class ItemStats:
    """How one question behaved across closed attempts (classical test theory)."""

    source_id: int | None
    prompt: str
    competency: str
    critical: bool
    served: int = 0
    correct: int = 0
    facility: float | None = None  # share answering correctly, 0..1
    discrimination: float | None = None  # point-biserial correlation with the total score
    option_counts: list[tuple[str, bool, int]] = field(default_factory=list)

    @property
    def facility_percent(self) -> str:
        return "" if self.facility is None else f"{self.facility * 100:.0f}%"

    @property
    def discrimination_display(self) -> str:
        return "" if self.discrimination is None else f"{self.discrimination:.2f}"

    @property
    def options_display(self) -> str:
        return "; ".join(
            f"{text}{' (correct)' if correct else ''}: {count}"
            for text, correct, count in self.option_counts
        )


def point_biserial(item_correct: list[bool], totals: list[float]) -> float | None:
    """Correlation between answering one item correctly and the attempt's total score."""
    n = len(totals)
    right = [t for t, c in zip(totals, item_correct, strict=True) if c]
    wrong = [t for t, c in zip(totals, item_correct, strict=True) if not c]
    if n < 2 or not right or not wrong:
        return None
    mean = sum(totals) / n
    sd = math.sqrt(sum((t - mean) ** 2 for t in totals) / n)
    if sd == 0:
        return None
    p = len(right) / n
    return (sum(right) / len(right) - sum(wrong) / len(wrong)) / sd * math.sqrt(p * (1 - p))


def quiz_item_analysis(*, quiz: Quiz) -> list[ItemStats]:
    """Per question served by this quiz: times served, facility, discrimination, option use.

    Works from attempt snapshots, so it reports what learners actually saw, even for
    questions edited or deleted since.
    """
    rows = list(closed_attempts(quiz=quiz).values_list("snapshot", "answers", "score"))
    stats: dict[str, ItemStats] = {}
    outcomes: dict[str, tuple[list[bool], list[float]]] = defaultdict(lambda: ([], []))
    options: dict[str, Counter] = defaultdict(Counter)
    option_meta: dict[str, dict[str, tuple[str, bool]]] = defaultdict(dict)
    for snapshot, answers, score in rows:
        total = float(score or 0)
        for question in snapshot:
            ident = str(question.get("source_id") or question["prompt"])
            item = stats.setdefault(
                ident,
                ItemStats(
                    source_id=question.get("source_id"),
                    prompt=question["prompt"],
                    competency=question["competency"],
                    critical=bool(question["critical"]),
                ),
            )
            selected = set(answers.get(question["key"], ()))
            expected = {c["key"] for c in question["choices"] if c["correct"]}
            is_correct = bool(selected) and selected == expected
            item.served += 1
            item.correct += int(is_correct)
            flags, totals = outcomes[ident]
            flags.append(is_correct)
            totals.append(total)
            for choice in question["choices"]:
                choice_ident = str(choice.get("source_id") or choice["text"])
                option_meta[ident][choice_ident] = (choice["text"], bool(choice["correct"]))
                if choice["key"] in selected:
                    options[ident][choice_ident] += 1
    for ident, item in stats.items():
        item.facility = item.correct / item.served if item.served else None
        flags, totals = outcomes[ident]
        item.discrimination = point_biserial(flags, totals)
        item.option_counts = [
            (text, correct, options[ident][choice_ident])
            for choice_ident, (text, correct) in option_meta[ident].items()
        ]
    return sorted(stats.values(), key=lambda s: s.facility if s.facility is not None else 2)


@dataclass
class QuizSummary:
    quiz: Quiz
    attempts: int
    learners: int
    passed: int
    pass_rate: float | None
    distribution: list[int]  # counts of scores in 0-9, 10-19, ..., 90-100

    @property
    def pass_rate_percent(self) -> str:
        return "" if self.pass_rate is None else f"{self.pass_rate * 100:.0f}%"

    @property
    def bars(self) -> list[dict]:
        """Bar geometry for the distribution chart (100 px for the fullest band)."""
        tallest = max(self.distribution) or 1
        bars = []
        for band, count in enumerate(self.distribution):
            height = round(100 * count / tallest)
            upper = 100 if band == 9 else band * 10 + 9
            bars.append(
                {
                    "x": band * 40,
                    "y": 110 - height,
                    "height": height,
                    "count": count,
                    "label": f"{band * 10}–{upper}%",
                }
            )
        return bars


def quiz_summary(*, quiz: Quiz) -> QuizSummary:
    """Attempts, pass rate and the score distribution in ten bands."""
    rows = list(closed_attempts(quiz=quiz).values_list("learner_id", "score", "passed"))
    distribution = [0] * 10
    for _learner, score, _passed in rows:
        distribution[min(int((score or 0) // 10), 9)] += 1
    passed = sum(1 for row in rows if row[2])
    return QuizSummary(
        quiz=quiz,
        attempts=len(rows),
        learners=len({row[0] for row in rows}),
        passed=passed,
        pass_rate=passed / len(rows) if rows else None,
        distribution=distribution,
    )
