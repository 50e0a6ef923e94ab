"""Response headers that protect people's data in the browser (docs/security.md, "Content-Security-
Policy, headers and third parties").

- ``ContentSecurityPolicyMiddleware``: django-csp's middleware, choosing the policy by path. The
  public and learner site gets ``CONTENT_SECURITY_POLICY`` (strict: our own files only, inline
  scripts only with the response's nonce, no inline styles); the Wagtail admin gets
  ``ADMIN_CONTENT_SECURITY_POLICY``, because Wagtail 8's own widgets write inline scripts and
  style attributes. Both load nothing from another host.
- ``PrivateResponseMiddleware``: a response to a request that carries credentials (a signed-in
  session or an ``Authorization`` header) is ``private, no-store``, whatever the view said. The
  rule needs no list of "personal" views that a new page could be missing from: everything a
  signed-in person is shown may name them (their logs, attempts, reflections, certificate, or
  just "Signed in as"), so no browser cache, proxy or back button keeps it.
- ``PermissionsPolicyMiddleware``: the browser features the site never uses stay off, so no
  script could reach a camera, microphone or location even if one ran.
"""

from csp.constants import SELF
from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.utils.cache import add_never_cache_headers


def is_admin_path(path: str) -> bool:
    prefix = settings.ADMIN_CONTENT_SECURITY_POLICY["PATH_PREFIX"]
    return path.startswith(prefix)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The site's strict policy everywhere, the admin's own under the admin's path."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if response.get("X-Frame-Options") == "SAMEORIGIN":
            # A view that lets our own pages frame it (Wagtail's preview panel) says so the
            # same way to browsers that read frame-ancestors.
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        if report_only or not is_admin_path(request.path_info):
            return parts
        if parts.config is None:  # a view's own @csp/@csp_replace decorator still wins
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        # A nonce in the header would switch off the 'unsafe-inline' the admin relies on.
        parts.nonce = None
        return parts


class PrivateResponseMiddleware:
    """``Cache-Control: private, no-store`` on every response to a request with credentials."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if signed_in or "HTTP_AUTHORIZATION" in request.META:
            # Replaces "public, max-age=…" a view set for anonymous readers.
            response.headers.pop("Cache-Control", None)
            add_never_cache_headers(response)
        return response


class PermissionsPolicyMiddleware:
    """``Permissions-Policy`` from ``settings.PERMISSIONS_POLICY`` ({feature: [origins]})."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        header = ", ".join(
            f"{feature}=({' '.join(origins)})"
            for feature, origins in settings.PERMISSIONS_POLICY.items()
        )
        response.headers.setdefault("Permissions-Policy", header)
        return response
