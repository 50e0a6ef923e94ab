import pytest
from django.contrib.messages import get_messages

from courses import services
from courses.models import Enrolment, ModuleCompletion, ReflectionAnswer
from tests.factories import UserFactory
from tests.factories.cms import PASSWORD
from tests.factories.courses import (
    LESSON_BODY,
    CoursePageFactory,
    ModulePageFactory,
    ReflectionAnswerFactory,
    ResourceFactory,
)

pytestmark = pytest.mark.django_db


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_course_overview_is_public(client, course):
    course_page, modules = course
    response = client.get(course_page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert course_page.summary in html
    assert modules[0].title in html
    assert "Sign in to enrol" in html


def test_anonymous_visitors_are_sent_to_sign_in_for_module_bodies(client, course):
    _course_page, modules = course
    response = client.get(modules[0].url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={modules[0].url}"


def test_a_signed_in_learner_who_is_not_enrolled_is_told_to_enrol(mentor_client, course):
    course_page, modules = course
    response = mentor_client.get(modules[0].url)
    assert response.status_code == 403
    html = response.content.decode()
    assert "Enrol to open this module" in html
    assert "The lesson text." not in html
    assert course_page.url in html


def test_enrol_then_study_then_complete(mentor_client, course):
    course_page, modules = course
    response = mentor_client.post(f"/learn/courses/{course_page.pk}/enrol/")
    assert response.status_code == 302
    assert response["Location"] == course_page.url
    assert "You are enrolled" in messages_of(response)[0]

    response = mentor_client.get(course_page.url)
    assert "Start the first module" in response.content.decode()
    assert '<progress id="progress-' in response.content.decode()
    assert "0 of 3 modules complete" in response.content.decode()

    response = mentor_client.get(modules[0].url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "The lesson text." in html
    assert "Mark as complete" in html

    response = mentor_client.post(f"/learn/modules/{modules[0].pk}/complete/")
    assert response["Location"] == modules[1].url
    assert messages_of(response) == [f"“{modules[0].title}” is complete: 1 of 3 modules done."]
    assert ModuleCompletion.objects.filter(learner=mentor_client.user).count() == 1


def test_completing_the_last_module_completes_the_course(mentor_client, course):
    course_page, modules = course
    services.enrolment_create(learner=mentor_client.user, course=course_page)
    for module in modules[:2]:
        services.module_complete(learner=mentor_client.user, module=module)
    response = mentor_client.post(f"/learn/modules/{modules[2].pk}/complete/")
    assert response["Location"] == course_page.url
    assert "completed every module" in messages_of(response)[0]
    assert Enrolment.objects.get().completed_at is not None
    html = mentor_client.get(course_page.url).content.decode()
    assert "You completed this course on" in html


def test_enrolling_twice_says_so_without_error(mentor_client, course):
    course_page, _modules = course
    mentor_client.post(f"/learn/courses/{course_page.pk}/enrol/")
    response = mentor_client.post(f"/learn/courses/{course_page.pk}/enrol/")
    assert response.status_code == 302
    assert messages_of(response)[-1] == f"You are already enrolled in “{course_page.title}”."
    assert Enrolment.objects.count() == 1


def test_prerequisites_are_named_on_the_overview_and_enrolment_is_refused(mentor_client, course):
    first, _modules = course
    second = CoursePageFactory(parent=first.get_parent(), title="Going further")
    second.prerequisites = [first]
    second.save_revision().publish()
    html = mentor_client.get(second.url).content.decode()
    assert "Before you can enrol, complete:" in html
    assert first.title in html
    assert "Enrol in this course" not in html

    response = mentor_client.post(f"/learn/courses/{second.pk}/enrol/")
    assert messages_of(response) == [f"Complete “{first.title}” before enrolling in this course."]
    assert not Enrolment.objects.exists()


def test_a_locked_module_explains_what_to_finish_first(mentor_client, course):
    course_page, modules = course
    services.enrolment_create(learner=mentor_client.user, course=course_page)
    response = mentor_client.get(modules[2].url)
    assert response.status_code == 403
    html = response.content.decode()
    assert f"This module opens when you finish “{modules[0].title}”." in html
    assert "The lesson text." not in html
    assert "Mark as complete" not in html

    html = mentor_client.get(course_page.url).content.decode()
    assert html.count("This module opens when you finish") == 2


def test_completing_a_locked_module_is_refused_with_a_message(mentor_client, course):
    course_page, modules = course
    services.enrolment_create(learner=mentor_client.user, course=course_page)
    response = mentor_client.post(f"/learn/modules/{modules[1].pk}/complete/")
    assert response.status_code == 302
    assert messages_of(response) == [f"This module opens when you finish “{modules[0].title}”."]
    assert not ModuleCompletion.objects.exists()


def test_completing_without_enrolment_is_refused_with_a_message(mentor_client, course):
    course_page, modules = course
    response = mentor_client.post(f"/learn/modules/{modules[0].pk}/complete/")
    assert response.status_code == 302
    assert messages_of(response) == [
        f"Enrol in “{course_page.title}” before completing its modules."
    ]
    assert not ModuleCompletion.objects.exists()


def test_completing_an_unpublished_module_is_refused_with_a_message(mentor_client, course):
    course_page, modules = course
    services.enrolment_create(learner=mentor_client.user, course=course_page)
    modules[0].unpublish()
    response = mentor_client.post(f"/learn/modules/{modules[0].pk}/complete/")
    assert response.status_code == 302
    assert response["Location"] == "/dashboard/"
    assert messages_of(response) == ["This module is not published, so it cannot be completed."]
    assert not ModuleCompletion.objects.exists()


def test_completing_a_module_that_does_not_exist_is_a_404(mentor_client):
    assert mentor_client.post("/learn/modules/999999/complete/").status_code == 404
    assert mentor_client.post("/learn/courses/999999/enrol/").status_code == 404


def test_learning_actions_need_post_and_sign_in(client, mentor_client, course):
    course_page, modules = course
    assert mentor_client.get(f"/learn/modules/{modules[0].pk}/complete/").status_code == 405
    mentor_client.logout()
    response = client.post(f"/learn/courses/{course_page.pk}/enrol/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Enrolment.objects.exists()


def test_module_page_records_where_to_continue(mentor_client, course):
    course_page, modules = course
    enrolment = services.enrolment_create(learner=mentor_client.user, course=course_page)
    mentor_client.get(modules[0].url)
    enrolment.refresh_from_db()
    assert enrolment.last_module_id == modules[0].pk
    html = mentor_client.get("/dashboard/").content.decode()
    assert "Continue where you left off" in html
    assert modules[0].url in html


def test_module_page_renders_every_lesson_block(mentor_client, course):
    course_page, _modules = course
    ResourceFactory(name="Samaritans", is_example=False)
    module = ModulePageFactory(parent=course_page, body=LESSON_BODY)
    course_page.sequential = False
    course_page.save_revision().publish()
    services.enrolment_create(learner=mentor_client.user, course=course_page)
    html = mentor_client.get(module.url).content.decode()
    for text in [
        "Why listening comes first",
        "Attention the other person can notice.",
        "Safety note",
        "A quiet first meeting",
        "What might lie behind the short answers?",
        "Reflect before you respond",
        "When did you feel most heard?",
        "Who listened to you well?",
        "Save my reflection",
        "Samaritans",
        "This module has no quiz.",
    ]:
        assert text in html, text


def test_reflections_are_saved_and_private(client, mentor_client, course):
    course_page, _modules = course
    module = ModulePageFactory(parent=course_page, body=LESSON_BODY)
    course_page.sequential = False
    course_page.save_revision().publish()
    services.enrolment_create(learner=mentor_client.user, course=course_page)

    response = mentor_client.post(
        f"/learn/modules/{module.pk}/reflections/reflection-1/", {"text": "Someone kind."}
    )
    assert response["Location"] == f"{module.url}#reflection-reflection-1"
    assert messages_of(response) == ["Your reflection is saved. Only you can see it."]
    answer = ReflectionAnswer.objects.get()
    assert answer.learner == mentor_client.user

    assert "Someone kind." in mentor_client.get(module.url).content.decode()
    assert "Someone kind." in mentor_client.get(f"/learn/reflections/{answer.pk}/").content.decode()
    assert "Someone kind." in mentor_client.get("/learn/reflections/").content.decode()

    other = UserFactory(role="Mentors")
    services.enrolment_create(learner=other, course=course_page)
    client.logout()
    client.login(username=other.username, password=PASSWORD)
    assert client.get(f"/learn/reflections/{answer.pk}/").status_code == 404
    assert "Someone kind." not in client.get(module.url).content.decode()
    assert "Someone kind." not in client.get("/learn/reflections/").content.decode()


def test_reflection_of_another_learner_is_404_even_for_staff(client, trainer):
    answer = ReflectionAnswerFactory()
    client.login(username=trainer.username, password=PASSWORD)
    assert client.get(f"/learn/reflections/{answer.pk}/").status_code == 404


def test_reflection_bad_input_gives_a_message_and_saves_nothing(mentor_client, course):
    course_page, _modules = course
    module = ModulePageFactory(parent=course_page, body=LESSON_BODY)
    course_page.sequential = False
    course_page.save_revision().publish()
    services.enrolment_create(learner=mentor_client.user, course=course_page)
    response = mentor_client.post(
        f"/learn/modules/{module.pk}/reflections/reflection-1/", {"text": "  "}
    )
    assert messages_of(response) == ["Write a few words before saving."]
    response = mentor_client.post(
        f"/learn/modules/{module.pk}/reflections/nope/", {"text": "Hello"}
    )
    assert messages_of(response)[-1] == "That reflection prompt is no longer part of this module."
    assert not ReflectionAnswer.objects.exists()


def test_reflection_text_is_escaped(mentor_client, course):
    course_page, _modules = course
    module = ModulePageFactory(parent=course_page, body=LESSON_BODY)
    course_page.sequential = False
    course_page.save_revision().publish()
    services.enrolment_create(learner=mentor_client.user, course=course_page)
    services.reflection_save(
        learner=mentor_client.user,
        module=module,
        block_id="reflection-1",
        text="<script>x</script>",
    )
    html = mentor_client.get(module.url).content.decode()
    assert "<script>x</script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html


def test_dashboard_lists_courses_in_progress_and_completed(mentor_client, course):
    course_page, modules = course
    done, done_modules = CoursePageFactory(parent=course_page.get_parent()), []
    done_modules = [ModulePageFactory(parent=done)]
    services.enrolment_create(learner=mentor_client.user, course=course_page)
    services.enrolment_create(learner=mentor_client.user, course=done)
    services.module_complete(learner=mentor_client.user, module=done_modules[0])
    services.module_complete(learner=mentor_client.user, module=modules[0])
    html = mentor_client.get("/dashboard/").content.decode()
    assert "Courses in progress" in html
    assert "1 of 3 modules complete (33%)" in html
    assert "Completed courses" in html
    assert done.title in html
    assert "Next module" in html


def test_dashboard_needs_sign_in(client):
    response = client.get("/dashboard/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/dashboard/"


def test_empty_dashboard_points_to_the_courses(mentor_client):
    html = mentor_client.get("/dashboard/").content.decode()
    assert "You have not enrolled in a course yet." in html
    assert 'href="/learn/"' in html


def test_catalogue_redirects_to_the_course_index_and_lists_courses(client, mentor_client, course):
    course_page, _modules = course
    index = course_page.get_parent()
    response = client.get("/learn/")
    assert response.status_code == 302 and response["Location"] == index.url
    services.enrolment_create(learner=mentor_client.user, course=course_page)
    html = mentor_client.get(index.url).content.decode()
    assert course_page.title in html and "Enrolled" in html


def test_catalogue_without_a_course_index_is_404(client):
    assert client.get("/learn/").status_code == 404


def test_navigation_links_courses_and_my_learning(client, mentor_client):
    html = mentor_client.get("/help/").content.decode()
    assert 'href="/learn/">Courses<' in html
    assert 'href="/dashboard/"' in html and "My learning" in html
    mentor_client.logout()
    html = client.get("/help/").content.decode()
    assert "My learning" not in html


def test_modules_of_an_unpublished_course_are_unavailable(mentor_client, course):
    course_page, modules = course
    services.enrolment_create(learner=mentor_client.user, course=course_page)
    course_page.unpublish()
    response = mentor_client.get(modules[0].url)
    assert response.status_code == 403
    assert "This module is not available at the moment." in response.content.decode()
    html = mentor_client.get("/dashboard/").content.decode()
    assert course_page.title in html
    assert "Start" not in html
