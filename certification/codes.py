"""Certificate verification codes: unguessable, easy to read aloud and to type.

Codes are 100 random bits in Crockford's base32 (no I, L, O or U), shown in five groups of
four: ``7KQ2-9XMT-H4PD-0RWA-C3EN``. Input is forgiving: case, spaces and hyphens are ignored
and the look-alikes O, I and L read as 0, 1 and 1.
"""

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUPS = 5
GROUP_SIZE = 4
LENGTH = GROUPS * GROUP_SIZE  # 20 symbols x 5 bits = 100 bits
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
_VALID = re.compile(rf"^[{ALPHABET}]{{{LENGTH}}}$")
CODE_PATTERN = r"[0-9A-Za-z-]{20,29}"  # for URL routing; normalise_code() decides


def generate_code() -> str:
    return format_code("".join(secrets.choice(ALPHABET) for _ in range(LENGTH)))


def format_code(raw: str) -> str:
    return "-".join(raw[i : i + GROUP_SIZE] for i in range(0, LENGTH, GROUP_SIZE))


def normalise_code(text: str) -> str | None:
    """The canonical grouped form of what someone typed, or None when it cannot be a code."""
    if not isinstance(text, str) or len(text) > 64:
        return None
    cleaned = re.sub(r"[\s-]", "", text).upper().translate(_LOOKALIKES)
    if not _VALID.match(cleaned):
        return None
    return format_code(cleaned)
