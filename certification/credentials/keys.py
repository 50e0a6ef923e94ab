"""The issuer's Ed25519 signing key: from the environment, never from the code base.

``PMA_CREDENTIAL_SIGNING_KEY`` holds the secret key as a multibase Multikey (``z3u2…``, what
``manage.py credential_keygen`` prints). Development and test settings may fall back to a fixed
key derived from a public string: anyone can compute it, so credentials signed with it prove
nothing, and it is labelled as such. Production settings refuse to start without a key.
"""

import hashlib
from dataclasses import dataclass
from functools import lru_cache

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from certification.credentials import multibase

ENV_NAME = "PMA_CREDENTIAL_SIGNING_KEY"
DEV_KEY_LABEL = b"peer-mentor-academy: development credential key, NOT FOR PRODUCTION"


@dataclass(frozen=True)
class IssuerKey:
    private_key: Ed25519PrivateKey
    public_key_multibase: str
    is_development_key: bool

    @property
    def public_key(self) -> Ed25519PublicKey:
        return self.private_key.public_key()


def _public_multibase(private_key: Ed25519PrivateKey) -> str:
    raw = private_key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return multibase.public_key_encode(raw)


@lru_cache(maxsize=4)
def _key_from(secret: str, allow_dev: bool) -> IssuerKey:
    if not secret:
        if not allow_dev:
            raise ImproperlyConfigured(
                f"Set {ENV_NAME} in the environment (run `manage.py credential_keygen`)."
            )
        private_key = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(DEV_KEY_LABEL).digest())
        return IssuerKey(private_key, _public_multibase(private_key), is_development_key=True)
    try:
        seed = multibase.secret_key_decode(secret.strip())
    except multibase.MultibaseError as error:
        raise ImproperlyConfigured(
            f"{ENV_NAME} is not a multibase Ed25519 secret key (z3u2…): {error}"
        ) from error
    private_key = Ed25519PrivateKey.from_private_bytes(seed)
    return IssuerKey(private_key, _public_multibase(private_key), is_development_key=False)


def issuer_key() -> IssuerKey:
    """The configured signing key (or, where settings allow it, the public development key)."""
    return _key_from(settings.CREDENTIAL_SIGNING_KEY, settings.CREDENTIAL_DEV_KEY_ALLOWED)


def retired_public_keys() -> list[str]:
    """Public keys of earlier signing keys, still published so older credentials verify."""
    keys = []
    for text in settings.CREDENTIAL_RETIRED_PUBLIC_KEYS:
        try:
            multibase.public_key_decode(text)
        except multibase.MultibaseError as error:
            raise ImproperlyConfigured(
                f"PMA_CREDENTIAL_RETIRED_PUBLIC_KEYS holds {text!r}, not a z6Mk… public key"
            ) from error
        keys.append(text)
    return keys


def public_key_from_multibase(text: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(multibase.public_key_decode(text))


def key_generate() -> tuple[str, str]:
    """A fresh key pair as (secret, public) multibase Multikeys."""
    private_key = Ed25519PrivateKey.generate()
    seed = private_key.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )
    return multibase.secret_key_encode(seed), _public_multibase(private_key)
