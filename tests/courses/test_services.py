import pytest
from django.db import IntegrityError, transaction

from courses import selectors, services, signals
from courses.models import Enrolment, ModuleCompletion, ReflectionAnswer
from tests.factories import UserFactory
from tests.factories.courses import (
    LESSON_BODY,
    CoursePageFactory,
    ModulePageFactory,
    course_with_modules,
)

pytestmark = pytest.mark.django_db


def test_enrol_creates_one_enrolment(mentor, course):
    course_page, _modules = course
    enrolment = services.enrolment_create(learner=mentor, course=course_page)
    assert enrolment.learner == mentor
    assert enrolment.completed_at is None
    assert Enrolment.objects.count() == 1


def test_enrolling_twice_is_refused_and_writes_nothing(mentor, course):
    course_page, _modules = course
    services.enrolment_create(learner=mentor, course=course_page)
    with pytest.raises(services.LearningError, match="already enrolled") as error:
        services.enrolment_create(learner=mentor, course=course_page)
    assert error.value.code == "already_enrolled"
    assert Enrolment.objects.count() == 1


def test_the_database_allows_one_enrolment_per_learner_and_course(mentor, course):
    course_page, _modules = course
    Enrolment.objects.create(learner=mentor, course=course_page)
    with pytest.raises(IntegrityError), transaction.atomic():
        Enrolment.objects.create(learner=mentor, course=course_page)


def test_cannot_enrol_in_an_unpublished_course(mentor, course):
    course_page, _modules = course
    course_page.unpublish()
    with pytest.raises(services.LearningError, match="not open for enrolment"):
        services.enrolment_create(learner=mentor, course=course_page)
    assert not Enrolment.objects.exists()


def test_prerequisites_must_be_completed_first_and_are_named(mentor, course):
    first, modules = course
    second = CoursePageFactory(parent=first.get_parent(), title="Going further")
    second.prerequisites = [first]
    second.save()

    with pytest.raises(services.LearningError, match=f"Complete “{first.title}”"):
        services.enrolment_create(learner=mentor, course=second)
    assert not Enrolment.objects.filter(course=second).exists()

    services.enrolment_create(learner=mentor, course=first)
    for module in modules:
        services.module_complete(learner=mentor, module=module)
    assert services.enrolment_create(learner=mentor, course=second).course == second


def test_an_unpublished_prerequisite_is_not_required(mentor, course):
    first, _modules = course
    second = CoursePageFactory(parent=first.get_parent())
    second.prerequisites = [first]
    second.save()
    first.unpublish()
    assert services.enrolment_create(learner=mentor, course=second)


def test_completing_modules_updates_progress_and_completes_the_course(mentor, course):
    course_page, modules = course
    enrolment = services.enrolment_create(learner=mentor, course=course_page)

    outcome = services.module_complete(learner=mentor, module=modules[0])
    assert outcome.created and not outcome.course_completed
    progress = selectors.course_progress(course=course_page, learner=mentor)
    assert (progress.completed_count, progress.total, progress.percent) == (1, 3, 33)
    assert not progress.is_complete

    services.module_complete(learner=mentor, module=modules[1])
    outcome = services.module_complete(learner=mentor, module=modules[2])
    assert outcome.course_completed
    enrolment.refresh_from_db()
    assert enrolment.completed_at == outcome.completion.completed_at
    progress = selectors.course_progress(course=course_page, learner=mentor)
    assert progress.percent == 100 and progress.is_complete and progress.next_step is None


def test_completing_again_changes_nothing(mentor, course):
    course_page, modules = course
    services.enrolment_create(learner=mentor, course=course_page)
    first = services.module_complete(learner=mentor, module=modules[0])
    again = services.module_complete(learner=mentor, module=modules[0])
    assert not again.created
    assert again.completion.pk == first.completion.pk
    assert ModuleCompletion.objects.count() == 1


