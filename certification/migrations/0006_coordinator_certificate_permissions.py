"""Coordinators run programmes and certificates; supervisors endorse their supervisees."""

from django.db import migrations

from cms.migration_utils import ensure_permissions, grant_permissions


def grant(apps, schema_editor):
    ensure_permissions(apps)
    grant_permissions(
        apps,
        "Coordinators",
        [
            "certification.add_certificationprogramme",
            "certification.change_certificationprogramme",
            "certification.view_certificationprogramme",
            "certification.view_certificate",
            "certification.manage_certificate",
            "certification.view_endorsement",
        ],
    )
    grant_permissions(apps, "Supervisors", ["certification.add_endorsement"])


class Migration(migrations.Migration):
    dependencies = [("certification", "0005_certificate_manage_permission")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
