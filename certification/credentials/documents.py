"""The JSON-LD documents we publish: the certificate as an Open Badges 3.0 credential, the
issuer's profile with its keys, and the signed Bitstring Status Lists.

Reads only (through the selectors); signs with the issuer key. A certificate's credential is
built from its issue-time snapshot (serial, code, holder's name, dates, evidence), and its proof
is dated at issue, so the same certificate always yields the same signed document until the key
or the organisation's name changes. What changes over a certificate's life is its status, and
that lives in the status lists, not in the credential.
"""

import datetime
import re
import uuid
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from certification import sharing
from certification.credentials import jsonld, status
from certification.credentials.keys import issuer_key, retired_public_keys
from certification.credentials.proofs import proof_add, xsd_datetime
from cms.selectors import organisation_name

CID_V1 = "https://www.w3.org/ns/cid/v1"  # published for other verifiers; never loaded here
DID_V1 = "https://www.w3.org/ns/did/v1"  # bundled by every DID-aware verifier
MULTIKEY_V1 = "https://w3id.org/security/multikey/v1"  # likewise
MEDIA_TYPE_DID = "application/did+ld+json"
MEDIA_TYPE_CREDENTIAL = "application/vc"  # IANA, VC Data Model 2.0
MEDIA_TYPE_JSON_LD = "application/ld+json"
STATUS_TTL_SECONDS = 300


def site_url(path: str = "/") -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def issuer_url() -> str:
    return site_url(reverse("certification:credential_issuer"))


def credential_url(code: str) -> str:
    return site_url(reverse("certification:credential", kwargs={"code": code}))


def status_list_url(purpose: str, number: int) -> str:
    return site_url(
        reverse("certification:credential_status", kwargs={"name": f"{purpose}-{number}"})
    )


def issuer_did() -> str:
    """The issuer's did:web, from the site's host (and port, percent-encoded), e.g.
    ``did:web:mentors.example.org``; it resolves to ``/.well-known/did.json``."""
    return "did:web:" + quote(urlsplit(site_url("/")).netloc.lower(), safe="")


def did_document_url() -> str:
    return site_url(reverse("certification:credential_did"))


def verification_method(public_key_multibase: str) -> str:
    """The key's DID URL: dereferencing it yields the Multikey itself."""
    return f"{issuer_did()}#{public_key_multibase}"


def _legacy_verification_method(public_key_multibase: str) -> str:
    """Key ids of credentials signed before did:web (issue 16), still published in the
    profile so that copies downloaded then keep verifying."""
    return f"{issuer_url()}#{public_key_multibase}"


def _public_keys() -> list[str]:
    return [issuer_key().public_key_multibase, *retired_public_keys()]


def did_document() -> dict:
    """The issuer's DID document: every key (current and retired) as a Multikey the DID
    controls and authorises for issuing credentials. Only contexts verifiers bundle."""
    did = issuer_did()
    public_keys = _public_keys()
    return {
        "@context": [DID_V1, MULTIKEY_V1],
        "id": did,
        "verificationMethod": [
            {
                "id": verification_method(public_key),
                "type": "Multikey",
                "controller": did,
                "publicKeyMultibase": public_key,
            }
            for public_key in public_keys
        ],
        "assertionMethod": [verification_method(public_key) for public_key in public_keys],
    }


def issuer_profile(*, organisation_name: str) -> dict:
    """The issuer's Open Badges Profile. Credentials name the issuer by its did:web (see
    ``did_document``); the profile stays the controller document of the same keys under its own
    URL so that credentials downloaded before did:web (issue 16) keep verifying."""
    public_keys = _public_keys()
    profile = {
        "@context": [jsonld.CREDENTIALS_V2, jsonld.OPEN_BADGES_V3, CID_V1],
        "id": issuer_url(),
        "type": ["Profile"],
        "name": organisation_name,
        "url": site_url("/"),
        "verificationMethod": [
            {
                "id": _legacy_verification_method(public_key),
                "type": "Multikey",
                "controller": issuer_url(),
                "publicKeyMultibase": public_key,
            }
            for public_key in public_keys
        ],
        "assertionMethod": [_legacy_verification_method(public_key) for public_key in public_keys],
    }
    if issuer_key().is_development_key:
        profile["description"] = _(
            "Development key: anyone can compute it, so credentials signed with it prove nothing."
        )
    return profile


def _sign(document: dict, *, created: datetime.datetime) -> dict:
    key = issuer_key()
    return proof_add(
        document,
        private_key=key.private_key,
        verification_method=verification_method(key.public_key_multibase),
        created=created,
    )


def _end_of_day(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59, 59)))


def _criterion(item: dict, competencies: dict[str, str]) -> str | None:
    """One requirement the holder met, in words for whoever reads the credential (an employer,
    a verifier), not the checklist's words for the learner. None for conditions of the path
    (a renewal window, a coordinator's decision), which are not criteria of the certification."""
    from certification.eligibility.requirements import COMPETENCY_CODE_PREFIX, hours_text

    code, minutes = item.get("code", ""), item.get("required") or 0
    if code in ("practice_total", "renewal_practice"):
        return _(
            "The holder logged %(hours)s of practice, each session approved by a supervisor."
        ) % {"hours": hours_text(minutes)}
    if code.startswith(COMPETENCY_CODE_PREFIX):
        slug = code.removeprefix(COMPETENCY_CODE_PREFIX)
        return _("The holder logged %(hours)s of approved practice in %(competency)s.") % {
            "hours": hours_text(minutes),
            "competency": competencies.get(slug, slug),
        }
    if code.startswith("course:"):
        course = re.search("“(.+)”", item.get("label", ""))
        if course:
            return _("The holder completed the course “%(course)s”, including its quizzes.") % {
                "course": course.group(1)
            }
        return item.get("label") or None
    if code == "endorsement":
        return _("A supervisor endorsed the holder as ready to mentor.")
    return None


