"""Bad input is refused with a 400 and a sentence, never a 500 (issue 14 point 8).

Two kinds of bad input reach code that cannot refuse them politely:

- **NUL bytes.** PostgreSQL refuses them in text (SQLite stores them), so a ``\\x00`` typed into
  any search box, filter or form field used to end in a ``DataError`` (500) wherever the value
  met a query before a form validated it (``/admin/personal-data/?q=%00``). No legitimate text
  contains one, so the middleware answers 400 for a NUL anywhere in the path, the query string
  or a form body, before any view runs: one rule for every view, ours and Wagtail's. (JSON
  bodies are DRF's: its ``CharField`` refuses NUL with a field error.)
- **Query strings longer than a request line may be.** gunicorn refuses a request line over
  4094 bytes, so in production such a request never reaches us; under other servers and in tests
  it did, and a 100,000-character search made SQLite fail ("LIKE or GLOB pattern too complex").
  The same limit is applied here, so every server behaves like production.
- **Numbers too large for the database** (10**100 in a filter or an integer field): PostgreSQL's
  integer fields carry range validators, SQLite's do not, and its driver raises
  ``OverflowError`` before any SQL is sent. That error is answered as a 400.
- **Crafted form bodies missing a key a formset reads directly** (``request.POST["x-0-id"]``
  inside modelcluster's inline formsets). ``MultiValueDictKeyError`` is only ever raised by such
  a lookup of request data, so it is answered as a 400 too; any other error stays a 500.
"""

from django.http import HttpResponseBadRequest
from django.utils.datastructures import MultiValueDictKeyError
from django.utils.translation import gettext as _

MAX_QUERY_STRING = 4094  # gunicorn's default limit_request_line


def _has_nul(querydict) -> bool:
    return any(
        "\x00" in key or any("\x00" in value for value in values)
        for key, values in querydict.lists()
    )


class BadInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING:
            return HttpResponseBadRequest(
                _("This address is too long. Shorten the search or the filters and try again."),
                content_type="text/plain; charset=utf-8",
            )
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
            message = _("The form sent was incomplete. Reload the page and send it again.")
        elif isinstance(exception, OverflowError):
            message = _("A number in the request is too large. Check it and try again.")
        else:
            return None
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
