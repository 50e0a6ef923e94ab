"""Set up, use and remove second factors. Each write locks the person's row, so two tabs (or two
requests racing with one code) cannot both succeed where only one may."""

import secrets
import time
from binascii import hexlify

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from cms.errors import DomainError
from cms.models import User
from cms.two_factor import audit, selectors

TOTP_KEY_BYTES = 20  # 160 bits, RFC 4226's recommended length
TOTP_DIGITS = 6
TOTP_STEP = 30
TOTP_TOLERANCE = 1  # one step either side: clocks and typing take time
RECOVERY_CODE_COUNT = 10


class TwoFactorError(DomainError):
    """A second-factor step refused, with a message the person can act on."""


def _lock(user) -> User:
    """The person's row, locked (also a plain ``User``, never ``request.user``'s lazy wrapper,
    which Wagtail's log cannot file)."""
    return User.objects.select_for_update().get(pk=user.pk)


def totp_key_new() -> str:
    """A fresh authenticator-app key (hex, as django-otp stores it). Nothing is saved until
    ``totp_device_add`` has seen a code made from it."""
    return hexlify(secrets.token_bytes(TOTP_KEY_BYTES)).decode()


def normalise_code(code: str) -> str:
    """People copy codes with spaces or dashes ("123 456", "abcd-efgh"); neither is part of it."""
    return "".join(ch for ch in (code or "") if ch not in " -\t").lower()


@transaction.atomic
def totp_device_add(*, user, key: str, code: str, name: str = "") -> TOTPDevice:
    """Adds the authenticator app holding ``key`` once ``code`` shows that it does (the code's
    time step is remembered, so it cannot be used again to sign in)."""
    user = _lock(user)
    code = normalise_code(code)
    if not (code.isdigit() and len(code) == TOTP_DIGITS):
        raise TwoFactorError(_("Enter the 6-digit code your app shows."), code="format")
    totp = TOTP(bytes.fromhex(key), step=TOTP_STEP, digits=TOTP_DIGITS)
    totp.time = time.time()
    if not totp.verify(int(code), tolerance=TOTP_TOLERANCE):
        raise TwoFactorError(
            _(
                "That code did not match. Check that your phone's clock is set automatically, "
                "then enter the code your app shows now."
            ),
            code="invalid",
        )
    device = TOTPDevice.objects.create(
        user=user,
        name=name or str(_("Authenticator app")),
        key=key,
        digits=TOTP_DIGITS,
        step=TOTP_STEP,
        tolerance=TOTP_TOLERANCE,
        last_t=totp.t(),
        confirmed=True,
    )
    audit.log_second_factor_added(user=user, kind="totp", name=device.name)
    return device


def _throttled(devices) -> bool:
    return any(not device.verify_is_allowed()[0] for device in devices)


THROTTLED = _(
    "Too many codes that did not match. Please wait a minute before trying again; each "
    "further wrong code makes the wait longer."
)


def totp_verify(*, user, code: str) -> TOTPDevice:
    """The person's authenticator app that accepts ``code``. Each code signs in once, and every
    wrong code doubles the wait before the next try (django-otp's throttling). The refusal is
    raised after the transaction commits, so the wrong try is counted."""
    device, refusal = _totp_verify(user=user, code=normalise_code(code))
    if refusal:
        raise refusal
    return device


@transaction.atomic
def _totp_verify(*, user, code: str):
    _lock(user)
    devices = list(selectors.totp_devices(user=user).select_for_update())
    if not devices:
        return None, TwoFactorError(_("You have no authenticator app set up."), code="no_device")
    if _throttled(devices):
        return None, TwoFactorError(THROTTLED, code="throttled")
    if code.isdigit() and len(code) == TOTP_DIGITS:
        for device in devices:
            if device.verify_token(code):
                return device, None
    else:
        for device in devices:  # a malformed code is a wrong code: it counts towards the wait
            device.throttle_increment(commit=True)
    return None, TwoFactorError(
        _(
            "That code did not match. Enter the code your app shows now, or use a passkey or "
            "a recovery code instead."
        ),
        code="invalid",
    )


def recovery_code_use(*, user, code: str) -> StaticDevice:
    """Signs in with one recovery code and uses it up: it never works again. Wrong codes are
    throttled like authenticator codes (the refusal is raised after the commit)."""
    device, refusal = _recovery_code_use(user=user, code=normalise_code(code))
    if refusal:
        raise refusal
    return device


@transaction.atomic
def _recovery_code_use(*, user, code: str):
    _lock(user)
    device = StaticDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
    if device is None:
        return None, TwoFactorError(_("You have no recovery codes."), code="no_device")
    if _throttled([device]):
        return None, TwoFactorError(THROTTLED, code="throttled")
    if device.verify_token(code):
        return device, None
    return None, TwoFactorError(
        _(
            "That recovery code did not work. Each code works once; check it against your "
            "saved list and try another."
        ),
        code="invalid",
    )


@transaction.atomic
def recovery_codes_generate(*, user) -> list[str]:
    """Ten new single-use recovery codes; any earlier ones stop working at once."""
    user = _lock(user)
    device = StaticDevice.objects.filter(user=user).order_by("pk").first()
    if device is None:
        device = StaticDevice.objects.create(
            user=user, name=str(_("Recovery codes")), confirmed=True
        )
    StaticToken.objects.filter(device__user=user).delete()
    StaticDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    codes = set()
    while len(codes) < RECOVERY_CODE_COUNT:
        codes.add(StaticToken.random_token())
    codes = sorted(codes)
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    device.throttle_reset(commit=False)
    device.confirmed = True
    device.save()
    audit.log_recovery_codes_generated(user=user)
    return codes


def recovery_codes_ensure(*, user) -> list[str]:
    """New recovery codes if the person has none left, else nothing (their list still works)."""
    if selectors.recovery_codes_left(user=user):
        return []
    return recovery_codes_generate(user=user)


@transaction.atomic
def second_factor_remove(*, user, kind: str, pk: int) -> None:
    """Removes one of the person's authenticator apps or passkeys. Without any left, their
    recovery codes go too: they lead back to nothing."""
    user = _lock(user)
    model = {"totp": TOTPDevice, "passkey": WebAuthnCredential}.get(kind)
    device = model and model.objects.filter(user=user, pk=pk).first()
    if device is None:
        raise TwoFactorError(_("That sign-in method was already removed."), code="missing")
    name = device.name
    device.delete()
    if not selectors.has_second_factor(user=user):
        StaticDevice.objects.filter(user=user).delete()
    audit.log_second_factor_removed(user=user, kind=kind, name=name)


@transaction.atomic
def second_factors_reset(*, user) -> int:
    """Removes all of someone's second factors and recovery codes, for an operator helping a
    person who lost them all (``manage.py two_factor_reset``). Their next sign-in asks them to
    set up again if their role requires it. Returns how many methods were removed."""
    user = _lock(user)
    removed = 0
    for model, kind in ((TOTPDevice, "totp"), (WebAuthnCredential, "passkey")):
        for device in model.objects.filter(user=user):
            audit.log_second_factor_removed(user=user, kind=kind, name=device.name)
            device.delete()
            removed += 1
    StaticDevice.objects.filter(user=user).delete()
    return removed
