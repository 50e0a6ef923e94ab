"""One "notice sent once" table for the events of every app (issue 15): it replaces
certification's CertificateEmail and PracticeLogNotification and matching's
AssignmentNotification, whose rows those apps' own migrations copy here."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0009_coordinators_view_people_history"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="EventNotification",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("object_id", models.PositiveBigIntegerField(verbose_name="event id")),
                ("purpose", models.CharField(max_length=40, verbose_name="purpose")),
                (
                    "sent_at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="sent at"),
                ),
                (
                    "content_type",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="contenttypes.contenttype",
                        verbose_name="event type",
                    ),
                ),
            ],
            options={
                "verbose_name": "event notification",
                "verbose_name_plural": "event notifications",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("content_type", "object_id", "purpose"),
                        name="cms_one_notification_per_event_and_purpose",
                    )
                ],
            },
        ),
    ]
