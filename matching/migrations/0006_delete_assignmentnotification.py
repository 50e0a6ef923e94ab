"""The "coordinators e-mailed" table is gone: its rows live in cms.EventNotification (0005)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0005_notifications_move_to_cms"),
    ]

    operations = [migrations.DeleteModel(name="AssignmentNotification")]
