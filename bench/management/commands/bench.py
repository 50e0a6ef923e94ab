"""Measure the baselines and every app's hot paths; one line per figure, or --json."""

import json as json_module
import logging
import os
from dataclasses import asdict

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from bench import core, runner


class Command(BaseCommand):
    help = (
        "Run the benchmarks of bench/ against the configured database (load the "
        "demo first) and print one line per figure, with ratios to baselines from the same run."
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print one JSON document.")
        parser.add_argument(
            "--quick", action="store_true", help="Few repetitions: seconds, not minutes."
        )
        parser.add_argument(
            "--only",
            nargs="+",
            metavar="NAME",
            help="Only these benchmarks (and the baselines they are compared with).",
        )
        parser.add_argument(
            "--server",
            metavar="URL",
            help="Measure throughput on this running server (loopback) instead of starting "
            "gunicorn.",
        )
        parser.add_argument(
            "--port", type=int, default=0, help="Port for the gunicorn it starts (default: any)."
        )
        parser.add_argument("--list", action="store_true", help="List the benchmarks and stop.")

    def handle(self, *args, json=False, quick=False, only=None, server=None, port=0, **options):
        benchmarks = core.discover()
        if options["list"]:
            for benchmark in benchmarks:
                self.stdout.write(
                    f"{benchmark.name:<28} {benchmark.kind:<10} {benchmark.description}"
                )
            return
        try:
            chosen = core.select(benchmarks, only)
        except KeyError as error:
            raise CommandError(
                f"Unknown benchmark(s): {error.args[0]}. See bench --list."
            ) from None
        budget = core.QUICK if quick else core.FULL

        def on_result(result):
            if not json:
                self.stdout.write(core.format_result(result))

        # WeasyPrint logs every rendering step at INFO: keep the figures readable.
        logging.getLogger("weasyprint").setLevel(logging.WARNING)
        try:
            results = runner.run_benchmarks(
                chosen, budget=budget, server=server, port=port, on_result=on_result
            )
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        if json:
            document = {
                "quick": quick,
                "database": connection.vendor,
                "cpus": os.cpu_count(),
                "results": [asdict(result) for result in results],
            }
            self.stdout.write(_dumps(document))


def _dumps(document) -> str:
    return json_module.dumps(document, indent=2)
