from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import FormView

from cms import privacy
from cms.forms import SignUpForm
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


class SignUpView(FormView):
    template_name = "registration/signup.html"
    form_class = SignUpForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("/")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        user = form.save()
        login(self.request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            self.request,
            _("Welcome, %(name)s. Your account is ready.") % {"name": user.public_name},
        )
        return redirect("/")


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
