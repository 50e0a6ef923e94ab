"""Grading of quiz attempts: a pure function of what was served and what was answered.

A question scores its points only when the selected options are exactly its correct options
(all-or-nothing, also for "select all that apply"). The score is the percentage of points
earned. An attempt passes when the score reaches the pass mark AND no safety-critical question
was answered wrongly. Order and shuffling never matter: grading works on keys, not positions.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

SINGLE_ANSWER_KINDS = {"single", "true_false"}


@dataclass(frozen=True)
class QuestionResult:
    key: str
    correct: bool
    points: int
    earned: int
    critical: bool
    competency: str
    selected: frozenset[str]
    correct_keys: frozenset[str]


@dataclass(frozen=True)
class GradeResult:
    score: Decimal
    earned: int
    possible: int
    passed: bool
    critical_failures: list[str]
    results: dict[str, QuestionResult]


def correct_keys(question: dict) -> frozenset[str]:
    return frozenset(choice["key"] for choice in question["choices"] if choice["correct"])


def answered_correctly(question: dict, selected: frozenset[str]) -> bool:
    """All-or-nothing: the selected options are exactly the question's correct options."""
    return bool(selected) and selected == correct_keys(question)


def grade(*, snapshot: list[dict], answers: dict[str, list[str]], pass_mark: int) -> GradeResult:
    """Grade answers ({question key: [choice keys]}) against a snapshot of served questions."""
    results: dict[str, QuestionResult] = {}
    earned = possible = 0
    critical_failures: list[str] = []
    for question in snapshot:
        selected = frozenset(answers.get(question["key"], ()))
        expected = correct_keys(question)
        is_correct = answered_correctly(question, selected)
        points = int(question["points"])
        possible += points
        earned += points if is_correct else 0
        if (
            question["critical"]
            and not is_correct
            and question["competency"] not in critical_failures
        ):
            critical_failures.append(question["competency"])
        results[question["key"]] = QuestionResult(
            key=question["key"],
            correct=is_correct,
            points=points,
            earned=points if is_correct else 0,
            critical=bool(question["critical"]),
            competency=question["competency"],
            selected=selected,
            correct_keys=expected,
        )
    score = (
        (Decimal(earned) * 100 / Decimal(possible)).quantize(Decimal("0.01"), ROUND_HALF_UP)
        if possible
        else Decimal("0.00")
    )
    passed = possible > 0 and score >= pass_mark and not critical_failures
    return GradeResult(
        score=score,
        earned=earned,
        possible=possible,
        passed=passed,
        critical_failures=sorted(critical_failures),
        results=results,
    )


def answer_errors(*, snapshot: list[dict], answers: dict[str, list[str]]) -> dict[str, str]:
    """Why these answers cannot be graded, per question key ("__all__" for the whole set).

    Every served question needs an answer; an answer may only name options served for its
    question; single-answer questions take exactly one option.
    """
    errors: dict[str, str] = {}
    served = {question["key"]: question for question in snapshot}
    unknown = set(answers) - set(served)
    if unknown:
        errors["__all__"] = _("The answers name questions that were not part of this attempt.")
    for key, question in served.items():
        selected = answers.get(key) or []
        if not selected:
            errors[key] = _("Please answer this question.")
            continue
        options = {choice["key"] for choice in question["choices"]}
        if not set(selected) <= options:
            errors[key] = _("That option was not one of the options shown for this question.")
        elif len(set(selected)) != len(selected):
            errors[key] = _("Each option can be chosen once.")
        elif question["kind"] in SINGLE_ANSWER_KINDS and len(selected) != 1:
            errors[key] = _("Choose one option.")
    return errors
