"""Upstream events that may make a mentor eligible: each only enqueues a certification check."""

from django.dispatch import receiver

from certification.signals import practice_log_approved
from certification.tasks import enqueue_certificate_check
from courses.signals import quiz_attempt_graded


@receiver(practice_log_approved, dispatch_uid="certification_check_after_practice")
def check_after_practice_approved(sender, *, mentor_id: int, **kwargs) -> None:
    enqueue_certificate_check(mentor_id=mentor_id)


@receiver(quiz_attempt_graded, dispatch_uid="certification_check_after_quiz")
def check_after_quiz_passed(sender, *, learner_id: int, passed: bool, **kwargs) -> None:
    if passed:
        enqueue_certificate_check(mentor_id=learner_id)
