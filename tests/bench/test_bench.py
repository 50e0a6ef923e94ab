"""`manage.py bench` works and reports what it promises. Times are never asserted here."""

import json
import os
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from bench import core, load, measure
from bench.core import LATENCY, THROUGHPUT, Benchmark, Result

BASELINES = {"trivial_view", "wagtail_bare_page", "weasyprint_hello"}
HOT_PATHS = {
    "module_page": "wagtail_bare_page",
    "dashboard": "wagtail_bare_page",
    "quiz_start_submit": None,
    "eligibility_evaluate": None,
    "eligibility_api": None,
    "matching_roster": "wagtail_bare_page",
    "assignment_create": None,
    "certificate_pdf": "weasyprint_hello",
    "certificate_pdf_1000": None,
}


def run_bench(*args) -> str:
    out = StringIO()
    call_command("bench", "--quick", *args, stdout=out)
    return out.getvalue()


def test_every_baseline_of_the_spec_is_registered():
    benchmarks = {benchmark.name: benchmark for benchmark in core.discover()}
    assert set(benchmarks) >= BASELINES
    assert all(benchmarks[name].baseline is None for name in BASELINES)
    for benchmark in benchmarks.values():
        assert benchmark.baseline is None or benchmark.baseline in benchmarks, benchmark.name


def test_every_hot_path_of_the_issue_is_registered_with_its_baseline():
    benchmarks = {benchmark.name: benchmark for benchmark in core.discover()}
    assert set(benchmarks) >= set(HOT_PATHS)
    for name, baseline in HOT_PATHS.items():
        assert benchmarks[name].baseline == baseline, name
    assert benchmarks["certificate_pdf_1000"].kind == core.MEMORY
    assert benchmarks["certificate_pdf_1000"].iterations == 1000


@pytest.mark.django_db
def test_bench_lists_the_hot_paths():
    names = {line.split()[0] for line in run_bench("--list").strip().splitlines()}
    assert names >= set(HOT_PATHS) | BASELINES


@pytest.mark.django_db
def test_hot_paths_run_on_the_demo_and_count_their_queries():
    call_command("seed_demo", "--force", verbosity=0)
    document = json.loads(
        run_bench("--only", "eligibility_evaluate", "quiz_start_submit", "--json")
    )
    results = {result["name"]: result for result in document["results"]}
    assert set(results) == {"eligibility_evaluate", "quiz_start_submit"}
    assert 0 < results["eligibility_evaluate"]["queries"] <= 6
    assert results["quiz_start_submit"]["queries"] > 0
    assert all(result["runs"] > 0 for result in results.values())


def test_only_brings_the_baseline_along_and_measures_it_first():
    benchmarks = core.discover()
    chosen = core.select(benchmarks, ["home_page"])
    assert [benchmark.name for benchmark in chosen] == ["wagtail_bare_page", "home_page"]


def test_an_unknown_benchmark_is_a_clear_error():
    with pytest.raises(CommandError, match="Unknown benchmark.*no_such_thing"):
        run_bench("--only", "no_such_thing")


def test_ratios_are_a_share_of_throughput_and_a_multiple_of_time():
    base = Result("base", THROUGHPUT, None, runs=10, req_per_s=400.0)
    page = Result("page", THROUGHPUT, "base", runs=10, req_per_s=300.0)
    assert core.ratio(page, base) == pytest.approx(0.75)
    quick = Result("pdf", LATENCY, None, runs=5, p50_ms=10.0)
    slow = Result("certificate", LATENCY, "pdf", runs=5, p50_ms=48.0)
    assert core.ratio(slow, quick) == pytest.approx(4.8)
    assert core.ratio(base, None) == 1.0


def test_memory_helper_reports_growth_of_a_leak():
    import mmap

    kept = []

    def leak():
        # Fresh pages from the kernel, written to: malloc would reuse heap that earlier tests
        # freed (and that is already resident), and then show no growth late in a full run.
        pages = mmap.mmap(-1, 2**20)
        pages.write(b"x" * 2**20)
        kept.append(pages)

    figures = measure.measure_memory(leak, 40)
    assert figures["growth"] >= 30  # MiB: 40 x 1 MiB kept alive
    assert figures["growth_last_half"] >= 15


def test_the_load_driver_talks_to_loopback_only():
    with pytest.raises(ValueError, match="loopback"):
        load.drive_load("http://example.org", "/", max_requests=1)


@pytest.mark.django_db
def test_bench_prints_one_line_for_the_pdf_baseline():
    output = run_bench("--only", "weasyprint_hello")
    (line,) = output.strip().splitlines()
    assert line.startswith("weasyprint_hello ")
    assert "latency" in line
    assert " p50 " in line
    assert " p95 " in line
    assert "queries 0" in line
    assert line.endswith("ratio 1.00 (baseline)")


