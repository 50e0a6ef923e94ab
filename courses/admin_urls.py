"""The courses app's admin URLs, in the ``courses_admin`` namespace (the scheme is described in
cms.admin_urls)."""

from cms.reports import report_urls
from courses.reports import CourseReportView, QuizItemAnalysisReport, QuizOutcomesReport

app_name = "courses_admin"

urlpatterns = [
    *report_urls("reports/course-completion/", CourseReportView, "course_report"),
    *report_urls("reports/quiz-items/", QuizItemAnalysisReport, "quiz_item_analysis"),
    *report_urls("reports/quiz-outcomes/", QuizOutcomesReport, "quiz_outcomes"),
]
