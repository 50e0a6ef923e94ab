"""Coordinators manage mentees, matching details and assignments; service accounts exist.

Assignments are never deleted (their events are the audit trail), so nobody is granted that.
"""

from django.db import migrations

from cms.migration_utils import ensure_permissions, grant_permissions


def grant(apps, schema_editor):
    ensure_permissions(apps)
    grant_permissions(
        apps,
        "Coordinators",
        [
            "matching.add_mentee",
            "matching.change_mentee",
            "matching.view_mentee",
            "matching.add_mentorprofile",
            "matching.change_mentorprofile",
            "matching.view_mentorprofile",
            "matching.add_assignment",
            "matching.change_assignment",
            "matching.view_assignment",
        ],
    )
    Group = apps.get_model("auth", "Group")
    Group.objects.get_or_create(name="Service accounts")


class Migration(migrations.Migration):
    dependencies = [("matching", "0001_initial"), ("cms", "0003_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
