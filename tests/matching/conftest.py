import pytest

from tests.factories import MenteeFactory, UserFactory, certify
from tests.factories.certificates import ProgrammeFactory


@pytest.fixture(autouse=True)
def media_in_tmp(media_in_tmp):
    """Every matching test writes its certificate PDFs to a throwaway media folder."""
    return media_in_tmp


@pytest.fixture(autouse=True)
def fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def programme(db):
    return ProgrammeFactory(is_default=True, slug="core", name="Core programme")


@pytest.fixture
def certified(db, programme):
    """A mentor holding an active certificate in the default programme, supervised."""
    mentor = UserFactory(role="Mentors", username="certified-mentor")
    certify(mentor, programme)
    return mentor


@pytest.fixture
def mentee(programme):
    return MenteeFactory(programme=programme, code_name="M-KESTREL")


@pytest.fixture
def coordinator(db):
    return UserFactory(role="Coordinators", email="coord@example.org")
