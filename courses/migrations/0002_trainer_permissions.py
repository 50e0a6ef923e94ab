"""Trainers maintain the competency list."""

from django.db import migrations

from cms.migration_utils import ensure_permissions, grant_permissions


def grant(apps, schema_editor):
    ensure_permissions(apps)
    grant_permissions(
        apps,
        "Trainers",
        ["courses.add_competency", "courses.change_competency", "courses.view_competency"],
    )


class Migration(migrations.Migration):
    dependencies = [("courses", "0001_competency"), ("cms", "0003_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
