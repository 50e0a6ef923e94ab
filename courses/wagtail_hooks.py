from wagtail.snippets.models import register_snippet

from courses.viewsets import CompetencyViewSet

register_snippet(CompetencyViewSet)
