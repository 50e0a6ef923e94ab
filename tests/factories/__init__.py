"""Factories shared by every app's tests. One module per app; re-exported explicitly."""

from tests.factories.cms import UserFactory

__all__ = ["UserFactory"]