def test_the_database_allows_one_completion_per_learner_and_module(mentor, course):
    _course_page, modules = course
    ModuleCompletion.objects.create(learner=mentor, module=modules[0])
    with pytest.raises(IntegrityError), transaction.atomic():
        ModuleCompletion.objects.create(learner=mentor, module=modules[0])


def test_a_locked_module_cannot_be_completed_and_says_what_to_finish(mentor, course):
    course_page, modules = course
    services.enrolment_create(learner=mentor, course=course_page)
    with pytest.raises(services.LearningError) as error:
        services.module_complete(learner=mentor, module=modules[1])
    assert error.value.code == "blocked"
    assert f"finish “{modules[0].title}”" in error.value.message
    assert not ModuleCompletion.objects.exists()


def test_modules_in_free_order_are_never_locked(mentor, course):
    course_page, modules = course
    course_page.sequential = False
    course_page.save_revision().publish()
    services.enrolment_create(learner=mentor, course=course_page)
    assert services.module_complete(learner=mentor, module=modules[2]).created
    progress = selectors.course_progress(course=course_page, learner=mentor)
    assert not any(step.locked for step in progress.steps)


def test_sequential_lock_opens_one_module_at_a_time(mentor, course):
    course_page, modules = course
    services.enrolment_create(learner=mentor, course=course_page)
    progress = selectors.course_progress(course=course_page, learner=mentor)
    assert [step.locked for step in progress.steps] == [False, True, True]
    assert progress.steps[2].lock_reason == (
        f"This module opens when you finish “{modules[0].title}”."
    )
    services.module_complete(learner=mentor, module=modules[0])
    progress = selectors.course_progress(course=course_page, learner=mentor)
    assert [step.locked for step in progress.steps] == [False, False, True]


def test_completing_without_an_enrolment_is_refused(mentor, course):
    _course_page, modules = course
    with pytest.raises(services.LearningError, match="Enrol in") as error:
        services.module_complete(learner=mentor, module=modules[0])
    assert error.value.code == "not_enrolled"
    assert not ModuleCompletion.objects.exists()


def test_completing_a_module_of_another_course_is_refused(mentor, course):
    course_page, _modules = course
    services.enrolment_create(learner=mentor, course=course_page)
    _other, other_modules = course_with_modules(count=1)
    with pytest.raises(services.LearningError, match="Enrol in"):
        services.module_complete(learner=mentor, module=other_modules[0])
    assert not ModuleCompletion.objects.exists()


def test_completing_an_unpublished_module_is_refused(mentor, course):
    course_page, modules = course
    services.enrolment_create(learner=mentor, course=course_page)
    modules[0].unpublish()
    with pytest.raises(services.LearningError, match="not published") as error:
        services.module_complete(learner=mentor, module=modules[0])
    assert error.value.code == "unpublished"
    assert not ModuleCompletion.objects.exists()


def test_completing_a_module_of_an_unpublished_course_is_refused(mentor, course):
    course_page, modules = course
    services.enrolment_create(learner=mentor, course=course_page)
    course_page.unpublish()  # modules stay live
    modules[0].refresh_from_db()
    with pytest.raises(services.LearningError, match="not published"):
        services.module_complete(learner=mentor, module=modules[0])
    assert not ModuleCompletion.objects.exists()


def test_unpublished_modules_do_not_count_towards_completion(mentor, course):
    course_page, modules = course
    services.enrolment_create(learner=mentor, course=course_page)
    modules[2].unpublish()
    services.module_complete(learner=mentor, module=modules[0])
    assert services.module_complete(learner=mentor, module=modules[1]).course_completed


