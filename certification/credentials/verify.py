"""Verify a credential as an outside verifier would: proof, issuer key, dates and status.

``fetch(url)`` returns the JSON document at a URL. Our own command and tests pass
``local_fetch``, which answers for this site's URLs without HTTP and refuses any other URL
(nothing is downloaded at run time); a verifier elsewhere would fetch over HTTPS.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import Resolver404, resolve
from django.utils import timezone

from certification.credentials import status
from certification.credentials.keys import public_key_from_multibase
from certification.credentials.multibase import MultibaseError
from certification.credentials.proofs import ProofError, proof_verify, single_proof

Fetch = Callable[[str], dict]


class FetchError(ValueError):
    """The document at a URL could not be had."""


@dataclass
class CredentialCheck:
    """The verdict: ``valid`` only if the proof holds, the dates cover ``at`` and no status bit
    is set. ``status`` maps each status purpose checked to whether its bit is set."""

    proof: bool = False
    in_date: bool = False
    status: dict[str, bool] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return self.proof and self.in_date and not any(self.status.values()) and not self.errors


def _issuer_id(document: dict) -> str:
    issuer = document.get("issuer")
    return issuer.get("id", "") if isinstance(issuer, dict) else issuer or ""


def _public_key(document: dict, fetch: Fetch):
    """The issuer's key named by the proof, after checking the issuer authorises it."""
    method_id = (single_proof(document) or {}).get("verificationMethod", "")
    controller_url = method_id.split("#", 1)[0]
    if not controller_url or controller_url != _issuer_id(document):
        raise ProofError("the proof's key does not belong to the credential's issuer")
    controller = fetch(controller_url)
    if method_id not in controller.get("assertionMethod", []):
        raise ProofError("the issuer does not authorise this key to issue credentials")
    for method in controller.get("verificationMethod", []):
        if method.get("id") == method_id and method.get("controller") == controller_url:
            try:
                return public_key_from_multibase(method.get("publicKeyMultibase", ""))
            except MultibaseError as error:
                raise ProofError(f"the issuer's key is malformed: {error}") from error
    raise ProofError("the issuer publishes no such key")


def _parse_time(text) -> datetime.datetime | None:
    try:
        moment = datetime.datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo else None


def _check_dates(document: dict, at: datetime.datetime, check: CredentialCheck) -> None:
    start = _parse_time(document.get("validFrom"))
    end = _parse_time(document.get("validUntil")) if "validUntil" in document else None
    if start is None or ("validUntil" in document and end is None):
        check.errors.append("validFrom/validUntil are not dates with a time zone")
        return
    check.in_date = start <= at and (end is None or at <= end)


def _status_bit(entry: dict, fetch: Fetch, issuer: str) -> bool:
    list_credential = fetch(entry.get("statusListCredential", ""))
    _verify_proof(list_credential, fetch)
    if _issuer_id(list_credential) != issuer:
        raise ProofError("the status list comes from another issuer")
    subject = list_credential.get("credentialSubject") or {}
    if subject.get("statusPurpose") != entry.get("statusPurpose"):
        raise status.StatusListError("the status list serves another purpose")
    try:
        position = int(entry.get("statusListIndex", ""))
    except ValueError as error:
        raise status.StatusListError("statusListIndex is not a number") from error
    return status.bit(status.decode(subject.get("encodedList", "")), position)


def _verify_proof(document: dict, fetch: Fetch) -> None:
    proof_verify(document, public_key=_public_key(document, fetch))


def credential_verify(
    document: dict, *, fetch: Fetch, at: datetime.datetime | None = None
) -> CredentialCheck:
    """Check a credential's proof, validity dates and every status entry it names."""
    at = at or timezone.now()
    check = CredentialCheck()
    if not isinstance(document, dict):
        check.errors.append("a credential is a JSON object")
        return check
    try:
        _verify_proof(document, fetch)
        check.proof = True
    except (ProofError, FetchError) as error:
        check.errors.append(f"proof: {error}")
        return check
    _check_dates(document, at, check)
    entries = document.get("credentialStatus") or []
    for entry in entries if isinstance(entries, list) else [entries]:
        purpose = entry.get("statusPurpose", "?")
        try:
            check.status[purpose] = _status_bit(entry, fetch, _issuer_id(document))
        except (ProofError, FetchError, status.StatusListError) as error:
            check.errors.append(f"{purpose} status: {error}")
    return check


def local_fetch(url: str) -> dict:
    """This site's credential documents by URL (or by its did:web), built in-process; any other
    URL is refused."""
    from certification.credentials.documents import (
        PUBLISHED,
        did_document_url,
        issuer_did,
        site_url,
    )

    if url.split("#", 1)[0] == issuer_did():  # our did:web resolves to our DID document
        url = did_document_url()
    prefix = site_url("/")
    if not url.startswith(prefix):
        raise FetchError(f"refusing to fetch {url}: not a document of this site")
    path = "/" + url[len(prefix) :].split("#", 1)[0]
    try:
        match = resolve(path)
    except Resolver404 as error:
        raise FetchError(f"no document at {url}") from error
    build = PUBLISHED.get(match.url_name)
    document = build(**match.kwargs) if build else None
    if document is None:
        raise FetchError(f"no credential document at {url}")
    return document
