"""Create the four roles (groups) and grant each the permissions its work needs."""

from django.db import migrations

from cms.migration_utils import ensure_permissions, grant_permissions
from cms.roles import ROLE_PERMISSIONS, TRAINER_PAGE_PERMISSIONS, TRAINERS


def create_roles(apps, schema_editor):
    ensure_permissions(apps)
    for group_name, perms in ROLE_PERMISSIONS.items():
        grant_permissions(apps, group_name, perms)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    trainers = Group.objects.get(name=TRAINERS)
    root_page = Page.objects.filter(depth=1).first()
    if root_page is not None:
        for codename in TRAINER_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=trainers,
                page=root_page,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for app_label, codenames in {
            "wagtailimages": ["add_image", "change_image", "choose_image"],
            "wagtaildocs": ["add_document", "change_document", "choose_document"],
        }.items():
            for codename in codenames:
                GroupCollectionPermission.objects.get_or_create(
                    group=trainers,
                    collection=root_collection,
                    permission=Permission.objects.get(
                        content_type__app_label=app_label, codename=codename
                    ),
                )


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0002_pages_and_settings"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
