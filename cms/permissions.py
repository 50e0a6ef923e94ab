"""Who may use the cms admin areas that are not a model's own listing, as Wagtail permission
policies (``wagtail.permission_policies``), so each rule is stated once and the view (through
Wagtail's ``PermissionCheckedMixin``), its menu item and its buttons all ask the same object.

- Personal data: the Django permissions ``cms.export_person`` and ``cms.erase_person``
  (migration 0008 grants both to coordinators; superusers hold every permission). Opening the
  area needs either; exporting and erasing need their own.
- Failed and stuck work, sign-in lockouts: the coordinators' role (cms.roles; superusers hold
  every role), for active accounts.
"""

from wagtail.permission_policies.base import BasePermissionPolicy

from cms.roles import COORDINATORS, user_has_role

PERSONAL_DATA_ACTIONS = ("export", "erase")


class PersonalDataPermissionPolicy(BasePermissionPolicy):
    """``export`` and ``erase`` a person's data: ``cms.<action>_person``."""

    def user_has_permission(self, user, action):
        return action in PERSONAL_DATA_ACTIONS and user.has_perm(f"cms.{action}_person")


class RolePermissionPolicy(BasePermissionPolicy):
    """Every action for the active members of one role."""

    def __init__(self, model, *, role: str):
        super().__init__(model)
        self.role = role

    def user_has_permission(self, user, action):
        return bool(user and user.is_active and user_has_role(user, self.role))


personal_data_policy = PersonalDataPermissionPolicy("cms.User")
stuck_work_policy = RolePermissionPolicy("django_q.Failure", role=COORDINATORS)
sign_in_lockouts_policy = RolePermissionPolicy("axes.AccessAttempt", role=COORDINATORS)


def can_manage_personal_data(user) -> bool:
    """Whether to offer the personal data area (its menu item, buttons and search)."""
    return personal_data_policy.user_has_any_permission(user, PERSONAL_DATA_ACTIONS)
