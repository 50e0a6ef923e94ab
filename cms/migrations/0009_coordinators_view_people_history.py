"""Coordinators read the audit trail in Reports → Site history. Wagtail lists there only the
entries on object types the reader holds a permission for; person-related entries (data exports,
erasures, lockouts, two-factor changes) are on the user, so coordinators hold ``cms.view_user``.
It also opens Wagtail's users listing to them read-only: they already find anyone by name or
e-mail under Personal data, to export or erase their data."""

from django.db import migrations

from cms.migration_utils import ensure_permissions, grant_permissions


def grant(apps, schema_editor):
    ensure_permissions(apps)
    grant_permissions(apps, "Coordinators", ["cms.view_user"])


class Migration(migrations.Migration):
    dependencies = [("cms", "0008_privacy_permissions")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
