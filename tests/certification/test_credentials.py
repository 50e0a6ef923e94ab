"""Certificates as signed Open Badges 3.0 credentials, with Bitstring Status Lists."""

import copy
import json
from pathlib import Path

import jsonschema
import pytest
from django.core.management import call_command
from django.test import override_settings

from certification import services
from certification.credentials import status
from certification.credentials.verify import FetchError, credential_verify, local_fetch
from certification.models import Certificate, CertificateStatus
from tests.factories import UserFactory
from tests.factories.certificates import ProgrammeFactory, qualify

pytestmark = pytest.mark.django_db
SCHEMA = Path(__file__).parent / "vectors" / "ob_v3p0_achievementcredential_schema.json"


@pytest.fixture
def programme():
    return ProgrammeFactory(name="Certified Peer Mentor", description="Mentoring in recovery.")


@pytest.fixture
def certificate(mentor, programme, django_capture_on_commit_callbacks):
    mentor.email = "Mentor@Example.org"
    mentor.save(update_fields=["email"])
    qualify(mentor, programme)
    with django_capture_on_commit_callbacks(execute=True):
        return services.certificate_issue_if_eligible(mentor_id=mentor.pk, programme=programme)


@pytest.fixture
def coordinator():
    return UserFactory(role="Coordinators")


def fetch_credential(client, certificate):
    response = client.get(f"/credentials/{certificate.verification_code}.json")
    assert response.status_code == 200
    return json.loads(response.content)


def check(document):
    return credential_verify(document, fetch=local_fetch)


def test_the_credential_is_a_signed_open_badge_that_verifies(client, certificate):
    response = client.get(f"/credentials/{certificate.verification_code}.json")
    assert response["Content-Type"] == "application/vc; charset=utf-8"
    assert "max-age=300" in response["Cache-Control"]
    credential = json.loads(response.content)
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    [proof] = credential["proof"]  # a list, as the Open Badges schema asks
    assert proof["cryptosuite"] == "eddsa-rdfc-2022"
    assert proof["created"] == credential["validFrom"]
    assert credential["issuer"]["id"] == "did:web:127.0.0.1%3A8000"  # WAGTAILADMIN_BASE_URL
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["name"] == "Certified Peer Mentor"
    assert achievement["description"] == "Mentoring in recovery."
    assert "Crisis intervention" in achievement["criteria"]["narrative"]
    assert achievement["tag"] == ["Crisis intervention"]
    assert credential["validUntil"].startswith(certificate.valid_until.isoformat())
    result = check(credential)
    assert result.valid, result.errors
    assert result.status == {"revocation": False}


def test_the_credential_matches_the_open_badges_schema(client, certificate):
    schema = json.loads(SCHEMA.read_text())
    credential = fetch_credential(client, certificate)
    jsonschema.validate(credential, schema, cls=jsonschema.Draft201909Validator)


def test_the_holder_is_named_and_the_email_only_hashed(client, certificate, mentor):
    credential = fetch_credential(client, certificate)
    text = json.dumps(credential)
    assert mentor.email.lower() not in text.lower()
    name, email = credential["credentialSubject"]["identifier"]
    assert name == {
        "type": "IdentityObject",
        "identityType": "name",
        "hashed": False,
        "identityHash": certificate.holder_name,
    }
    import hashlib

    expected = hashlib.sha256(("mentor@example.org" + email["salt"]).encode()).hexdigest()
    assert email["identityHash"] == f"sha256${expected}"
    assert mentor.username not in text or mentor.username in certificate.holder_name


def test_the_credential_is_the_same_document_every_time(client, certificate):
    assert fetch_credential(client, certificate) == fetch_credential(client, certificate)


