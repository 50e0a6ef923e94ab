import pytest
from django.core.management import call_command
from django.test import override_settings

from courses.models import Quiz, QuizAttempt

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_demo_quizzes_and_attempts():
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)
    quizzes = list(Quiz.objects.all())
    assert len(quizzes) == 6
    for quiz in quizzes:
        questions = [item.question for item in quiz.quiz_questions.all()]
        assert len(questions) >= 6
        assert any(q.vignette for q in questions)
    crisis = Quiz.objects.get(title__startswith="Crisis intervention")
    assert any(item.question.critical for item in crisis.quiz_questions.all())
    certified = QuizAttempt.objects.filter(learner__username="certified")
    assert certified.count() == 6 and all(a.passed for a in certified)
    mentor = QuizAttempt.objects.filter(learner__username="mentor").order_by("number")
    assert [a.passed for a in mentor] == [False, True]
