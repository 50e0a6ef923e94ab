"""The per-app "sent once" tables are gone: their rows live in cms.EventNotification (0013)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("certification", "0013_notifications_move_to_cms"),
    ]

    operations = [
        migrations.DeleteModel(name="CertificateEmail"),
        migrations.DeleteModel(name="PracticeLogNotification"),
    ]
