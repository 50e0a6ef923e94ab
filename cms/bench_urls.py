"""URLs of the benchmark server only: the site's, plus a trivial view as the baseline."""

from django.urls import path

from cms.bench import trivial_view
from cms.urls import handler404, handler500
from cms.urls import urlpatterns as site_urlpatterns

urlpatterns = [path("_bench/trivial/", trivial_view), *site_urlpatterns]

__all__ = ["handler404", "handler500", "urlpatterns"]
