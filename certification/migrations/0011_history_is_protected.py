"""History is protected: deleting a person, programme or competency never cascades into it."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("certification", "0010_lifecycle_rules"),
        ("courses", "0001_competency"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="certificateevent",
            name="actor",
            field=models.ForeignKey(
                blank=True,
                help_text="Empty for the system (scheduled jobs, automatic issuing).",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="by",
            ),
        ),
        migrations.AlterField(
            model_name="endorsement",
            name="mentor",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="endorsements",
                to=settings.AUTH_USER_MODEL,
                verbose_name="mentor",
            ),
        ),
        migrations.AlterField(
            model_name="endorsement",
            name="programme",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="endorsements",
                to="certification.certificationprogramme",
                verbose_name="programme",
            ),
        ),
        # The many-to-many table Django made is kept as it is (same table, columns and
        # constraints); only the model state names it, so its competency can be PROTECT.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="PracticeLogCompetency",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "competency",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                to="courses.competency",
                                verbose_name="competency",
                            ),
                        ),
                        (
                            "practicelog",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                to="certification.practicelog",
                                verbose_name="practice log",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "practice log entry",
                        "verbose_name_plural": "practice log entries",
                        "db_table": "certification_practicelog_competencies",
                        "unique_together": {("practicelog", "competency")},
                    },
                ),
                migrations.AlterField(
                    model_name="practicelog",
                    name="competencies",
                    field=models.ManyToManyField(
                        related_name="practice_logs",
                        through="certification.PracticeLogCompetency",
                        to="courses.competency",
                        verbose_name="competencies",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
