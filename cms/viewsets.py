"""Wagtail admin viewsets of the site app."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.models import Resource


class ResourceViewSet(SnippetViewSet):
    model = Resource
    icon = "help"
    menu_label = _("Referral directory")
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["name", "category", "region", "languages", "is_example"]
    list_filter = ["category", "is_example"]
    search_fields = ["name", "description", "region"]
    ordering = ["category", "name"]
