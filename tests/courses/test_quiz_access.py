"""Who may take a quiz: a quiz placed in modules opens through a module the learner can open
(enrolled in its course, not locked); a quiz in no module at all is a practice quiz, open to
anyone signed in. The rule holds for the service (every path) and shows on the quiz page."""

import pytest

from courses import selectors, services
from courses.services import QuizError
from tests.factories import QuestionFactory, QuizFactory
from tests.factories.cms import PASSWORD, UserFactory
from tests.factories.courses import ModulePageFactory, course_with_modules

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz():
    return QuizFactory(questions=QuestionFactory.create_batch(2), title="Boundaries check")


@pytest.fixture
def placed(quiz):
    """A sequential course whose second module carries the quiz."""
    course_page, modules = course_with_modules(count=3, title="Boundaries")
    modules[1].quiz = quiz
    modules[1].save_revision().publish()
    return course_page, modules


def test_a_learner_not_enrolled_cannot_start_it(placed, quiz):
    learner = UserFactory()
    with pytest.raises(QuizError, match="Enrol in “Boundaries”"):
        services.quiz_attempt_start(learner=learner, quiz=quiz)


def test_a_learner_whose_module_is_still_locked_cannot_start_it(placed, quiz):
    course_page, _modules = placed
    learner = UserFactory()
    services.enrolment_create(learner=learner, course=course_page)
    with pytest.raises(QuizError, match="opens when you finish"):
        services.quiz_attempt_start(learner=learner, quiz=quiz)


def test_a_learner_who_can_open_the_module_starts_it(placed, quiz):
    course_page, modules = placed
    learner = UserFactory()
    services.enrolment_create(learner=learner, course=course_page)
    services.module_complete(learner=learner, module=modules[0])
    attempt = services.quiz_attempt_start(learner=learner, quiz=quiz)
    assert attempt.pk and attempt.learner == learner


def test_any_module_that_carries_the_quiz_opens_it(placed, quiz):
    other, other_modules = course_with_modules(count=1, title="Refresher")
    other_modules[0].quiz = quiz
    other_modules[0].save_revision().publish()
    learner = UserFactory()
    services.enrolment_create(learner=learner, course=other)  # not the Boundaries course
    assert services.quiz_attempt_start(learner=learner, quiz=quiz).pk


def test_a_quiz_only_in_an_unpublished_module_is_not_open_yet(quiz):
    course_page, _modules = course_with_modules(count=1)
    ModulePageFactory(parent=course_page, quiz=quiz).unpublish()
    with pytest.raises(QuizError, match="not available"):
        services.quiz_attempt_start(learner=UserFactory(), quiz=quiz)


def test_a_quiz_in_no_module_is_a_practice_quiz_open_to_anyone(quiz):
    assert services.quiz_attempt_start(learner=UserFactory(), quiz=quiz).pk


def test_the_quiz_page_says_why_and_offers_no_start_button(client, placed, quiz):
    learner = UserFactory()
    client.login(username=learner.username, password=PASSWORD)
    page = client.get(f"/learn/quizzes/{quiz.pk}/").content.decode()
    assert "Enrol in “Boundaries”" in page
    assert "Start the quiz" not in page
    response = client.post(f"/learn/quizzes/{quiz.pk}/start/")
    assert response.status_code == 409
    assert not selectors.quiz_status(learner=learner, quiz=quiz).attempts


def test_starting_a_quiz_in_a_module_costs_a_few_queries_more(
    placed, quiz, django_assert_max_num_queries
):
    course_page, modules = placed
    learner = UserFactory()
    services.enrolment_create(learner=learner, course=course_page)
    services.module_complete(learner=learner, module=modules[0])
    # The practice-quiz budget (11) + the module's course, its outline, the learner's state and
    # the page's view restrictions (Wagtail's two queries).
    with django_assert_max_num_queries(17):
        services.quiz_attempt_start(learner=learner, quiz=quiz)


def test_a_module_the_learner_may_not_view_does_not_open_its_quiz(placed, quiz):
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    course_page, modules = placed
    learner = UserFactory()
    services.enrolment_create(learner=learner, course=course_page)
    services.module_complete(learner=learner, module=modules[0])
    restriction = PageViewRestriction.objects.create(
        page=modules[1], restriction_type=PageViewRestriction.GROUPS
    )
    trainers = Group.objects.get(name="Trainers")
    restriction.groups.add(trainers)
    with pytest.raises(QuizError, match="cannot open"):
        services.quiz_attempt_start(learner=learner, quiz=quiz)
    learner.groups.add(trainers)  # now the page lets them in, and so does the quiz
    assert services.quiz_attempt_start(learner=learner, quiz=quiz).pk
