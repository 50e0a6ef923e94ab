from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from courses.admin_forms import QuestionAdminForm
from courses.models import Competency, Question, Quiz


class CompetencyViewSet(SnippetViewSet):
    model = Competency
    icon = "tick-inverse"
    menu_label = _("Competencies")
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = _("Question bank")
    list_display = ["__str__", "kind", "competency", "critical", "points"]
    list_filter = ["kind", "competency", "critical"]
    search_fields = ["prompt", "vignette"]
    edit_handler = ObjectList(Question.panels, base_form_class=QuestionAdminForm)


class QuizViewSet(SnippetViewSet):
    model = Quiz
    icon = "form"
    menu_label = _("Quizzes")
    list_display = ["title", "pass_mark", "attempt_limit", "feedback_policy"]
    search_fields = ["title"]


class LearningContentGroup(SnippetViewSetGroup):
    items = (QuizViewSet, QuestionViewSet, CompetencyViewSet)
    menu_icon = "form"
    menu_label = _("Quizzes")
    menu_name = "quizzes"
