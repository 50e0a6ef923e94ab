"""URLs of the benchmark server only: the site's, plus a trivial view as the baseline."""

from django.http import HttpResponse
from django.urls import path

from cms.urls import handler404, handler500
from cms.urls import urlpatterns as site_urlpatterns


def trivial_view(request):
    """The cheapest Django response: the ceiling any page is measured against."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("_bench/trivial/", trivial_view), *site_urlpatterns]

__all__ = ["handler404", "handler500", "urlpatterns"]
