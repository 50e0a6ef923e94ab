"""The demo: a real course a mentor can complete, a second course behind it, and the
referral directory."""

import re

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils.html import strip_tags
from wagtail.models import WorkflowPage

from cms.models import Resource, ResourceDirectoryPage, User
from courses import services
from courses.models import CourseIndexPage, CoursePage, Enrolment, ModulePage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


@pytest.fixture
def demo(db):
    with override_settings(DEBUG=True):
        call_command("seed_demo", verbosity=0)


def words(module: ModulePage) -> int:
    text = " ".join(
        strip_tags(str(block.render())) for block in module.body if block.block_type != "quiz"
    )
    return len(re.findall(r"[A-Za-z’']+", text))


def test_foundations_has_four_real_lessons():
    foundations = CoursePage.objects.get(slug="peer-mentor-foundations")
    modules = list(ModulePage.objects.child_of(foundations).live().order_by("path"))
    assert [m.title for m in modules] == [
        "Active listening",
        "Boundaries",
        "Confidentiality",
        "Crisis intervention",
    ]
    for module in modules:
        kinds = {block.block_type for block in module.body}
        assert {"scenario", "role_play", "reflection", "quiz"} <= kinds, module.title
        assert words(module) >= 400, module.title
    assert foundations.sequential


def test_the_second_course_requires_foundations():
    second = CoursePage.objects.get(slug="supporting-recovery-conversations")
    assert [p.slug for p in second.prerequisites.all()] == ["peer-mentor-foundations"]
    mentor = User.objects.get(username="mentor")
    with pytest.raises(services.LearningError, match="Peer Mentor Foundations"):
        services.enrolment_create(learner=mentor, course=second)


def test_a_dozen_resources_with_examples_marked():
    assert Resource.objects.count() == 12
    real = set(Resource.objects.filter(is_example=False).values_list("category", flat=True))
    assert real <= {"crisis_line", "emergency"}
    assert Resource.objects.filter(is_example=True).count() == 7
    assert ResourceDirectoryPage.objects.live().exists()


def test_lead_trainer_and_workflow():
    lead = User.objects.get(username="leadtrainer")
    assert set(lead.groups.values_list("name", flat=True)) == {"Trainers", "Lead trainers"}
    assert lead.check_password("demo-leadtrainer")
    index = CourseIndexPage.objects.get()
    assert WorkflowPage.objects.get(page=index).workflow.name == services.COURSE_WORKFLOW_NAME


def test_certified_has_completed_foundations():
    certified = User.objects.get(username="certified")
    enrolment = Enrolment.objects.get(learner=certified)
    assert enrolment.course.slug == "peer-mentor-foundations"
    assert enrolment.completed_at is not None


def take_quiz_correctly(client, quiz):
    """Start the quiz through its page and answer from the served snapshot, as the learner's
    browser would (the correct options come from the demo content's answer key)."""
    from courses.models import QuizAttempt

    response = client.post(f"/learn/quizzes/{quiz.pk}/start/")
    assert response.status_code == 302
    attempt = QuizAttempt.objects.get(quiz=quiz, learner__username="mentor", status="open")
    data = {
        f"q_{q['key']}": [c["key"] for c in q["choices"] if c["correct"]] for q in attempt.snapshot
    }
    response = client.post(f"/learn/quizzes/attempts/{attempt.pk}/submit/", data)
    assert response.status_code == 302
    assert "You passed" in client.get(response["Location"]).content.decode()


def test_mentor_can_browse_and_complete_the_demo_course(client):
    assert client.login(username="mentor", password="demo-mentor")
    html = client.get("/dashboard/").content.decode()
    assert "Peer Mentor Foundations" in html and "1 of 4 modules complete" in html

    foundations = CoursePage.objects.get(slug="peer-mentor-foundations")
    assert client.get("/learn/", follow=True).status_code == 200
    assert client.get(foundations.url).status_code == 200
    for module in ModulePage.objects.child_of(foundations).live().order_by("path")[1:]:
        response = client.get(module.url)
        assert response.status_code == 200, module.title
        html = response.content.decode()
        assert "quiz to complete it." in html
        assert "Mark as complete" not in html
        take_quiz_correctly(client, module.quiz)
        html = client.get(module.url).content.decode()
        assert "Mark as complete" in html and "Passed" in html
        client.post(f"/learn/modules/{module.pk}/complete/")
    enrolment = Enrolment.objects.get(learner__username="mentor", course=foundations)
    assert enrolment.completed_at is not None
    html = client.get("/dashboard/").content.decode()
    assert "Completed courses" in html

    second = CoursePage.objects.get(slug="supporting-recovery-conversations")
    response = client.post(f"/learn/courses/{second.pk}/enrol/", follow=True)
    assert "You are enrolled" in response.content.decode()


def test_help_page_lists_real_crisis_lines_and_links_the_directory(client):
    html = client.get("/help/").content.decode()
    assert "Samaritans" in html and "116 123" in html
    assert "988 Suicide &amp; Crisis Lifeline" in html
    assert "Riverside Peer Support Group" not in html
    directory = ResourceDirectoryPage.objects.get()
    assert f'href="{directory.url}"' in html