def _criteria(evidence: dict) -> str:
    """The public criteria: what the holder met, as checked when the certificate was issued."""
    competencies = {item["slug"]: item["name"] for item in evidence.get("competencies", [])}
    lines = [
        f"- {line}"
        for item in evidence.get("requirements", [])
        if (line := _criterion(item, competencies))
    ]
    intro = _("The holder met every requirement of the programme when this certificate was issued.")
    return "\n".join([intro, *lines])


def _identifiers(certificate) -> list[dict]:
    """Who holds it: the name as printed (as the verification page shows it), and the e-mail
    only as a salted hash snapshotted at issue, so the address itself is never disclosed."""
    identifiers = [
        {
            "type": "IdentityObject",
            "identityType": "name",
            "hashed": False,
            "identityHash": certificate.holder_name,
        }
    ]
    recipient = (certificate.evidence or {}).get("recipient")
    if recipient:
        identifiers.append(
            {
                "type": "IdentityObject",
                "identityType": "emailAddress",
                "hashed": True,
                "identityHash": recipient["email_sha256"],
                "salt": recipient["salt"],
            }
        )
    return identifiers


def _achievement(certificate) -> dict:
    from certification.services import evidence_competency_names

    evidence = certificate.evidence or {}
    snapshot = evidence.get("programme") or {}
    programme = certificate.programme
    name = snapshot.get("name") or programme.name
    slug = snapshot.get("slug") or programme.slug
    description = snapshot.get("description", programme.description) or _(
        "Certification as a peer mentor in the programme “%(programme)s”."
    ) % {"programme": name}
    achievement = {
        "id": f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, site_url(f'/programmes/{slug}'))}",
        "type": ["Achievement"],
        "achievementType": "Certification",
        "name": name,
        "description": description,
        "criteria": {"narrative": _criteria(evidence)},
        "image": {
            "id": site_url(sharing.badge_path(slug)),
            "type": "Image",
            "caption": sharing.badge_caption(name),
        },
        "humanCode": slug,
    }
    competencies = evidence_competency_names(evidence)
    if competencies:
        achievement["tag"] = competencies
    return achievement


def certificate_credential(certificate, *, organisation_name: str) -> dict:
    """The certificate as a signed OpenBadgeCredential (VC Data Model 2.0, eddsa-rdfc-2022).

    Discloses what the public verification page does (holder's name, programme, dates) plus
    the programme's criteria; its revocation is published in a Bitstring Status List.
    """
    with translation.override(settings.LANGUAGE_CODE):
        credential = {
            "@context": [jsonld.CREDENTIALS_V2, jsonld.OPEN_BADGES_V3],
            "id": credential_url(certificate.verification_code),
            "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "name": (certificate.evidence or {}).get("programme", {}).get("name")
            or certificate.programme.name,
            "issuer": {
                "id": issuer_did(),
                "type": ["Profile"],
                "name": organisation_name,
                "url": site_url("/"),
            },
            "validFrom": xsd_datetime(certificate.issued_at),
            "validUntil": xsd_datetime(_end_of_day(certificate.valid_until)),
            "credentialSubject": {
                "type": ["AchievementSubject"],
                "identifier": _identifiers(certificate),
                "achievement": _achievement(certificate),
            },
        }
        if certificate.status_index is not None:
            credential["credentialStatus"] = status_entry(certificate.status_index)
    signed = _sign(credential, created=certificate.issued_at)
    signed["proof"] = [signed["proof"]]  # Open Badges 3.0 wants a list of proofs
    return signed


def status_entry(index: int, purpose: str = status.REVOCATION) -> dict:
    number, position = status.list_position(index)
    url = status_list_url(purpose, number)
    return {
        "id": f"{url}#{position}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": purpose,
        "statusListIndex": str(position),
        "statusListCredential": url,
    }


def status_list_credential(
    *, purpose: str, number: int, positions, at: datetime.datetime | None = None
) -> dict:
    """A signed BitstringStatusListCredential whose set bits are ``positions``."""
    at = (at or timezone.now()).replace(microsecond=0)
    url = status_list_url(purpose, number)
    document = {
        "@context": [jsonld.CREDENTIALS_V2],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_did(),
        "validFrom": xsd_datetime(at),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": status.encode(positions),
            "ttl": STATUS_TTL_SECONDS * 1000,
        },
    }
    return _sign(document, created=at)


def credential_for_code(code: str) -> dict | None:
    """The signed credential of the certificate with this (typed) code, or None."""
    from certification import selectors
    from certification.codes import normalise_code

    certificate = selectors.certificate_for_credential(code=normalise_code(code))
    if certificate is None:
        return None
    return certificate_credential(certificate, organisation_name=organisation_name())


def issuer_document() -> dict:
    return issuer_profile(organisation_name=organisation_name())


def status_list_document(name: str) -> dict | None:
    """The signed list called ``<purpose>-<number>`` (e.g. ``revocation-1``), or None when no
    such list exists. List 1 always exists, even before the first certificate."""
    from certification import selectors

    purpose, _sep, number_text = name.rpartition("-")
    if purpose not in status.PURPOSES or not number_text.isdigit() or len(number_text) > 6:
        return None
    number = int(number_text)
    if not 1 <= number <= max(1, selectors.status_lists_in_use()):
        return None
    positions = selectors.status_list_positions(purpose=purpose, number=number)
    return status_list_credential(purpose=purpose, number=number, positions=positions)


PUBLISHED = {
    "credential": credential_for_code,
    "credential_did": did_document,
    "credential_issuer": issuer_document,
    "credential_status": status_list_document,
}
