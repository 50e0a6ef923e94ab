"""The two-step pages: set up, verify at sign-in, recovery, and managing one's own methods.
Thin: each view parses a form and calls one service; the rules live in selectors/services."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login

from cms.two_factor import qr, selectors, services
from cms.two_factor.forms import (
    ConfirmPasswordForm,
    RecoveryCodeForm,
    TotpCodeForm,
    TotpSetupForm,
)

SESSION_TOTP_KEY = "two_factor_totp_key"  # the key being set up, shown until confirmed
SESSION_FRESH_CODES = "two_factor_fresh_codes"  # new recovery codes, until saved


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _verified(request, device) -> None:
    """Marks the session as verified by ``device``, under a new session key."""
    request.session.cycle_key()
    otp_login(request, device)
    request.session[selectors.SESSION_ENROLLED] = True


def _show_fresh_codes(request, codes: list[str], next_url: str):
    request.session[SESSION_FRESH_CODES] = {"codes": codes, "next": next_url}
    return redirect("two_factor:recovery_codes")


def _is_verified(request) -> bool:
    return request.user.is_verified()


@never_cache
@login_required
def setup(request):
    """Add an authenticator app (QR code and key, confirmed with a code) or a passkey."""
    user = request.user
    next_url = _next_url(request)
    if not selectors.may_add_second_factor(user=user, verified=_is_verified(request)):
        request.session[selectors.SESSION_ENROLLED] = True
        return redirect(f"{reverse('two_factor:verify')}?{urlencode({'next': next_url})}")
    key = request.session.get(SESSION_TOTP_KEY)
    if not key:
        key = request.session[SESSION_TOTP_KEY] = services.totp_key_new()
    form = TotpSetupForm(request.POST or None, user=user, key=key)
    if request.method == "POST" and form.is_valid():
        del request.session[SESSION_TOTP_KEY]
        if not _is_verified(request):
            _verified(request, form.result)
        request.session[selectors.SESSION_ENROLLED] = True
        messages.success(request, _("Your authenticator app is set up."))
        codes = services.recovery_codes_ensure(user=user)
        if codes:
            return _show_fresh_codes(request, codes, next_url)
        return redirect(next_url)
    secret = qr.base32_key(key)
    return render(
        request,
        "cms/two_factor/setup.html",
        {
            "form": form,
            "next": next_url,
            "qr_svg": qr.totp_qr_svg(user=user, key=key),
            "manual_key": qr.grouped(secret),
            "manual_key_plain": secret,
            "required": selectors.two_factor_required(user),
            "has_second_factor": selectors.has_second_factor(user=user),
        },
    )


@never_cache
@login_required
def passkey_added(request):
    """Where the passkey script goes after registering one: recovery codes if none yet."""
    user = request.user
    if not selectors.passkeys(user=user).exists() or not _is_verified(request):
        return redirect("two_factor:setup")
    request.session[selectors.SESSION_ENROLLED] = True
    messages.success(request, _("Your passkey is saved."))
    next_url = _next_url(request)
    codes = services.recovery_codes_ensure(user=user)
    if codes:
        return _show_fresh_codes(request, codes, next_url)
    return redirect(next_url)


@never_cache
@login_required
def verify(request):
    """The second step of signing in: a code from the app, or a passkey."""
    user = request.user
    next_url = _next_url(request)
    if _is_verified(request):
        return redirect(next_url)
    if not selectors.has_second_factor(user=user):
        request.session[selectors.SESSION_ENROLLED] = False
        return redirect(next_url)
    has_app = selectors.totp_devices(user=user).exists()
    form = TotpCodeForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        _verified(request, form.result)
        return redirect(next_url)
    return render(
        request,
        "cms/two_factor/verify.html",
        {
            "form": form if has_app else None,
            "next": next_url,
            "has_passkey": selectors.passkeys(user=user).exists(),
            "has_recovery_codes": selectors.recovery_codes_left(user=user) > 0,
        },
    )


@never_cache
@login_required
def recovery(request):
    """Sign in with a recovery code when the app or passkey is not at hand."""
    user = request.user
    next_url = _next_url(request)
    if _is_verified(request):
        return redirect(next_url)
    form = RecoveryCodeForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        _verified(request, form.result)
        left = selectors.recovery_codes_left(user=user)
        messages.warning(
            request,
            ngettext(
                "You signed in with a recovery code; it is now used up. You have %(count)d "
                "code left: you can make new ones under Two-step sign-in.",
                "You signed in with a recovery code; it is now used up. You have %(count)d "
                "codes left: you can make new ones under Two-step sign-in.",
                left,
            )
            % {"count": left},
        )
        return redirect(next_url)
    return render(request, "cms/two_factor/recovery.html", {"form": form, "next": next_url})


@never_cache
@login_required
def recovery_codes(request):
    """New recovery codes, shown once: they leave the session when the person says they have
    saved them."""
    fresh = request.session.get(SESSION_FRESH_CODES)
    if not fresh:
        return redirect("two_factor:manage")
    if request.method == "POST":
        del request.session[SESSION_FRESH_CODES]
        return redirect(fresh["next"])
    return render(request, "cms/two_factor/recovery_codes.html", {"codes": fresh["codes"]})


@never_cache
@login_required
def recovery_codes_download(request):
    fresh = request.session.get(SESSION_FRESH_CODES)
    if not fresh:
        raise Http404
    site = settings.WAGTAIL_SITE_NAME
    lines = [
        _("Recovery codes for %(site)s (%(username)s)")
        % {"site": site, "username": request.user.get_username()},
        _("Each code works once. Keep them somewhere safe, away from your phone."),
        "",
        *fresh["codes"],
        "",
    ]
    response = HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="recovery-codes.txt"'
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@login_required
def manage(request):
    user = request.user
    return render(
        request,
        "cms/two_factor/manage.html",
        {
            "devices": selectors.second_factors(user=user),
            "recovery_codes_left": selectors.recovery_codes_left(user=user),
            "required": selectors.two_factor_required(user),
        },
    )


def _confirm(request, *, title: str, explanation: str, button: str, action):
    """A change that needs the password again: the confirmation page, then ``action()``."""
    form = ConfirmPasswordForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        return action()
    return render(
        request,
        "cms/two_factor/confirm.html",
        {"form": form, "title": title, "explanation": explanation, "button": button},
        status=400 if request.method == "POST" else 200,
    )


@never_cache
@login_required
def remove(request, kind, pk):
    row = next(
        (d for d in selectors.second_factors(user=request.user) if (d.kind, d.pk) == (kind, pk)),
        None,
    )
    if row is None:
        raise Http404

    def action():
        try:
            services.second_factor_remove(user=request.user, kind=kind, pk=pk)
        except services.TwoFactorError as error:
            messages.error(request, error.messages[0])
            return redirect("two_factor:manage")
        enrolled = selectors.has_second_factor(user=request.user)
        request.session[selectors.SESSION_ENROLLED] = enrolled
        messages.success(request, _("“%(name)s” is removed.") % {"name": row.name})
        if not enrolled and selectors.two_factor_required(request.user):
            messages.warning(
                request, _("Your role needs two-step sign-in: please set up a new method.")
            )
        return redirect("two_factor:manage")

    return _confirm(
        request,
        title=_("Remove “%(name)s”?") % {"name": row.name},
        explanation=(
            _("You will no longer be able to use it to sign in.")
            if len(selectors.second_factors(user=request.user)) > 1
            else _(
                "It is your only second step: your recovery codes will stop working too, and "
                "your account will be protected by your password alone until you set up another."
            )
        ),
        button=_("Remove"),
        action=action,
    )


@never_cache
@login_required
def recovery_codes_regenerate(request):
    if not selectors.has_second_factor(user=request.user):
        messages.error(request, _("Set up an authenticator app or a passkey first."))
        return redirect("two_factor:manage")

    def action():
        codes = services.recovery_codes_generate(user=request.user)
        return _show_fresh_codes(request, codes, reverse("two_factor:manage"))

    return _confirm(
        request,
        title=_("Make new recovery codes?"),
        explanation=_("Your current recovery codes will stop working straight away."),
        button=_("Make new codes"),
        action=action,
    )
