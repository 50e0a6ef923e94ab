from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificationConfig(AppConfig):
    name = "certification"
    verbose_name = _("Certification")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Wagtail 8 wants custom permission policies registered before anything asks for them.
        from wagtail.permissions import register_permission_policy

        from certification.models import Certificate, PracticeLog
        from certification.permissions import (
            CertificatePermissionPolicy,
            PracticeLogPermissionPolicy,
        )

        register_permission_policy(PracticeLog, PracticeLogPermissionPolicy(PracticeLog))
        register_permission_policy(Certificate, CertificatePermissionPolicy(Certificate))

        from certification import checks, receivers  # noqa: F401 - registers checks, receivers
        from certification.panels import certification_panel, practice_panel
        from courses.dashboard import register_dashboard_panel

        register_dashboard_panel(practice_panel)
        register_dashboard_panel(certification_panel)
