from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet

from cms import admin_views, audit
from cms.admin_views import ViewMenuItem
from cms.audit import can_read_site_history
from cms.permissions import can_manage_personal_data
from cms.reports import SignInLockoutsReportView, StuckWorkReportView
from cms.viewsets import ResourceViewSet

register_snippet(ResourceViewSet)


@hooks.register("insert_global_admin_css")
def admin_contrast_fixes():
    """Our WCAG 2.2 AA corrections to Wagtail's admin (see cms/static/cms/css/admin.css)."""
    return format_html('<link rel="stylesheet" href="{}">', static("cms/css/admin.css"))


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("", include("cms.admin_urls"))]


@hooks.register("register_settings_menu_item")
def register_person_data_menu_item():
    return ViewMenuItem(
        _("Personal data"),
        reverse("cms_admin:person_search"),
        view_class=admin_views.PersonSearchView,
        name="personal-data",
        icon_name="user",
        order=700,
    )


@hooks.register("register_user_listing_buttons")
def person_data_user_button(user, request_user):
    """An action on Wagtail's users listing, for those who may export or erase."""
    if not can_manage_personal_data(request_user):
        return []
    return [
        Button(
            _("Personal data"),
            reverse("cms_admin:person", args=[user.pk]),
            icon_name="user",
            priority=50,
        )
    ]


@hooks.register("register_reports_menu_item")
def register_stuck_work_report():
    return ViewMenuItem(
        _("Failed and stuck work"),
        reverse("cms_admin:stuck_work_report"),
        view_class=StuckWorkReportView,
        name="stuck-work",
        icon_name="warning",
        order=900,
    )


# Deleting never takes history with it (issue 13, point 7): every Wagtail delete path asks
# cms.deletion first and answers with the explanation instead of deleting. ModelViewSets use
# cms.admin_views.HistoryKeepingDeleteView for the same.


@hooks.register("before_delete_page")
def refuse_deleting_pages_with_history(request, page):
    """The page delete view, for the page and every page below it (GET and POST)."""
    return admin_views.deletion_refusal(request, [page])


@hooks.register("before_delete_user")
def refuse_deleting_people_with_history(request, user):
    """Wagtail's user delete view (GET and POST): erase through Personal data instead."""
    return admin_views.deletion_refusal(request, [user])


@hooks.register("before_delete_snippet")
def refuse_deleting_snippets_with_history(request, instances):
    """A snippet's delete view and the snippets' bulk delete (GET and POST)."""
    instances = list(instances)
    viewset = instances and getattr(instances[0], "snippet_viewset", None)
    cancel_url = reverse(viewset.get_url_name("list")) if viewset else ""
    return admin_views.deletion_refusal(request, instances, cancel_url=cancel_url)


@hooks.register("before_bulk_action")
def refuse_bulk_deleting_history(request, action_type, objects, action_class_instance):
    """The bulk delete of pages and users (snippets answered in before_delete_snippet)."""
    if action_type != "delete" or isinstance(action_class_instance, SnippetBulkAction):
        return None
    return admin_views.deletion_refusal(request, objects, cancel_url=action_class_instance.next_url)


# --- Audit log: person-related actions (cms/audit.py), and Site history for coordinators ---


@hooks.register("register_log_actions")
def register_person_log_actions(actions):
    audit.register_log_actions(actions)


@hooks.register("construct_reports_menu")
def site_history_for_those_who_may_read_it(request, menu_items):
    """Reports → Site history follows ``cms.audit.can_read_site_history``: Wagtail shows it to
    page editors only; coordinators read the audit trail there, supervisors do not."""
    shown = [item for item in menu_items if item.name == "site-history"]
    if not can_read_site_history(request.user):
        for item in shown:
            menu_items.remove(item)
    elif not shown:
        menu_items.append(
            MenuItem(
                _("Site history"),
                reverse("wagtailadmin_reports:site_history"),
                name="site-history",
                icon_name="history",
                order=1000,
            )
        )


@hooks.register("register_reports_menu_item")
def register_sign_in_lockouts_report():
    return ViewMenuItem(
        _("Sign-in lockouts"),
        reverse("cms_admin:sign_in_lockouts"),
        view_class=SignInLockoutsReportView,
        name="sign-in-lockouts",
        icon_name="lock",
        order=910,
    )
