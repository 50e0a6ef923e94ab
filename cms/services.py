"""Writes owned by the site app: accounts and sign-in throttling."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import transaction

from cms import roles
from cms.models import User


def _throttle_keys(*, username: str, ip: str) -> list[str]:
    return [f"login-fail:user:{username.strip().lower()}", f"login-fail:ip:{ip}"]


def login_throttle_exceeded(*, username: str, ip: str) -> bool:
    """True when the account or the address has used up its failed sign-ins for the window."""
    limit = settings.LOGIN_THROTTLE_ATTEMPTS
    counts = cache.get_many(_throttle_keys(username=username, ip=ip))
    return any(count >= limit for count in counts.values())


def login_failure_record(*, username: str, ip: str) -> None:
    """Count one failed sign-in against the account and the address."""
    window = settings.LOGIN_THROTTLE_WINDOW
    for key in _throttle_keys(username=username, ip=ip):
        if cache.add(key, 1, timeout=window):
            continue
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, timeout=window)


def login_failures_clear(*, username: str, ip: str) -> None:
    cache.delete(_throttle_keys(username=username, ip=ip)[0])


@transaction.atomic
def mentor_sign_up(
    *, username: str, email: str, password: str, first_name: str = "", last_name: str = ""
) -> User:
    """Create a prospective mentor's account; every sign-up joins the Mentors role."""
    user = User.objects.create_user(
        username=username,
        email=email.strip(),
        password=password,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
    )
    user.groups.add(Group.objects.get(name=roles.MENTORS))
    return user


def rate_limit_hit(*, scope: str, ident: str, limit: int, window: int) -> bool:
    """Count one request; True when `ident` has made more than `limit` in `window` seconds."""
    key = f"rate:{scope}:{ident}"
    if cache.add(key, 1, timeout=window):
        return False
    try:
        return cache.incr(key) > limit
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window)
        return False


def account_lock_open(*, user) -> bool:
    """Lock the person's row for the rest of this transaction, as erasure does (cms.privacy),
    and say whether their account is still open. Every write of someone's personal data calls
    it first: a write racing an erasure waits for it, then finds the account closed instead of
    storing data against the erased person's tombstone."""
    return (
        User.objects.select_for_update()
        .filter(pk=user.pk, is_active=True)
        .values_list("pk", flat=True)
        .first()
        is not None
    )
