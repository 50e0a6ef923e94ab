"""Public verification of a certificate by its code: minimal disclosure, throttled."""

from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from certification import selectors
from certification.codes import normalise_code
from certification.models import Certificate, CertificationProgramme
from cms.models import User
from cms.throttle import client_address as client_ip
from cms.throttle import rate_limit_hit

LOOKUPS_PER_MINUTE = 60


def _throttled(request) -> bool:
    return rate_limit_hit(
        scope="verify", ident=client_ip(request), limit=LOOKUPS_PER_MINUTE, window=60
    )


def _placeholder(code: str):
    """A certificate that exists nowhere, shaped like a found one, for an unknown code: the
    facts and the page are built from it exactly as from a real one (same queries, same template,
    same rendering work), so an unknown code answers in the same time as a real one (SPEC:
    verification). It is never saved and nothing of it is shown but the "no certificate" text."""
    epoch = timezone.now()
    return Certificate(
        serial="",
        verification_code=code,
        holder_name="",
        holder=User(),
        programme=CertificationProgramme(name=""),
        status="",
        issued_at=epoch,
        status_changed_at=epoch,
        valid_from=epoch.date(),
        valid_until=epoch.date(),
        grace_until=epoch.date(),
    )


def _lookup(code: str):
    """Normalise, then always run the same query; an unknown code gets the placeholder, so
    both go on to do the same work. Returns (certificate, found)."""
    certificate = selectors.certificate_by_code(code=normalise_code(code))
    if certificate is None:
        return _placeholder(code), False
    return certificate, True


def too_many_lookups(request, *, json: bool):
    message = _("Too many look-ups from your address. Please wait a minute and try again.")
    if json:
        return JsonResponse({"error": message}, status=429)
    return render(request, "certification/verify/throttled.html", {"message": message}, status=429)


@never_cache
@require_GET
def verify_form(request):
    """Type a code (for people reading it off a printed certificate)."""
    typed = request.GET.get("code", "")
    error = ""
    if typed:
        code = normalise_code(typed)
        if code:
            return redirect("certification:verify", code=code)
        error = _(
            "That does not look like a verification code. Codes have 20 letters and "
            "digits, in five groups of four."
        )
    return render(
        request,
        "certification/verify/form.html",
        {"typed": typed, "error": error},
        status=400 if error else 200,
    )


@never_cache
@require_GET
def verify_page(request, code: str):
    if _throttled(request):
        return too_many_lookups(request, json=False)
    certificate, found = _lookup(code)
    if found and certificate.verification_code != code:
        return redirect("certification:verify", code=certificate.verification_code)
    facts = selectors.verification_facts(certificate, on=timezone.localdate())
    response = render(
        request,
        "certification/verify/page.html",
        {"facts": facts, "found": found, "typed": "" if found else code},
        status=200 if found else 404,
    )
    response.skip_redirect_lookup = True  # no editor redirect changes a check's answer
    return response


@never_cache
@require_GET
def verify_json(request, code: str):
    if _throttled(request):
        return too_many_lookups(request, json=True)
    certificate, found = _lookup(code)
    facts = selectors.verification_facts(certificate, on=timezone.localdate())
    if found:
        response = JsonResponse(facts)
    else:
        response = JsonResponse({"error": _("No certificate has this code.")}, status=404)
    response.skip_redirect_lookup = True  # no editor redirect changes a check's answer
    return response
