"""Bad input is refused with a 400 and a sentence, never a 500 (issue 14 point 8).

Two kinds of bad input reach code that cannot refuse them politely:

- **NUL bytes.** PostgreSQL refuses them in text (SQLite stores them), so a ``\\x00`` typed into
  any search box, filter or form field used to end in a ``DataError`` (500) wherever the value
  met a query before a form validated it (``/admin/personal-data/?q=%00``). No legitimate text
  contains one, so the middleware answers 400 for a NUL anywhere in the path, the query string
  or a form body, before any view runs: one rule for every view, ours and Wagtail's. (JSON
  bodies are DRF's: its ``CharField`` refuses NUL with a field error.)
- **Crafted form bodies missing a key a formset reads directly** (``request.POST["x-0-id"]``
  inside modelcluster's inline formsets). ``MultiValueDictKeyError`` is only ever raised by such
  a lookup of request data, so it is answered as a 400 too; any other error stays a 500.
"""

from django.http import HttpResponseBadRequest
from django.utils.datastructures import MultiValueDictKeyError
from django.utils.translation import gettext as _


def _has_nul(querydict) -> bool:
    return any(
        "\x00" in key or any("\x00" in value for value in values)
        for key, values in querydict.lists()
    )


class BadInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or _has_nul(request.GET) or _has_nul(request.POST):
            return HttpResponseBadRequest(
                _(
                    "Text containing a NUL character (\\x00) is not accepted. Remove it and "
                    "send the form again."
                ),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, MultiValueDictKeyError):
            return HttpResponseBadRequest(
                _("The form sent was incomplete. Reload the page and send it again."),
                content_type="text/plain; charset=utf-8",
            )
        return None
