"""Scheduled work of matching, synced by name by `manage.py sync_schedules`."""

from django_q.models import Schedule

SCHEDULES = [
    {
        # After certification's expiry sweep (02:00): the second line behind the lapse signal.
        "name": "matching: re-check active assignments",
        "func": "matching.tasks.sweep_assignments",
        "schedule_type": Schedule.DAILY,
        "hour": 3,
    },
    {
        # Queue again the needs-review e-mails to coordinators that were never sent.
        "name": "matching: re-queue unsent notifications",
        "func": "matching.tasks.requeue_unsent_notifications",
        "schedule_type": Schedule.MINUTES,
        "minutes": 15,
    },
]
