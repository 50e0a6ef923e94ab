"""The benchmark harness behind `manage.py bench` (issue 9).

Each app may have a ``bench`` module with ``BENCHMARKS``, a list of :class:`Benchmark`. Three
kinds:

- ``throughput``: GET ``path`` over HTTP through gunicorn (2 sync workers), optionally signed
  in as ``login`` (username, password); reports req/s, p50/p95 latency and, measured separately
  in-process, the queries one request makes.
- ``latency``: calls ``run(context)`` in this process; reports p50/p95 time and queries.
- ``memory``: calls ``run(context)`` many times in this process; reports the resident memory
  it grew by (flat memory means the growth stops after the first runs).

Every figure that names a ``baseline`` is also reported as a ratio to that baseline, measured
in the same run: throughput as a share of the baseline's req/s, latency as a multiple of its
median time. Times are never asserted in tests; query counts are, in each app's tests.
"""

import http.client
import os
import resource
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.cookies import SimpleCookie
from importlib import import_module
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.apps import apps
from django.conf import settings
from django.db import connection, reset_queries
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils.module_loading import module_has_submodule

THROUGHPUT = "throughput"
LATENCY = "latency"
MEMORY = "memory"
BENCH_URLCONF = "cms.bench_urls"
BENCH_SETTINGS = "cms.settings.bench"


@dataclass(frozen=True)
class Benchmark:
    name: str
    kind: str
    description: str
    baseline: str | None = None  # None: this figure is a baseline itself
    setup: Callable[[], Any] | None = None  # runs once in-process; its result is the context
    run: Callable[[Any], Any] | None = None  # latency and memory: the call to measure
    path: str | Callable[[Any], str] = ""  # throughput: the URL path, or a callable of context
    login: tuple[str, str] | Callable[[Any], tuple[str, str]] | None = None  # throughput
    iterations: int = 0  # memory: runs in a full measurement (quick runs use a fiftieth)

    def resolve(self, value, context):
        return value(context) if callable(value) else value


@dataclass
class Result:
    name: str
    kind: str
    baseline: str | None
    runs: int
    p50_ms: float | None = None
    p95_ms: float | None = None
    req_per_s: float | None = None
    queries: int | None = None
    errors: int = 0
    rss_growth_mib: float | None = None
    rss_growth_last_half_mib: float | None = None
    ratio: float | None = None


@dataclass(frozen=True)
class Budget:
    """How long to measure: bounded by count and by time, whichever ends first."""

    latency_runs: int = 50
    warmup_runs: int = 3
    throughput_requests: int = 2000
    throughput_seconds: float = 10.0
    memory_divisor: int = 1


FULL = Budget()
QUICK = Budget(
    latency_runs=5,
    warmup_runs=1,
    throughput_requests=100,
    throughput_seconds=2.0,
    memory_divisor=50,
)


def discover() -> list[Benchmark]:
    """Every app's ``bench.BENCHMARKS``, in INSTALLED_APPS order (like seed_demo's demo.py)."""
    found = []
    for app_config in apps.get_app_configs():
        if module_has_submodule(app_config.module, "bench"):
            module = import_module(f"{app_config.name}.bench")
            found.extend(getattr(module, "BENCHMARKS", []))
    return found


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def count_queries(call: Callable[[], Any]) -> int:
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured.captured_queries)


def _timed(call: Callable[[], Any]) -> float:
    start = time.perf_counter()
    call()
    elapsed = (time.perf_counter() - start) * 1000
    reset_queries()  # DEBUG keeps a query log; do not let it grow
    return elapsed


def measure_latency(
    benchmark: Benchmark, context, budget: Budget, baseline: tuple[Benchmark, Any] | None = None
) -> Result:
    """Median and p95 of repeated calls. With a latency baseline, each call of the figure
    follows one of the baseline (interleaved), and the ratio is the ratio of the two medians:
    both sides see the same load on a shared machine."""
    run = lambda: benchmark.run(context)  # noqa: E731
    for _ in range(budget.warmup_runs):
        run()
    queries = count_queries(run)
    paired = baseline is not None and baseline[0].kind == LATENCY
    base_run = (lambda: baseline[0].run(baseline[1])) if paired else None
    timings, base_timings = [], []
    for _ in range(budget.latency_runs):
        if base_run is not None:
            base_timings.append(_timed(base_run))
        timings.append(_timed(run))
    result = Result(
        name=benchmark.name,
        kind=benchmark.kind,
        baseline=benchmark.baseline,
        runs=len(timings),
        p50_ms=statistics.median(timings),
        p95_ms=percentile(timings, 0.95),
        queries=queries,
    )
    if base_timings:
        result.ratio = result.p50_ms / statistics.median(base_timings)
    return result


