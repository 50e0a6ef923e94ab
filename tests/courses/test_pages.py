"""The course page tree: where each type may live, creation through the admin with nested
StreamField data, preview and revisions for every page type."""

from django.core.cache import cache
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.models import HomePage, ResourceDirectoryPage, StandardPage
from courses import services
from courses.models import Competency, CourseIndexPage, CoursePage, ModulePage
from tests.factories.courses import (
    LESSON_BODY,
    CourseIndexPageFactory,
    CoursePageFactory,
    ModulePageFactory,
    ResourceFactory,
)


def list_block(values):
    """Form data of a ListBlock (use inside nested_form_data)."""
    items = {
        str(index): {"value": value, "deleted": "", "order": str(index), "id": ""}
        for index, value in enumerate(values)
    }
    return {"count": str(len(values)), **items}


def edit_data(page) -> dict:
    """Form data for the page's edit/preview views (StreamFields are rendered by JavaScript,
    so Wagtail cannot read them from the HTML)."""
    data = {"title": page.title, "slug": page.slug}
    if isinstance(page, CourseIndexPage):
        data["intro"] = rich_text("<p>All courses.</p>")
    elif isinstance(page, CoursePage):
        data.update(
            summary=page.summary,
            estimated_minutes=str(page.estimated_minutes),
            learning_outcomes=streamfield([("outcome", "Listen well.")]),
        )
    elif isinstance(page, ModulePage):
        data.update(
            estimated_minutes=str(page.estimated_minutes),
            body=streamfield(
                [
                    ("heading", {"text": "Previewed heading", "level": "h2"}),
                    ("reflection", {"prompt": "What did you notice?", "guidance": ""}),
                    ("quiz", {}),
                ]
            ),
        )
    elif isinstance(page, ResourceDirectoryPage):
        data["intro"] = rich_text("<p>Services.</p>")
    return nested_form_data(data)


class CoursePageTreeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        cls.home = HomePage(title="Home", slug="test-home")
        root.add_child(instance=cls.home)
        Site.objects.filter(is_default_site=True).update(root_page=cls.home)
        cls.index = CourseIndexPageFactory(parent=cls.home, slug="courses")
        cls.course = CoursePageFactory(parent=cls.index, slug="foundations")
        cls.module = ModulePageFactory(parent=cls.course, slug="listening", body=LESSON_BODY)
        cls.listening = Competency.objects.create(name="Listening", slug="listening")

    def setUp(self):
        cache.clear()
        self.user = self.login()

    def test_allowed_parents_and_children(self):
        self.assertAllowedParentPageTypes(CourseIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(CourseIndexPage, {CoursePage})
        self.assertAllowedParentPageTypes(CoursePage, {CourseIndexPage})
        self.assertAllowedSubpageTypes(CoursePage, {ModulePage})
        self.assertAllowedParentPageTypes(ModulePage, {CoursePage})
        self.assertAllowedSubpageTypes(ModulePage, set())
        self.assertAllowedSubpageTypes(
            HomePage, {StandardPage, ResourceDirectoryPage, CourseIndexPage}
        )
        self.assertAllowedParentPageTypes(ResourceDirectoryPage, {HomePage})
        self.assertAllowedSubpageTypes(ResourceDirectoryPage, set())
        self.assertCanNotCreateAt(StandardPage, ModulePage)
        self.assertCanNotCreateAt(HomePage, ModulePage)
        self.assertCanNotCreateAt(CourseIndexPage, ModulePage)

    def test_create_a_course_index(self):
        self.assertCanCreate(
            self.home,
            CourseIndexPage,
            nested_form_data(
                {"title": "Training", "slug": "training", "intro": rich_text("<p>Learn.</p>")}
            ),
        )
        self.assertEqual(self.client.get("/training/").status_code, 200)

    def test_create_a_course_with_outcomes_competencies_and_prerequisites(self):
        data = nested_form_data(
            {
                "title": "Going further",
                "slug": "going-further",
                "summary": "After Foundations.",
                "estimated_minutes": "90",
                "sequential": "on",
                "learning_outcomes": streamfield(
                    [("outcome", "Share your story safely."), ("outcome", "Set small goals.")]
                ),
            }
        )
        data["competencies"] = [str(self.listening.pk)]
        data["prerequisites"] = [str(self.course.pk)]
        self.assertCanCreate(self.index, CoursePage, data)
        course = CoursePage.objects.get(slug="going-further")
        self.assertEqual(
            [block.value for block in course.learning_outcomes],
            [
                "Share your story safely.",
                "Set small goals.",
            ],
        )
        self.assertEqual(list(course.competencies.all()), [self.listening])
        self.assertEqual(list(course.prerequisites.all()), [self.course.page_ptr.specific])
        html = self.client.get(course.url).content.decode()
        self.assertIn("Set small goals.", html)
        self.assertIn("Listening", html)

    def test_create_a_module_with_every_lesson_block(self):
        data = nested_form_data(
            {
                "title": "Boundaries",
                "slug": "boundaries",
                "estimated_minutes": "35",
                "body": streamfield(
                    [
                        ("heading", {"text": "What boundaries are for", "level": "h2"}),
                        ("rich_text", rich_text("<p>The agreed limits of the role.</p>")),
                        (
                            "callout",
                            {
                                "kind": "content_note",
                                "title": "Difficult material",
                                "text": rich_text("<p>This part mentions self-harm.</p>"),
                            },
                        ),
                        (
                            "scenario",
                            {
                                "title": "Late-night messages",
                                "situation": rich_text("<p>Priya texts at midnight.</p>"),
                                "prompts": list_block(["What is going on for Jo?"]),
                            },
                        ),
                        (
                            "role_play",
                            {
                                "title": "Saying no kindly",
                                "roles": list_block(
                                    [
                                        {"name": "Mentor", "brief": "Decline warmly."},
                                        {"name": "Mentee", "brief": "Ask for a loan."},
                                    ]
                                ),
                                "brief": rich_text("<p>Work in pairs.</p>"),
                                "debrief_questions": list_block(["How did the refusal feel?"]),
                            },
                        ),
                        (
                            "reflection",
                            {"prompt": "Which boundary is hardest for you?", "guidance": ""},
                        ),
                        (
                            "resource_links",
                            {"title": "Where to turn", "intro": "Groups nearby."},
                        ),
                        ("quiz", {}),
                    ]
                ),
            }
        )
        data["body-6-value-categories"] = ["peer_support_group", "crisis_line"]
        data["competencies"] = [str(self.listening.pk)]
        self.assertCanCreate(self.course, ModulePage, data)
        module = ModulePage.objects.get(slug="boundaries")
        self.assertEqual(
            [block.block_type for block in module.body],
            [
                "heading",
                "rich_text",
                "callout",
                "scenario",
                "role_play",
                "reflection",
                "resource_links",
                "quiz",
            ],
        )
        role_play = module.body[4].value
        self.assertEqual([role["name"] for role in role_play["roles"]], ["Mentor", "Mentee"])
        self.assertEqual(
            list(module.body[6].value["categories"]), ["peer_support_group", "crisis_line"]
        )
        self.assertEqual(len(module.reflection_block_ids()), 1)

    def test_a_module_takes_at_most_one_quiz(self):
        data = nested_form_data(
            {
                "title": "Two quizzes",
                "slug": "two-quizzes",
                "estimated_minutes": "10",
                "body": streamfield([("quiz", {}), ("quiz", {})]),
            }
        )
        response = self.client.post(f"/admin/pages/add/courses/modulepage/{self.course.pk}/", data)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(ModulePage.objects.filter(slug="two-quizzes").exists())

    def test_every_page_type_previews(self):
        ResourceFactory()
        directory = ResourceDirectoryPage(title="Directory", slug="directory")
        self.home.add_child(instance=directory)
        for page in [self.index, self.course, self.module, directory]:
            with self.subTest(page=type(page).__name__):
                self.assertPageIsPreviewable(page, post_data=edit_data(page))

    def test_every_page_type_is_editable_and_keeps_revisions(self):
        for page in [self.index, self.course, self.module]:
            with self.subTest(page=type(page).__name__):
                before = page.revisions.count()
                self.assertPageIsEditable(page, post_data=edit_data(page))
                self.assertGreater(page.revisions.count(), before)

    def test_module_preview_shows_the_lesson_without_an_enrolment(self):
        preview_url = f"/admin/pages/{self.module.pk}/edit/preview/"
        response = self.client.post(preview_url, edit_data(self.module))
        self.assertEqual(response.json(), {"is_valid": True, "is_available": True})
        html = self.client.get(preview_url).content.decode()
        self.assertIn("Previewed heading", html)
        self.assertIn("Preview: learners see their progress", html)

    def test_routing_reaches_every_page_type(self):
        self.assertPageIsRoutable(self.index)
        self.assertPageIsRoutable(self.course)
        self.assertPageIsRoutable(self.module)
        self.assertPageIsRenderable(self.index)
        self.assertPageIsRenderable(self.course)
        services.enrolment_create(learner=self.user, course=self.course)
        self.assertPageIsRenderable(self.module)
