from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Site")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms import (  # noqa: F401 (registers the checks, connects the signal receivers)
            checks,
            exports,
            receivers,
        )

        exports.install()  # every CSV export is formula-safe (cms.exports, via cms.compat)
