"""Each certificate's index in the credential status lists, allocated once.

Certificates issued before this migration get indexes in issue order, and the counter that
hands out the next one starts after them.
"""

from django.db import migrations, models

STATUS_INDEX_KEY = "credential-status-index"


def allocate_existing(apps, schema_editor):
    Certificate = apps.get_model("certification", "Certificate")
    SerialCounter = apps.get_model("certification", "SerialCounter")
    ids = Certificate.objects.filter(status_index__isnull=True).order_by("issued_at", "pk")
    counter, _created = SerialCounter.objects.get_or_create(key=STATUS_INDEX_KEY)
    next_index = counter.value
    for pk in ids.values_list("pk", flat=True).iterator():
        Certificate.objects.filter(pk=pk).update(status_index=next_index)
        next_index += 1
    SerialCounter.objects.filter(pk=counter.pk).update(value=next_index)


class Migration(migrations.Migration):
    dependencies = [
        ("certification", "0006_coordinator_certificate_permissions"),
    ]

    operations = [
        migrations.AddField(
            model_name="certificate",
            name="status_index",
            field=models.PositiveIntegerField(
                blank=True,
                editable=False,
                help_text="This certificate's bit in the credential status lists; allocated once.",
                null=True,
                unique=True,
                verbose_name="status list index",
            ),
        ),
        migrations.RunPython(allocate_existing, migrations.RunPython.noop),
    ]
