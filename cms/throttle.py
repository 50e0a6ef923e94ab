"""Every door people knock on is throttled here, in one store shared by every process and host.

* ``client_address(request)`` is the person's address: the socket's peer, or, behind
  ``TRUSTED_PROXY_COUNT`` proxies, the right-most ``X-Forwarded-For`` entry none of our own
  proxies wrote. Everything that counts per address uses it: django-axes
  (``AXES_CLIENT_IP_CALLABLE``), the sign-up and password-reset limits, certificate look-ups;
  DRF's throttles read the same setting as ``NUM_PROXIES`` and apply the same rule (a test
  holds them together).
* Sign-in: django-axes guards every path that calls ``django.contrib.auth.authenticate`` with a
  request (``/accounts/login/``, Wagtail's ``/admin/login/``, the page-privacy ``/_util/login/``)
  through ``SignInBackend``, first in ``AUTHENTICATION_BACKENDS``. Failures are rows in the
  database (``axes.AccessAttempt``), so every worker on every host counts the same failures.
  An account is locked after ``LOGIN_THROTTLE_ATTEMPTS`` failures, from anywhere; an address
  after ``LOGIN_THROTTLE_ADDRESS_ATTEMPTS`` failures, for any accounts. The two are counted
  separately, so one account's lock never locks anyone else, and an office behind one address
  is locked only when the address itself passes its own, larger allowance.
* Sign-up and password reset are not authentication, so axes does not see them:
  ``address_requests_refused`` and ``identity_requests_refused`` count them in the cache
  (Redis in production; ``cms.checks`` refuses a per-process cache), per address and per
  e-mail address or username submitted.
"""

import datetime
import hashlib
import ipaddress
import math

from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.db.models import Max, Sum
from django.shortcuts import render
from django.utils import timezone
from wagtail.models import ModelLogEntry

from cms import audit


def _valid_address(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_address(request) -> str:
    """The address the request came from, trusting only our own proxies.

    With ``TRUSTED_PROXY_COUNT = 0`` (the default) ``X-Forwarded-For`` is ignored: anyone can
    write it. With N trusted proxies, the N-th entry from the right is the address the
    outermost of them saw (each proxy appends the peer it saw); when the header has fewer
    entries, its left-most one, as Django REST framework's ``NUM_PROXIES`` does.
    """
    if request is None:
        return ""
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if count <= 0 or not forwarded:
        return remote
    entries = [entry.strip() for entry in forwarded.split(",")]
    chosen = entries[-min(count, len(entries))]
    return _valid_address(chosen) or remote


# --- Sign-in (django-axes) -------------------------------------------------------------------


def account_failure_limit(request=None, credentials=None) -> int:
    """``AXES_FAILURE_LIMIT``: failed sign-ins an account may have before it is locked."""
    return settings.LOGIN_THROTTLE_ATTEMPTS


def cool_off(request=None) -> datetime.timedelta:
    """``AXES_COOLOFF_TIME``: a lock ends this long after the last counted failure, and failures
    are forgotten after this long without another."""
    return datetime.timedelta(seconds=settings.LOGIN_THROTTLE_WINDOW)


def _recent_failures(at: datetime.datetime):
    return AccessAttempt.objects.filter(attempt_time__gte=at - cool_off())


def sign_in_failures(*, username: str | None, address: str, at: datetime.datetime) -> tuple:
    """(failures of the account, failures from the address) still counting at ``at``."""
    recent = _recent_failures(at)
    account = recent.filter(username=username).aggregate(n=Sum("failures_since_start"))["n"]
    by_address = recent.filter(ip_address=address).aggregate(n=Sum("failures_since_start"))["n"]
    return account or 0, by_address or 0


def sign_in_locked(*, username: str | None, address: str, at: datetime.datetime) -> bool:
    """The one rule: the account has used up its failures, or the address has used up its own."""
    account, by_address = sign_in_failures(username=username, address=address, at=at)
    return (
        account >= settings.LOGIN_THROTTLE_ATTEMPTS
        or by_address >= settings.LOGIN_THROTTLE_ADDRESS_ATTEMPTS
    )


class SignInThrottleHandler(AxesDatabaseHandler):
    """django-axes' database handler, with separate allowances for the account and the address.

    Axes compares one number with one limit (``AXES_FAILURE_LIMIT``, the account's): the
    failures reported are the account's, or that limit once the address has used up its own.
    """

    def get_failures(self, request, credentials=None) -> int:
        username = get_client_username(request, credentials)
        at = request.axes_attempt_time or timezone.now()
        account, _by_address = sign_in_failures(
            username=username, address=request.axes_ip_address, at=at
        )
        if sign_in_locked(username=username, address=request.axes_ip_address, at=at):
            return max(account, settings.LOGIN_THROTTLE_ATTEMPTS)
        return account

    def reset_user_attempts(self, request, credentials=None) -> int:
        """A successful sign-in clears the account's failures, never the address's: otherwise
        anyone with an account could wipe the count of the address they attack from."""
        username = get_client_username(request, credentials)
        return sign_in_failures_clear(username=username)


class SignInBackend(AxesStandaloneBackend):
    """Refuses every sign-in while the account or the address is locked.

    ``authenticate()`` without a request (the test client's ``login()``, the shell) has no
    address to count and comes from no network door: it passes on to the next backend.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)

    def get_user(self, user_id):
        """``force_login()`` without a backend names the first one: find the user as Django's."""
        return ModelBackend().get_user(user_id)


def sign_in_failures_clear(*, username: str | None = None, address: str | None = None) -> int:
    """Forget the failures of an account or of an address (a coordinator's "clear", or a
    password reset for the account). Returns how many records were removed."""
    if not username and not address:
        return 0
    attempts = AccessAttempt.objects.all()
    if username:
        attempts = attempts.filter(username=username)
    if address:
        attempts = attempts.filter(ip_address=address)
    deleted, _ = attempts.delete()
    return deleted


def lock_ends_at(*, username: str | None, address: str, at: datetime.datetime):
    """When the lock on this account or address lifts: one cool-off after the latest failure."""
    recent = _recent_failures(at)
    latest = (
        recent.filter(username=username).aggregate(t=Max("attempt_time"))["t"],
        recent.filter(ip_address=address).aggregate(t=Max("attempt_time"))["t"],
    )
    known = [moment for moment in latest if moment]
    return (max(known) if known else at) + cool_off()


def lockout_response(request, original_response=None, credentials=None):
    """``AXES_LOCKOUT_CALLABLE``: a calm page saying when to try again and what else to do."""
    at = getattr(request, "axes_attempt_time", None) or timezone.now()
    username = get_client_username(request, credentials)
    ends = lock_ends_at(username=username, address=client_address(request), at=at)
    minutes = max(1, math.ceil((ends - timezone.now()).total_seconds() / 60))
    return render(
        request,
        "registration/locked_out.html",
        {"minutes": minutes, "try_again_at": ends},
        status=429,
    )


def sign_in_lockouts(*, at: datetime.datetime | None = None) -> list[dict]:
    """Accounts and addresses with failures still counting, most failures first, each saying
    whether it is locked now: what coordinators see in the admin."""
    at = at or timezone.now()
    recent = _recent_failures(at)
    rows = []
    for kind, field, limit in (
        ("account", "username", settings.LOGIN_THROTTLE_ATTEMPTS),
        ("address", "ip_address", settings.LOGIN_THROTTLE_ADDRESS_ATTEMPTS),
    ):
        grouped = (
            recent.exclude(**{f"{field}__isnull": True})
            .values(field)
            .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        )
        rows.extend(
            {
                "kind": kind,
                "key": row[field],
                "failures": row["failures"],
                "limit": limit,
                "locked": row["failures"] >= limit,
                "last_failure": row["last"],
                "until": row["last"] + cool_off(),
            }
            for row in grouped
        )
    return sorted(rows, key=lambda row: (not row["locked"], -row["failures"], row["kind"]))


# --- Sign-up, password reset and look-ups (cache) -------------------------------------------


def rate_limit_hit(*, scope: str, ident: str, limit: int, window: int) -> bool:
    """Count one request; True when ``ident`` has made more than ``limit`` in ``window`` seconds.
    Atomic on Redis (``add`` then ``incr``), so every worker adds to the same count."""
    key = f"rate:{scope}:{hashlib.sha256(ident.encode()).hexdigest()}"
    if cache.add(key, 1, timeout=window):
        return False
    try:
        return cache.incr(key) > limit
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window)
        return False


