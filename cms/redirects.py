"""Wagtail's redirect middleware, with an opt-out for answers that are final.

Wagtail looks up its editor-managed redirects on every 404 (two queries). A certificate check
for an unknown code is a 404 that no redirect may change, and the extra look-up made unknown
codes measurably slower than real ones (SPEC: same timing; issue 14 point 9). A response with
``skip_redirect_lookup = True`` is passed through untouched.
"""

from wagtail.contrib.redirects.middleware import RedirectMiddleware as WagtailRedirectMiddleware


class RedirectMiddleware(WagtailRedirectMiddleware):
    def process_response(self, request, response):
        if getattr(response, "skip_redirect_lookup", False):
            return response
        return super().process_response(request, response)