@pytest.mark.parametrize(
    "change",
    [
        lambda c: c.update(validUntil="2099-12-31T23:59:59Z"),
        lambda c: c.update(validFrom="2000-01-01T00:00:00Z"),
        lambda c: c.update(name="Another programme"),
        lambda c: c["issuer"].update(name="Another issuer"),
        lambda c: c["credentialSubject"]["identifier"][0].update(identityHash="Someone Else"),
        lambda c: c["credentialSubject"]["achievement"].update(name="Crisis Counsellor"),
        lambda c: c["credentialSubject"]["achievement"]["criteria"].update(narrative="None"),
        lambda c: c["credentialStatus"].update(statusListIndex="7"),
        lambda c: c.pop("credentialStatus"),
        lambda c: c.update(nickname="x"),
        lambda c: c["proof"][0].update(created="2001-01-01T00:00:00Z"),
        lambda c: c["proof"][0].update(
            verificationMethod=c["proof"][0]["verificationMethod"] + "x"
        ),
        lambda c: c["proof"].append(c["proof"][0]),
        lambda c: c.update(issuer={**c["issuer"], "id": "https://elsewhere.example/issuer"}),
    ],
)
def test_tampering_with_any_field_breaks_verification(client, certificate, change):
    tampered = copy.deepcopy(fetch_credential(client, certificate))
    change(tampered)
    result = check(tampered)
    assert not result.proof
    assert not result.valid


@pytest.mark.parametrize(
    "transition, revoked, suspended, spent",
    [
        ([], False, False, 0),
        # Suspension sets the revocation bit of the credential's own entry, so any verifier
        # sees it; the suspension list says why.
        (["suspend"], True, True, 0),
        # Reinstatement gives a fresh index; the one the suspended credential named stays set.
        (["suspend", "reinstate"], False, False, 1),
        (["revoke"], True, False, 0),
        (["suspend", "revoke"], True, False, 0),
    ],
)
def test_status_bits_follow_the_lifecycle(
    client, certificate, coordinator, transition, revoked, suspended, spent
):
    actions = {
        "suspend": services.certificate_suspend,
        "reinstate": services.certificate_reinstate,
        "revoke": services.certificate_revoke,
    }
    first_index = certificate.status_index
    for action in transition:
        actions[action](certificate_id=certificate.pk, actor=coordinator, reason="Checked.")
    certificate.refresh_from_db()
    assert (certificate.status_index != first_index) is bool(spent)
    number, position = status.list_position(certificate.status_index)
    for purpose, expected, extra in (
        ("revocation", revoked, spent),
        ("suspension", suspended, 0),
    ):
        response = client.get(f"/credentials/status/{purpose}-{number}.json")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/vc; charset=utf-8"
        listed = json.loads(response.content)
        assert listed["credentialSubject"]["statusPurpose"] == purpose
        bits = status.decode(listed["credentialSubject"]["encodedList"])
        assert len(bits) * 8 == status.LIST_SIZE
        assert status.bit(bits, position) is expected
        assert sum(bin(byte).count("1") for byte in bits) == int(expected) + extra
        if extra:
            assert status.bit(bits, status.list_position(first_index)[1])
        assert check(listed).proof
    result = check(fetch_credential(client, certificate))
    assert result.proof
    assert result.status["revocation"] is revoked
    assert result.valid is not revoked


def test_a_credential_handed_out_while_suspended_stays_invalid(client, certificate, coordinator):
    services.certificate_suspend(certificate_id=certificate.pk, actor=coordinator, reason="x")
    suspended = fetch_credential(client, certificate)
    assert not check(suspended).valid
    services.certificate_reinstate(certificate_id=certificate.pk, actor=coordinator, reason="y")
    assert not check(suspended).valid
    reinstated = fetch_credential(client, certificate)
    assert reinstated["credentialStatus"] != suspended["credentialStatus"]
    assert check(reinstated).valid


def test_a_revoked_certificate_stays_revoked_in_the_list(client, certificate, coordinator):
    services.certificate_revoke(certificate_id=certificate.pk, actor=coordinator, reason="Why.")
    with pytest.raises(services.CertificateError):
        services.certificate_reinstate(certificate_id=certificate.pk, actor=coordinator, reason="x")
    result = check(fetch_credential(client, certificate))
    assert result.status == {"revocation": True}
    assert not result.valid


def test_a_certificate_replaced_by_a_renewal_is_revoked_in_the_list(client, certificate):
    Certificate.objects.filter(pk=certificate.pk).update(status=CertificateStatus.SUPERSEDED)
    assert check(fetch_credential(client, certificate)).status == {"revocation": True}


def test_an_expired_credential_fails_on_its_dates_not_its_status(client, certificate):
    import datetime

    credential = fetch_credential(client, certificate)
    later = datetime.datetime.fromisoformat(credential["validUntil"]) + datetime.timedelta(days=1)
    result = credential_verify(credential, fetch=local_fetch, at=later)
    assert result.proof and not result.in_date and not result.valid
    assert result.status == {"revocation": False}


