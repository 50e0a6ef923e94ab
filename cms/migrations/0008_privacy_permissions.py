"""Coordinators are the programme's administrators: they export and erase a person's data on
request (SPEC "Security and privacy"). Nobody else holds these permissions except superusers."""

from django.db import migrations

from cms.migration_utils import ensure_permissions, grant_permissions


def grant(apps, schema_editor):
    ensure_permissions(apps)
    grant_permissions(
        apps, "Coordinators", ["cms.export_person", "cms.erase_person", "cms.view_personerasure"]
    )


class Migration(migrations.Migration):
    dependencies = [("cms", "0007_person_erasure")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
