"""Every "e-mail sent" record of certificate and practice-log events moves, with its sent_at,
into cms.EventNotification (purpose "email"); the next migration drops the old tables."""

from django.db import migrations

from cms.migration_utils import notifications_from_cms, notifications_to_cms

MOVES = (
    ("certification.CertificateEmail", "certification.CertificateEvent"),
    ("certification.PracticeLogNotification", "certification.PracticeLogEvent"),
)


def forwards(apps, schema_editor):
    for old, event in MOVES:
        notifications_to_cms(apps, old=old, event=event, purpose="email")


def backwards(apps, schema_editor):
    for old, event in MOVES:
        notifications_from_cms(apps, old=old, event=event, purpose="email")


class Migration(migrations.Migration):
    dependencies = [
        ("certification", "0012_events_share_one_shape"),
        ("cms", "0010_event_notification"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
