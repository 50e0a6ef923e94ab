"""Courses' hot paths for `manage.py bench` (see docs/performance.md): the module page and the
dashboard of the signed-in demo ``mentor``, and a quiz started and submitted by a bench
learner, rolled back every time."""

import re

from django.db import transaction
from django.test import Client

from bench.core import LATENCY, THROUGHPUT, Benchmark

MENTOR_LOGIN = ("mentor", "demo-mentor")
QUIZ_LEARNER = "bench-quiz-learner"
FOUNDATIONS = "peer-mentor-foundations"


def _foundations_modules():
    from courses.models import CoursePage, ModulePage

    course = CoursePage.objects.filter(slug=FOUNDATIONS).first()
    if course is None:
        raise RuntimeError("No demo courses: run `python manage.py seed_demo` first.")
    return ModulePage.objects.child_of(course).live().order_by("path")


def module_page_path() -> str:
    """The first Foundations module (the demo `mentor` has completed it and is enrolled)."""
    module = _foundations_modules().first()
    if module is None:
        raise RuntimeError("The Foundations course has no live module: run seed_demo.")
    return module.url


def _quiz_context() -> dict:
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group

    from cms import roles
    from cms.models import User
    from courses.models import Enrolment
    from courses.services import enrolment_create

    module = _foundations_modules().filter(quiz__isnull=False).select_related("quiz").first()
    if module is None:
        raise RuntimeError("No demo quiz: run `python manage.py seed_demo` first.")
    learner, created = User.objects.get_or_create(
        username=QUIZ_LEARNER,
        defaults={"email": f"{QUIZ_LEARNER}@example.org", "first_name": "Bench"},
    )
    if created:
        learner.password = make_password(None)  # unusable: signed in with force_login only
        learner.save(update_fields=["password"])
    learner.groups.add(Group.objects.get(name=roles.MENTORS))
    # The quiz opens through its module: the learner is enrolled in the module's course.
    course = module.get_parent().specific
    if not Enrolment.objects.filter(learner=learner, course=course).exists():
        enrolment_create(learner=learner, course=course)
    client = Client(SERVER_NAME="localhost")
    client.force_login(learner)
    return {"client": client, "quiz_id": module.quiz_id, "learner": learner}


ATTEMPT_URL = re.compile(r"/learn/quizzes/attempts/(\d+)/$")


def quiz_start_submit(context) -> None:
    """POST start, then POST every correct answer to submit: the two requests a learner makes,
    through the views (grading included), rolled back so each run is a first attempt."""
    from courses.models import QuizAttempt

    client = context["client"]
    with transaction.atomic():
        response = client.post(f"/learn/quizzes/{context['quiz_id']}/start/")
        match = ATTEMPT_URL.search(response.get("Location", ""))
        if response.status_code != 302 or match is None:
            raise RuntimeError(f"quiz start answered {response.status_code}")
        attempt = QuizAttempt.objects.only("snapshot").get(pk=match.group(1))
        data = {
            f"q_{question['key']}": [c["key"] for c in question["choices"] if c["correct"]]
            for question in attempt.snapshot
        }
        response = client.post(f"/learn/quizzes/attempts/{attempt.pk}/submit/", data)
        if response.status_code != 302:
            raise RuntimeError(f"quiz submit answered {response.status_code}")
        transaction.set_rollback(True)


BENCHMARKS = [
    Benchmark(
        name="module_page",
        kind=THROUGHPUT,
        description="The first Foundations module page, signed in as the demo mentor.",
        baseline="wagtail_bare_page",
        setup=module_page_path,
        path=lambda path: path,
        login=MENTOR_LOGIN,
    ),
    Benchmark(
        name="dashboard",
        kind=THROUGHPUT,
        description="The learner's dashboard, signed in as the demo mentor.",
        baseline="wagtail_bare_page",
        path="/dashboard/",
        login=MENTOR_LOGIN,
    ),
    Benchmark(
        name="quiz_start_submit",
        kind=LATENCY,
        description="Start and submit (all correct) a Foundations quiz as a bench learner, "
        "through the views, in-process, rolled back.",
        setup=_quiz_context,
        run=quiz_start_submit,
    ),
]
