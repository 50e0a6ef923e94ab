"""Create or update every app's django-q2 schedules by name (never delete-and-recreate)."""

from datetime import datetime, time, timedelta
from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.module_loading import module_has_submodule
from django_q.models import Schedule


def first_run(hour: int) -> datetime:
    now = timezone.localtime()
    candidate = timezone.make_aware(datetime.combine(now.date(), time(hour=hour)))
    return candidate if candidate > now else candidate + timedelta(days=1)


class Command(BaseCommand):
    help = "Create or update the scheduled jobs declared in each app's schedules.py."

    def handle(self, *args, **options):
        for app_config in apps.get_app_configs():
            if not module_has_submodule(app_config.module, "schedules"):
                continue
            for spec in import_module(f"{app_config.name}.schedules").SCHEDULES:
                spec = dict(spec)
                hour = spec.pop("hour", None)
                name = spec.pop("name")
                existing = Schedule.objects.filter(name=name).first()
                if existing is None and hour is not None:
                    spec["next_run"] = first_run(hour)
                schedule, created = Schedule.objects.update_or_create(name=name, defaults=spec)
                verb = "Created" if created else "Updated"
                self.stdout.write(
                    f"{verb} schedule “{name}” (next run {schedule.next_run:%Y-%m-%d %H:%M})."
                )
