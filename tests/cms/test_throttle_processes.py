"""The throttles hold across processes: two gunicorn servers, as two workers or two hosts would be,
sharing the database (sign-in failures) and Redis (sign-up and password-reset counts)."""

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
import requests
from django.db import connection

from tests.factories import UserFactory
from tests.factories.cms import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/6"

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def servers():
    """Two gunicorn servers on the test database, each a process of its own."""
    try:
        redis.Redis.from_url(REDIS_URL).flushdb()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"needs Redis at {REDIS_URL}")
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": REDIS_URL,
        "LOGIN_THROTTLE_ATTEMPTS": "4",
        "ACCOUNT_REQUESTS_PER_IDENTITY": "3",
    }
    processes, urls = [], []
    for _ in range(2):
        port = free_port()
        processes.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "cms.wsgi",
                    "--workers",
                    "1",
                    "--timeout",
                    "120",
                    "--bind",
                    f"127.0.0.1:{port}",
                ],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        urls.append(f"http://127.0.0.1:{port}")
    try:
        for url in urls:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                try:
                    requests.get(f"{url}/healthz", timeout=30)
                    break
                except requests.RequestException:
                    time.sleep(0.2)
        yield urls
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)
        redis.Redis.from_url(REDIS_URL).flushdb()


def post_form(session, url, data):
    page = session.get(url, timeout=60)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    return session.post(
        url,
        data={**data, "csrfmiddlewaretoken": token},
        headers={"Referer": url},
        allow_redirects=False,
        timeout=60,
    )


def test_sign_in_failures_add_up_across_processes(servers):
    trainer = UserFactory(role="Trainers")
    first, second = servers
    statuses = []
    for n in range(4):
        url = (first if n % 2 == 0 else second) + "/admin/login/"
        statuses.append(
            post_form(
                requests.Session(), url, {"username": trainer.username, "password": "x"}
            ).status_code
        )
    # Two failures in each process: each alone would still allow two more.
    assert statuses == [200, 200, 200, 429]
    for server in servers:
        for path in ("/admin/login/", "/accounts/login/"):
            response = post_form(
                requests.Session(),
                server + path,
                {"username": trainer.username, "password": PASSWORD},
            )
            assert response.status_code == 429, (server, path)


def test_reset_requests_add_up_across_processes(servers):
    UserFactory(email="target@example.org")
    statuses = [
        post_form(
            requests.Session(),
            servers[n % 2] + "/accounts/password_reset/",
            {"email": "target@example.org"},
        ).status_code
        for n in range(6)
    ]
    assert statuses == [302, 302, 302, 429, 429, 429]
