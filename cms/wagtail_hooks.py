from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet

from cms import admin_views
from cms.reports import (
    SignInLockoutsClearView,
    SignInLockoutsReportView,
    StuckWorkReportView,
    StuckWorkRequeueView,
    can_manage_lockouts,
    can_see_stuck_work,
)
from cms.viewsets import ResourceViewSet

register_snippet(ResourceViewSet)


@hooks.register("insert_global_admin_css")
def admin_contrast_fixes():
    """Our WCAG 2.2 AA corrections to Wagtail's admin (see cms/static/cms/css/admin.css)."""
    return format_html('<link rel="stylesheet" href="{}">', static("cms/css/admin.css"))


person_data_urls = [
    path("", admin_views.PersonSearchView.as_view(), name="index"),
    path("<int:pk>/", admin_views.PersonDataView.as_view(), name="person"),
    path("<int:pk>/export/", admin_views.PersonExportView.as_view(), name="export"),
    path("<int:pk>/erase/", admin_views.PersonEraseView.as_view(), name="erase"),
]


@hooks.register("register_admin_urls")
def register_person_data_urls():
    return [path("personal-data/", include((person_data_urls, "person_data")))]


class PersonDataMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_manage_personal_data(request.user)


@hooks.register("register_settings_menu_item")
def register_person_data_menu_item():
    return PersonDataMenuItem(
        _("Personal data"),
        reverse("person_data:index"),
        name="personal-data",
        icon_name="user",
        order=700,
    )


@hooks.register("register_user_listing_buttons")
def person_data_user_button(user, request_user):
    """An action on Wagtail's users listing, for those who may export or erase."""
    if not admin_views.can_manage_personal_data(request_user):
        return []
    return [
        Button(
            _("Personal data"),
            reverse("person_data:person", args=[user.pk]),
            icon_name="user",
            priority=50,
        )
    ]


@hooks.register("register_admin_urls")
def register_stuck_work_urls():
    return [
        path("reports/stuck-work/", StuckWorkReportView.as_view(), name="stuck_work_report"),
        path(
            "reports/stuck-work/results/",
            StuckWorkReportView.as_view(results_only=True),
            name="stuck_work_report_results",
        ),
        path(
            "reports/stuck-work/requeue/", StuckWorkRequeueView.as_view(), name="stuck_work_requeue"
        ),
    ]


class StuckWorkMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_stuck_work(request.user)


@hooks.register("register_reports_menu_item")
def register_stuck_work_report():
    return StuckWorkMenuItem(
        _("Failed and stuck work"),
        reverse("stuck_work_report"),
        name="stuck-work",
        icon_name="warning",
        order=900,
    )


@hooks.register("register_admin_urls")
def register_sign_in_lockouts_urls():
    return [
        path(
            "reports/sign-in-lockouts/", SignInLockoutsReportView.as_view(), name="sign_in_lockouts"
        ),
        path(
            "reports/sign-in-lockouts/results/",
            SignInLockoutsReportView.as_view(results_only=True),
            name="sign_in_lockouts_results",
        ),
        path(
            "reports/sign-in-lockouts/clear/",
            SignInLockoutsClearView.as_view(),
            name="sign_in_lockouts_clear",
        ),
    ]


class SignInLockoutsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage_lockouts(request.user)


@hooks.register("register_reports_menu_item")
def register_sign_in_lockouts_report():
    return SignInLockoutsMenuItem(
        _("Sign-in lockouts"),
        reverse("sign_in_lockouts"),
        name="sign-in-lockouts",
        icon_name="lock",
        order=910,
    )
