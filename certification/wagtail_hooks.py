"""Registration only: certification's admin viewsets, views, reports, menu items and log actions.

Admin URL names follow cms.admin_urls: the viewsets' views in their viewset's namespace
(``practice_logs:edit``), every other view and report in ``certification_admin:``. The
permission policies are registered in CertificationConfig.ready().
"""

from functools import partial

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from certification import audit
from certification.permissions import practice_log_policy
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


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("", include("certification.admin_urls"))]


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
        "certification_admin:approved_minutes",
        "approved-practice-minutes",
        "table",
        300,
        "view",
    ),
    (
        "register_reports_menu_item",
        _("Practice logs waiting"),
        "certification_admin:pending_logs",
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
        reverse("certification_admin:certificate_expiry"),
        name="certificate-expiry",
        icon_name="warning",
        order=320,
    )


# --- Audit log: certification's actions in Wagtail's log (written by certification/audit.py) ---


@hooks.register("register_log_actions")
def register_certification_log_actions(actions):
    audit.register_log_actions(actions)
