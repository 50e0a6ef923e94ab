"""The benchmark vocabulary and registry behind `manage.py bench` (issue 9).

Each module named in ``MODULES`` has ``BENCHMARKS``, a list of :class:`Benchmark`. Three
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

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any

THROUGHPUT = "throughput"
LATENCY = "latency"
MEMORY = "memory"
# The hot paths, one module per area, in dependency order: baselines first (bench/site.py).
MODULES = ["bench.site", "bench.learning", "bench.certificates", "bench.assignments"]


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
    """Every ``BENCHMARKS`` of the modules in ``MODULES``, in that order."""
    found = []
    for name in MODULES:
        found.extend(import_module(name).BENCHMARKS)
    return found


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


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
