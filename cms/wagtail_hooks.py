from wagtail.snippets.models import register_snippet

from cms.viewsets import ResourceViewSet

register_snippet(ResourceViewSet)
