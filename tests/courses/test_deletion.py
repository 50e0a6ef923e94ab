"""Deleting course content never takes learner history with it (issue 13, point 7).

A module with completions or reflection answers, a course whose modules hold them (or with
enrolments), and any ancestor of those pages cannot be deleted through any Wagtail admin path:
the page delete view and the bulk delete action refuse with an explanation that says to
unpublish instead, and the ORM refuses too. Quizzes and competencies that history points at
answer the same way on the snippet screens, never with a 500.
"""

import pytest
from django.db.models.deletion import ProtectedError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from certification.models import PracticeLog
from courses.models import CoursePage, ModulePage, Quiz, QuizAttempt
from tests.factories import CompetencyFactory, PracticeLogFactory, QuizFactory, UserFactory
from tests.factories.cms import PASSWORD
from tests.factories.courses import (
    EnrolmentFactory,
    ModuleCompletionFactory,
    ModulePageFactory,
    ReflectionAnswerFactory,
)

pytestmark = pytest.mark.django_db

UNPUBLISH_ADVICE = "Unpublish"


@pytest.fixture
def superuser_client(client):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.login(username=admin.username, password=PASSWORD)
    return client


@pytest.fixture
def studied(course):
    """The course's first module was completed and reflected on by a learner."""
    _course, modules = course
    ModuleCompletionFactory(module=modules[0])
    ReflectionAnswerFactory(module=modules[0])
    return modules[0]


def delete_url(page):
    return reverse("wagtailadmin_pages:delete", args=[page.pk])


def test_the_orm_refuses_to_cascade_into_learner_history(studied):
    with pytest.raises(ProtectedError):
        studied.delete()
    with pytest.raises(ProtectedError):
        studied.get_parent().delete()  # the course, and the module with it
    assert ModulePage.objects.filter(pk=studied.pk).exists()


def test_deleting_a_studied_module_is_refused_with_the_advice_to_unpublish(
    superuser_client, studied
):
    response = superuser_client.get(delete_url(studied))
    assert response.status_code == 200
    text = response.content.decode()
    assert "cannot be deleted" in text
    assert "1 module completion" in text and "1 reflection answer" in text
    assert UNPUBLISH_ADVICE in text
    assert reverse("wagtailadmin_pages:unpublish", args=[studied.pk]) in text

    response = superuser_client.post(delete_url(studied))
    assert response.status_code == 409
    assert UNPUBLISH_ADVICE in response.content.decode()
    assert ModulePage.objects.filter(pk=studied.pk).exists()
    assert studied.completions.count() == 1 and studied.reflection_answers.count() == 1


def test_deleting_the_course_or_an_ancestor_is_refused(superuser_client, studied):
    course = studied.get_parent()
    for ancestor in (course, course.get_parent()):  # the course, the course index
        response = superuser_client.post(delete_url(ancestor))
        assert response.status_code == 409, ancestor
        assert "1 module completion" in response.content.decode()
    assert ModulePage.objects.filter(pk=studied.pk).exists()


def test_a_course_with_enrolments_only_is_kept_too(superuser_client, course):
    course_page, _modules = course
    EnrolmentFactory(course=course_page)
    response = superuser_client.post(delete_url(course_page))
    assert response.status_code == 409
    assert "1 enrolment" in response.content.decode()
    assert CoursePage.objects.filter(pk=course_page.pk).exists()


def test_a_module_nobody_studied_can_still_be_deleted(superuser_client, studied):
    untouched = ModulePageFactory(parent=studied.get_parent())
    response = superuser_client.post(delete_url(untouched))
    assert response.status_code == 302
    assert not Page.objects.filter(pk=untouched.pk).exists()


def test_the_bulk_delete_of_pages_refuses_and_deletes_nothing(superuser_client, studied):
    course = studied.get_parent()
    untouched = ModulePageFactory(parent=course)
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete"))
    response = superuser_client.post(f"{url}?id={studied.pk}&id={untouched.pk}&childOf={course.pk}")
    assert response.status_code == 409
    text = response.content.decode()
    assert studied.title in text and UNPUBLISH_ADVICE in text
    assert Page.objects.filter(pk__in=[studied.pk, untouched.pk]).count() == 2


def attempt_at(quiz):
    return QuizAttempt.objects.create(
        learner=UserFactory(),
        quiz=quiz,
        number=1,
        started_at=timezone.now(),
        pass_mark=quiz.pass_mark,
        feedback_policy=quiz.feedback_policy,
        snapshot=[],
    )


def test_a_quiz_with_attempts_is_refused_on_the_snippet_screens(superuser_client):
    quiz = QuizFactory()
    attempt_at(quiz)
    url = reverse("wagtailsnippets_courses_quiz:delete", args=[quiz.pk])
    response = superuser_client.get(url)
    assert response.status_code == 200 and "1 quiz attempt" in response.content.decode()
    response = superuser_client.post(url)
    assert response.status_code == 409
    assert "cannot be deleted" in response.content.decode()

    bulk = reverse("wagtail_bulk_action", args=("courses", "quiz", "delete"))
    response = superuser_client.post(f"{bulk}?id={quiz.pk}")
    assert response.status_code == 409
    assert Quiz.objects.filter(pk=quiz.pk).exists()


def test_a_competency_in_practice_logs_is_kept(superuser_client):
    competency = CompetencyFactory()
    log = PracticeLogFactory(competencies=[competency])
    with pytest.raises(ProtectedError):
        competency.delete()
    response = superuser_client.post(
        reverse("wagtailsnippets_courses_competency:delete", args=[competency.pk])
    )
    assert response.status_code == 409
    assert "practice log" in response.content.decode()
    assert list(PracticeLog.objects.get(pk=log.pk).competencies.all()) == [competency]


def test_an_unused_quiz_can_still_be_deleted(superuser_client):
    quiz = QuizFactory()
    response = superuser_client.post(reverse("wagtailsnippets_courses_quiz:delete", args=[quiz.pk]))
    assert response.status_code == 302
    assert not Quiz.objects.filter(pk=quiz.pk).exists()
