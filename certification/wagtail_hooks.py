"""Registration only: certification's admin viewsets, views, reports, menu items and log actions.

Admin URL names: the viewsets' views are named in their viewset's namespace (Wagtail's
``practice_logs:edit``, ``certificate:index``); every other certification admin URL is named in
one of two namespaces, ``certification_admin:`` for views and ``certification_reports:`` for
reports. The permission policies are registered in CertificationConfig.ready().
"""

from functools import partial

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from certification import audit
from certification.admin_views import (
    AllowRecertificationView,
    CertificateManageView,
    EndorseView,
)
from certification.permissions import practice_log_policy
from certification.reports import (
    ApprovedMinutesReportView,
    CertificateExpiryReport,
    PendingLogsReportView,
)
from certification.viewsets import (
    CertificationViewSetGroup,
    SupervisionViewSetGroup,
    practice_log_viewset,
)


@hooks.register("register_admin_viewset")
def register_practice_log_viewset():
    return practice_log_viewset


@hooks.register("register_admin_viewset")
def register_supervision_viewsets():
    return SupervisionViewSetGroup()


def _report_urls(prefix: str, name: str, view) -> list:
    """A report's page and its results-only fragment (Wagtail's filtering fetches it)."""
    return [
        path(prefix, view.as_view(), name=name),
        path(f"{prefix}results/", view.as_view(results_only=True), name=f"{name}_results"),
    ]


report_urls = [
    *_report_urls("practice/approved-minutes/", "approved_minutes", ApprovedMinutesReportView),
    *_report_urls("practice/pending-logs/", "pending_logs", PendingLogsReportView),
    *_report_urls("certificates/", "certificate_expiry", CertificateExpiryReport),
]

admin_urls = [
    path(
        "certificates/<int:pk>/manage/",
        CertificateManageView.as_view(),
        name="certificate_manage",
    ),
    path(
        "certificates/<int:pk>/allow-recertification/",
        AllowRecertificationView.as_view(),
        name="certificate_allow_recertification",
    ),
    path("endorse/<int:mentor_id>/", EndorseView.as_view(), name="endorse"),
]


@hooks.register("register_admin_urls")
def register_certification_admin_urls():
    return [
        path("reports/", include((report_urls, "certification_reports"))),
        path("certification/", include((admin_urls, "certification_admin"))),
    ]


class PracticeLogMenuItem(MenuItem):
    """Shown to whoever the practice-log policy allows ``action``."""

    def __init__(self, *args, action: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action

    def is_shown(self, request):
        return practice_log_policy().user_has_permission(request.user, self.action)


# The practice menu items, each shown to whom the practice-log policy allows its action:
# (hook, label, URL name, menu item name, icon, order, action).
PRACTICE_MENU_ITEMS = [
    (
        "register_reports_menu_item",
        _("Approved practice minutes"),
        "certification_reports:approved_minutes",
        "approved-practice-minutes",
        "table",
        300,
        "view",
    ),
    (
        "register_reports_menu_item",
        _("Practice logs waiting"),
        "certification_reports:pending_logs",
        "pending-practice-logs",
        "table",
        310,
        "view",
    ),
    (
        "register_admin_menu_item",
        _("Supervisee progress"),
        "practice_logs:progress",
        "supervisee-progress",
        "group",
        255,
        "follow_supervisees",
    ),
    (
        "register_admin_menu_item",
        _("Reassign practice logs"),
        "practice_logs:reassign",
        "reassign-practice-logs",
        "tasks",
        256,
        "reassign",
    ),
]


def _practice_menu_item(label, url_name, name, icon, order, action) -> PracticeLogMenuItem:
    return PracticeLogMenuItem(
        label, reverse(url_name), name=name, icon_name=icon, order=order, action=action
    )


for _hook, *_item in PRACTICE_MENU_ITEMS:
    hooks.register(_hook, partial(_practice_menu_item, *_item))


@hooks.register("register_admin_viewset")
def register_certification_viewsets():
    return CertificationViewSetGroup()


class CertificateReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("certification.view_certificate")


@hooks.register("register_reports_menu_item")
def register_certificate_expiry_report():
    return CertificateReportMenuItem(
        _("Expiring and lapsed certificates"),
        reverse("certification_reports:certificate_expiry"),
        name="certificate-expiry",
        icon_name="warning",
        order=320,
    )


# --- Audit log: certification's actions in Wagtail's log (written by certification/audit.py) ---


@hooks.register("register_log_actions")
def register_certification_log_actions(actions):
    audit.register_log_actions(actions)