def test_status_indexes_are_random_and_never_reused(mentor, programme, certificate, coordinator):
    from certification.credentials.allocation import status_indexes_allocate
    from certification.models import SpentStatusIndex

    indexes = [certificate.status_index]
    for _ in range(4):
        other = UserFactory(role="Mentors")
        qualify(other, programme)
        issued = services.certificate_issue_if_eligible(mentor_id=other.pk, programme=programme)
        indexes.append(issued.status_index)
    assert len(set(indexes)) == 5
    assert all(0 <= index < status.LIST_SIZE for index in indexes)
    assert sorted(indexes) != list(range(min(indexes), min(indexes) + 5))  # not issue order
    services.certificate_suspend(certificate_id=certificate.pk, actor=coordinator, reason="x")
    services.certificate_reinstate(certificate_id=certificate.pk, actor=coordinator, reason="y")
    certificate.refresh_from_db()
    assert certificate.status_index not in indexes
    assert SpentStatusIndex.objects.get().index == indexes[0]
    many = status_indexes_allocate(count=200)  # e.g. seeding at scale
    assert len(set(many)) == 200
    assert not set(many) & {*indexes, certificate.status_index}


@pytest.mark.parametrize(
    "path",
    [
        "/credentials/AAAA-AAAA-AAAA-AAAA-AAAA.json",  # well-formed, unknown
        "/credentials/0000-0000-0000-0000-000U.json",  # malformed (U is not in the alphabet)
        "/credentials/status/revocation-2.json",  # no second list yet
        "/credentials/status/revocation-0.json",
        "/credentials/status/expiry-1.json",  # not a purpose we publish
    ],
)
def test_unknown_credentials_and_lists_are_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "error" in response.json()


