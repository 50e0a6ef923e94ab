"""Public, signed credential documents: a certificate's Open Badges credential, the issuer's
profile and keys, the status lists and the programmes' badges. No login; cacheable briefly;
throttled per address."""

import json

from django.http import HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from certification import sharing
from certification.credentials import documents
from certification.views.verification import LOOKUPS_PER_MINUTE, too_many_lookups
from cms.throttle import client_address as client_ip
from cms.throttle import rate_limit_hit

LIST_FETCHES_PER_MINUTE = 120  # verifiers re-fetch the issuer and lists for every credential
CREDENTIAL_MAX_AGE = 300  # the credential only changes if the key or the issuer's name does
BADGE_MAX_AGE = 3600  # a programme's badge changes only with its name
LIST_MAX_AGE = 60  # a revocation reaches cached copies within a minute


def _respond(document: dict, *, content_type: str, max_age: int) -> HttpResponse:
    body = json.dumps(document, ensure_ascii=False, indent=2)
    return _serve(body, content_type=content_type, max_age=max_age)


def _serve(body: str, *, content_type: str, max_age: int) -> HttpResponse:
    response = HttpResponse(body, content_type=f"{content_type}; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"  # verifiers run in other sites' pages
    patch_cache_control(response, public=True, max_age=max_age)
    return response


def _not_found(message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=404)


def _throttled(request, *, scope: str, limit: int) -> JsonResponse | None:
    if not rate_limit_hit(scope=scope, ident=client_ip(request), limit=limit, window=60):
        return None
    response = too_many_lookups(request, json=True)
    add_never_cache_headers(response)
    return response


@require_GET
def credential(request, code: str):
    """A certificate's signed OpenBadgeCredential, whatever its status: a revoked or suspended
    certificate's credential still verifies as signed, and its status list says it is not in
    force (the same answer the verification page gives)."""
    if refused := _throttled(request, scope="verify", limit=LOOKUPS_PER_MINUTE):
        return refused
    document = documents.credential_for_code(code)
    if document is None:
        return _not_found(_("No certificate has this code."))
    return _respond(
        document, content_type=documents.MEDIA_TYPE_CREDENTIAL, max_age=CREDENTIAL_MAX_AGE
    )


@require_GET
def issuer(request):
    if refused := _throttled(request, scope="credential-lists", limit=LIST_FETCHES_PER_MINUTE):
        return refused
    return _respond(
        documents.issuer_document(),
        content_type=documents.MEDIA_TYPE_JSON_LD,
        max_age=CREDENTIAL_MAX_AGE,
    )


@require_GET
def did_document(request):
    """The issuer's did:web document: the keys credentials name in ``verificationMethod``."""
    if refused := _throttled(request, scope="credential-lists", limit=LIST_FETCHES_PER_MINUTE):
        return refused
    return _respond(
        documents.did_document(), content_type=documents.MEDIA_TYPE_DID, max_age=CREDENTIAL_MAX_AGE
    )


@require_GET
def status_list(request, name: str):
    if refused := _throttled(request, scope="credential-lists", limit=LIST_FETCHES_PER_MINUTE):
        return refused
    document = documents.status_list_document(name)
    if document is None:
        return _not_found(_("There is no such status list."))
    return _respond(document, content_type=documents.MEDIA_TYPE_CREDENTIAL, max_age=LIST_MAX_AGE)


@require_GET
def badge(request, slug: str):
    """The programme's badge image, the ``image`` of its Open Badges Achievement."""
    if refused := _throttled(request, scope="credential-lists", limit=LIST_FETCHES_PER_MINUTE):
        return refused
    svg = sharing.badge_for_programme(slug)
    if svg is None:
        return _not_found(_("There is no such programme."))
    return _serve(svg, content_type="image/svg+xml", max_age=BADGE_MAX_AGE)
