"""HTTP figures: gunicorn with the bench settings on loopback, a keep-alive load driver,
signing in through the real login form, and throughput measured in paired rounds."""

import http.client
import os
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from bench.core import THROUGHPUT, Benchmark, Budget, Result, percentile

BENCH_URLCONF = "bench.urls"
BENCH_SETTINGS = "bench.settings"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn_server(*, port: int = 0, workers: int = 2, timeout: float = 60) -> Iterator[str]:
    """gunicorn with `workers` sync workers on 127.0.0.1, on this process's database, with the
    bench settings (production settings over plain HTTP, plus the bench-only URLs)."""
    port = port or free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": BENCH_SETTINGS, "LOG_LEVEL": "WARNING"}
    env.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "cms.wsgi:application",
            f"--workers={workers}",
            "--worker-class=sync",
            f"--bind=127.0.0.1:{port}",
            "--log-level=warning",
            f"--chdir={settings.BASE_DIR}",
        ],
        env=env,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base_url, process, timeout=timeout)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_healthy(base_url: str, process: subprocess.Popen, *, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(f"{base_url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{base_url}/healthz did not answer 200 within {timeout:.0f} s")


def session_cookie(base_url: str, username: str, password: str) -> str:
    """Sign in through the real login form; return the Cookie header the browser would send."""
    parts = urlsplit(base_url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        conn.request("GET", "/accounts/login/")
        response = conn.getresponse()
        response.read()
        jar = SimpleCookie()
        for header in response.headers.get_all("Set-Cookie") or []:
            jar.load(header)
        csrf = jar["csrftoken"].value
        body = urlencode({"username": username, "password": password, "csrfmiddlewaretoken": csrf})
        conn.request(
            "POST",
            "/accounts/login/",
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={csrf}",
                "Referer": f"{base_url}/accounts/login/",
            },
        )
        response = conn.getresponse()
        response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            jar.load(header)
    finally:
        conn.close()
    if response.status != 302 or "sessionid" not in jar:
        raise RuntimeError(f"could not sign in as {username!r} (HTTP {response.status})")
    return "; ".join(f"{key}={morsel.value}" for key, morsel in jar.items())


def drive_load(
    base_url: str,
    path: str,
    *,
    cookie: str = "",
    threads: int = 2,
    max_requests: int = 2000,
    max_seconds: float = 10.0,
    stop: threading.Event | None = None,
) -> dict:
    """GET `path` from `threads` keep-alive clients until `max_requests` are done, `max_seconds`
    have passed or `stop` is set. Loopback only. Returns req/s, p50/p95 (ms) and errors."""
    parts = urlsplit(base_url)
    if parts.hostname not in {"127.0.0.1", "localhost", "::1"}:
        raise ValueError("the load driver only talks to this machine (loopback)")
    stop = stop or threading.Event()
    lock = threading.Lock()
    issued = 0
    timings: list[float] = []
    errors = 0
    headers = {"Cookie": cookie} if cookie else {}
    deadline = time.monotonic() + max_seconds

    def client() -> None:
        nonlocal issued, errors
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        try:
            while not stop.is_set() and time.monotonic() < deadline:
                with lock:
                    if issued >= max_requests:
                        return
                    issued += 1
                start = time.perf_counter()
                try:
                    conn.request("GET", path, headers=headers)
                    response = conn.getresponse()
                    response.read()
                    ok = response.status == 200
                except (OSError, http.client.HTTPException):
                    conn.close()  # reconnects on the next request
                    ok = False
                elapsed = (time.perf_counter() - start) * 1000
                with lock:
                    if ok:
                        timings.append(elapsed)
                    else:
                        errors += 1
        finally:
            conn.close()

    workers = [threading.Thread(target=client, daemon=True) for _ in range(threads)]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    try:
        for worker in workers:
            worker.join()
    except KeyboardInterrupt:
        stop.set()
        raise
    wall = time.perf_counter() - started
    return {
        "requests": len(timings),
        "errors": errors,
        "req_per_s": len(timings) / wall if wall else 0.0,
        "p50_ms": statistics.median(timings) if timings else None,
        "p95_ms": percentile(timings, 0.95) if timings else None,
    }


def queries_per_request(path: str, login: tuple[str, str] | None) -> int:
    """Queries one (warm) request makes, measured in-process with the test client."""
    with override_settings(ROOT_URLCONF=BENCH_URLCONF):
        client = Client(SERVER_NAME="localhost")
        if login:
            assert client.login(username=login[0], password=login[1]), login[0]
        client.get(path)  # warm caches (site root, settings) as a running server has them
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"GET {path} answered {response.status_code} in-process")
    return len(captured.captured_queries)


# A throughput figure's ratio is the median over this many paired rounds: the baseline, then the
# page, alternately. A shared machine's load changes during a run; pairing lets both sides of
# each ratio see the same load.
PAIRED_ROUNDS = 5


def _load_target(benchmark: Benchmark, context, base_url: str) -> tuple[str, str]:
    path = benchmark.resolve(benchmark.path, context)
    login = benchmark.resolve(benchmark.login, context)
    cookie = session_cookie(base_url, *login) if login else ""
    drive_load(base_url, path, cookie=cookie, max_requests=20, max_seconds=5)  # warm up
    return path, cookie


def paired_ratio(
    base_url: str, target: tuple[str, str], baseline: tuple[str, str], budget: Budget
) -> float | None:
    """The median, over PAIRED_ROUNDS, of the target's req/s over the baseline's req/s measured
    just before it, each round a fifth of the budget."""
    ratios = []
    share = {
        "max_requests": max(20, budget.throughput_requests // PAIRED_ROUNDS),
        "max_seconds": budget.throughput_seconds / PAIRED_ROUNDS,
    }
    for _ in range(PAIRED_ROUNDS):
        base = drive_load(base_url, baseline[0], cookie=baseline[1], **share)
        load = drive_load(base_url, target[0], cookie=target[1], **share)
        if base["req_per_s"] and load["req_per_s"]:
            ratios.append(load["req_per_s"] / base["req_per_s"])
    return statistics.median(ratios) if ratios else None


def measure_throughput(
    benchmark: Benchmark,
    context,
    budget: Budget,
    base_url: str,
    baseline: tuple[Benchmark, Any] | None = None,
) -> Result:
    path, cookie = _load_target(benchmark, context, base_url)
    load = drive_load(
        base_url,
        path,
        cookie=cookie,
        max_requests=budget.throughput_requests,
        max_seconds=budget.throughput_seconds,
    )
    result = Result(
        name=benchmark.name,
        kind=benchmark.kind,
        baseline=benchmark.baseline,
        runs=load["requests"],
        p50_ms=load["p50_ms"],
        p95_ms=load["p95_ms"],
        req_per_s=load["req_per_s"],
        queries=queries_per_request(path, benchmark.resolve(benchmark.login, context)),
        errors=load["errors"],
    )
    if baseline is not None and baseline[0].kind == THROUGHPUT:
        base_target = _load_target(baseline[0], baseline[1], base_url)
        result.ratio = paired_ratio(base_url, (path, cookie), base_target, budget)
    return result
