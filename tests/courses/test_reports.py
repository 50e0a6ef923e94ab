import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from courses import services
from courses.models import Enrolment
from tests.factories import UserFactory
from tests.factories.cms import PASSWORD
from tests.factories.courses import CoursePageFactory, course_with_modules

pytestmark = pytest.mark.django_db

URL = "/admin/reports/course-completion/"


@pytest.fixture
def report_data(course):
    course_page, modules = course
    course_page.sequential = False
    course_page.save_revision().publish()
    other = CoursePageFactory(parent=course_page.get_parent(), title="Empty course")
    now = timezone.now()
    for hours in [2, 4, 30]:
        learner = UserFactory(role="Mentors")
        enrolment = services.enrolment_create(learner=learner, course=course_page)
        for module in modules:
            services.module_complete(learner=learner, module=module)
        Enrolment.objects.filter(pk=enrolment.pk).update(
            enrolled_at=now - timedelta(hours=hours), completed_at=now
        )
    starter = UserFactory(role="Mentors")
    services.enrolment_create(learner=starter, course=course_page)
    return course_page, other


def login(client, role):
    user = UserFactory(role=role)
    client.login(username=user.username, password=PASSWORD)
    return user


@pytest.mark.parametrize("role", ["Trainers", "Coordinators", "Lead trainers"])
def test_trainers_and_coordinators_read_the_report(client, report_data, role):
    course_page, _other = report_data
    login(client, role)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Course completion" in html
    assert course_page.title in html
    assert "4 h 0 min" in html  # median of 2 h, 4 h and 30 h
    menu = client.get("/admin/").content.decode()
    assert "Course completion" in menu


@pytest.mark.parametrize("role", ["Mentors", "Supervisors"])
def test_others_cannot_read_the_report(client, report_data, role):
    login(client, role)
    response = client.get(URL)
    assert response.status_code in (302, 403)
    assert "Course completion" not in client.get("/admin/").content.decode()


def test_csv_export_counts_each_course(client, report_data):
    course_page, other = report_data
    login(client, "Coordinators")
    response = client.get(URL, {"export": "csv"})
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    by_title = {row["Course"]: row for row in rows}
    assert by_title[course_page.title]["Enrolled"] == "4"
    assert by_title[course_page.title]["Completed"] == "3"
    assert by_title[course_page.title]["In progress (enrolled, not completed)"] == "1"
    assert float(by_title[course_page.title]["Median minutes to complete"]) == 240.0
    assert by_title[other.title]["Enrolled"] == "0"
    assert by_title[other.title]["Median minutes to complete"] == ""


def test_xlsx_export(client, report_data):
    course_page, _other = report_data
    login(client, "Trainers")
    response = client.get(URL, {"export": "xlsx"})
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.values)
    assert rows[0][:5] == (
        "Course",
        "Status",
        "Enrolled",
        "In progress (enrolled, not completed)",
        "Completed",
    )
    assert (course_page.title, 4, 1, 3) == (rows[1][0], rows[1][2], rows[1][3], rows[1][4])


def test_filter_by_course(client, report_data):
    _course_page, other = report_data
    login(client, "Trainers")
    assert client.get(URL, {"course": other.pk}).status_code == 200
    response = client.get(URL, {"course": other.pk, "export": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["Course"] for row in rows] == [other.title]


def test_report_queries_do_not_grow_with_courses(client, django_assert_max_num_queries):
    login(client, "Trainers")
    for _ in range(5):
        course_with_modules(count=1)
    client.get(URL)
    with django_assert_max_num_queries(25):
        assert client.get(URL).status_code == 200
