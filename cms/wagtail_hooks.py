from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from cms.viewsets import ResourceViewSet

register_snippet(ResourceViewSet)


@hooks.register("insert_global_admin_css")
def admin_contrast_fixes():
    """Our WCAG 2.2 AA corrections to Wagtail's admin (see cms/static/cms/css/admin.css)."""
    return format_html('<link rel="stylesheet" href="{}">', static("cms/css/admin.css"))
