"""The proof that certificates verify outside the project: Digital Bazaar's verifier
(@digitalbazaar/vc with vc-bitstring-status-list and eddsa-rdfc-2022) and the Digital Credentials
Consortium's @digitalcredentials/verifier-core check credentials the project issued.

Both run in Node (tests/certification/outside_verifiers.mjs) offline and fail-closed: their
contexts are the project's vendored copies (and what the packages bundle), and the only other
documents they get are the ones the issuer publishes, fetched here from the project and handed
over by URL (the DID document at the https URL its did:web resolves to, the status lists).
"""

import copy
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import override_settings

from certification import services
from certification.credentials import documents, jsonld
from tests.factories import UserFactory
from tests.factories.certificates import ProgrammeFactory, qualify

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("outside_verifiers.mjs")
SCHEMA = Path(__file__).parent / "vectors" / "ob_v3p0_achievementcredential_schema.json"
SCHEMA_URL = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
)
PACKAGES = (
    "@digitalbazaar/vc",
    "@digitalbazaar/vc-bitstring-status-list",
    "@digitalbazaar/data-integrity",
    "@digitalbazaar/eddsa-rdfc-2022-cryptosuite",
    "@digitalcredentials/verifier-core",
)
NODE = shutil.which("node")
MISSING = [name for name in PACKAGES if not (ROOT / "node_modules" / name).is_dir()]

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(NODE is None, reason="the outside verifiers need Node.js (node)"),
    pytest.mark.skipif(
        bool(MISSING), reason=f"npm packages missing ({', '.join(MISSING)}): run `npm ci`"
    ),
]


@pytest.fixture
def programme():
    return ProgrammeFactory(name="Certified Peer Mentor", description="Mentoring in recovery.")


@pytest.fixture
def certificate(mentor, programme, django_capture_on_commit_callbacks):
    qualify(mentor, programme)
    with django_capture_on_commit_callbacks(execute=True):
        return services.certificate_issue_if_eligible(mentor_id=mentor.pk, programme=programme)


@pytest.fixture
def coordinator():
    return UserFactory(role="Coordinators")


def _get(client, url: str) -> dict:
    response = client.get(url.removeprefix(documents.site_url("")))
    assert response.status_code == 200, url
    return json.loads(response.content)


def published_documents(client, credential: dict) -> dict:
    """What a verifier would fetch from the issuer, by URL: the DID document (at the https URL
    its did:web resolves to) and the status lists the credential names."""
    did_url = "https://" + documents.issuer_did().removeprefix("did:web:").replace("%3A", ":")
    found = {did_url + "/.well-known/did.json": _get(client, documents.did_document_url())}
    entries = credential.get("credentialStatus") or []
    for entry in entries if isinstance(entries, list) else [entries]:
        url = entry["statusListCredential"]
        found[url] = _get(client, url)
    return found


