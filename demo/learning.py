"""The demo's learning step: competencies, the referral directory, the course catalogue with
its courses (from demo/content/), the trainers' moderation workflow, the ``leadtrainer``
account and some progress for ``mentor`` and ``certified``.

Idempotent: existing rows and pages are left as they are (a trainer's edits survive a rerun).
"""

from collections.abc import Callable

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Page

from cms import roles
from cms.models import HomePage, Resource, ResourceDirectoryPage, User
from courses import services
from courses.models import Competency, CourseIndexPage, CoursePage, Enrolment, ModulePage
from courses.roles import LEAD_TRAINERS
from demo import content, quizzes
from demo.site import demo_password


def seed_competencies(*, log: Callable[[str], None]) -> dict[str, Competency]:
    for order, item in enumerate(content.competencies()):
        _competency, created = Competency.objects.get_or_create(
            slug=item["slug"],
            defaults={
                "name": item["name"],
                "description": item["description"],
                "sort_order": order,
            },
        )
        if created:
            log(f"Created competency {item['name']}.")
    return {competency.slug: competency for competency in Competency.objects.all()}


def seed_resources(*, log: Callable[[str], None]) -> None:
    for item in content.directory()["resources"]:
        _resource, created = Resource.objects.get_or_create(
            name=item["name"],
            defaults={
                "category": item["category"],
                "description": item["description"],
                "phone": item["phone"],
                "website": item["website"],
                "hours": item["hours"],
                "languages": ",".join(item["languages"]),
                "region": item["region"],
                "is_example": item["is_example"],
            },
        )
        if created:
            log(f"Created resource {item['name']}.")


def _publish_child(parent: Page, page: Page, *, log: Callable[[str], None]) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    log(f"Published page {page.title}.")
    return page


def seed_directory(*, home: HomePage, log: Callable[[str], None]) -> None:
    if ResourceDirectoryPage.objects.exists():
        return
    page = content.directory()
    _publish_child(
        home,
        ResourceDirectoryPage(title=page["title"], slug=page["slug"], intro=page["intro"]),
        log=log,
    )


def seed_courses(
    *, home: HomePage, competencies: dict[str, Competency], log: Callable[[str], None]
) -> CourseIndexPage:
    index = CourseIndexPage.objects.first()
    if index is None:
        page = content.catalogue()
        index = _publish_child(
            home,
            CourseIndexPage(title=page["title"], slug=page["slug"], intro=page["intro"]),
            log=log,
        )
    courses: dict[str, CoursePage] = {}
    for item in content.courses():
        course = CoursePage.objects.child_of(index).filter(slug=item["slug"]).first()
        if course is None:
            course = CoursePage(
                title=item["title"],
                slug=item["slug"],
                summary=item["summary"],
                learning_outcomes=[
                    {"type": "outcome", "value": outcome} for outcome in item["learning_outcomes"]
                ],
                estimated_minutes=item["estimated_minutes"],
                sequential=item["sequential"],
            )
            course.competencies = [competencies[slug] for slug in item["competencies"]]
            course.prerequisites = [courses[slug] for slug in item["prerequisites"]]
            _publish_child(index, course, log=log)
            for module_item in item["modules"]:
                module = ModulePage(
                    title=module_item["title"],
                    slug=module_item["slug"],
                    estimated_minutes=module_item["estimated_minutes"],
                    body=module_item["body"],
                )
                module.competencies = [competencies[slug] for slug in module_item["competencies"]]
                _publish_child(course, module, log=log)
        courses[item["slug"]] = course
    return index


def seed_lead_trainer(*, log: Callable[[str], None]) -> None:
    username = "leadtrainer"
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"email": f"{username}@example.org", "first_name": "Leah", "last_name": "Adeyemi"},
    )
    if created:
        user.set_password(demo_password(username))
        user.save(update_fields=["password"])
        log(f"Created demo account {username} / {demo_password(username)}.")
    user.groups.add(*Group.objects.filter(name__in=[roles.TRAINERS, LEAD_TRAINERS]))


def link_quizzes(*, by_module: dict, log: Callable[[str], None]) -> None:
    """Each demo module gets its quiz, published as a new revision (as a trainer would)."""
    for module in ModulePage.objects.filter(slug__in=list(by_module), quiz__isnull=True):
        module.quiz = by_module[module.slug]
        module.save_revision().publish()
        log(f"Linked {module.quiz.title} to {module.title}.")


def seed_progress(*, log: Callable[[str], None]) -> None:
    """``mentor`` is part-way through Foundations; ``certified`` has completed it."""
    foundations = CoursePage.objects.filter(slug=content.courses()[0]["slug"]).first()
    if foundations is None:
        return
    modules = list(ModulePage.objects.child_of(foundations).live().order_by("path"))
    plan = {"mentor": modules[:1], "certified": modules}
    for username, to_complete in plan.items():
        learner = User.objects.filter(username=username).first()
        if learner is None or Enrolment.objects.filter(learner=learner).exists():
            continue
        services.enrolment_create(learner=learner, course=foundations)
        for module in to_complete:
            services.module_complete(learner=learner, module=module)
        log(f"Recorded {username}'s progress in {foundations.title}.")


@transaction.atomic
def seed(*, log: Callable[[str], None]) -> None:
    competencies = seed_competencies(log=log)
    seed_resources(log=log)
    seed_lead_trainer(log=log)
    home = HomePage.objects.first()
    if home is None:
        return
    seed_directory(home=home, log=log)
    index = seed_courses(home=home, competencies=competencies, log=log)
    services.course_workflow_ensure(course_index=index)
    link_quizzes(by_module=quizzes.seed(log=log), log=log)
    seed_progress(log=log)
