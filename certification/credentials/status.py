"""W3C Bitstring Status List: where a certificate's bit lives and how a list is encoded.

Every certificate holds one index, drawn at random and never reused (``allocation``); the same
index is used in the revocation list and in the suspension list. Lists hold 131,072 bits (16 KiB,
the minimum the specification sets so that one entry hides among many), so index ``n`` lives in
list ``n // 131072 + 1`` at position ``n % 131072``. The first bit is the left-most bit of the first
byte; the bitstring is GZIP-compressed and multibase base64url-encoded (``u`` prefix, no
padding).
"""

import base64
import gzip

LIST_SIZE = 131_072  # bits per list
COUNTER_KEY = "credential-status-index"  # the SerialCounter that hands out indexes
REVOCATION = "revocation"
SUSPENSION = "suspension"
PURPOSES = (REVOCATION, SUSPENSION)


class StatusListError(ValueError):
    """The encoded list is not a GZIP-compressed base64url multibase bitstring."""


def list_position(index: int) -> tuple[int, int]:
    """(list number counted from 1, bit position in that list) of a certificate's index."""
    return index // LIST_SIZE + 1, index % LIST_SIZE


def list_range(number: int) -> tuple[int, int]:
    """The first index in list ``number`` and the first index after it."""
    return (number - 1) * LIST_SIZE, number * LIST_SIZE


def encode(positions, *, size: int = LIST_SIZE) -> str:
    """The encodedList for a list whose bits at ``positions`` are set."""
    bits = bytearray(size // 8)
    for position in positions:
        bits[position // 8] |= 0x80 >> (position % 8)
    # mtime=0: the same bits always encode to the same text.
    compressed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).rstrip(b"=").decode("ascii")


def decode(encoded: str) -> bytes:
    if not isinstance(encoded, str) or not encoded.startswith("u"):
        raise StatusListError("encodedList must be multibase base64url (starting with 'u')")
    body = encoded[1:]
    try:
        return gzip.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    except (ValueError, OSError, EOFError) as error:
        raise StatusListError(f"encodedList does not decode: {error}") from error


def bit(bitstring: bytes, position: int) -> bool:
    if not 0 <= position < len(bitstring) * 8:
        raise StatusListError("the status index lies outside the list")
    return bool(bitstring[position // 8] & (0x80 >> (position % 8)))