def test_the_issuer_profile_publishes_and_authorises_the_key(client, settings):
    response = client.get("/credentials/issuer.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json; charset=utf-8"
    profile = response.json()
    method = profile["verificationMethod"][0]
    assert method["type"] == "Multikey"
    assert method["publicKeyMultibase"].startswith("z6Mk")
    assert profile["assertionMethod"] == [method["id"]]
    assert "Development key" in profile["description"]


def test_the_did_document_publishes_and_authorises_the_keys(client, certificate):
    """did:web: the credential's key id dereferences to a Multikey, with contexts every
    DID-aware verifier bundles; retired keys stay listed so older credentials verify."""
    from certification.credentials.keys import key_generate

    credential = fetch_credential(client, certificate)
    response = client.get("/.well-known/did.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/did+ld+json; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    document = response.json()
    assert document["@context"] == [
        "https://www.w3.org/ns/did/v1",
        "https://w3id.org/security/multikey/v1",
    ]
    assert document["id"] == credential["issuer"]["id"] == "did:web:127.0.0.1%3A8000"
    [method] = document["verificationMethod"]
    assert method == {
        "id": credential["proof"][0]["verificationMethod"],
        "type": "Multikey",
        "controller": document["id"],
        "publicKeyMultibase": method["id"].split("#")[1],
    }
    assert document["assertionMethod"] == [method["id"]]
    _secret, retired = key_generate()
    with override_settings(CREDENTIAL_RETIRED_PUBLIC_KEYS=[retired]):
        rotated = client.get("/.well-known/did.json").json()
    assert [m["publicKeyMultibase"] for m in rotated["verificationMethod"]] == [
        method["publicKeyMultibase"],
        retired,
    ]
    assert rotated["assertionMethod"][1] == f"{document['id']}#{retired}"


def test_the_verification_page_and_json_link_the_credential(client, certificate):
    code = certificate.verification_code
    page = client.get(f"/verify/{code}/").content.decode()
    assert "Download the verifiable credential (Open Badges 3.0)" in page
    assert f"/credentials/{code}.json" in page
    assert (
        client.get(f"/verify/{code}.json")
        .json()["credential"]
        .endswith(f"/credentials/{code}.json")
    )


def test_the_holder_page_links_the_credential(client, certificate, mentor):
    client.force_login(mentor)
    page = client.get("/certification/").content.decode()
    assert f"/credentials/{certificate.verification_code}.json" in page


def test_credential_look_ups_are_throttled_with_verification(client, certificate, settings):
    from certification.views import verification

    code = certificate.verification_code
    for _ in range(verification.LOOKUPS_PER_MINUTE):
        client.get(f"/verify/{code}.json")
    response = client.get(f"/credentials/{code}.json")
    assert response.status_code == 429
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_query_budgets(client, certificate, programme, django_assert_max_num_queries):
    for _ in range(5):
        other = UserFactory(role="Mentors")
        qualify(other, programme)
        issued = services.certificate_issue_if_eligible(mentor_id=other.pk, programme=programme)
        Certificate.objects.filter(pk=issued.pk).update(status=CertificateStatus.REVOKED)
    # The certificate, then the default site and its organisation settings (the issuer's name).
    with django_assert_max_num_queries(3):
        assert client.get(f"/credentials/{certificate.verification_code}.json").status_code == 200
    # The allocation counter (does the list exist?) and the set bits: one query per list.
    with django_assert_max_num_queries(2):
        assert client.get("/credentials/status/revocation-1.json").status_code == 200
    with django_assert_max_num_queries(2):
        assert client.get("/credentials/issuer.json").status_code == 200
    with django_assert_max_num_queries(0):
        assert client.get("/.well-known/did.json").status_code == 200


def test_the_verifier_refuses_documents_from_elsewhere():
    with pytest.raises(FetchError):
        local_fetch("https://elsewhere.example/credentials/issuer.json")


def test_verify_credential_command(client, certificate, tmp_path, capsys):
    path = tmp_path / "credential.json"
    path.write_bytes(client.get(f"/credentials/{certificate.verification_code}.json").content)
    call_command("verify_credential", str(path))
    assert "valid" in capsys.readouterr().out
    call_command("verify_credential", f"/credentials/{certificate.verification_code}.json")
    assert "valid" in capsys.readouterr().out
    data = json.loads(path.read_text())
    data["name"] = "Forged"
    path.write_text(json.dumps(data))
    with pytest.raises(SystemExit):
        call_command("verify_credential", str(path))


def test_keygen_prints_an_environment_line_that_signs(capsys, client, certificate):
    call_command("credential_keygen")
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if line.startswith("PMA_CREDENTIAL_SIGNING_KEY="))
    secret = line.split("=", 1)[1]
    with override_settings(CREDENTIAL_SIGNING_KEY=secret, CREDENTIAL_DEV_KEY_ALLOWED=False):
        credential = fetch_credential(client, certificate)
        profile = client.get("/credentials/issuer.json").json()
        assert "description" not in profile
        assert profile["verificationMethod"][0]["publicKeyMultibase"] in out
        assert check(credential).valid


def test_without_a_key_and_without_the_dev_fallback_nothing_is_signed(client, certificate):
    from django.core.exceptions import ImproperlyConfigured

    from certification.credentials.keys import issuer_key

    no_key = override_settings(CREDENTIAL_SIGNING_KEY="", CREDENTIAL_DEV_KEY_ALLOWED=False)
    with no_key, pytest.raises(ImproperlyConfigured, match="PMA_CREDENTIAL_SIGNING_KEY"):
        issuer_key()
    # A public key where the secret one belongs is refused, even where the dev key is allowed.
    public = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
    wrong = override_settings(CREDENTIAL_SIGNING_KEY=public, CREDENTIAL_DEV_KEY_ALLOWED=True)
    with wrong, pytest.raises(ImproperlyConfigured, match="not a multibase Ed25519 secret"):
        issuer_key()


def test_a_retired_key_still_verifies_old_credentials(client, certificate):
    old = fetch_credential(client, certificate)
    dev_public = client.get("/credentials/issuer.json").json()["verificationMethod"][0][
        "publicKeyMultibase"
    ]
    from certification.credentials.keys import key_generate

    secret, _public = key_generate()
    with override_settings(CREDENTIAL_SIGNING_KEY=secret, CREDENTIAL_RETIRED_PUBLIC_KEYS=[]):
        assert not check(old).proof
    with override_settings(
        CREDENTIAL_SIGNING_KEY=secret, CREDENTIAL_RETIRED_PUBLIC_KEYS=[dev_public]
    ):
        assert check(old).valid
