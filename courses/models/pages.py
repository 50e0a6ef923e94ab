"""The course page tree: CourseIndexPage -> CoursePage -> ModulePage.

Course overviews are public. Module bodies need a signed-in, enrolled learner; the gate is in
``courses.views.learning.module_page_serve`` so that the page model stays declarative.
"""

from django import forms
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from cms.blocks import RICH_TEXT_FEATURES
from cms.compat import remember_parent_page
from courses.blocks import ModuleBodyBlock


def _view_restrictions_exist(course):
    """An expression for "some view restriction applies to this child module": on the module,
    on the course or any ancestor, or on the source page of an ancestor that is an alias."""
    steplen = course.steplen
    ancestor_paths = [course.path[:end] for end in range(steplen, len(course.path) + 1, steplen)]
    return Exists(
        PageViewRestriction.objects.filter(
            Q(page_id=OuterRef("pk"))
            | Q(page_id=OuterRef("alias_of_id"))
            | Q(page__path__in=ancestor_paths)
            | Q(page__aliases__path__in=ancestor_paths)
        )
    )


def route_to_child(page, request, path_components, children):
    """Route on through the child of ``page`` whose slug comes next, read from ``children`` (its
    specific children: one query instead of Page and then .specific) and told its parent, so
    neither costs a query later; None when there is no such child (Wagtail answers then)."""
    if not path_components:
        return None
    child = children.filter(slug=path_components[0]).first()
    if child is None:
        return None
    remember_parent_page(child, page)
    return child.route(request, path_components[1:])


class CourseIndexPage(Page):
    """The course catalogue."""

    intro = RichTextField(features=RICH_TEXT_FEATURES, blank=True, verbose_name=_("introduction"))

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["courses.CoursePage"]

    class Meta:
        verbose_name = _("course index page")

    def route(self, request, path_components):
        # One query for the specific course instead of Page + .specific (module pages sit
        # three levels down and have a query budget).
        routed = route_to_child(self, request, path_components, CoursePage.objects.child_of(self))
        return routed or super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import course_catalogue  # cycle: selectors read these models

        context = super().get_context(request, *args, **kwargs)
        context["courses"] = course_catalogue(index=self, learner=request.user)
        return context


class CoursePage(Page):
    """A course: an ordered set of modules with outcomes, prerequisites and competencies."""

    summary = models.TextField(_("summary"), max_length=600)
    learning_outcomes = StreamField(
        [("outcome", blocks.CharBlock(max_length=300, label=_("Outcome"), icon="tick"))],
        blank=True,
        verbose_name=_("learning outcomes"),
        help_text=_("What a learner can do after the course, one outcome per item."),
    )
    estimated_minutes = models.PositiveIntegerField(
        _("estimated minutes"), default=60, help_text=_("Total study time, roughly.")
    )
    competencies = ParentalManyToManyField(
        "courses.Competency",
        blank=True,
        related_name="courses",
        verbose_name=_("competencies covered"),
    )
    prerequisites = ParentalManyToManyField(
        "courses.CoursePage",
        blank=True,
        symmetrical=False,
        related_name="required_by",
        verbose_name=_("prerequisite courses"),
        help_text=_("Learners must complete these courses before they can enrol."),
    )
    sequential = models.BooleanField(
        _("modules in order"),
        default=True,
        help_text=_("Each module opens only when the one before it is complete."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("image"),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("learning_outcomes"),
        MultiFieldPanel(
            [
                FieldPanel("estimated_minutes"),
                FieldPanel("sequential"),
                FieldPanel("competencies", widget=forms.CheckboxSelectMultiple),
                FieldPanel("prerequisites"),
            ],
            heading=_("How the course runs"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("learning_outcomes"),
    ]

    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage"]
    # Routing to a course or module is the same for every visitor (see HomePage.route).
    route_cacheable = True

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def route(self, request, path_components):
        # One query for the specific module (see CourseIndexPage.route), which also tells
        # whether any page view restriction applies, so an unrestricted module (the usual
        # case) needs no further query for them. Nothing here depends on who asks: the home
        # page caches the result (route_cacheable).
        modules = (
            ModulePage.objects.child_of(self)
            .select_related("quiz")
            .annotate(has_view_restrictions=_view_restrictions_exist(self))
        )
        return route_to_child(self, request, path_components, modules) or super().route(
            request, path_components
        )

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import course_overview  # cycle: selectors read these models

        context = super().get_context(request, *args, **kwargs)
        context.update(course_overview(course=self, learner=request.user))
        return context


class ModulePage(Page):
    """One lesson of a course. Its body is a StreamField of lesson blocks."""

    estimated_minutes = models.PositiveIntegerField(_("estimated minutes"), default=20)
    competencies = ParentalManyToManyField(
        "courses.Competency",
        blank=True,
        related_name="modules",
        verbose_name=_("competencies covered"),
    )
    body = StreamField(ModuleBodyBlock(), verbose_name=_("lesson"))
    quiz = models.ForeignKey(
        "courses.Quiz",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="modules",
        verbose_name=_("quiz"),
        help_text=_("Learners must pass this quiz to complete the module."),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("estimated_minutes"),
                FieldPanel("competencies", widget=forms.CheckboxSelectMultiple),
                FieldPanel("quiz"),
            ],
            heading=_("About this module"),
        ),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("body")]

    parent_page_types = ["courses.CoursePage"]
    subpage_types = []
    route_cacheable = True  # see HomePage.route

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    @property
    def has_quiz_block(self) -> bool:
        """Whether the body places the quiz itself (else the page shows it after the lesson).
        Read from the raw data: no block is converted for this."""
        return any(item.get("type") == "quiz" for item in self.body.raw_data)

    def get_view_restrictions(self):
        if getattr(self, "has_view_restrictions", None) is False:
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def serve(self, request, *args, **kwargs):
        from courses.views.learning import module_page_serve  # cycle: views use these models

        return module_page_serve(request, self, *args, **kwargs)

    def reflection_block_ids(self) -> list[str]:
        """Ids of the reflection prompts in the body, read from the raw data (no queries)."""
        ids = []
        for item in self.body.raw_data:
            if item.get("type") == "reflection" and item.get("id") and item["id"] not in ids:
                ids.append(item["id"])
        return ids
