"""Changes that can close the gate for a mentor re-check that mentor's open assignments.

Each receiver runs inside the transaction of the change (a model save, a group change, a
certificate's status change) and calls the one re-check, ``services.assignments_recheck``,
which takes the mentor's row lock like the gate. Saves that cannot change the outcome (a
sign-in stamping ``last_login``, a PDF being stored) return before any query about
assignments. After a lapse commits, a task re-checks once more as a backstop.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import ngettext

from certification.models import SupervisionLink
from certification.signals import (
    certificate_lapsed,
    certificate_status_changed,
    supervision_link_in_use,
)
from cms.roles import MENTORS, SUPERVISORS
from matching import services, tasks
from matching.models import Assignment, AssignmentStatus, Mentee, MentorProfile

User = get_user_model()


def _recheck(mentor_ids) -> None:
    for mentor_id in sorted(set(mentor_ids)):
        services.assignments_recheck(mentor_id=mentor_id)


def _with_active_assignments(mentor_ids):
    return Assignment.objects.filter(
        mentor_id__in=mentor_ids, status=AssignmentStatus.ACTIVE
    ).values_list("mentor_id", flat=True)


def _supervisees_with_assignments(supervisor_ids):
    mentors = SupervisionLink.objects.filter(supervisor_id__in=supervisor_ids).values("mentor_id")
    return _with_active_assignments(mentors)


@receiver(certificate_lapsed, dispatch_uid="matching_flag_after_lapse")
def flag_assignments_after_lapse(sender, *, holder_id: int, programme_id: int, **kwargs) -> None:
    tasks.enqueue_flag_after_lapse(holder_id=holder_id, programme_id=programme_id)


@receiver(certificate_status_changed, dispatch_uid="matching_recheck_certificate")
def recheck_after_certificate_status(sender, *, holder_id: int, **kwargs) -> None:
    _recheck(_with_active_assignments([holder_id]))


@receiver(post_save, sender=Mentee, dispatch_uid="matching_recheck_mentee")
def recheck_after_mentee_saved(sender, instance, created, **kwargs) -> None:
    if not created:
        _recheck(_with_active_assignments(instance.assignments.values("mentor_id")))


@receiver(post_save, sender=MentorProfile, dispatch_uid="matching_recheck_profile")
def recheck_after_profile_saved(sender, instance, **kwargs) -> None:
    _recheck(_with_active_assignments([instance.user_id]))


@receiver(post_save, sender=SupervisionLink, dispatch_uid="matching_recheck_link_saved")
@receiver(post_delete, sender=SupervisionLink, dispatch_uid="matching_recheck_link_deleted")
def recheck_after_link_changed(sender, instance, **kwargs) -> None:
    _recheck(_with_active_assignments([instance.mentor_id]))


@receiver(post_save, sender=User, dispatch_uid="matching_recheck_user")
def recheck_after_user_saved(sender, instance, created, update_fields=None, **kwargs) -> None:
    """A deactivated account: as a mentor, and as the supervisor of others."""
    if created or (update_fields is not None and "is_active" not in update_fields):
        return
    if instance.is_active:
        return  # reactivating opens nothing that an assignment was flagged for
    _recheck(_with_active_assignments([instance.pk]))
    _recheck(_supervisees_with_assignments([instance.pk]))


@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="matching_recheck_roles")
def recheck_after_roles_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    """Someone left the Mentors or Supervisors group (from either side of the relation)."""
    if action not in ("post_remove", "post_clear"):
        return
    if reverse:  # group.user_set.remove(...): instance is the group
        names = {instance.name}
        user_ids = pk_set or set()
    else:  # user.groups.remove(...): instance is the user
        names = (
            set(Group.objects.filter(pk__in=pk_set).values_list("name", flat=True))
            if pk_set
            else {MENTORS, SUPERVISORS}
        )
        user_ids = {instance.pk}
    if action == "post_clear" and reverse:
        return  # a whole group emptied: the nightly sweep catches it
    if MENTORS in names:
        _recheck(_with_active_assignments(user_ids))
    if SUPERVISORS in names:
        _recheck(_supervisees_with_assignments(user_ids))


@receiver(supervision_link_in_use, dispatch_uid="matching_link_in_use")
def assignments_under_link(sender, *, link, **kwargs) -> list[str]:
    """Assignments of the mentor whose period shares a day with the link's: the gate relied on
    that supervision, so the link is history to keep (ended, never deleted)."""
    during = Assignment.objects.filter(mentor_id=link.mentor_id).filter(
        Q(end__isnull=True) | Q(end__gte=link.start)
    )
    if link.end is not None:
        during = during.filter(start__lte=link.end)
    if count := during.count():
        return [
            ngettext(
                "%(count)s assignment that relied on it",
                "%(count)s assignments that relied on it",
                count,
            )
            % {"count": count}
        ]
    return []
