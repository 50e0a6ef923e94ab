import pytest
from django.db import connection

from tests.factories import UserFactory


def pytest_collection_modifyitems(config, items):
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" in engine:
        return
    skip = pytest.mark.skip(
        reason="needs PostgreSQL row locks: set DATABASE_URL=postgres://... to run"
    )
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def is_postgres():
    return connection.vendor == "postgresql"


@pytest.fixture
def mentor(db):
    return UserFactory(role="Mentors")


@pytest.fixture
def trainer(db):
    return UserFactory(role="Trainers")


@pytest.fixture
def supervisor(db):
    return UserFactory(role="Supervisors")


@pytest.fixture
def coordinator(db):
    return UserFactory(role="Coordinators")
