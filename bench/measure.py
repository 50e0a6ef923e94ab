"""In-process figures: latency (median and p95 of repeated calls) and memory (resident growth
over many calls), with the queries a call makes."""

import os
import resource
import statistics
import time
from collections.abc import Callable
from typing import Any

from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext

from bench.core import LATENCY, Benchmark, Budget, Result, percentile


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
