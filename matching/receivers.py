"""Certification tells us a certificate lapsed: only enqueue the flagging task (ids only)."""

from django.dispatch import receiver

from certification.signals import certificate_lapsed
from matching import tasks


@receiver(certificate_lapsed, dispatch_uid="matching_flag_after_lapse")
def flag_assignments_after_lapse(sender, *, holder_id: int, programme_id: int, **kwargs) -> None:
    tasks.enqueue_flag_after_lapse(holder_id=holder_id, programme_id=programme_id)
