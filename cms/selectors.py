"""Reads owned by the site app."""

from django.db import connection
from django_q.brokers import get_broker
from django_q.conf import Conf


def health_status() -> dict:
    """Database and task-queue checks for /healthz. Each check is ok or carries its error."""
    checks: dict[str, dict] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = {"status": "ok", "vendor": connection.vendor}
    except Exception as error:  # any driver error means the database is unusable
        checks["database"] = {"status": "error", "error": error.__class__.__name__}
    try:
        broker = get_broker()
        if not broker.ping():
            raise ConnectionError("broker did not answer")
        checks["task_queue"] = {
            "status": "ok",
            "broker": broker.info(),
            "queued": broker.queue_size(),
            "sync": bool(Conf.SYNC),
        }
    except Exception as error:  # ORM broker errors surface from queue_size()
        checks["task_queue"] = {"status": "error", "error": error.__class__.__name__}
    healthy = all(check["status"] == "ok" for check in checks.values())
    return {"status": "ok" if healthy else "error", "checks": checks}
