"""The assignment audit trail keeps who decided: deleting that person is refused."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0002_coordinator_permissions"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="assignment",
            name="coordinator",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="assignments_made",
                to=settings.AUTH_USER_MODEL,
                verbose_name="coordinator",
            ),
        ),
        migrations.AlterField(
            model_name="assignmentevent",
            name="actor",
            field=models.ForeignKey(
                blank=True,
                help_text="Empty for the system (lapse flow-through, nightly sweep).",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="by",
            ),
        ),
    ]
