"""The "Lead trainers" group (publishes course pages after review) and who reads the course
completion report."""

from django.db import migrations

from cms.migration_utils import ensure_permissions, grant_permissions
from courses.roles import (
    COURSE_REPORT_ROLES,
    LEAD_TRAINER_PAGE_PERMISSIONS,
    LEAD_TRAINER_PERMISSIONS,
    LEAD_TRAINERS,
)


def create_lead_trainers(apps, schema_editor):
    ensure_permissions(apps)
    grant_permissions(apps, LEAD_TRAINERS, LEAD_TRAINER_PERMISSIONS)
    for role in COURSE_REPORT_ROLES:
        grant_permissions(apps, role, ["courses.view_enrolment"])

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    lead_trainers = Group.objects.get(name=LEAD_TRAINERS)
    root_page = Page.objects.filter(depth=1).first()
    if root_page is not None:
        for codename in LEAD_TRAINER_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=lead_trainers,
                page=root_page,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for app_label, codename in [
            ("wagtailimages", "choose_image"),
            ("wagtaildocs", "choose_document"),
        ]:
            GroupCollectionPermission.objects.get_or_create(
                group=lead_trainers,
                collection=root_collection,
                permission=Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                ),
            )


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0003_course_pages_and_progress"),
        ("cms", "0003_roles"),
    ]

    operations = [migrations.RunPython(create_lead_trainers, migrations.RunPython.noop)]
