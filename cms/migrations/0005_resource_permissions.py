"""Trainers keep the referral directory up to date."""

from django.db import migrations

from cms.migration_utils import ensure_permissions, grant_permissions
from cms.roles import TRAINERS


def grant(apps, schema_editor):
    ensure_permissions(apps)
    grant_permissions(
        apps,
        TRAINERS,
        ["cms.add_resource", "cms.change_resource", "cms.delete_resource", "cms.view_resource"],
    )


class Migration(migrations.Migration):
    dependencies = [("cms", "0004_resources")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
