"""Holds a signed-in session at the two-step pages until its second factor is checked.

Whatever page someone signed in on (the site's, Wagtail's /admin/login/, page-privacy
/_util/login/), the password leaves an ordinary session. Here, on every request:

- someone who has a second factor and has not used it in this session is sent to verify;
- someone who must have one (``selectors.two_factor_required``) and has none is sent to set
  one up;
- everyone else goes on as before.

Only the two-step pages themselves, the passkey endpoints they call, signing out, crisis help
and the health check stay open in between. Must come after django-otp's ``OTPMiddleware``.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse

from cms.two_factor import selectors

OPEN_NAMESPACES = {"two_factor", "otp_webauthn"}
OPEN_URL_NAMES = {
    "logout",
    "wagtailadmin_logout",
    "get_help",
    "resource_directory",
    "healthz",
}


def _is_open(request) -> bool:
    if settings.STATIC_URL and request.path_info.startswith(settings.STATIC_URL):
        return True
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return bool(set(match.namespaces) & OPEN_NAMESPACES) or match.url_name in OPEN_URL_NAMES


def _opening_admin(request) -> bool:
    return request.path_info.startswith(reverse("wagtailadmin_home"))


def pending_step(request) -> str | None:
    """Either "verify", "setup" or None: what this session must do before any other page."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return None  # no session, nobody signed in: and no session read (no Vary: Cookie)
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return None
    if selectors.has_second_factor_cached(request):
        return "verify"
    if selectors.two_factor_required(user, opening_admin=_opening_admin(request)):
        return "setup"
    return None


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        step = pending_step(request)
        if step and not _is_open(request):
            url = reverse(f"two_factor:{step}")
            return redirect(f"{url}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
