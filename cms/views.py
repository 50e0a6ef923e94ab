from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET
from django.views.generic import FormView, TemplateView

from cms import privacy, services, throttle
from cms.forms import PasswordResetRequestForm, SignUpForm
from cms.selectors import crisis_resources, health_status, resource_directory_url


@never_cache
@require_GET
def healthz(request):
    status = health_status()
    return JsonResponse(status, status=200 if status["status"] == "ok" else 503)


@require_GET
def resource_directory(request):
    """A stable link to the referral directory, wherever editors have put its page."""
    url = resource_directory_url(request=request)
    if url is None:
        raise Http404
    return redirect(url)


def get_help(request):
    """Crisis resources, one click from every page, and the way to the full directory."""
    return render(
        request,
        "cms/get_help.html",
        {
            "crisis_resources": crisis_resources(),
            "resource_directory_url": resource_directory_url(request=request),
        },
    )


@method_decorator(sensitive_post_parameters("password1", "password2"), name="dispatch")
class SignUpView(FormView):
    """Sign-up answers "check your e-mail" whatever was asked (``services.mentor_sign_up``);
    throttled per address on every request, and per e-mail address and username on each
    request that sends an e-mail."""

    template_name = "registration/signup.html"
    form_class = SignUpForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("/")
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if throttle.address_requests_refused(request, scope="signup"):
            return throttle.too_many_requests(request)
        form = self.get_form()
        if not form.is_valid():
            return self.form_invalid(form)
        identities = (form.cleaned_data["email"], form.cleaned_data["username"])
        if throttle.identity_requests_refused(scope="signup", identities=identities):
            return throttle.too_many_requests(request)
        form.save()
        return redirect("signup_done")


class SignUpDoneView(TemplateView):
    template_name = "registration/signup_done.html"


@method_decorator(never_cache, name="dispatch")
class SignUpConfirmView(TemplateView):
    """The link in the confirmation e-mail: a button, so that mail scanners following the link
    do not open the account; the button opens it and signs the person in."""

    template_name = "registration/signup_confirm.html"

    def post(self, request, uidb64, token):
        user = services.mentor_sign_up_confirm(uidb64=uidb64, token=token)
        if user is None:
            return self.render_to_response({"invalid": True}, status=400)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request,
            _("Welcome, %(name)s. Your account is ready.") % {"name": user.public_name},
        )
        return redirect("/")


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset page, throttled per address on every request and per e-mail address on
    each request that sends an e-mail; it answers the same whether or not an account exists."""

    form_class = PasswordResetRequestForm

    def post(self, request, *args, **kwargs):
        if throttle.address_requests_refused(request, scope="password-reset"):
            return throttle.too_many_requests(request)
        form = self.get_form()
        if not form.is_valid():
            return self.form_invalid(form)
        email = form.cleaned_data["email"]
        if throttle.identity_requests_refused(scope="password-reset", identities=[email]):
            return throttle.too_many_requests(request)
        return self.form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """A new password also lifts the lock on the account (not on the address): the lockout page
    points people here."""

    def form_valid(self, form):
        response = super().form_valid(form)
        throttle.sign_in_failures_clear(username=form.user.get_username())
        return response


def zip_response(data: bytes, *, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@login_required
def my_data(request):
    """Anyone signed in downloads everything held about them (no permission needed, and no
    way to ask for anybody else's: the export is always of ``request.user``). POST, so the
    download is a deliberate act behind CSRF protection rather than a link to prefetch."""
    if request.method == "POST":
        return zip_response(
            privacy.person_export_archive(user=request.user, actor=request.user, via="self"),
            filename=privacy.export_filename(request.user),
        )
    return render(request, "cms/my_data.html")


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
