"""DRF's JSON parser with a depth and size limit (issue 14 point 8).

Python's ``json`` recurses once per nesting level: a body of 100,000 ``[`` made
``POST /api/v1/assignments/`` fail with ``RecursionError`` (a 500). Our API takes flat objects,
so anything nested deeper than ``MAX_DEPTH`` is refused with a 400 before it is decoded. DRF
reads the request stream itself, past Django's ``DATA_UPLOAD_MAX_MEMORY_SIZE``, so the same
limit is applied here.
"""

import json
import re

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser
from rest_framework.utils.json import strict_constant

MAX_DEPTH = 20
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_A_BRACKET = re.compile(r"[^\[\]{}]")


def json_depth(text: str) -> int:
    """How deeply ``text``'s arrays and objects nest (brackets inside strings do not count)."""
    depth = deepest = 0
    for bracket in _NOT_A_BRACKET.sub("", _STRING.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


class LimitedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        raw = stream.read(limit + 1) if limit else stream.read()
        if limit and len(raw) > limit:
            raise ParseError(_("The request body is too large."))
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError as error:
            raise ParseError(_("The request body is not valid %s.") % encoding) from error
        if json_depth(text) > MAX_DEPTH:
            raise ParseError(
                _("JSON nested more than %(depth)d levels deep is not accepted.")
                % {"depth": MAX_DEPTH}
            )
        try:
            parse_constant = strict_constant if self.strict else None
            return json.loads(text, parse_constant=parse_constant)
        except (ValueError, RecursionError) as error:
            raise ParseError(_("JSON parse error: %s") % error) from error
