"""Status list indexes: random, never reused, and renewed when a suspension is lifted.

The Bitstring Status List specification says indexes SHOULD be random, so that nobody can tell
issue order or group sizes from them. Each index is drawn at random from the free positions of
the list being filled. A locked counter (``SerialCounter`` ``credential-status-index``) counts
every index handed out, so each list fills completely before the next one opens (and
``selectors.status_lists_in_use`` reads the number of lists from it); unique constraints on the
certificate's index and on spent indexes back the lock up.

Suspension sets the revocation bit of the certificate's own index (a verifier reading only the
credential sees it). Reinstatement spends that index for good, so copies handed out while
suspended stay invalid, and gives the certificate a fresh one: its credential, fetched again,
names the new index and verifies.
"""

import secrets
from datetime import datetime

from django.db.models import F

from certification.credentials.status import COUNTER_KEY, LIST_SIZE, list_range

SAMPLE = 32  # random candidates tried in one query before looking at the whole list


def _taken(start: int, end: int, candidates: set[int] | None = None) -> set[int]:
    """Indexes in [start, end) held by a certificate or spent (one query)."""
    from certification.credentials.models import SpentStatusIndex
    from certification.models import Certificate

    held = Certificate.objects.filter(status_index__gte=start, status_index__lt=end)
    spent = SpentStatusIndex.objects.filter(index__gte=start, index__lt=end)
    if candidates is not None:
        held = held.filter(status_index__in=candidates)
        spent = spent.filter(index__in=candidates)
    held = held.order_by().values_list("status_index", flat=True)  # no ORDER BY in a UNION
    return set(held.union(spent.order_by().values_list("index", flat=True)))


def _draw(number: int, want: int, chosen: set[int]) -> list[int]:
    start, end = list_range(number)
    if want == 1:  # the usual case: a few random tries, one query
        candidates = {start + secrets.randbelow(LIST_SIZE) for _ in range(SAMPLE)} - chosen
        free = candidates - _taken(start, end, candidates)
        if free:
            return [secrets.choice(sorted(free))]
    taken = _taken(start, end) | chosen  # a nearly full list, or many at once
    free = [index for index in range(start, end) if index not in taken]
    return secrets.SystemRandom().sample(free, want)


def status_indexes_allocate(*, count: int = 1) -> list[int]:
    """``count`` indexes never handed out before, each at a random free position of the list
    being filled. Call inside the transaction that stores them: the counter row stays locked
    until it commits, so concurrent issues queue here and never share an index."""
    from certification.models import SerialCounter

    counter, _created = SerialCounter.objects.select_for_update().get_or_create(key=COUNTER_KEY)
    chosen: list[int] = []
    while len(chosen) < count:
        allocated = counter.value + len(chosen)
        room = LIST_SIZE - allocated % LIST_SIZE
        want = min(room, count - len(chosen))
        chosen += _draw(allocated // LIST_SIZE + 1, want, set(chosen))
    SerialCounter.objects.filter(pk=counter.pk).update(value=F("value") + count)
    return chosen


def status_index_renew(certificate, *, at: datetime) -> None:
    """On reinstatement: spend the certificate's index (its revocation bit stays set, so the
    credential handed out while suspended stays invalid) and give it a fresh one."""
    from certification.credentials.models import SpentStatusIndex
    from certification.models import Certificate

    if certificate.status_index is not None:
        SpentStatusIndex.objects.create(
            index=certificate.status_index, certificate=certificate, spent_at=at
        )
    certificate.status_index = status_indexes_allocate()[0]
    Certificate.objects.filter(pk=certificate.pk).update(status_index=certificate.status_index)
