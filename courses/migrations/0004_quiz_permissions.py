"""Trainers author quizzes and the question bank; coordinators may read quiz reports."""

from django.db import migrations

from cms.migration_utils import ensure_permissions, grant_permissions


def grant(apps, schema_editor):
    ensure_permissions(apps)
    grant_permissions(
        apps,
        "Trainers",
        [
            "courses.add_question",
            "courses.change_question",
            "courses.delete_question",
            "courses.view_question",
            "courses.add_quiz",
            "courses.change_quiz",
            "courses.delete_quiz",
            "courses.view_quiz",
        ],
    )
    grant_permissions(apps, "Coordinators", ["courses.view_quiz", "courses.view_question"])


class Migration(migrations.Migration):
    dependencies = [("courses", "0003_quizzes")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
