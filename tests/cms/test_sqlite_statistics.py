"""After `migrate`, a SQLite database that had planner statistics has them again."""

import pytest
from django.apps import apps
from django.db import connection
from django.db.models.signals import post_migrate

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's planner statistics")
def test_statistics_come_back_after_a_migration_dropped_them():
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("DELETE FROM sqlite_stat1 WHERE tbl = 'auth_group'")  # as a table rebuild
    post_migrate.send(sender=apps.get_app_config("cms"), app_config=apps.get_app_config("cms"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'auth_group'")
        assert cursor.fetchone()[0] > 0


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's planner statistics")
def test_a_database_without_statistics_is_left_alone():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
        had = cursor.fetchone()
    if had:
        pytest.skip("this test database already has statistics")
    post_migrate.send(sender=apps.get_app_config("cms"), app_config=apps.get_app_config("cms"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
        assert cursor.fetchone() is None
