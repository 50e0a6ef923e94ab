"""Who may do what with practice logs and certificates in the Wagtail admin.

The policies are registered in CertificationConfig.ready(); views, menu items and services ask
them instead of naming role groups. Logs are never added or deleted through the admin. "change"
means "review": only the log's own supervisor, never on their own log. "view" covers a
supervisor's own supervisees' logs, and every log for coordinators
(``selectors.practice_logs_visible_to``).
"""

from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry

from certification.models import PracticeLog
from certification.selectors import (
    practice_log_reviewable_by,
    practice_logs_reviewable_by,
    practice_logs_visible_to,
)
from cms.roles import COORDINATORS, MENTORS, SUPERVISORS, user_has_role

# Duties that come with a role rather than a model permission: action -> the roles that hold it
# (superusers hold every role).
PRACTICE_LOG_ROLE_ACTIONS = {
    # Keep one's own practice logs on the site ("My practice").
    "write_own": (MENTORS,),
    # Hand a log waiting for someone who left to the mentor's current supervisor.
    "reassign": (COORDINATORS,),
    # The supervisee progress screen (and the endorsement links on it).
    "follow_supervisees": (SUPERVISORS, COORDINATORS),
}


class PracticeLogPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action in PRACTICE_LOG_ROLE_ACTIONS:
            return any(user_has_role(user, role) for role in PRACTICE_LOG_ROLE_ACTIONS[action])
        if action not in ("view", "change"):
            return False
        return super().user_has_permission(user, action)

    def instances_user_has_permission_for(self, user, action):
        if not self.user_has_permission(user, action):
            return PracticeLog.objects.none()
        if action == "change":
            return practice_logs_reviewable_by(user=user)
        return practice_logs_visible_to(user=user)

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if action == "change":
            return practice_log_reviewable_by(log=instance, user=user)
        return self.instances_user_has_permission_for(user, action).filter(pk=instance.pk).exists()


class CertificatePermissionPolicy(ModelPermissionPolicy):
    """Nobody adds, edits or deletes a certificate by hand, superusers included: certificates are
    issued by the rules (certificate_issue_if_eligible) and their history is append-only.
    Wagtail's create view would otherwise save a blank certificate past the gate, its delete
    view hit the protected events (both were 500s; issue 14 point 8)."""

    refused = frozenset({"add", "change", "delete"})

    def user_has_permission(self, user, action):
        return action not in self.refused and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


def practice_log_policy() -> PracticeLogPermissionPolicy:
    """The registered practice-log policy (what views, menu items and services ask)."""
    return policy_registry.get_by_type(PracticeLog)
