"""Scheduled work of certification, synced by name by `manage.py sync_schedules`."""

from django_q.models import Schedule

SCHEDULES = [
    {
        "name": "certification: expire certificates",
        "func": "certification.tasks.expire_certificates",
        "schedule_type": Schedule.DAILY,
        "hour": 2,
    },
    {
        "name": "certification: expiry reminders",
        "func": "certification.tasks.send_expiry_reminders",
        "schedule_type": Schedule.DAILY,
        "hour": 8,
    },
    {
        # Queue again what the queue did not deliver: PDFs not rendered, e-mails not sent.
        "name": "certification: re-queue stuck work",
        "func": "certification.tasks.requeue_stuck_work",
        "schedule_type": Schedule.MINUTES,
        "minutes": 15,
    },
]
