"""Factories shared by every app's tests. One module per app; re-exported explicitly."""

from tests.factories.certification import (
    PracticeLogFactory,
    SupervisionLinkFactory,
    SupervisorProfileFactory,
)
from tests.factories.cms import UserFactory
from tests.factories.quizzes import CompetencyFactory, QuestionFactory, QuizFactory

__all__ = [
    "CompetencyFactory",
    "PracticeLogFactory",
    "QuestionFactory",
    "QuizFactory",
    "SupervisionLinkFactory",
    "SupervisorProfileFactory",
    "UserFactory",
]
