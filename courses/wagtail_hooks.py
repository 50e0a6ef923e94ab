from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from cms.admin_views import ViewMenuItem
from courses.reports import CourseReportView, QuizItemAnalysisReport, QuizOutcomesReport
from courses.viewsets import LearningContentGroup

register_snippet(LearningContentGroup)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("", include("courses.admin_urls"))]


def report_menu_item(label, url_name, view_class, **options):
    """A Reports menu entry for one of our report views, shown to those the view lets in."""

    def menu_item():
        return ViewMenuItem(label, reverse(url_name), view_class=view_class, **options)

    return menu_item


for entry in [
    report_menu_item(
        _("Course completion"),
        "courses_admin:course_report",
        CourseReportView,
        name="course-completion",
        icon_name="list-ul",
        order=1300,
    ),
    report_menu_item(
        _("Quiz item analysis"),
        "courses_admin:quiz_item_analysis",
        QuizItemAnalysisReport,
        icon_name="help",
        order=1310,
    ),
    report_menu_item(
        _("Quiz outcomes"),
        "courses_admin:quiz_outcomes",
        QuizOutcomesReport,
        icon_name="form",
        order=1320,
    ),
]:
    hooks.register("register_reports_menu_item", entry)
