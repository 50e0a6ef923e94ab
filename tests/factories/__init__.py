"""Factories shared by every app's tests. One module per app; re-exported explicitly."""

from tests.factories.cms import UserFactory
from tests.factories.quizzes import CompetencyFactory, QuestionFactory, QuizFactory

__all__ = ["CompetencyFactory", "QuestionFactory", "QuizFactory", "UserFactory"]
