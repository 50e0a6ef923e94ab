"""Helpers for data migrations that create roles and grant permissions."""

from django.contrib.auth.management import create_permissions


def ensure_permissions(apps) -> None:
    """Create the permission rows of every installed app now, not at post_migrate."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def grant_permissions(apps, group_name: str, perms: list[str]) -> None:
    """Add model permissions ("app_label.codename") to a group, creating the group if needed."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=group_name)
    for perm in perms:
        app_label, codename = perm.split(".", 1)
        permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
        group.permissions.add(permission)