def test_signals_are_sent_after_commit_with_ids(mentor, course, django_capture_on_commit_callbacks):
    course_page, modules = course
    received = []

    def on_module(sender, **kwargs):
        received.append(("module", kwargs))

    def on_course(sender, **kwargs):
        received.append(("course", kwargs))

    signals.module_completed.connect(on_module)
    signals.course_completed.connect(on_course)
    try:
        course_page.sequential = False
        course_page.save_revision().publish()
        enrolment = services.enrolment_create(learner=mentor, course=course_page)
        services.module_complete(learner=mentor, module=modules[0])
        services.module_complete(learner=mentor, module=modules[1])
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            services.module_complete(learner=mentor, module=modules[2])
        assert [kind for kind, _kwargs in received] == []
        for callback in callbacks:
            callback()
    finally:
        signals.module_completed.disconnect(on_module)
        signals.course_completed.disconnect(on_course)
    assert received == [
        (
            "module",
            {
                "signal": signals.module_completed,
                "learner_id": mentor.pk,
                "module_id": modules[2].pk,
                "course_id": course_page.pk,
            },
        ),
        (
            "course",
            {
                "signal": signals.course_completed,
                "learner_id": mentor.pk,
                "course_id": course_page.pk,
                "enrolment_id": enrolment.pk,
            },
        ),
    ]


def test_resume_goes_to_the_last_unfinished_module_opened(mentor, course):
    course_page, modules = course
    course_page.sequential = False
    course_page.save_revision().publish()
    enrolment = services.enrolment_create(learner=mentor, course=course_page)
    progress = selectors.course_progress(course=course_page, learner=mentor)
    assert progress.next_step.id == modules[0].pk and not progress.is_resuming

    services.enrolment_resume_record(enrolment=enrolment, module=modules[2])
    progress = selectors.course_progress(course=course_page, learner=mentor)
    assert progress.next_step.id == modules[2].pk and progress.is_resuming

    services.module_complete(learner=mentor, module=modules[2])
    progress = selectors.course_progress(course=course_page, learner=mentor)
    assert progress.next_step.id == modules[0].pk


def test_completion_blockers_are_the_hook_for_later_requirements(mentor, course):
    course_page, modules = course
    services.enrolment_create(learner=mentor, course=course_page)
    progress = selectors.course_progress(course=course_page, learner=mentor)
    assert (
        selectors.module_completion_blockers(learner=mentor, module=modules[0], progress=progress)
        == []
    )
    assert selectors.module_completion_blockers(
        learner=mentor, module=modules[1], progress=progress
    ) == [progress.steps[1].lock_reason]


def test_reflection_save_keeps_one_private_answer_per_prompt(mentor, course):
    course_page, _modules = course
    module = ModulePageFactory(parent=course_page, body=LESSON_BODY)
    course_page.sequential = False
    course_page.save_revision().publish()
    services.enrolment_create(learner=mentor, course=course_page)
    services.reflection_save(learner=mentor, module=module, block_id="reflection-1", text=" One ")
    answer = services.reflection_save(
        learner=mentor, module=module, block_id="reflection-1", text="Two"
    )
    assert answer.text == "Two"
    assert ReflectionAnswer.objects.get().text == "Two"


@pytest.mark.parametrize(
    ("block_id", "text", "code"),
    [
        ("no-such-prompt", "An answer", "unknown_prompt"),
        ("reflection-1", "   ", "empty"),
        ("reflection-1", "x" * 5001, "too_long"),
    ],
)
def test_reflection_bad_input_is_refused(mentor, course, block_id, text, code):
    course_page, _modules = course
    module = ModulePageFactory(parent=course_page, body=LESSON_BODY)
    course_page.sequential = False
    course_page.save_revision().publish()
    services.enrolment_create(learner=mentor, course=course_page)
    with pytest.raises(services.LearningError) as error:
        services.reflection_save(learner=mentor, module=module, block_id=block_id, text=text)
    assert error.value.code == code
    assert not ReflectionAnswer.objects.exists()


def test_reflection_needs_an_enrolment(course):
    course_page, _modules = course
    module = ModulePageFactory(parent=course_page, body=LESSON_BODY)
    outsider = UserFactory(role="Mentors")
    with pytest.raises(services.LearningError, match="Enrol in"):
        services.reflection_save(learner=outsider, module=module, block_id="reflection-1", text="x")
    assert not ReflectionAnswer.objects.exists()
