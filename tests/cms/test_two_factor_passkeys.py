"""Passkeys through django-otp-webauthn's endpoints, as a browser would call them, with a
software authenticator made here (a real P-256 key signing real WebAuthn data, no stubs)."""

import base64
import hashlib
import json
import os
import struct

import cbor2
import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from django_otp.plugins.otp_static.models import StaticToken
from django_otp_webauthn.models import WebAuthnCredential
from wagtail.models import ModelLogEntry

from tests.factories import UserFactory
from tests.factories.cms import PASSWORD

pytestmark = pytest.mark.django_db

ORIGIN = "http://localhost:8000"
RP_ID = "localhost"
BEGIN_REGISTRATION = "/accounts/two-factor/webauthn/registration/begin/"
COMPLETE_REGISTRATION = "/accounts/two-factor/webauthn/registration/complete/"
BEGIN_AUTHENTICATION = "/accounts/two-factor/webauthn/authentication/begin/"
COMPLETE_AUTHENTICATION = "/accounts/two-factor/webauthn/authentication/complete/"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class SoftAuthenticator:
    """One passkey on a pretend device: what a phone's authenticator does, in 40 lines."""

    UP, UV, AT = 0x01, 0x04, 0x40

    def __init__(self, origin: str = ORIGIN, rp_id: str = RP_ID):
        self.origin, self.rp_id = origin, rp_id
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = os.urandom(32)
        self.sign_count = 0

    def _client_data(self, kind: str, challenge: str) -> bytes:
        return json.dumps(
            {"type": kind, "challenge": challenge, "origin": self.origin, "crossOrigin": False}
        ).encode()

    def _auth_data(self, flags: int, extra: bytes = b"") -> bytes:
        rp_hash = hashlib.sha256(self.rp_id.encode()).digest()
        return rp_hash + bytes([flags]) + struct.pack(">I", self.sign_count) + extra

    def create(self, options: dict) -> dict:
        numbers = self.key.public_key().public_numbers()
        cose_key = cbor2.dumps(
            {
                1: 2,
                3: -7,
                -1: 1,
                -2: numbers.x.to_bytes(32, "big"),
                -3: numbers.y.to_bytes(32, "big"),
            }
        )
        attested = (
            bytes(16) + struct.pack(">H", len(self.credential_id)) + self.credential_id + cose_key
        )
        auth_data = self._auth_data(self.UP | self.UV | self.AT, attested)
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": auth_data})
        return {
            "id": b64url(self.credential_id),
            "rawId": b64url(self.credential_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": b64url(
                    self._client_data("webauthn.create", options["challenge"])
                ),
                "attestationObject": b64url(attestation),
                "transports": ["internal"],
            },
            "clientExtensionResults": {"credProps": {"rk": True}},
            "authenticatorAttachment": "platform",
        }

    def get(self, options: dict) -> dict:
        self.sign_count += 1
        client_data = self._client_data("webauthn.get", options["challenge"])
        auth_data = self._auth_data(self.UP | self.UV)
        signature = self.key.sign(
            auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256())
        )
        return {
            "id": b64url(self.credential_id),
            "rawId": b64url(self.credential_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": b64url(client_data),
                "authenticatorData": b64url(auth_data),
                "signature": b64url(signature),
            },
            "clientExtensionResults": {},
            "authenticatorAttachment": "platform",
        }


@pytest.fixture
def webauthn_settings(settings):
    settings.PMA_STAFF_2FA_REQUIRED = True
    settings.OTP_WEBAUTHN_RP_ID = RP_ID
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [ORIGIN]


def post_json(client, url, data=None):
    return client.post(url, json.dumps(data or {}), content_type="application/json")


def register_passkey(client, authenticator: SoftAuthenticator):
    options = post_json(client, BEGIN_REGISTRATION).json()
    return post_json(client, COMPLETE_REGISTRATION, authenticator.create(options))


def test_a_coordinator_sets_up_a_passkey_and_signs_in_with_it(client, webauthn_settings):
    coordinator = UserFactory(role="Coordinators")
    client.post("/accounts/login/", {"username": coordinator.username, "password": PASSWORD})
    assert client.get("/admin/")["Location"].startswith("/accounts/two-factor/setup/")

    authenticator = SoftAuthenticator()
    response = register_passkey(client, authenticator)
    assert response.status_code == 200, response.content
    credential = WebAuthnCredential.objects.get(user=coordinator)
    # What the page's script does next: recovery codes, shown once.
    after = client.get("/accounts/two-factor/setup/passkey-added/?next=/admin/")
    assert after["Location"] == "/accounts/two-factor/recovery-codes/"
    assert StaticToken.objects.filter(device__user=coordinator).count() == 10
    assert client.get("/admin/").status_code == 200
    assert ModelLogEntry.objects.filter(
        object_id=str(coordinator.pk), action="cms.two_factor.added", data__kind="passkey"
    ).exists()

    client.post("/accounts/logout/")
    client.post("/admin/login/", {"username": coordinator.username, "password": PASSWORD})
    verify = client.get("/admin/")
    assert verify["Location"].startswith("/accounts/two-factor/verify/")
    assert (
        'id="passkey-verification-placeholder"' in client.get(verify["Location"]).content.decode()
    )
    options = post_json(client, BEGIN_AUTHENTICATION).json()
    assert [c["id"] for c in options["allowCredentials"]] == [b64url(credential.credential_id)]
    done = post_json(client, COMPLETE_AUTHENTICATION + "?next=/admin/", authenticator.get(options))
    assert done.status_code == 200, done.content
    assert done.json()["redirect_url"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_passkey_from_another_device_does_not_sign_in(client, webauthn_settings):
    coordinator = UserFactory(role="Coordinators")
    client.post("/accounts/login/", {"username": coordinator.username, "password": PASSWORD})
    register_passkey(client, SoftAuthenticator())
    client.post("/accounts/logout/")

    client.post("/accounts/login/", {"username": coordinator.username, "password": PASSWORD})
    options = post_json(client, BEGIN_AUTHENTICATION).json()
    impostor = SoftAuthenticator()
    refused = post_json(client, COMPLETE_AUTHENTICATION, impostor.get(options))
    assert refused.status_code >= 400
    assert client.get("/admin/")["Location"].startswith("/accounts/two-factor/verify/")


def test_a_passkey_for_another_site_is_refused(client, webauthn_settings):
    coordinator = UserFactory(role="Coordinators")
    client.post("/accounts/login/", {"username": coordinator.username, "password": PASSWORD})
    phishing = SoftAuthenticator(origin="https://peer-mentor-academy.example", rp_id="example")
    assert register_passkey(client, phishing).status_code >= 400
    assert not WebAuthnCredential.objects.filter(user=coordinator).exists()


def test_passkeys_never_replace_the_password(client, webauthn_settings):
    """Passwordless sign-in is off: without a password first, there is no passkey ceremony."""
    assert post_json(client, BEGIN_AUTHENTICATION).status_code >= 400


def test_a_password_alone_cannot_add_a_passkey_to_an_account_that_has_one(
    client, webauthn_settings
):
    coordinator = UserFactory(role="Coordinators")
    client.post("/accounts/login/", {"username": coordinator.username, "password": PASSWORD})
    register_passkey(client, SoftAuthenticator())
    client.post("/accounts/logout/")
    client.post("/accounts/login/", {"username": coordinator.username, "password": PASSWORD})
    assert post_json(client, BEGIN_REGISTRATION).status_code == 403
    assert WebAuthnCredential.objects.filter(user=coordinator).count() == 1
