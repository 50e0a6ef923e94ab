"""Factories shared by every app's tests. One module per app; re-exported explicitly."""

from tests.factories.certification import (
    CompetencyFactory,
    PracticeLogFactory,
    SupervisionLinkFactory,
    SupervisorProfileFactory,
)
from tests.factories.cms import UserFactory

__all__ = [
    "CompetencyFactory",
    "PracticeLogFactory",
    "SupervisionLinkFactory",
    "SupervisorProfileFactory",
    "UserFactory",
]
