"""Every "coordinators e-mailed" record of assignment events moves, with its sent_at, into
cms.EventNotification (purpose "email"); the next migration drops the old table."""

from django.db import migrations

from cms.migration_utils import notifications_from_cms, notifications_to_cms

MOVE = {"old": "matching.AssignmentNotification", "event": "matching.AssignmentEvent"}


def forwards(apps, schema_editor):
    notifications_to_cms(apps, **MOVE, purpose="email")


def backwards(apps, schema_editor):
    notifications_from_cms(apps, **MOVE, purpose="email")


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0004_events_share_one_shape"),
        ("cms", "0010_event_notification"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