def outside_verify(client, credential: dict, *, published: dict | None = None) -> dict:
    if published is None:
        published = published_documents(client, credential)
    payload = {
        "credential": credential,
        "documents": published,
        "contexts": {
            url: str(jsonld.CONTEXTS_DIR / name) for url, name in jsonld.CONTEXT_FILES.items()
        },
        "schemas": {SCHEMA_URL: str(SCHEMA)},
    }
    result = subprocess.run(
        [NODE, str(SCRIPT)],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def fetch_credential(client, certificate) -> dict:
    return _get(client, documents.credential_url(certificate.verification_code))


def assert_verdict(outcome: dict, *, valid: bool) -> None:
    for verifier in ("digitalbazaar", "dcc"):
        assert outcome[verifier]["valid"] is valid, (verifier, outcome[verifier])


def act(action, certificate, actor):
    action(certificate_id=certificate.pk, actor=actor, reason="Checked by the coordinator.")


def test_an_active_certificate_is_valid(client, certificate):
    credential = fetch_credential(client, certificate)
    outcome = outside_verify(client, credential)
    assert_verdict(outcome, valid=True)
    assert outcome["refused"] == []
    assert outcome["dcc"]["schema"][0]["result"]["valid"] is True  # the Open Badges schema
    # Both resolved the key through did:web and read the credential's revocation list.
    assert any(url.endswith("/.well-known/did.json") for url in outcome["loaded"])
    assert credential["credentialStatus"]["statusListCredential"] in outcome["loaded"]


@pytest.mark.parametrize(
    "change",
    [
        lambda c: c.update(name="Another programme"),
        lambda c: c.update(validUntil="2099-12-31T23:59:59Z"),
        lambda c: c["credentialSubject"]["identifier"][0].update(identityHash="Someone Else"),
        lambda c: c["credentialStatus"].update(statusListIndex="7"),
    ],
    ids=["name", "validUntil", "holder", "status-index"],
)
def test_a_tampered_credential_is_invalid(client, certificate, change):
    tampered = copy.deepcopy(fetch_credential(client, certificate))
    change(tampered)
    assert_verdict(outside_verify(client, tampered), valid=False)


def test_a_revoked_certificate_is_invalid(client, certificate, coordinator):
    act(services.certificate_revoke, certificate, coordinator)
    outcome = outside_verify(client, fetch_credential(client, certificate))
    assert_verdict(outcome, valid=False)
    assert outcome["digitalbazaar"]["statuses"] == [{"purpose": "revocation", "set": True}]
    assert outcome["dcc"]["steps"]["revocation_status"] is False


def test_a_copy_downloaded_before_revocation_is_invalid(client, certificate, coordinator):
    earlier = fetch_credential(client, certificate)
    act(services.certificate_revoke, certificate, coordinator)
    assert_verdict(outside_verify(client, earlier), valid=False)


def test_a_suspended_certificate_is_invalid(client, certificate, coordinator):
    earlier = fetch_credential(client, certificate)
    act(services.certificate_suspend, certificate, coordinator)
    assert_verdict(outside_verify(client, fetch_credential(client, certificate)), valid=False)
    assert_verdict(outside_verify(client, earlier), valid=False)


def test_a_reinstated_certificate_is_valid_again(client, certificate, coordinator):
    act(services.certificate_suspend, certificate, coordinator)
    suspended = fetch_credential(client, certificate)
    act(services.certificate_reinstate, certificate, coordinator)
    assert_verdict(outside_verify(client, fetch_credential(client, certificate)), valid=True)
    # The copy handed out while suspended stays invalid: its status entry is spent for good.
    assert_verdict(outside_verify(client, suspended), valid=False)


def test_a_credential_signed_with_a_rotated_key_still_verifies(client, certificate):
    from certification.credentials.keys import key_generate

    old = fetch_credential(client, certificate)
    old_public = documents.did_document()["verificationMethod"][0]["publicKeyMultibase"]
    secret, _public = key_generate()
    rotated = override_settings(
        CREDENTIAL_SIGNING_KEY=secret, CREDENTIAL_RETIRED_PUBLIC_KEYS=[old_public]
    )
    with rotated:
        assert_verdict(outside_verify(client, old), valid=True)
        assert_verdict(outside_verify(client, fetch_credential(client, certificate)), valid=True)
    # Dropping the old key (a compromised one) makes what it signed fail.
    with override_settings(CREDENTIAL_SIGNING_KEY=secret, CREDENTIAL_RETIRED_PUBLIC_KEYS=[]):
        assert_verdict(outside_verify(client, old), valid=False)


def test_the_verifiers_fail_closed_on_a_missing_document(client, certificate):
    credential = fetch_credential(client, certificate)
    published = published_documents(client, credential)
    without_list = {
        url: doc for url, doc in published.items() if not url.endswith("revocation-1.json")
    }
    outcome = outside_verify(client, credential, published=without_list)
    assert_verdict(outcome, valid=False)
    assert credential["credentialStatus"]["statusListCredential"] in outcome["refused"]
