"""Data Integrity proofs with the ``eddsa-rdfc-2022`` cryptosuite (W3C vc-di-eddsa).

To sign: canonicalize the proof options (with the document's ``@context``) and the document
without its proof, hash each with SHA-256, and sign the two hashes, proof options first, with
Ed25519. Ed25519 is deterministic, so the same document, options and key always give the same
``proofValue`` (the tests reproduce the W3C test vector byte for byte).
"""

import copy
import hashlib
from datetime import UTC, datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from certification.credentials import multibase
from certification.credentials.jsonld import (
    CanonicalizationError,
    Loader,
    canonicalize,
    document_loader,
)

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-rdfc-2022"
ASSERTION = "assertionMethod"


class ProofError(ValueError):
    """The proof is missing, malformed, of another kind, or does not verify."""


def xsd_datetime(moment: datetime) -> str:
    """An XML Schema dateTime in UTC to the second, as credentials conventionally write it."""
    return moment.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def _hash_data(document: dict, options: dict, loader: Loader) -> bytes:
    config = {"@context": document.get("@context"), **options}
    config.pop("proofValue", None)
    unsecured = {key: value for key, value in document.items() if key != "proof"}
    return (
        hashlib.sha256(canonicalize(config, loader=loader).encode()).digest()
        + hashlib.sha256(canonicalize(unsecured, loader=loader).encode()).digest()
    )


def proof_add(
    document: dict,
    *,
    private_key: Ed25519PrivateKey,
    verification_method: str,
    created: datetime,
    loader: Loader = document_loader,
) -> dict:
    """A copy of ``document`` with an eddsa-rdfc-2022 DataIntegrityProof for assertion."""
    options = {
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": xsd_datetime(created),
        "verificationMethod": verification_method,
        "proofPurpose": ASSERTION,
    }
    signature = private_key.sign(_hash_data(document, options, loader))
    secured = copy.deepcopy(document)
    secured["proof"] = {**options, "proofValue": multibase.multibase_encode(signature)}
    return secured


def single_proof(document) -> dict | None:
    proof = document.get("proof") if isinstance(document, dict) else None
    if isinstance(proof, list) and len(proof) == 1:
        proof = proof[0]
    return proof if isinstance(proof, dict) else None


def proof_verify(
    document: dict, *, public_key: Ed25519PublicKey, loader: Loader = document_loader
) -> dict:
    """Check the document's single eddsa-rdfc-2022 proof (an object, or a list of one); return
    the proof or raise ProofError."""
    proof = single_proof(document)
    if not isinstance(proof, dict):
        raise ProofError("the document has no single proof")
    if proof.get("type") != PROOF_TYPE or proof.get("cryptosuite") != CRYPTOSUITE:
        raise ProofError("the proof is not a DataIntegrityProof with eddsa-rdfc-2022")
    if proof.get("proofPurpose") != ASSERTION:
        raise ProofError("the proof's purpose is not assertionMethod")
    if "@context" in proof and proof["@context"] != document.get("@context"):
        raise ProofError("the proof's @context differs from the document's")
    try:
        signature = multibase.multibase_decode(proof.get("proofValue", ""))
        options = {key: value for key, value in proof.items() if key != "@context"}
        public_key.verify(signature, _hash_data(document, options, loader))
    except (multibase.MultibaseError, CanonicalizationError) as error:
        raise ProofError(str(error)) from error
    except InvalidSignature as error:
        raise ProofError("the signature does not match the document") from error
    return proof
