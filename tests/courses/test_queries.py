"""Query budgets: the module page for an enrolled learner and the dashboard stay within budget,
and do not grow with the number of blocks, modules or enrolments.

The module page is measured as a running site serves it: the route to the page and the course
outline come from the content cache (cms.content_cache) until content changes, and its budget
counts small indexed queries for the learner's own state (completions, enrolment, answers, quiz)
rather than one query with a subquery per field: they cost less to build (docs/performance.md).
The first request after a change to published content pays for the route and outline again
(MODULE_PAGE_COLD_BUDGET)."""

import copy

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cms.selectors import resources_in_categories
from courses import services
from tests.factories.courses import (
    LESSON_BODY,
    CourseIndexPageFactory,
    ModulePageFactory,
    ResourceFactory,
    course_with_modules,
)

pytestmark = pytest.mark.django_db

MODULE_PAGE_BUDGET = 10
# + the three routing queries (course index, course, module) and the course outline.
MODULE_PAGE_COLD_BUDGET = MODULE_PAGE_BUDGET + 4
DASHBOARD_BUDGET = 10


def queries_for(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(queries), "\n".join(query["sql"] for query in queries.captured_queries)


def long_lesson(copies: int) -> list[dict]:
    """Every kind of block, several times over, with distinct reflection prompts."""
    body = []
    for number in range(copies):
        for block in copy.deepcopy(LESSON_BODY):
            if block["type"] == "quiz" and number:
                continue
            if block["type"] == "reflection":
                block["id"] = f"reflection-{number}"
            body.append(block)
    return body


@pytest.fixture
def lesson(mentor_client, course):
    course_page, modules = course
    ResourceFactory()
    module = ModulePageFactory(parent=course_page, body=long_lesson(3))
    course_page.sequential = False
    course_page.save_revision().publish()
    services.enrolment_create(learner=mentor_client.user, course=course_page)
    services.module_complete(learner=mentor_client.user, module=modules[0])
    services.reflection_save(
        learner=mentor_client.user, module=module, block_id="reflection-1", text="Mine"
    )
    resources_in_categories(categories=["crisis_line"])  # warm, as on a running site
    return course_page, module


def test_module_page_first_visit_records_resume_within_budget(mentor_client, lesson):
    _course_page, module = lesson
    Client().get(module.url)  # someone else has asked for it since content last changed
    count, sql = queries_for(mentor_client, module.url)
    assert count <= MODULE_PAGE_BUDGET, sql
    assert "UPDATE" in sql  # the resume position was written
    assert "courses_modulepage" not in sql  # routed from the content cache


def test_module_page_after_a_content_change_within_cold_budget(mentor_client, lesson):
    _course_page, module = lesson
    module.save_revision().publish()  # a new content generation: nothing cached applies
    count, sql = queries_for(mentor_client, module.url)
    assert count <= MODULE_PAGE_COLD_BUDGET, sql
    assert "courses_modulepage" in sql


def test_module_page_repeat_visit_within_budget(mentor_client, lesson):
    _course_page, module = lesson
    mentor_client.get(module.url)
    count, sql = queries_for(mentor_client, module.url)
    assert count <= MODULE_PAGE_BUDGET, sql
    assert "Mine" in mentor_client.get(module.url).content.decode()


def test_module_page_queries_do_not_grow_with_modules(mentor_client, lesson):
    course_page, module = lesson
    mentor_client.get(module.url)
    before, _sql = queries_for(mentor_client, module.url)
    for _ in range(10):
        ModulePageFactory(parent=course_page)
    mentor_client.get(module.url)  # new content: the first request routes it again
    after, sql = queries_for(mentor_client, module.url)
    assert after == before, sql


def test_dashboard_queries_do_not_grow_with_enrolments(mentor_client):
    index = CourseIndexPageFactory()

    def enrol_in(number):
        for _ in range(number):
            course_page, modules = course_with_modules(count=3, parent=index)
            services.enrolment_create(learner=mentor_client.user, course=course_page)
            services.module_complete(learner=mentor_client.user, module=modules[0])

    enrol_in(2)
    mentor_client.get("/dashboard/")
    with_two, _sql = queries_for(mentor_client, "/dashboard/")
    enrol_in(18)
    mentor_client.get("/dashboard/")  # new courses: the first request fills the content cache
    with_twenty, sql = queries_for(mentor_client, "/dashboard/")
    assert with_twenty == with_two
    assert with_twenty <= DASHBOARD_BUDGET, sql
