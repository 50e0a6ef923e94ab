"""Load the demo: site, accounts and every area's demo content. Idempotent."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from demo import assignments, learning, practice, site
from demo.scale import assignments as scale_assignments
from demo.scale import learning as scale_learning
from demo.scale import mentors as scale_mentors
from demo.scale import practice as scale_practice

# In dependency order (cms <- courses <- certification <- matching), as each step reads what
# the ones before it created.
STEPS = [site.seed, learning.seed, practice.seed, assignments.seed]
SCALE_STEPS = [
    scale_mentors.seed_scale,
    scale_learning.seed_scale,
    scale_practice.seed_scale,
    scale_assignments.seed_scale,
]


class Command(BaseCommand):
    help = "Create the demo site, demo accounts and demo content (safe to run repeatedly)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even when DEBUG is off (never on a live site: demo passwords are public).",
        )
        parser.add_argument(
            "--scale",
            type=int,
            default=0,
            help="Also create this many extra mentors with realistic histories.",
        )

    def handle(self, *args, force=False, scale=0, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts with public passwords, so it refuses to run when "
                "DEBUG is off. Use --force only on a throwaway database."
            )
        if scale < 0:
            raise CommandError("--scale must be zero or a positive number.")

        def log(message: str) -> None:
            if options.get("verbosity", 1) > 0:
                self.stdout.write(message)

        for step in STEPS:
            step(log=log)
        if scale:
            # The extra mentors, in bulk (demo/scale/mentors.py explains the scheme).
            started = time.monotonic()
            for step in SCALE_STEPS:
                step(count=scale, log=log)
            # Fresh statistics after a bulk load. Without them SQLite's planner picked the
            # (status, grace_until) certificate index for the roster's per-mentor look-up and
            # the roster's first page took 0.66 s instead of 0.06 s at 10,000 mentors.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            log(f"Scaled to {scale:,} mentors in {time.monotonic() - started:.1f} s.")
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
