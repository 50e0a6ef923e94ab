import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_and_queue(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["task_queue"]["status"] == "ok"


def test_healthz_answers_503_when_the_database_is_unreachable(client, monkeypatch):
    from django.db import connection

    def broken_cursor(*args, **kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["database"] == {"status": "error", "error": "OperationalError"}


def test_healthz_answers_503_when_the_queue_is_unreachable(client, monkeypatch):
    import cms.selectors

    class DeadBroker:
        def ping(self):
            raise ConnectionError("refused")

    monkeypatch.setattr(cms.selectors, "get_broker", lambda: DeadBroker())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["task_queue"]["status"] == "error"


def test_healthz_is_get_only(client):
    assert client.post("/healthz").status_code == 405
