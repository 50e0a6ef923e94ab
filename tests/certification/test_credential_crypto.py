"""The signing primitives against the W3C vc-di-eddsa test vectors (eddsa-rdfc-2022).

The files in vectors/ are the specification's own: keyPair.json (a public test key pair),
signedDataInt.json (a signed credential) and canonDocDataInt.txt (its unsigned document in
RDFC-1.0 canonical N-Quads). The credential uses the examples context, which the specification
defines as nothing but an @vocab; it is given here, to the tests' loader only.
"""

import copy
import json
from datetime import datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from certification.credentials import jsonld, keys, multibase, proofs

VECTORS = Path(__file__).parent / "vectors"
EXAMPLES_V2 = "https://www.w3.org/ns/credentials/examples/v2"
loader = jsonld.static_loader(
    {
        jsonld.CREDENTIALS_V2: lambda: jsonld._context("credentials-v2.jsonld"),
        EXAMPLES_V2: lambda: {
            "@context": {"@vocab": "https://www.w3.org/ns/credentials/examples#"}
        },
    }
)


def vector(name):
    text = (VECTORS / name).read_text()
    return json.loads(text) if name.endswith(".json") else text


@pytest.fixture
def signed():
    return vector("signedDataInt.json")


@pytest.fixture
def key_pair():
    return vector("keyPair.json")


def test_canonical_form_of_the_unsigned_document_matches_the_vector(signed):
    unsigned = {key: value for key, value in signed.items() if key != "proof"}
    assert jsonld.canonicalize(unsigned, loader=loader) == vector("canonDocDataInt.txt")


def test_the_vector_proof_verifies_with_the_vector_public_key(signed, key_pair):
    public_key = keys.public_key_from_multibase(key_pair["publicKeyMultibase"])
    proof = proofs.proof_verify(signed, public_key=public_key, loader=loader)
    assert proof["proofValue"] == signed["proof"]["proofValue"]


def test_signing_with_the_vector_secret_key_reproduces_the_proof_value(signed, key_pair):
    seed = multibase.secret_key_decode(key_pair["privateKeyMultibase"])
    unsigned = {key: value for key, value in signed.items() if key != "proof"}
    again = proofs.proof_add(
        unsigned,
        private_key=Ed25519PrivateKey.from_private_bytes(seed),
        verification_method=signed["proof"]["verificationMethod"],
        created=datetime.fromisoformat(signed["proof"]["created"]),
        loader=loader,
    )
    assert again == signed


def test_multikey_encodings_round_trip(key_pair):
    public = multibase.public_key_decode(key_pair["publicKeyMultibase"])
    seed = multibase.secret_key_decode(key_pair["privateKeyMultibase"])
    assert multibase.public_key_encode(public) == key_pair["publicKeyMultibase"]
    assert multibase.secret_key_encode(seed) == key_pair["privateKeyMultibase"]
    assert multibase.base58btc_decode(multibase.base58btc_encode(b"\0\0ab")) == b"\0\0ab"


@pytest.mark.parametrize(
    "text", ["", "abc", "z", "z0OIl", "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"]
)
def test_malformed_secret_keys_are_refused(text):
    with pytest.raises(multibase.MultibaseError):
        multibase.secret_key_decode(text)


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(name="Another name"),
        lambda d: d.update(validFrom="2023-01-02T00:00:00Z"),
        lambda d: d["credentialSubject"].update(alumniOf="Another school"),
        lambda d: d["proof"].update(created="2023-02-25T23:36:38Z"),
        lambda d: d["proof"].update(proofValue=d["proof"]["proofValue"][:-2] + "zz"),
        lambda d: d["proof"].update(proofPurpose="authentication"),
        lambda d: d["proof"].update(cryptosuite="ecdsa-rdfc-2019"),
        lambda d: d.pop("proof"),
    ],
)
def test_any_change_breaks_the_vector_proof(signed, key_pair, change):
    tampered = copy.deepcopy(signed)
    change(tampered)
    public_key = keys.public_key_from_multibase(key_pair["publicKeyMultibase"])
    with pytest.raises(proofs.ProofError):
        proofs.proof_verify(tampered, public_key=public_key, loader=loader)


def test_the_loader_refuses_urls_it_does_not_vendor():
    with pytest.raises(jsonld.CanonicalizationError, match="refusing to load"):
        jsonld.document_loader("https://example.org/context.json", {})
    with pytest.raises(jsonld.CanonicalizationError, match="refusing to load"):
        jsonld.canonicalize({"@context": EXAMPLES_V2, "name": "x"})


def test_undefined_terms_are_refused_not_silently_dropped():
    document = {"@context": [jsonld.CREDENTIALS_V2], "type": "VerifiableCredential", "nickname": 1}
    with pytest.raises(jsonld.CanonicalizationError, match="nickname"):
        jsonld.canonicalize(document)
