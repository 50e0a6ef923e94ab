"""Tasks queued with the ORM broker instead of run at once (the test settings run them sync)."""

import pytest
from django_q.conf import Conf
from django_q.models import OrmQ


@pytest.fixture
def orm_broker(monkeypatch):
    """Queue tasks in the database as production does; nothing runs them unless a test does."""
    monkeypatch.setattr(Conf, "SYNC", False)
    monkeypatch.setattr(Conf, "ORM", "default")


def queued() -> list[tuple[str, dict]]:
    """(function, kwargs) of every task waiting with the ORM broker, oldest first."""
    return [(package.func(), package.kwargs()) for package in OrmQ.objects.order_by("pk")]
