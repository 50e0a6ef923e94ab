"""The demo quizzes (each module's ``quiz`` in demo/content/), and attempts for ``mentor`` and
``certified``."""

import random
from collections.abc import Callable
from datetime import timedelta

from django.utils import timezone

from cms.models import User
from courses import services
from courses.models import Competency, Question, QuestionChoice, Quiz, QuizAttempt, QuizQuestion
from demo import content


def demo_quiz_specs() -> list[tuple[str, dict]]:
    """(module slug, quiz spec) for every demo module, in course order."""
    return [
        (module["slug"], module["quiz"])
        for course in content.courses()
        for module in course["modules"]
    ]


def seed_quiz(spec: dict) -> tuple[Quiz, bool]:
    quiz, created = Quiz.objects.get_or_create(
        title=spec["title"],
        defaults={
            "instructions": spec.get("instructions", ""),
            "pass_mark": spec.get("pass_mark", 80),
            "attempt_limit": 3,
            "cooldown_minutes": 10,
        },
    )
    if not created:
        return quiz, False
    competencies = {c.slug: c for c in Competency.objects.all()}
    for order, item in enumerate(spec["questions"]):
        question = Question.objects.create(
            kind=item["kind"],
            prompt=item["prompt"],
            vignette=item.get("vignette", ""),
            competency=competencies[item["competency"]],
            points=item.get("points", 1),
            critical=item.get("critical", False),
            explanation=item.get("explanation", ""),
        )
        QuestionChoice.objects.bulk_create(
            QuestionChoice(
                question=question,
                text=choice["text"],
                is_correct=choice["correct"],
                feedback=choice.get("feedback", ""),
                sort_order=index,
            )
            for index, choice in enumerate(item["choices"])
        )
        question.save_revision()
        QuizQuestion.objects.create(quiz=quiz, question=question, sort_order=order)
    quiz.save_revision()
    return quiz, True


def take(learner, quiz: Quiz, *, correct: bool, when) -> None:
    rng = random.Random(f"{learner.pk}-{quiz.pk}-{when.date()}")
    attempt = services.quiz_attempt_start(learner=learner, quiz=quiz, now=when, rng=rng)
    answers = {}
    for question in attempt.snapshot:
        right = [c["key"] for c in question["choices"] if c["correct"]]
        wrong = [c["key"] for c in question["choices"] if not c["correct"]]
        answers[question["key"]] = right if correct or not wrong else wrong[:1]
    services.quiz_attempt_submit(
        attempt_id=attempt.pk, learner=learner, answers=answers, now=when + timedelta(minutes=9)
    )


def seed(*, log: Callable[[str], None]) -> dict[str, Quiz]:
    quizzes = {}
    for module_slug, spec in demo_quiz_specs():
        quiz, created = seed_quiz(spec)
        quizzes[module_slug] = quiz
        if created:
            log(f"Created quiz {quiz.title} ({quiz.quiz_questions.count()} questions).")
    now = timezone.now()
    certified = User.objects.filter(username="certified").first()
    if certified and not QuizAttempt.objects.filter(learner=certified).exists():
        for index, quiz in enumerate(quizzes.values()):
            take(certified, quiz, correct=True, when=now - timedelta(days=90 - index))
        log("Recorded passing quiz attempts for certified.")
    mentor = User.objects.filter(username="mentor").first()
    first = next(iter(quizzes.values()), None)
    if mentor and first and not QuizAttempt.objects.filter(learner=mentor).exists():
        take(mentor, first, correct=False, when=now - timedelta(days=12))
        take(mentor, first, correct=True, when=now - timedelta(days=11))
        log("Recorded a failed and a passed attempt for mentor.")
    return quizzes
