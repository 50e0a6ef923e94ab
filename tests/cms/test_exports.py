"""Spreadsheet exports are formula-safe (issue 14 point 6): every CSV export the admin offers,
ours and Wagtail's own, neutralises cells a spreadsheet would run as a formula; XLSX keeps them
as text cells. Driven through each export's real URL with the demo data and hostile names."""

import csv
import datetime
import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.log_actions import log

from certification.models import Certificate
from cms.exports import FORMULA_PREFIXES, formula_safe
from cms.models import User
from courses.models import CoursePage, Quiz
from matching.models import Mentee
from tests.factories import UserFactory
from tests.factories.cms import PASSWORD

pytestmark = pytest.mark.django_db

HOSTILE = ['=HYPERLINK("http://x","y")', "+1", "-2", "@SUM(1)", "\tx", "\rx"]


@pytest.mark.parametrize("value", HOSTILE)
def test_formula_looking_text_gets_a_leading_quote(value):
    assert formula_safe(value) == "'" + value


@pytest.mark.parametrize("value", ["Maya Lindqvist", "a=b", "", "'quoted", "x-1", "1+1"])
def test_other_text_is_unchanged(value):
    assert formula_safe(value) == value


@pytest.mark.parametrize("value", [-2, 3.5, None, True])
def test_numbers_stay_numbers(value):
    assert formula_safe(value) is value


def export_paths() -> list[str]:
    """Every admin listing that offers a spreadsheet download, from the URL resolver."""

    def walk(resolver, prefix=""):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern), pattern.callback

    paths = []
    for path, callback in walk(get_resolver()):
        view_class = getattr(callback, "view_class", None)
        if not (view_class and issubclass(view_class, SpreadsheetExportMixin)):
            continue
        list_export = callback.view_initkwargs.get("list_export", view_class.list_export)
        if list_export and "<" not in path and not path.endswith("results/"):
            paths.append("/" + path)
    return sorted(set(paths))


@pytest.fixture
def hostile_demo(client, settings, tmp_path):
    """The demo, with every self-chosen or staff-written text a formula."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    with override_settings(DEBUG=True):
        call_command("seed_demo", verbosity=0)
    people = ["mentor", "certified", "supervisor", "trainer", "coordinator", "leadtrainer"]
    for username, name in zip(people, HOSTILE, strict=True):
        User.objects.filter(username=username).update(first_name=name, display_name=name)
    for certificate in Certificate.objects.all():  # expiring soon, so the expiry report lists it
        soon = timezone.localdate() + datetime.timedelta(days=10)
        Certificate.objects.filter(pk=certificate.pk).update(
            holder_name=HOSTILE[1],
            valid_until=soon,
            grace_until=soon + (certificate.grace_until - certificate.valid_until),
        )
    Mentee.objects.filter(pk=Mentee.objects.order_by("pk").first().pk).update(code_name="@M")
    Quiz.objects.update(title=HOSTILE[0])
    course = CoursePage.objects.order_by("path").first()
    CoursePage.objects.filter(pk=course.pk).update(title=HOSTILE[2], draft_title=HOSTILE[2])
    log(instance=course, action="wagtail.edit", user=User.objects.get(username="mentor"))
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.login(username=admin.username, password=PASSWORD)
    client.get("/admin/")  # loads the admin's URL hooks before the resolver is walked
    return client


def read_csv(response) -> list[list[str]]:
    assert response.status_code == 200, response
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


# Exports whose rows must carry a hostile value through, and how a cell of it starts in the CSV.
EXPECTED = {
    "/admin/matching/roster/": "'" + HOSTILE[0],  # the mentor's own name
    "/admin/reports/practice/approved-minutes/": "'" + HOSTILE[0],
    "/admin/reports/practice/pending-logs/": "'" + HOSTILE[2],  # the supervisor's name
    "/admin/reports/certificates/": "'" + HOSTILE[1],
    "/admin/certificate/": "'" + HOSTILE[1],
    "/admin/matching/assignments/": "'@M",
    "/admin/reports/course-completion/": "'" + HOSTILE[2],
    "/admin/reports/quiz-outcomes/": "'" + HOSTILE[0],
    "/admin/reports/site-history/": "'" + HOSTILE[0],  # Wagtail's own report
}


def test_every_csv_export_neutralises_formulas(hostile_demo):
    client = hostile_demo
    paths = export_paths()
    assert set(EXPECTED) <= set(paths), "an export moved: update EXPECTED"
    assert "/admin/reports/stuck-work/" in paths
    for path in paths:
        rows = read_csv(client.get(path, {"export": "csv"}))
        cells = [cell for row in rows[1:] for cell in row]
        dangerous = [cell for cell in cells if cell.startswith(FORMULA_PREFIXES)]
        assert not dangerous, (path, dangerous)
        if path in EXPECTED:
            assert any(cell.startswith(EXPECTED[path]) for cell in cells), (path, rows)


def test_every_xlsx_export_keeps_formulas_as_text(hostile_demo):
    client = hostile_demo
    for path in export_paths():
        response = client.get(path, {"export": "xlsx"})
        assert response.status_code == 200, path
        sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
        for cell in cells:
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_PREFIXES[:4]):
                assert cell.data_type == "s", (path, cell.value)
        if path in EXPECTED:
            raw = EXPECTED[path][1:]
            assert any(
                str(cell.value).startswith(raw) and cell.data_type == "s" for cell in cells
            ), path


def test_quiz_outcomes_export_has_a_row_per_quiz(client, coordinator):
    """Regression: the score distribution (a list of numbers) made the XLSX answer 500 and
    cut the CSV off after its header row."""
    from courses import services
    from tests.factories import QuestionFactory, QuizFactory
    from tests.factories.quizzes import correct_answers

    quiz = QuizFactory(title="Boundaries check", questions=[QuestionFactory()])
    learner = UserFactory(role="Mentors")
    attempt = services.quiz_attempt_start(learner=learner, quiz=quiz)
    services.quiz_attempt_submit(
        attempt_id=attempt.pk, learner=learner, answers=correct_answers(attempt)
    )
    client.login(username=coordinator.username, password=PASSWORD)

    rows = read_csv(client.get("/admin/reports/quiz-outcomes/", {"export": "csv"}))
    assert rows[0][0] == "Quiz"
    assert rows[1][:4] == ["Boundaries check", "1", "1", "1"]
    assert rows[1][5] == "0, 0, 0, 0, 0, 0, 0, 0, 0, 1"

    response = client.get("/admin/reports/quiz-outcomes/", {"export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    row = [cell.value for cell in next(sheet.iter_rows(min_row=2))]
    assert row[0] == "Boundaries check" and row[5] == "0, 0, 0, 0, 0, 0, 0, 0, 0, 1"
