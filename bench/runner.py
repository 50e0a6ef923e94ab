"""One run of ``manage.py bench``: set up each benchmark, start gunicorn if a throughput figure
needs it, measure in order (baselines first) and compute each ratio."""

from collections.abc import Callable

from bench import load, measure
from bench.core import FULL, LATENCY, MEMORY, THROUGHPUT, Benchmark, Budget, Result, ratio


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
            baseline = by_name.get(benchmark.baseline)
            paired = (baseline, contexts[baseline.name]) if baseline else None
            if benchmark.kind == THROUGHPUT:
                result = load.measure_throughput(benchmark, context, budget, base_url, paired)
            elif benchmark.kind == LATENCY:
                result = measure.measure_latency(benchmark, context, budget, paired)
            elif benchmark.kind == MEMORY:
                result = measure.measure_memory_benchmark(benchmark, context, budget)
            else:
                raise ValueError(f"{benchmark.name}: unknown kind {benchmark.kind!r}")
            if result.ratio is None:
                result.ratio = ratio(result, results.get(benchmark.baseline))
            results[benchmark.name] = result
            if on_result:
                on_result(result)

    needs_server = any(benchmark.kind == THROUGHPUT for benchmark in benchmarks)
    if needs_server and not server:
        with load.gunicorn_server(port=port) as base_url:
            measure_all(base_url)
    else:
        measure_all(server)
    return list(results.values())
