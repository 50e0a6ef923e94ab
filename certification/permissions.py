"""Who may see and review practice logs in the Wagtail admin.

Registered for PracticeLog (and Certificate, below) in CertificationConfig.ready(). Logs are
never added or deleted through the admin. "change" means "review": only the log's own
supervisor, never on their own log. "view" covers a supervisor's own supervisees' logs, and
every log for coordinators.
"""

from wagtail.permission_policies import ModelPermissionPolicy

from certification.models import PracticeLog


class PracticeLogPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action not in ("view", "change"):
            return False
        return super().user_has_permission(user, action)

    def instances_user_has_permission_for(self, user, action):
        from certification.selectors import practice_logs_visible_to

        if not self.user_has_permission(user, action):
            return PracticeLog.objects.none()
        if action == "change":
            return PracticeLog.objects.filter(supervisor=user).exclude(mentor=user)
        return practice_logs_visible_to(user=user)

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if action == "change":
            return instance.supervisor_id == user.pk and instance.mentor_id != user.pk
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
