"""The one account lock: a person's user row, locked for the rest of the transaction.

Every decision about a person that must not race another (issuing or renewing a certificate,
the matching gate and its re-check, an erasure, a write of their personal data) locks their
row first, so such decisions about one person run one after the other on PostgreSQL.
"""

from dataclasses import dataclass

from cms.models import User


@dataclass(frozen=True)
class LockedUser:
    pk: int
    is_active: bool
    erased: bool


def user_lock(user_id: int) -> LockedUser | None:
    """Lock the user's row (SELECT ... FOR UPDATE) and say whether the account is active and
    whether it was erased; None when there is no such user. Call it inside a transaction."""
    row = (
        User.objects.select_for_update()
        .filter(pk=user_id)
        .values_list("pk", "is_active", "erased_at")
        .first()
    )
    if row is None:
        return None
    return LockedUser(pk=row[0], is_active=row[1], erased=row[2] is not None)
