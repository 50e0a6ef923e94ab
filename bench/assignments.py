"""Matching's hot paths for `manage.py bench` (see docs/performance.md). Cheap: they use the
demo accounts and roll back whatever they write."""

import contextlib

from django.db import transaction
from django.test import Client

from bench.core import LATENCY, THROUGHPUT, Benchmark

BENCH_MENTEE = "M-BENCH"


def _api_context() -> dict:
    from cms.models import User
    from matching.services import api_token_issue

    coordinator = User.objects.filter(username="coordinator").first()
    certified = User.objects.filter(username="certified").first()
    if coordinator is None or certified is None:
        raise RuntimeError("No demo accounts: run `python manage.py seed_demo` first.")
    token = api_token_issue(user=coordinator)
    client = Client(SERVER_NAME="localhost", HTTP_AUTHORIZATION=f"Token {token.key}")
    return {
        "client": client,
        "mentor_id": certified.pk,
        "coordinator": coordinator,
        "programme": _programme(),
    }


def _programme():
    """The default programme; a benchmark one if the demo has none yet."""
    from certification.models import CertificationProgramme
    from certification.selectors import programme_default

    return (
        programme_default()
        or CertificationProgramme.objects.get_or_create(
            slug="bench-programme", defaults={"name": "Benchmark programme"}
        )[0]
    )


def eligibility_api(context) -> None:
    response = context["client"].get(
        f"/api/v1/mentors/{context['mentor_id']}/eligibility/",
        {"programme": context["programme"].slug},
    )
    if response.status_code != 200:
        raise RuntimeError(f"eligibility API answered {response.status_code}")


def _assignment_context() -> dict:
    from matching.models import Mentee

    context = _api_context()
    context["mentee"], _created = Mentee.objects.get_or_create(
        code_name=BENCH_MENTEE, defaults={"programme": context["programme"]}
    )
    return context


def assignment_create(context) -> None:
    """The gate end to end (locks, checks, insert, event), rolled back every time."""
    from matching.services import AssignmentRefused
    from matching.services import assignment_create as create

    with transaction.atomic():
        with contextlib.suppress(AssignmentRefused):  # a refusal walks the same checks
            create(
                mentor=context["mentor_id"],
                mentee=context["mentee"],
                coordinator=context["coordinator"],
            )
        transaction.set_rollback(True)


BENCHMARKS = [
    Benchmark(
        name="eligibility_api",
        kind=LATENCY,
        description="GET /api/v1/mentors/<certified>/eligibility/ with a token, in-process.",
        setup=_api_context,
        run=eligibility_api,
    ),
    Benchmark(
        name="matching_roster",
        kind=THROUGHPUT,
        description="The coordinator roster's first page in the Wagtail admin.",
        baseline="wagtail_bare_page",
        path="/admin/matching/roster/",
        login=("coordinator", "demo-coordinator"),
    ),
    Benchmark(
        name="assignment_create",
        kind=LATENCY,
        description="assignment_create for the certified demo mentor, rolled back.",
        setup=_assignment_context,
        run=assignment_create,
    ),
]
