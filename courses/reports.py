"""Trainers' and coordinators' course completion report (Reports menu, with CSV/XLSX)."""

import django_filters
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from courses import selectors
from courses.models import CoursePage, Enrolment


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
    index_url_name = "course_report"
    index_results_url_name = "course_report_results"
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
