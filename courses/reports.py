"""Trainer reports: quiz item analysis and quiz outcomes, with CSV/XLSX export."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from courses import selectors
from courses.models import Quiz


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
    index_url_name = "courses_quiz_item_analysis"
    index_results_url_name = "courses_quiz_item_analysis_results"
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
    index_url_name = "courses_quiz_outcomes"
    index_results_url_name = "courses_quiz_outcomes_results"
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

    def get_filtered_queryset(self):
        return [selectors.quiz_summary(quiz=quiz) for quiz in self.get_queryset()]
