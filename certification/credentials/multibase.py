"""Multibase base58btc and Multikey encodings of Ed25519 keys (no network, no dependency).

``z`` + base58btc (the Bitcoin alphabet) is the multibase form Data Integrity proofs and
Multikey documents use. A Multikey prefixes the raw key with its multicodec code as an unsigned
varint: ``0xed 0x01`` for an Ed25519 public key (so encodings start ``z6Mk``) and ``0x80 0x26``
for an Ed25519 secret key (the 32-byte seed; encodings start ``z3u2``).
"""

ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_INDEX = {char: value for value, char in enumerate(ALPHABET)}
ED25519_PUBLIC_PREFIX = b"\xed\x01"
ED25519_SECRET_PREFIX = b"\x80\x26"
KEY_LENGTH = 32


class MultibaseError(ValueError):
    """The text is not the multibase value expected."""


def base58btc_encode(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    digits = []
    while number:
        number, remainder = divmod(number, 58)
        digits.append(ALPHABET[remainder])
    leading_zeros = len(data) - len(data.lstrip(b"\0"))
    return "1" * leading_zeros + "".join(reversed(digits))


def base58btc_decode(text: str) -> bytes:
    number = 0
    for char in text:
        if char not in _INDEX:
            raise MultibaseError(f"{char!r} is not a base58btc character")
        number = number * 58 + _INDEX[char]
    leading_zeros = len(text) - len(text.lstrip("1"))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * leading_zeros + body


def multibase_encode(data: bytes) -> str:
    """``z`` + base58btc: the multibase encoding for proof values and keys."""
    return "z" + base58btc_encode(data)


def multibase_decode(text: str) -> bytes:
    if not isinstance(text, str) or not text.startswith("z") or len(text) < 2:
        raise MultibaseError("expected a base58btc multibase value (starting with 'z')")
    return base58btc_decode(text[1:])


def _multikey_decode(text: str, prefix: bytes, what: str) -> bytes:
    data = multibase_decode(text)
    if not data.startswith(prefix) or len(data) != len(prefix) + KEY_LENGTH:
        raise MultibaseError(f"not a multibase Ed25519 {what} key")
    return data[len(prefix) :]


def public_key_encode(raw: bytes) -> str:
    return multibase_encode(ED25519_PUBLIC_PREFIX + raw)


def public_key_decode(text: str) -> bytes:
    return _multikey_decode(text, ED25519_PUBLIC_PREFIX, "public")


def secret_key_encode(seed: bytes) -> str:
    return multibase_encode(ED25519_SECRET_PREFIX + seed)


def secret_key_decode(text: str) -> bytes:
    return _multikey_decode(text, ED25519_SECRET_PREFIX, "secret")
