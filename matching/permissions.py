"""Who may coordinate matching: whoever may add assignments (Coordinators, granted by migration,
and active superusers). One Wagtail permission policy; every coordinator screen, report, menu
item and dashboard panel asks it."""

from wagtail.permission_policies import ModelPermissionPolicy

from matching.models import Assignment

coordinator_policy = ModelPermissionPolicy(Assignment)
COORDINATE = "add"  # the action on Assignment that coordinating matching needs


def can_coordinate(user) -> bool:
    return coordinator_policy.user_has_permission(user, COORDINATE)
