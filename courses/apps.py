from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Once the app registry is ready: panels read models.
        from courses.dashboard import register_dashboard_panel
        from courses.panels import quiz_panel

        register_dashboard_panel(quiz_panel)
