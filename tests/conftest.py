import pytest
from django.db import connection
from pytest_django.fixtures import validate_django_db

from tests.factories import UserFactory

TRANSACTIONAL_FIXTURES = {"transactional_db", "live_server"}


def restore_migrated_data_in_transactional_tests(items):
    """Give every transactional test (live server, browser, row-lock race) serialized rollback.

    A transactional test ends by flushing every table, which also deletes what data migrations
    created: the role groups and their permissions, Wagtail's root page and default site. With
    serialized rollback each transactional test starts from the migrated data instead, whatever
    ran before it. pytest-django runs all non-transactional database tests before the
    transactional ones, so they never see a flushed database.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        transaction, reset_sequences, databases, serialized, available_apps = (
            validate_django_db(marker) if marker else (False, False, None, False, None)
        )
        transactional = (
            transaction
            or reset_sequences
            or TRANSACTIONAL_FIXTURES & set(getattr(item, "fixturenames", ()))
        )
        if transactional and not serialized:
            restored = pytest.mark.django_db(
                transaction=True,
                reset_sequences=reset_sequences,
                databases=databases,
                serialized_rollback=True,
                available_apps=available_apps,
            )
            item.add_marker(restored, append=False)


def pytest_collection_modifyitems(config, items):
    from django.conf import settings

    restore_migrated_data_in_transactional_tests(items)

    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" in engine:
        return
    skip = pytest.mark.skip(
        reason="needs PostgreSQL row locks: set DATABASE_URL=postgres://... to run"
    )
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache, as each test starts with its own database state:
    cached content (cms.content_cache), sessions and rate limits never leak between tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def media_in_tmp(settings, tmp_path):
    """Uploaded and generated files (certificate PDFs, images) go to a throwaway media folder;
    a live server in the same process sees it too, as it shares the settings."""
    settings.MEDIA_ROOT = str(tmp_path / "media")


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