def address_requests_refused(request, *, scope: str) -> bool:
    """Count one sign-up or password-reset request against the address it came from; True when
    the address is over its limit."""
    return rate_limit_hit(
        scope=f"{scope}:address",
        ident=client_address(request),
        limit=settings.ACCOUNT_REQUESTS_PER_ADDRESS,
        window=settings.ACCOUNT_REQUESTS_WINDOW,
    )


def identity_requests_refused(*, scope: str, identities) -> bool:
    """Count one e-mail-sending request against each e-mail address or username it names; True
    when any is over its limit. Every request counts, whether or not an account exists, so a
    refusal says nothing about who has one."""
    refused = False
    for identity in sorted({str(value).strip().lower() for value in identities if value}):
        refused |= rate_limit_hit(
            scope=f"{scope}:identity",
            ident=identity,
            limit=settings.ACCOUNT_REQUESTS_PER_IDENTITY,
            window=settings.ACCOUNT_REQUESTS_WINDOW,
        )
    return refused


def too_many_requests(request):
    """The page a throttled sign-up or password reset gets: the same whoever is asking."""
    minutes = max(1, math.ceil(settings.ACCOUNT_REQUESTS_WINDOW / 60))
    return render(request, "registration/too_many_requests.html", {"minutes": minutes}, status=429)


def attempted_username(request, credentials=None) -> str:
    """The username a sign-in attempt named, as axes records it: cut to the length a username
    can have, so a hostile 10,000-character "username" is counted, not a database error."""
    field = get_user_model().USERNAME_FIELD
    credentials = credentials or {}
    value = credentials.get(field) or credentials.get("username")
    if value is None and request is not None:
        value = request.POST.get("username", "")
    return str(value or "")[:150]


def lockout_audit(*, username: str, address: str, at: datetime.datetime) -> bool:
    """Write "account locked" to Wagtail's audit log once per lock, when the ACCOUNT (not only
    the address) has run out of attempts; axes reports every refused attempt while locked.
    Returns True when an entry was written now."""
    person = get_user_model().objects.filter(username=username).first() if username else None
    if person is None:
        return False
    account, _by_address = sign_in_failures(username=username, address=address, at=at)
    if account < settings.LOGIN_THROTTLE_ATTEMPTS:
        return False
    since = at - datetime.timedelta(seconds=settings.LOGIN_THROTTLE_WINDOW)
    if ModelLogEntry.objects.filter(
        action="pma.account.lockout", object_id=str(person.pk), timestamp__gte=since
    ).exists():
        return False
    audit.account_locked(person=person, data={"failures": account})
    return True


def lockout_cleared_audit(*, username: str, actor) -> None:
    """A coordinator cleared an account's lock: in Wagtail's audit log against the person."""
    person = get_user_model().objects.filter(username=username).first()
    if person is not None:
        audit.account_unlocked(person=person, actor=actor)
