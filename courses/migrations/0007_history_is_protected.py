"""Learner history is protected: deleting a page or a person never cascades into it."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0006_modulepage_quiz"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="enrolment",
            name="course",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="enrolments",
                to="courses.coursepage",
                verbose_name="course",
            ),
        ),
        migrations.AlterField(
            model_name="enrolment",
            name="learner",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="enrolments",
                to=settings.AUTH_USER_MODEL,
                verbose_name="learner",
            ),
        ),
        migrations.AlterField(
            model_name="modulecompletion",
            name="learner",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="module_completions",
                to=settings.AUTH_USER_MODEL,
                verbose_name="learner",
            ),
        ),
        migrations.AlterField(
            model_name="modulecompletion",
            name="module",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="completions",
                to="courses.modulepage",
                verbose_name="module",
            ),
        ),
        migrations.AlterField(
            model_name="quizattempt",
            name="learner",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="quiz_attempts",
                to=settings.AUTH_USER_MODEL,
                verbose_name="learner",
            ),
        ),
        migrations.AlterField(
            model_name="reflectionanswer",
            name="learner",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="reflection_answers",
                to=settings.AUTH_USER_MODEL,
                verbose_name="learner",
            ),
        ),
        migrations.AlterField(
            model_name="reflectionanswer",
            name="module",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="reflection_answers",
                to="courses.modulepage",
                verbose_name="module",
            ),
        ),
    ]
