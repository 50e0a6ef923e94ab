"""A new mentor's way to a certificate: sign up, study, fail then pass a quiz, log practice;
the supervisor approves it in the admin; the certificate, its PDF and its public check.

Each person uses their own browser. The only database write during a journey is advancing the
clock past a quiz's cooldown; everything else is prepared in fixtures before the journey starts.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from certification.models import Certificate, Endorsement, SupervisionLink
from certification.selectors import programme_default
from cms.models import User
from courses import services as learning
from courses.models import CoursePage, ModulePage, Quiz, QuizAttempt
from demo import content
from demo import practice as certification_demo
from demo import quizzes as demo_quizzes
from demo.site import demo_password
from tests.browser.accessibility import assert_accessible
from tests.browser.steps import (
    answer_key,
    answer_quiz_by_mouse,
    confirm_sign_up,
    sign_in,
    wrong_answers,
)
from tests.factories.cms import PASSWORD as ROBIN_PASSWORD
from tests.factories.cms import UserFactory

PASSWORD = "quiet-harbour-lantern-42"
FOUNDATIONS = content.courses()[0]


def sign_up(page, *, username: str, first_name: str) -> None:
    page.goto("/accounts/signup/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("First name").fill(first_name)
    page.get_by_label("E-mail address").fill(f"{username}@example.org")
    page.locator("#id_password1").fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    confirm_sign_up(page)
    expect(page.get_by_role("status")).to_contain_text(f"Welcome, {first_name}.")


def staff_sign_in(page, username: str) -> None:
    page.goto("/admin/login/")
    sign_in(page, username, demo_password(username))
    expect(page).to_have_url(re.compile(r"/admin/$"))


def take_the_quiz(page, title: str, *, passing: bool) -> None:
    """From a module page: go to its quiz, start an attempt, answer and see the result."""
    page.get_by_role("link", name="Go to the quiz").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    page.get_by_role("button", name=re.compile(r"^Start (the quiz|a new attempt)$")).click()
    answer_quiz_by_mouse(page, answer_key(title) if passing else wrong_answers(title))
    result = page.get_by_role("status").filter(has_text="%")
    if passing:
        expect(result).to_contain_text("You passed with 100%.")
    else:
        expect(result).to_contain_text("The pass mark is 80%.")


def advance_the_clock_past_the_cooldown(learner: User, title: str) -> None:
    # The one allowed shortcut: instead of waiting 10 minutes, the last attempt moves 11
    # minutes into the past (demo quizzes have cooldown_minutes=10).
    attempt = QuizAttempt.objects.filter(learner=learner, quiz__title=title).latest("pk")
    earlier = datetime.timedelta(minutes=11)
    QuizAttempt.objects.filter(pk=attempt.pk).update(
        started_at=attempt.started_at - earlier, submitted_at=attempt.submitted_at - earlier
    )


def complete_the_module(page, module: dict) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(module["title"])
    page.get_by_role("button", name="Mark as complete").click()
    done = f"“{module['title']}” is complete"
    if module is FOUNDATIONS["modules"][-1]:
        done = f"Well done: you have completed every module of “{FOUNDATIONS['title']}”."
    expect(page.get_by_role("status").filter(has_text=done)).to_be_visible()


def test_a_new_mentor_studies_fails_then_passes_and_logs_practice(
    page, media_in_tmp, demo, open_page
):
    # The new mentor signs up and enrols.
    sign_up(page, username="sky", first_name="Sky")
    sky = User.objects.get(username="sky")
    page.goto("/learn/")
    page.get_by_role("link", name=FOUNDATIONS["title"]).first.click()
    page.get_by_role("button", name="Enrol in this course").click()
    page.get_by_role("link", name="Start the first module").click()

    # The first module: its quiz must be passed before it can be marked complete.
    first = FOUNDATIONS["modules"][0]
    expect(page.get_by_role("heading", level=1)).to_have_text(first["title"])
    completion = page.locator(".completion")
    expect(completion).to_contain_text("You can mark this module complete when:")
    expect(page.get_by_role("button", name="Mark as complete")).to_have_count(0)
    assert_accessible(page)
    module_url = page.url

    title = first["quiz"]["title"]
    take_the_quiz(page, title, passing=False)
    assert_accessible(page)
    page.get_by_role("link", name="Back to the quiz").click()
    expect(page.get_by_text("Your next attempt opens at")).to_be_visible()
    expect(page.get_by_role("button", name="Start a new attempt")).to_have_count(0)
    assert_accessible(page)
    page.goto(module_url)
    expect(page.get_by_role("button", name="Mark as complete")).to_have_count(0)

    advance_the_clock_past_the_cooldown(sky, title)
    take_the_quiz(page, title, passing=True)
    page.goto(module_url)
    complete_the_module(page, first)

    # The other modules open in order; each quiz passes first time.
    for module in FOUNDATIONS["modules"][1:]:
        # Completing a module leads on to the next one.
        expect(page.get_by_role("heading", level=1)).to_have_text(module["title"])
        assert_accessible(page)
        module_url = page.url
        take_the_quiz(page, module["quiz"]["title"], passing=True)
        page.goto(module_url)
        complete_the_module(page, module)

    # The coordinator links the new mentor to a supervisor in the admin.
    coordinator = open_page()
    staff_sign_in(coordinator, "coordinator")
    coordinator.goto("/admin/supervisionlink/new/")
    coordinator.locator("#id_supervisor").select_option(
        str(User.objects.get(username="supervisor").pk)
    )
    coordinator.locator("#id_mentor").select_option(str(sky.pk))
    coordinator.locator("#id_start").fill(timezone.localdate().isoformat())
    # Close the date picker the way a person does: click somewhere else on the page. It opens
    # 100 ms after the field gains focus, so wait until it is open: a click before that would
    # close nothing and the picker would then open over the form.
    date_picker = coordinator.locator(".xdsoft_datetimepicker:visible")
    expect(date_picker).to_have_count(1)
    coordinator.locator("label[for='id_mentor']").click()
    expect(date_picker).to_have_count(0)
    coordinator.get_by_role("button", name=re.compile(r"^(Create|Save)$")).first.click()
    expect(coordinator.get_by_text("created")).to_be_visible()

    # The mentor logs a supervised practice session and submits it.
    page.goto("/practice/")
    assert_accessible(page)
    page.goto("/practice/new/")
    assert_accessible(page)
    page.get_by_label("Session date").fill(timezone.localdate().isoformat())
    page.get_by_label("Duration in minutes").fill("60")
    page.get_by_label("Setting").select_option("role_play")
    page.get_by_label("Active listening").check()
    page.get_by_label("Reflection").fill("Role-played a first meeting; I let silences sit longer.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Practice on")
    assert_accessible(page)
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("Waiting for your supervisor's review.")).to_be_visible()

    # "What is left": the course is done; practice minutes and the endorsement are not.
    page.goto("/certification/")
    expect(page.get_by_role("heading", name="What is left")).to_be_visible()
    checklist = page.locator(".checklist")
    expect(checklist.locator("li.met")).not_to_have_count(0)
    expect(checklist.locator("li.unmet")).not_to_have_count(0)
    assert_accessible(page)

    # The supervisor approves the session in the admin.
    supervisor = open_page()
    staff_sign_in(supervisor, "supervisor")
    supervisor.goto("/admin/practice_logs/")
    supervisor.get_by_role("link", name="Sky").first.click()
    expect(supervisor.get_by_text("Role-played a first meeting")).to_be_visible()
    assert_accessible(supervisor, "main")
    supervisor.get_by_role("button", name="Approve").click()
    expect(supervisor.get_by_role("status")).to_contain_text("Approved. The mentor has been told.")
    expect(supervisor.get_by_role("row", name=re.compile(r"^Sky "))).to_contain_text("Approved")

    page.goto("/practice/")
    expect(page.locator("main")).to_contain_text("Approved")


@pytest.fixture
def one_approval_away(media_in_tmp, public_address_is_live_server, demo):
    """Robin, before the journey: Foundations done with its quizzes passed, endorsed, and 1,080
    of the 1,200 practice minutes approved; the last 180 are submitted, waiting for review."""
    supervisor = User.objects.get(username="supervisor")
    now = timezone.now()
    robin = UserFactory(
        username="robin",
        first_name="Robin",
        last_name="Hale",
        role="Mentors",
        date_joined=now - datetime.timedelta(days=150),
    )
    today = timezone.localdate()
    SupervisionLink.objects.create(
        supervisor=supervisor, mentor=robin, start=today - datetime.timedelta(days=140)
    )
    course = CoursePage.objects.get(slug=FOUNDATIONS["slug"])
    learning.enrolment_create(learner=robin, course=course)
    for index, module in enumerate(ModulePage.objects.child_of(course).live().order_by("path")):
        quiz = Quiz.objects.get(pk=module.quiz_id)
        demo_quizzes.take(
            robin, quiz, correct=True, when=now - datetime.timedelta(days=130 - index)
        )
        learning.module_complete(learner=robin, module=module)
    competencies = {c.slug: c for c in certification_demo.Competency.objects.all()}
    logs = content.practice()["logs"]["certified"][:7]
    for position, entry in enumerate(logs):
        certification_demo.demo_log(
            mentor=robin,
            supervisor=supervisor,
            today=today,
            entry={**entry, "status": "submitted" if position == len(logs) - 1 else "approved"},
            competencies=competencies,
            log=lambda message: None,
        )
    programme = programme_default()
    Endorsement.objects.create(
        mentor=robin,
        programme=programme,
        supervisor=supervisor,
        endorsed_at=now - datetime.timedelta(days=10),
        statement="Safe, warm and boundaried in supervised sessions.",
    )
    assert not Certificate.objects.filter(holder=robin).exists()
    return robin


def test_the_supervisor_approves_the_last_session_and_the_certificate_appears(
    page, one_approval_away, open_page
):
    # The supervisor approves Robin's last submitted session in the admin.
    supervisor = open_page()
    staff_sign_in(supervisor, "supervisor")
    supervisor.get_by_role("link", name="Practice logs").first.click()
    supervisor.get_by_role("row", name=re.compile(r"^Robin Hale .* Submitted ")).get_by_role(
        "link", name="Robin Hale"
    ).click()
    expect(supervisor.get_by_role("button", name="Approve")).to_be_visible()
    assert_accessible(supervisor, "main")
    supervisor.get_by_role("button", name="Approve").click()
    expect(supervisor.get_by_role("status")).to_contain_text("Approved. The mentor has been told.")

    # Robin finds the certificate, downloads its PDF and opens the public check.
    page.goto("/accounts/login/")
    sign_in(page, "robin", ROBIN_PASSWORD)
    expect(page.get_by_text("Signed in as")).to_be_visible()
    page.goto("/certification/")
    expect(page.locator(".certificate-card")).to_contain_text("Certified")
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the PDF").click()
    pdf = download_info.value.path().read_bytes()
    assert pdf.startswith(b"%PDF-"), pdf[:20]

    page.get_by_role("link", name="Public verification page").click()
    expect(page).to_have_url(re.compile(r"/verify/[^/]+/$"))
    expect(page.locator("#verify-status")).to_contain_text("This certificate is valid today.")
    assert_accessible(page)
