"""A failed task runs again: real django-q2 workers take tasks from the ORM broker.

Tests elsewhere run tasks synchronously (``sync`` in the test settings). Here tasks go through
the broker as in production: the pusher takes what the broker hands out, a worker runs it, the
monitor saves the result and acknowledges the task, or, when it failed, leaves it with the
broker, which hands it out again ``retry`` seconds later, up to ``max_attempts`` runs.
"""

import os
import queue
import signal
import subprocess
import sys
import time
from multiprocessing import Event, Value
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django_q.brokers import get_broker
from django_q.conf import Conf
from django_q.models import OrmQ, Task
from django_q.tasks import async_task

from certification.models import Certificate, CertificateEvent, PdfStatus
from tests.factories.certificates import ProgrammeFactory, qualify

ROOT = Path(__file__).resolve().parents[2]
RETRY_SECONDS = 3  # short, so each test waits seconds for the broker to hand a task out again
DEADLINE_SECONDS = 45  # a broken retry fails the test by then instead of hanging

pytestmark = pytest.mark.django_db(transaction=True)


def fail_once(*, marker: str) -> str:
    """A task that fails on its first run and succeeds on the next; the marker file remembers
    the first run across processes."""
    path = Path(marker)
    if not path.exists():
        path.write_text("failed once")
        raise OSError("first run fails")
    path.write_text("done")
    return "done"


def always_fail() -> None:
    raise OSError("this task never succeeds")


@pytest.fixture
def broker(monkeypatch):
    """The ORM broker with a short ``retry``; tasks are queued, not run at once. ack_failures
    and max_attempts stay as the settings say: they are what these tests prove."""
    monkeypatch.setattr(Conf, "SYNC", False)
    monkeypatch.setattr(Conf, "ORM", "default")
    monkeypatch.setattr(Conf, "RETRY", RETRY_SECONDS)
    assert settings.Q_CLUSTER["ack_failures"] is False
    assert Conf.ACK_FAILURES is False
    return get_broker()


def work_once(broker) -> int:
    """One pass of a django-q2 cluster's pipeline in this process: the pusher takes what the
    broker hands out now, a worker runs it, the monitor saves the results and acknowledges.
    Returns how many tasks ran (the pusher waits ``poll`` seconds when none is due)."""
    from django_q.monitor import monitor
    from django_q.pusher import pusher
    from django_q.worker import worker

    tasks, results = queue.Queue(), queue.Queue()
    stop = Event()
    stop.set()  # one pull from the broker, then return
    pusher(tasks, stop, broker=broker)
    taken = tasks.qsize()
    tasks.put("STOP")
    worker(tasks, results, Value("f", -1))
    results.put("STOP")
    monitor(results, broker=broker)
    return taken


def work_until(broker, done, *, deadline: float = DEADLINE_SECONDS) -> None:
    """Run passes until ``done()`` is true; fail the test if it is not by the deadline."""
    give_up = time.monotonic() + deadline
    while not done():
        assert time.monotonic() < give_up, "the task was not retried in time"
        work_once(broker)


def test_a_task_that_fails_once_is_retried_by_the_broker_and_ends_done(broker, tmp_path):
    marker = tmp_path / "attempts"
    task_id = async_task(f"{__name__}.fail_once", marker=str(marker))
    assert OrmQ.objects.count() == 1

    assert work_once(broker) == 1
    first = Task.objects.get(id=task_id)
    assert first.success is False and first.attempt_count == 1
    assert "first run fails" in first.result
    waiting = OrmQ.objects.get()  # not acknowledged: still with the broker, locked for `retry`
    assert waiting.lock > first.stopped

    work_until(broker, lambda: Task.objects.get(id=task_id).success)
    task = Task.objects.get(id=task_id)
    assert task.result == "done" and task.attempt_count == 2
    assert marker.read_text() == "done"
    assert not OrmQ.objects.exists()  # acknowledged once it succeeded


def test_a_task_that_always_fails_stops_after_max_attempts(broker):
    task_id = async_task(f"{__name__}.always_fail")
    work_until(broker, lambda: not OrmQ.objects.exists())
    task = Task.objects.get(id=task_id)
    assert task.success is False
    assert task.attempt_count == settings.Q_CLUSTER["max_attempts"]


def test_a_certificate_pdf_that_fails_to_render_once_ends_ready(broker, monkeypatch, mentor):
    """The real task chain: issuing queues the render; WeasyPrint fails on the first run in the
    worker; the broker hands the task out again and the PDF ends ready."""
    from certification import pdf, services

    real_render = pdf.certificate_pdf_render
    calls = []

    def fails_first(**kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OSError("font cache locked")
        return real_render(**kwargs)

    monkeypatch.setattr(pdf, "certificate_pdf_render", fails_first)
    programme = ProgrammeFactory()
    qualify(mentor, programme)
    certificate = services.certificate_issue_if_eligible(mentor_id=mentor.pk, programme=programme)
    assert certificate is not None
    render = "certification.tasks.render_certificate_pdf"

    def rendered():
        return Task.objects.filter(func=render, success=True).exists()

    work_until(broker, lambda: Task.objects.filter(func=render).exists())
    certificate.refresh_from_db()
    assert certificate.pdf_status == PdfStatus.FAILED
    assert CertificateEvent.objects.filter(certificate=certificate, kind="pdf_failed").count() == 1

    work_until(broker, rendered)
    certificate = Certificate.objects.get(pk=certificate.pk)
    assert certificate.pdf_status == PdfStatus.READY
    assert certificate.pdf.read().startswith(b"%PDF-")
    assert Task.objects.get(func=render).attempt_count == 2
    assert len(calls) == 2


QCLUSTER_SETTINGS = """
from cms.settings.test import *  # noqa: F403
from cms.settings.test import Q_CLUSTER

Q_CLUSTER = {{**Q_CLUSTER, "sync": False, "workers": 1, "retry": {retry}, "timeout": {timeout},
             "orm": "default", "poll": 0.2}}
Q_CLUSTER.pop("redis", None)
"""


@pytest.mark.postgres
def test_a_qcluster_process_retries_a_failed_task(broker, tmp_path):
    """`manage.py qcluster` itself, as deployed: its worker fails the task, its broker hands the
    task out again after `retry`, and the second run succeeds."""
    (tmp_path / "qcluster_settings.py").write_text(
        QCLUSTER_SETTINGS.format(retry=RETRY_SECONDS, timeout=RETRY_SECONDS - 1)
    )
    database = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "qcluster_settings",
        "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)]),
        "DATABASE_URL": (
            f"postgres://{database['USER']}:{database['PASSWORD'] or ''}@"
            f"{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{database['NAME']}"
        ),
        "Q_BROKER": "orm",
    }
    marker = tmp_path / "attempts"
    task_id = async_task(f"{__name__}.fail_once", marker=str(marker))
    cluster = subprocess.Popen(
        [sys.executable, "manage.py", "qcluster"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        give_up = time.monotonic() + DEADLINE_SECONDS
        while not Task.objects.filter(id=task_id, success=True).exists():
            assert cluster.poll() is None, cluster.stdout.read().decode()
            assert time.monotonic() < give_up, "qcluster did not retry the task in time"
            time.sleep(0.5)
    finally:
        os.killpg(cluster.pid, signal.SIGTERM)
        try:
            cluster.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(cluster.pid, signal.SIGKILL)
            cluster.wait()
    task = Task.objects.get(id=task_id)
    assert task.attempt_count == 2 and task.result == "done"
    assert marker.read_text() == "done"
    assert not OrmQ.objects.exists()
