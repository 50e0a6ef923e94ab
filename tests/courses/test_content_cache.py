"""The module page caches what every learner sees alike (route, course outline, lesson blocks)
under the content generation (cms.content_cache). These tests warm the cache first, then change
content the way trainers do, and check that learners see the change at once, and that nothing
personal (reflection answers, quiz results) ever reaches another learner."""

from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.utils.html import format_html
from wagtail import blocks
from wagtail.blocks import StreamValue
from wagtail.models import PageViewRestriction

from cms.content_cache import current_generation
from courses import services
from courses.blocks import ModuleBodyBlock
from courses.templatetags.module_tags import block_is_cacheable
from tests.factories.cms import PASSWORD, UserFactory
from tests.factories.courses import LESSON_BODY, ModulePageFactory, course_with_modules
from tests.factories.quizzes import QuestionFactory, QuizFactory, correct_answers

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def open_course(course):
    """The course, not sequential, with a lesson of every block kind (a reflection, a quiz)."""
    course_page, modules = course
    course_page.sequential = False
    course_page.save_revision().publish()
    quiz = QuizFactory(questions=[QuestionFactory()])
    lesson = ModulePageFactory(parent=course_page, body=LESSON_BODY, quiz=quiz)
    return course_page, [*modules, lesson]


def enrolled(course_page):
    learner = UserFactory()
    services.enrolment_create(learner=learner, course=course_page)
    return learner, signed_in(learner)


