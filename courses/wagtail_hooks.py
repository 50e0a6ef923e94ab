from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import policy_registry
from wagtail.snippets.models import register_snippet

from courses.models import Quiz
from courses.reports import QuizItemAnalysisReport, QuizOutcomesReport
from courses.viewsets import LearningContentGroup

register_snippet(LearningContentGroup)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
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


class QuizReportMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_registry.get_by_type(Quiz).user_has_any_permission(
            request.user, ["change", "view"]
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
