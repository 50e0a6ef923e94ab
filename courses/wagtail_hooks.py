from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from courses.reports import CourseReportView
from courses.viewsets import CompetencyViewSet

register_snippet(CompetencyViewSet)


class CourseReportMenuItem(MenuItem):
    def is_shown(self, request):
        return CourseReportView.permission_policy.user_has_permission(request.user, "view")


@hooks.register("register_admin_urls")
def register_course_report_urls():
    return [
        path(
            "reports/course-completion/",
            CourseReportView.as_view(),
            name="course_report",
        ),
        path(
            "reports/course-completion/results/",
            CourseReportView.as_view(results_only=True),
            name="course_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_course_report_menu_item():
    return CourseReportMenuItem(
        _("Course completion"),
        reverse("course_report"),
        name="course-completion",
        icon_name="list-ul",
        order=1300,
    )
