"""Who must use a second factor, who has one, and what they hold: reads only."""

from dataclasses import dataclass

from django.conf import settings
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from cms import roles

# The session remembers whether its person has a second factor, so that most pages (a mentor
# who never set one up) cost no device query; sign-in and every change in this app set it.
SESSION_ENROLLED = "two_factor_enrolled"


def two_factor_required(user, *, opening_admin: bool = False) -> bool:
    """The rule: with ``PMA_STAFF_2FA_REQUIRED`` on, superusers and every member of a staff role
    (Trainers, Supervisors, Coordinators) must sign in with a second factor, and so must anyone
    else who opens the Wagtail admin (admin access given to one person directly). Mentors may
    choose to use one. With the setting off nobody is made to."""
    if not settings.PMA_STAFF_2FA_REQUIRED:
        return False
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser or roles.user_can_open_admin(user):
        return True
    if any(roles.user_has_role(user, role) for role in roles.STAFF_ROLES):
        return True
    # Direct permissions cost a query; only the admin itself needs to ask.
    return opening_admin and user.has_perm("wagtailadmin.access_admin")


def totp_devices(*, user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("created_at", "pk")


def passkeys(*, user):
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("created_at", "pk")


def has_second_factor(*, user) -> bool:
    """An authenticator app or a passkey (recovery codes alone are a way back, not a factor)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return totp_devices(user=user).exists() or passkeys(user=user).exists()


def has_second_factor_cached(request) -> bool:
    """``has_second_factor`` for the signed-in person, remembered in their session."""
    enrolled = request.session.get(SESSION_ENROLLED)
    if enrolled is None:
        enrolled = has_second_factor(user=request.user)
        request.session[SESSION_ENROLLED] = enrolled
    return enrolled


def may_add_second_factor(*, user, verified: bool) -> bool:
    """Someone who already has a second factor adds another only after using one in this session:
    otherwise a stolen password would be enough to add the thief's own app."""
    return verified or not has_second_factor(user=user)


def recovery_codes_left(*, user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@dataclass(frozen=True)
class DeviceRow:
    kind: str  # "totp" or "passkey"
    pk: int
    name: str
    created_at: object
    last_used_at: object


def second_factors(*, user) -> list[DeviceRow]:
    """The person's authenticator apps and passkeys, oldest first, for their manage page."""
    rows = [
        DeviceRow("totp", d.pk, d.name, d.created_at, d.last_used_at)
        for d in totp_devices(user=user)
    ]
    rows += [
        DeviceRow("passkey", c.pk, c.name, c.created_at, c.last_used_at)
        for c in passkeys(user=user)
    ]
    return rows


def recovery_device(*, user) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