def text_of(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_publishing_starts_a_new_generation(open_course):
    _course_page, modules = open_course
    before = current_generation()
    modules[0].save_revision().publish()
    assert current_generation() > before


def test_signing_in_does_not_start_a_new_generation(open_course):
    learner = UserFactory()
    before = current_generation()
    signed_in(learner)  # saves the user's last_login: not content
    assert current_generation() == before


def test_a_published_change_is_seen_at_once(open_course):
    course_page, modules = open_course
    _learner, client = enrolled(course_page)
    module = modules[-1]
    assert "A quiet first meeting" in text_of(client, module.url)  # now cached

    body = list(LESSON_BODY)
    body[3] = {**body[3], "value": {**body[3]["value"], "title": "A missed meeting"}}
    module.body = body
    module.title = "Listening, revised"
    module.save_revision().publish()

    page = text_of(client, module.url)
    assert "A missed meeting" in page and "A quiet first meeting" not in page
    assert "Listening, revised" in page


def test_an_unpublished_module_is_gone_at_once(open_course):
    course_page, modules = open_course
    _learner, client = enrolled(course_page)
    text_of(client, modules[1].url)
    modules[1].unpublish()
    assert client.get(modules[1].url).status_code == 404
    assert modules[1].title not in text_of(client, modules[0].url)  # nor in the outline


def test_a_new_module_appears_in_the_outline_at_once(open_course):
    course_page, modules = open_course
    _learner, client = enrolled(course_page)
    text_of(client, modules[0].url)
    added = ModulePageFactory(parent=course_page, title="Boundaries in practice")
    assert "Boundaries in practice" in text_of(client, modules[0].url)
    assert text_of(client, added.url)


def test_a_moved_module_answers_at_its_new_address(open_course):
    course_page, modules = open_course
    other_course, _ = course_with_modules(count=1, sequential=False)
    learner, client = enrolled(course_page)
    old_url = modules[1].url
    text_of(client, old_url)
    modules[1].move(other_course, pos="last-child")
    modules[1].refresh_from_db()
    assert modules[1].url != old_url
    # Not the cached page at the old address: Wagtail's redirect to the new one.
    response = client.get(old_url)
    assert response.status_code == 301 and response["Location"].endswith(modules[1].url)
    services.enrolment_create(learner=learner, course=other_course)
    assert modules[1].title in text_of(client, modules[1].url)
    assert modules[1].title not in text_of(client, modules[0].url)  # left the first outline


def test_a_new_view_restriction_applies_at_once(open_course):
    course_page, modules = open_course
    _learner, client = enrolled(course_page)
    text_of(client, modules[0].url)
    PageViewRestriction.objects.create(
        page=course_page, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    response = client.get(modules[0].url)
    assert response.status_code == 200
    assert "password" in response.content.decode().lower()
    assert "Attention the other person can notice" not in response.content.decode()


def test_a_reflection_answer_is_shown_to_its_author_only(open_course):
    course_page, modules = open_course
    lesson = modules[-1]
    author, author_client = enrolled(course_page)
    _other, other_client = enrolled(course_page)
    services.reflection_save(
        learner=author, module=lesson, block_id="reflection-1", text="My private thought"
    )
    assert "My private thought" in text_of(author_client, lesson.url)
    assert "My private thought" not in text_of(other_client, lesson.url)
    assert "My private thought" in text_of(author_client, lesson.url)


def test_a_quiz_result_is_shown_to_its_learner_only(open_course):
    course_page, modules = open_course
    lesson = modules[-1]
    passer, passer_client = enrolled(course_page)
    _other, other_client = enrolled(course_page)
    text_of(other_client, lesson.url)  # cached by someone who has not passed
    attempt = services.quiz_attempt_start(learner=passer, quiz=lesson.quiz)
    services.quiz_attempt_submit(
        attempt_id=attempt.pk, learner=passer, answers=correct_answers(attempt)
    )
    assert "Review your results" in text_of(passer_client, lesson.url)
    other_page = text_of(other_client, lesson.url)
    assert "Review your results" not in other_page and "Go to the quiz" in other_page


def test_progress_is_per_learner(open_course):
    course_page, modules = open_course
    finisher, finisher_client = enrolled(course_page)
    _other, other_client = enrolled(course_page)
    text_of(other_client, modules[0].url)
    services.module_complete(learner=finisher, module=modules[0])
    assert "You completed this module" in text_of(finisher_client, modules[0].url)
    assert "You completed this module" not in text_of(other_client, modules[0].url)


def test_an_edited_quiz_title_is_seen_at_once(open_course):
    course_page, modules = open_course
    lesson = modules[-1]
    _learner, client = enrolled(course_page)
    text_of(client, lesson.url)
    lesson.quiz.title = "Listening check, second edition"
    lesson.quiz.save()
    assert "Listening check, second edition" in text_of(client, lesson.url)


def test_the_dashboard_counts_a_new_module_at_once(open_course):
    course_page, modules = open_course
    learner, client = enrolled(course_page)
    services.module_complete(learner=learner, module=modules[0])
    total = len(modules)
    assert f"1 of {total} modules complete" in text_of(client, "/dashboard/")  # now cached
    ModulePageFactory(parent=course_page)
    assert f"1 of {total + 1} modules complete" in text_of(client, "/dashboard/")


# Caching is opt-in per block: only a block that says ``cacheable = True`` is ever cached.


class GreetingBlock(blocks.StructBlock):
    """A block added later that shows who is reading, and forgot nothing: it has no flag."""

    def render_basic(self, value, context=None):
        return format_html("<p>Hello {}</p>", context["request"].user.username)


class LessonWithGreeting(ModuleBodyBlock):
    greeting = GreetingBlock()


def render_module_body(page, user) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return Template("{% load module_tags %}{% module_body page %}").render(
        Context({"request": request, "page": page})
    )


def test_a_new_block_without_the_flag_is_never_cached():
    assert not block_is_cacheable(GreetingBlock())
    page = SimpleNamespace(
        pk=4242,
        body=StreamValue(
            LessonWithGreeting(),
            [
                {"type": "greeting", "value": {}, "id": "greeting-1"},
                {"type": "heading", "value": {"text": "Hello", "level": "h2"}, "id": "h-1"},
            ],
            is_lazy=True,
        ),
    )
    first, second = UserFactory(username="first-learner"), UserFactory(username="second-one")
    assert "Hello first-learner" in render_module_body(page, first)
    other = render_module_body(page, second)
    assert "Hello second-one" in other and "first-learner" not in other


def test_only_blocks_the_same_for_everyone_are_cacheable():
    children = ModuleBodyBlock().child_blocks
    cacheable = {name for name, block in children.items() if block_is_cacheable(block)}
    assert cacheable == {
        "heading",
        "rich_text",
        "callout",
        "image",
        "video",
        "scenario",
        "role_play",
        "resource_links",
    }
    assert not {"reflection", "quiz"} & cacheable  # per learner: rendered fresh every time
