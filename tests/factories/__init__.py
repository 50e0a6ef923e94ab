"""Factories shared by every app's tests. One module per app; re-exported explicitly."""

from tests.factories.certification import (
    PracticeLogFactory,
    SupervisionLinkFactory,
    SupervisorProfileFactory,
)
from tests.factories.cms import UserFactory
from tests.factories.matching import MenteeFactory, MentorProfileFactory, certify
from tests.factories.quizzes import CompetencyFactory, QuestionFactory, QuizFactory

__all__ = [
    "CompetencyFactory",
    "MenteeFactory",
    "MentorProfileFactory",
    "PracticeLogFactory",
    "QuestionFactory",
    "QuizFactory",
    "SupervisionLinkFactory",
    "SupervisorProfileFactory",
    "UserFactory",
    "certify",
]