def resident_mib() -> float:
    """This process's resident memory now (Linux /proc), else its peak so far."""
    try:
        with open("/proc/self/statm") as statm:
            pages = int(statm.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_memory(run: Callable[[], Any], iterations: int) -> dict[str, float]:
    """Run `run` `iterations` times; how much resident memory grew, in all and in the second
    half (after caches have warmed up, flat memory means close to zero)."""
    start = resident_mib()
    halfway = start
    peak = start
    for index in range(iterations):
        run()
        reset_queries()
        now = resident_mib()
        peak = max(peak, now)
        if index == iterations // 2:
            halfway = now
    end = resident_mib()
    return {"growth": peak - start, "growth_last_half": max(0.0, end - halfway)}


def measure_memory_benchmark(benchmark: Benchmark, context, budget: Budget) -> Result:
    iterations = max(2, benchmark.iterations // budget.memory_divisor)
    figures = measure_memory(lambda: benchmark.run(context), iterations)
    return Result(
        name=benchmark.name,
        kind=benchmark.kind,
        baseline=benchmark.baseline,
        runs=iterations,
        rss_growth_mib=figures["growth"],
        rss_growth_last_half_mib=figures["growth_last_half"],
    )


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


def select(benchmarks: list[Benchmark], only: list[str] | None) -> list[Benchmark]:
    """The named benchmarks plus the baselines they are compared with, baselines first."""
    by_name = {benchmark.name: benchmark for benchmark in benchmarks}
    if not only:
        chosen = list(benchmarks)
    else:
        unknown = [name for name in only if name not in by_name]
        if unknown:
            raise KeyError(", ".join(unknown))
        wanted = set(only) | {by_name[name].baseline for name in only if by_name[name].baseline}
        chosen = [benchmark for benchmark in benchmarks if benchmark.name in wanted]
    return sorted(chosen, key=lambda benchmark: benchmark.baseline is not None)


def run_benchmarks(
    benchmarks: list[Benchmark],
    *,
    budget: Budget = FULL,
    server: str | None = None,
    port: int = 0,
    on_result: Callable[[Result], None] | None = None,
) -> list[Result]:
    """Set up and measure each benchmark; start gunicorn only if a throughput one needs it."""
    contexts = {b.name: b.setup() if b.setup else None for b in benchmarks}
    results: dict[str, Result] = {}
    by_name = {benchmark.name: benchmark for benchmark in benchmarks}

    def measure_all(base_url: str | None) -> None:
        for benchmark in benchmarks:
            context = contexts[benchmark.name]
            if benchmark.kind == THROUGHPUT:
                baseline = by_name.get(benchmark.baseline)
                paired = (baseline, contexts[baseline.name]) if baseline else None
                result = measure_throughput(benchmark, context, budget, base_url, paired)
            elif benchmark.kind == LATENCY:
                baseline = by_name.get(benchmark.baseline)
                paired = (baseline, contexts[baseline.name]) if baseline else None
                result = measure_latency(benchmark, context, budget, paired)
            elif benchmark.kind == MEMORY:
                result = measure_memory_benchmark(benchmark, context, budget)
            else:
                raise ValueError(f"{benchmark.name}: unknown kind {benchmark.kind!r}")
            if result.ratio is None:
                result.ratio = ratio(result, results.get(benchmark.baseline))
            results[benchmark.name] = result
            if on_result:
                on_result(result)

    needs_server = any(benchmark.kind == THROUGHPUT for benchmark in benchmarks)
    if needs_server and not server:
        with gunicorn_server(port=port) as base_url:
            measure_all(base_url)
    else:
        measure_all(server)
    return list(results.values())


def ratio(result: Result, baseline: Result | None) -> float | None:
    """Throughput: share of the baseline's req/s. Latency: multiple of its median time."""
    if result.baseline is None:
        return 1.0 if result.kind != MEMORY else None
    if baseline is None:
        return None
    if result.kind == THROUGHPUT and result.req_per_s and baseline.req_per_s:
        return result.req_per_s / baseline.req_per_s
    if result.kind == LATENCY and result.p50_ms and baseline.p50_ms:
        return result.p50_ms / baseline.p50_ms
    return None


def format_result(result: Result) -> str:
    """One line per figure, for people."""
    parts = [f"{result.name:<28}", f"{result.kind:<10}"]
    if result.kind == THROUGHPUT:
        parts.append(f"{result.req_per_s:8.1f} req/s")
    if result.kind in {THROUGHPUT, LATENCY} and result.p50_ms is not None:
        parts.append(f"p50 {result.p50_ms:7.2f} ms  p95 {result.p95_ms:7.2f} ms")
    if result.kind == MEMORY:
        parts.append(
            f"{result.runs} runs  RSS +{result.rss_growth_mib:.1f} MiB"
            f"  (+{result.rss_growth_last_half_mib:.1f} MiB in the second half)"
        )
    if result.queries is not None:
        parts.append(f"queries {result.queries}")
    if result.errors:
        parts.append(f"errors {result.errors}")
    if result.baseline is None and result.ratio is not None:
        parts.append("ratio 1.00 (baseline)")
    elif result.ratio is not None:
        parts.append(f"ratio {result.ratio:.2f} of {result.baseline}")
    return "  ".join(parts)