def test_bench_measures_throughput_and_queries_on_a_server(live_server, settings):
    settings.ROOT_URLCONF = load.BENCH_URLCONF
    call_command("seed_demo", "--force", verbosity=0)
    document = json.loads(
        run_bench("--only", "trivial_view", "home_page", "--server", live_server.url, "--json")
    )
    results = {result["name"]: result for result in document["results"]}
    assert list(results) == ["trivial_view", "wagtail_bare_page", "home_page"]
    for result in results.values():
        assert result["kind"] == THROUGHPUT
        assert result["errors"] == 0
        assert result["runs"] > 0
        assert result["req_per_s"] > 0
        assert result["p50_ms"] <= result["p95_ms"]
    assert results["trivial_view"]["queries"] == 0
    assert results["wagtail_bare_page"]["queries"] > 0
    assert results["home_page"]["baseline"] == "wagtail_bare_page"
    # The ratio comes from paired rounds (see the next test), not from the two figures above.
    assert results["home_page"]["ratio"] > 0


def test_a_throughput_ratio_is_the_median_of_paired_rounds(monkeypatch):
    """Each round measures the baseline, then the page: a load that changes during the run
    (the second and fourth rounds here run at half speed) moves both sides of a round."""
    speeds = iter([100, 50, 50, 25, 100, 60, 50, 30, 100, 40])  # baseline, page, alternately
    calls = []

    def fake_load(base_url, path, *, cookie="", max_requests, max_seconds):
        calls.append(path)
        return {"req_per_s": next(speeds)}

    monkeypatch.setattr(load, "drive_load", fake_load)
    result = load.paired_ratio("http://127.0.0.1:1", ("/page/", "c"), ("/bare/", ""), core.QUICK)
    assert calls == ["/bare/", "/page/"] * load.PAIRED_ROUNDS
    assert result == pytest.approx(0.5)  # rounds: 0.5, 0.5, 0.6, 0.6, 0.4


def test_a_signed_in_figure_signs_in_through_the_login_form(live_server):
    call_command("seed_demo", "--force", verbosity=0)
    cookie = load.session_cookie(live_server.url, "mentor", "demo-mentor")
    assert "sessionid=" in cookie
    with pytest.raises(RuntimeError, match="could not sign in"):
        load.session_cookie(live_server.url, "mentor", "wrong-password")


def test_a_new_benchmark_is_a_few_lines(live_server, settings, monkeypatch):
    settings.ROOT_URLCONF = load.BENCH_URLCONF
    call_command("seed_demo", "--force", verbosity=0)
    help_page = Benchmark(
        name="help_page",
        kind=THROUGHPUT,
        description="Get help now, signed in.",
        baseline="trivial_view",
        path="/help/",
        login=("mentor", "demo-mentor"),
    )
    registered = core.discover()
    monkeypatch.setattr(core, "discover", lambda: [*registered, help_page])
    output = run_bench("--only", "help_page", "--server", live_server.url)
    lines = output.strip().splitlines()
    assert [line.split()[0] for line in lines] == ["trivial_view", "help_page"]
    assert "ratio" in lines[1]
    assert "of trivial_view" in lines[1]


def test_the_bench_settings_load_without_production_secrets():
    """`make bench` on a fresh machine: the gunicorn workers load the bench settings (the
    production ones over HTTP) with no signing key set; a key-less start once failed here."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PMA_CREDENTIAL_SIGNING_KEY", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(SECRET_KEY="x" * 50, DJANGO_SETTINGS_MODULE=load.BENCH_SETTINGS)
    script = (
        "import django; django.setup(); from django.conf import settings;"
        "print(settings.DEBUG, settings.CREDENTIAL_DEV_KEY_ALLOWED,"
        " repr(settings.CREDENTIAL_SIGNING_KEY))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "True", "''"]


@pytest.mark.django_db  # the query count of the figure opens a connection
def test_a_latency_ratio_interleaves_the_baseline():
    calls = []
    base = Benchmark(name="base", kind=LATENCY, description="", run=lambda c: calls.append("b"))
    figure = Benchmark(
        name="figure",
        kind=LATENCY,
        description="",
        baseline="base",
        run=lambda c: calls.append("f"),
    )
    result = measure.measure_latency(figure, None, core.QUICK, (base, None))
    runs = core.QUICK.latency_runs
    assert calls[-2 * runs :] == ["b", "f"] * runs  # after the warm-up and the query count
    assert result.ratio is not None and result.ratio > 0
