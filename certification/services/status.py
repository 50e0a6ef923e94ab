"""Credential status-list indexes: each certificate gets one position, handed out once."""

from django.db.models import F

from certification.credentials.status import COUNTER_KEY as STATUS_COUNTER_KEY
from certification.models import SerialCounter


def status_indexes_reserve(*, count: int = 1) -> range:
    """The next ``count`` free indexes in the credential status lists; each is handed out once.

    Call inside the transaction that stores them. The counter row stays locked until it
    commits, so concurrent issues (for different mentors) queue here and never share an index;
    a unique constraint on the certificate backs this up.
    """
    counter, _created = SerialCounter.objects.select_for_update().get_or_create(
        key=STATUS_COUNTER_KEY
    )
    SerialCounter.objects.filter(pk=counter.pk).update(value=F("value") + count)
    counter.refresh_from_db(fields=["value"])
    return range(counter.value - count, counter.value)
