from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TwoFactorConfig(AppConfig):
    name = "cms.two_factor"
    label = "cms_two_factor"
    verbose_name = _("Two-step sign-in")

    def ready(self):
        from cms.two_factor import receivers  # noqa: F401 (connects the signal receivers)
