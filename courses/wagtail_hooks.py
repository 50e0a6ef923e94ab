from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import policy_registry
from wagtail.snippets.models import register_snippet

from courses.models import Quiz
from courses.reports import CourseReportView, QuizItemAnalysisReport, QuizOutcomesReport
from courses.viewsets import LearningContentGroup

register_snippet(LearningContentGroup)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("reports/course-completion/", CourseReportView.as_view(), name="course_report"),
        path(
            "reports/course-completion/results/",
            CourseReportView.as_view(results_only=True),
            name="course_report_results",
        ),
        path(
            "reports/quiz-items/",
            QuizItemAnalysisReport.as_view(),
            name="courses_quiz_item_analysis",
        ),
        path(
            "reports/quiz-items/results/",
            QuizItemAnalysisReport.as_view(results_only=True),
            name="courses_quiz_item_analysis_results",
        ),
        path("reports/quiz-outcomes/", QuizOutcomesReport.as_view(), name="courses_quiz_outcomes"),
        path(
            "reports/quiz-outcomes/results/",
            QuizOutcomesReport.as_view(results_only=True),
            name="courses_quiz_outcomes_results",
        ),
    ]


class CourseReportMenuItem(MenuItem):
    def is_shown(self, request):
        return CourseReportView.permission_policy.user_has_permission(request.user, "view")


class QuizReportMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_registry.get_by_type(Quiz).user_has_any_permission(
            request.user, ["change", "view"]
        )


@hooks.register("register_reports_menu_item")
def register_course_report_menu_item():
    return CourseReportMenuItem(
        _("Course completion"),
        reverse("course_report"),
        name="course-completion",
        icon_name="list-ul",
        order=1300,
    )


@hooks.register("register_reports_menu_item")
def register_quiz_item_report_menu_item():
    return QuizReportMenuItem(
        _("Quiz item analysis"),
        reverse("courses_quiz_item_analysis"),
        icon_name="help",
        order=1310,
    )


@hooks.register("register_reports_menu_item")
def register_quiz_outcomes_menu_item():
    return QuizReportMenuItem(
        _("Quiz outcomes"), reverse("courses_quiz_outcomes"), icon_name="form", order=1320
    )
