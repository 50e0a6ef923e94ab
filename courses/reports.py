"""Trainer and coordinator reports: course completion, quiz item analysis and quiz outcomes,
all with CSV/XLSX export (Reports menu)."""

import django_filters
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from courses import selectors
from courses.models import CoursePage, Enrolment, Quiz


class CourseReportFilterSet(WagtailFilterSet):
    course = django_filters.ModelChoiceFilter(
        label=_("Course"),
        queryset=CoursePage.objects.order_by("title"),
        empty_label=_("All courses"),
        method="filter_course",
    )

    class Meta:
        model = CoursePage
        fields = ["course"]

    def filter_course(self, queryset, name, value):
        return queryset.filter(pk=value.pk) if value else queryset


class CourseReportView(ReportView):
    """Per course: how many enrolled, how many are still working through it, how many
    completed, and the median time from enrolment to completion."""

    page_title = _("Course completion")
    header_icon = "list-ul"
    index_url_name = "courses_admin:course_report"
    index_results_url_name = "courses_admin:course_report_results"
    filterset_class = CourseReportFilterSet
    permission_policy = ModelPermissionPolicy(Enrolment)
    permission_required = "view"
    paginate_by = 50
    verbose_name_plural = _("courses")

    columns = [
        TitleColumn(
            "title",
            label=_("Course"),
            url_name="wagtailadmin_pages:edit",
        ),
        Column("status", label=_("Status")),
        Column("enrolled", label=_("Enrolled")),
        Column("in_progress", label=_("In progress")),
        Column("completed", label=_("Completed")),
        Column("median_time_to_complete", label=_("Median time to complete")),
    ]
    list_export = [
        "title",
        "status",
        "enrolled",
        "in_progress",
        "completed",
        "median_minutes",
    ]
    export_headings = {
        "title": _("Course"),
        "status": _("Status"),
        "enrolled": _("Enrolled"),
        "in_progress": _("In progress (enrolled, not completed)"),
        "completed": _("Completed"),
        "median_minutes": _("Median minutes to complete"),
    }

    def get_queryset(self):
        return CoursePage.objects.annotate(
            enrolled_count=Count("enrolments"),
            completed_count=Count("enrolments", filter=Q(enrolments__completed_at__isnull=False)),
        ).order_by("path")

    def paginate_queryset(self, queryset, page_size):
        # The table is built from the page's objects, so they become report rows here.
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        page.object_list = self.decorate_paginated_queryset(object_list)
        return paginator, page, page.object_list, is_paginated

    def decorate_paginated_queryset(self, object_list):
        """Course pages -> report rows, with the medians of the whole list in one query."""
        courses = list(object_list)
        if courses and isinstance(courses[0], selectors.CourseReportRow):
            return courses
        medians = selectors.completion_median_minutes(course_ids=[c.pk for c in courses])
        return [
            selectors.CourseReportRow(
                course=course,
                enrolled=course.enrolled_count,
                completed=course.completed_count,
                median_minutes=(round(medians[course.pk], 1) if course.pk in medians else None),
            )
            for course in courses
        ]


class QuizFilterSet(WagtailFilterSet):
    quiz = django_filters.ModelChoiceFilter(
        queryset=Quiz.objects.all(), label=_("Quiz"), method="filter_quiz", empty_label=None
    )

    class Meta:
        model = Quiz
        fields = []

    def filter_quiz(self, queryset, name, value):
        return queryset.filter(pk=value.pk) if value else queryset


class QuizReportMixin:
    model = Quiz
    any_permission_required = ["change", "view"]
    filterset_class = QuizFilterSet

    def get_queryset(self):
        return Quiz.objects.order_by("title")

    def selected_quiz(self) -> Quiz | None:
        queryset = self.filter_queryset(self.get_queryset())
        return (
            queryset.first()
            if self.filters and self.filters.form.cleaned_data.get("quiz")
            else None
        )


class QuizItemAnalysisReport(QuizReportMixin, ReportView):
    """Per question: served, facility, discrimination and how often each option was chosen."""

    page_title = _("Quiz item analysis")
    header_icon = "help"
    index_url_name = "courses_admin:quiz_item_analysis"
    index_results_url_name = "courses_admin:quiz_item_analysis_results"
    results_template_name = "courses/reports/item_analysis_results.html"
    paginate_by = None
    columns = [
        Column("prompt", label=_("Question")),
        Column("competency", label=_("Competency")),
        Column("served", label=_("Times served")),
        Column("facility_percent", label=_("Facility (% correct)")),
        Column("discrimination_display", label=_("Discrimination (point-biserial)")),
        Column("options_display", label=_("Options chosen")),
    ]
    list_export = [
        "prompt",
        "competency",
        "critical",
        "served",
        "correct",
        "facility",
        "discrimination",
        "options_display",
    ]
    export_headings = {
        "prompt": _("Question"),
        "competency": _("Competency"),
        "critical": _("Safety-critical"),
        "served": _("Times served"),
        "correct": _("Answered correctly"),
        "facility": _("Facility"),
        "discrimination": _("Discrimination"),
        "options_display": _("Options chosen"),
    }
    export_filename = "quiz-item-analysis"

    def get_filtered_queryset(self):
        quiz = self.selected_quiz() or self.get_queryset().first()
        self.quiz = quiz
        return selectors.quiz_item_analysis(quiz=quiz) if quiz else []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["quiz"] = getattr(self, "quiz", None)
        context["summary"] = selectors.quiz_summary(quiz=self.quiz) if self.quiz else None
        return context


class QuizOutcomesReport(QuizReportMixin, ReportView):
    """Per quiz: attempts, learners, pass rate and the score distribution."""

    page_title = _("Quiz outcomes")
    header_icon = "form"
    index_url_name = "courses_admin:quiz_outcomes"
    index_results_url_name = "courses_admin:quiz_outcomes_results"
    results_template_name = "courses/reports/outcomes_results.html"
    filterset_class = None
    columns = [
        Column("quiz", label=_("Quiz")),
        Column("attempts", label=_("Attempts")),
        Column("learners", label=_("Learners")),
        Column("pass_rate_percent", label=_("Pass rate")),
    ]
    list_export = ["quiz.title", "attempts", "learners", "passed", "pass_rate", "distribution"]
    export_headings = {
        "quiz.title": _("Quiz"),
        "attempts": _("Attempts"),
        "learners": _("Learners"),
        "passed": _("Passing attempts"),
        "pass_rate": _("Pass rate"),
        "distribution": _("Scores in bands of 10%"),
    }
    export_filename = "quiz-outcomes"
    # The distribution is a list of counts: Wagtail joins lists as text, which fails on numbers
    # (a 500 for XLSX, a CSV cut off after its header row), so it is joined here.
    custom_field_preprocess = {
        "distribution": {
            fmt: (lambda counts: ", ".join(str(count) for count in counts))
            for fmt in ReportView.FORMATS
        }
    }

    def get_filtered_queryset(self):
        return [selectors.quiz_summary(quiz=quiz) for quiz in self.get_queryset()]
