"""The authenticator-app QR code, drawn here as inline SVG (segno): the key never leaves the
site, not even to a QR-code service. (cms cannot import certification.qr: apps depend the
other way.)"""

from base64 import b32encode
from urllib.parse import quote, urlencode

import segno
from django.conf import settings
from django.utils.translation import gettext

from cms.two_factor.services import TOTP_DIGITS, TOTP_STEP


def base32_key(key_hex: str) -> str:
    return b32encode(bytes.fromhex(key_hex)).decode().rstrip("=")


def grouped(text: str, size: int = 4) -> str:
    """The key as "ABCD EFGH ..." for reading aloud or typing into an app by hand."""
    return " ".join(text[i : i + size] for i in range(0, len(text), size))


def totp_uri(*, user, key: str) -> str:
    issuer = settings.OTP_TOTP_ISSUER.replace(":", "")
    label = quote(f"{issuer}:{user.get_username()}")
    params = urlencode(
        {
            "secret": base32_key(key),
            "issuer": issuer,
            "algorithm": "SHA1",
            "digits": TOTP_DIGITS,
            "period": TOTP_STEP,
        },
        quote_via=quote,
    )
    return f"otpauth://totp/{label}?{params}"


def totp_qr_svg(*, user, key: str) -> str:
    qr = segno.make(totp_uri(user=user, key=key), error="m", micro=False)
    return qr.svg_inline(
        scale=5,
        border=4,
        dark="#1d2733",
        light="#ffffff",
        title=gettext("QR code for your authenticator app"),
    )
