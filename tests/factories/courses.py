"""Factories for the course tree, progress and the referral directory.

Pages are created under a catalogue under the default site's root page, so they have URLs.
"""

import factory
from wagtail.models import Page, Site

from cms.models import Resource
from courses.models import (
    Competency,
    CourseIndexPage,
    CoursePage,
    Enrolment,
    ModuleCompletion,
    ModulePage,
    ReflectionAnswer,
)
from tests.factories.cms import UserFactory

LESSON_BODY = [
    {"type": "heading", "value": {"text": "Why listening comes first", "level": "h2"}},
    {"type": "rich_text", "value": "<p>Attention the other person can notice.</p>"},
    {
        "type": "callout",
        "value": {"kind": "safety", "title": "Stay safe", "text": "<p>Call for help.</p>"},
    },
    {
        "type": "scenario",
        "value": {
            "title": "A quiet first meeting",
            "situation": "<p>Sam gives short answers.</p>",
            "prompts": ["What might lie behind the short answers?"],
        },
    },
    {
        "type": "role_play",
        "value": {
            "title": "Reflect before you respond",
            "roles": [
                {"name": "Mentor", "brief": "Listen with open questions."},
                {"name": "Mentee", "brief": "Talk about a low-stakes frustration."},
            ],
            "brief": "<p>Work in threes.</p>",
            "debrief_questions": ["When did you feel most heard?"],
        },
    },
    {
        "type": "reflection",
        "id": "reflection-1",
        "value": {"prompt": "Who listened to you well?", "guidance": "A few lines."},
    },
    {
        "type": "resource_links",
        "value": {"title": "More support", "intro": "", "categories": ["crisis_line"]},
    },
    {"type": "quiz", "value": {}},
]


def default_home() -> Page:
    return Site.objects.get(is_default_site=True).root_page


class CompetencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Competency
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Competency {n}")
    slug = factory.Sequence(lambda n: f"competency-{n}")


class PageFactory(factory.Factory):
    """Builds a page and adds it under ``parent`` (published unless ``live=False``)."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        page = model_class(*args, **kwargs)
        if parent is None:
            parent = cls._default_parent()
        parent.add_child(instance=page)
        return page


class CourseIndexPageFactory(PageFactory):
    class Meta:
        model = CourseIndexPage

    title = "Courses"
    slug = factory.Sequence(lambda n: f"courses-{n}")

    @staticmethod
    def _default_parent():
        return default_home()


class CoursePageFactory(PageFactory):
    class Meta:
        model = CoursePage

    title = factory.Sequence(lambda n: f"Course {n}")
    slug = factory.Sequence(lambda n: f"course-{n}")
    summary = "A course for peer mentors."
    estimated_minutes = 60
    sequential = True

    @staticmethod
    def _default_parent():
        return CourseIndexPageFactory()


class ModulePageFactory(PageFactory):
    class Meta:
        model = ModulePage

    title = factory.Sequence(lambda n: f"Module {n}")
    slug = factory.Sequence(lambda n: f"module-{n}")
    estimated_minutes = 20
    body = factory.LazyFunction(lambda: [{"type": "rich_text", "value": "<p>The lesson text.</p>"}])

    @staticmethod
    def _default_parent():
        return CoursePageFactory()


def course_with_modules(*, count: int = 3, parent=None, **course_fields):
    """A published course with ``count`` published modules, in order."""
    course = (
        CoursePageFactory(parent=parent, **course_fields)
        if parent
        else CoursePageFactory(**course_fields)
    )
    modules = [ModulePageFactory(parent=course) for _ in range(count)]
    return course, modules


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    learner = factory.SubFactory(UserFactory, role="Mentors")
    course = factory.SubFactory(CoursePageFactory)


class ModuleCompletionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ModuleCompletion

    learner = factory.SubFactory(UserFactory, role="Mentors")
    module = factory.SubFactory(ModulePageFactory)


class ReflectionAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReflectionAnswer

    learner = factory.SubFactory(UserFactory, role="Mentors")
    module = factory.SubFactory(ModulePageFactory)
    block_id = "reflection-1"
    text = "Someone who did not rush me."


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    name = factory.Sequence(lambda n: f"Support line {n}")
    category = Resource.Category.CRISIS_LINE
    description = "Listening support at any hour."
    phone = "0800 000 000"
    website = "https://example.org/support"
    hours = "24 hours"
    languages = "en"
    region = "Example City"
    is_example = True
