"""Supervisors review practice logs; coordinators read every log and manage supervision."""

from django.db import migrations

from cms.migration_utils import ensure_permissions, grant_permissions


def grant(apps, schema_editor):
    ensure_permissions(apps)
    grant_permissions(
        apps, "Supervisors", ["certification.view_practicelog", "certification.change_practicelog"]
    )
    grant_permissions(
        apps,
        "Coordinators",
        [
            "certification.view_practicelog",
            "certification.add_supervisionlink",
            "certification.change_supervisionlink",
            "certification.delete_supervisionlink",
            "certification.view_supervisionlink",
            "certification.add_supervisorprofile",
            "certification.change_supervisorprofile",
            "certification.delete_supervisorprofile",
            "certification.view_supervisorprofile",
        ],
    )


class Migration(migrations.Migration):
    dependencies = [("certification", "0001_practice"), ("cms", "0003_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
