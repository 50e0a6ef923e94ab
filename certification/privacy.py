"""The privacy guard: reflections must not carry a mentee's contact details.

Pure functions, no Django models: the form, the service and the tests all call
``contact_details_found``. The patterns aim at things that look like contact details while
leaving ordinary reflection text alone ("45 minutes", "12/03/2025", "module 3", "in 2019").
"""

import re

from django.utils.translation import gettext_lazy as _

PRIVACY_MESSAGE = _(
    "Please take out anything that could identify the person you support: your reflection "
    "seems to contain %(kinds)s. Reflections are read by your supervisor and kept in your "
    "training record, and the people we support are owed confidentiality. Refer to them by "
    "their initials or as \u201cmy mentee\u201d instead."
)

COMMENT_PRIVACY_MESSAGE = _(
    "Please take out anything that could identify the person your supervisee supports: your "
    "comment seems to contain %(kinds)s. Comments are kept in the mentor's training record, and "
    "the people we support are owed confidentiality. Refer to them by their initials or as "
    "\u201cthe mentee\u201d instead."
)

KIND_LABELS = {
    "email": _("an e-mail address"),
    "phone": _("a phone number"),
    "address": _("a street address"),
}

EMAIL_RE = re.compile(r"[\w.+-]+\s*(?:@|\(at\)|\[at\])\s*[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.I)

# A phone number: optional +country code or leading 0 / (area), then digit groups separated by
# spaces, dots, dashes or brackets, 9 to 15 digits in total. Dates (12/03/2025) use slashes and
# have at most 8 digits, so they never reach the threshold.
PHONE_CANDIDATE_RE = re.compile(r"(?<![\w/])(?:\+|00)?\(?\d[\d\s().-]{7,20}\d(?![\w/])")
PHONE_MIN_DIGITS = 9
PHONE_MAX_DIGITS = 15

STREET_TYPES = (
    "street|st|road|rd|avenue|ave|lane|ln|drive|dr|close|court|ct|crescent|cres|place|pl|"
    "terrace|way|grove|gardens|square|sq|boulevard|blvd|parade|mews|row|hill|walk|highway|hwy"
)
# "12 High Street", "221B Baker St", "Flat 3, 14 Mill Lane": a house number, one to three
# capitalised words, then a street type.
ADDRESS_RE = re.compile(
    r"\b\d{1,5}[A-Za-z]?,?\s+(?:[A-Z][\w'-]*\s+){1,3}(?i:" + STREET_TYPES + r")\b\.?",
)
UK_POSTCODE_RE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")


def _looks_like_phone(candidate: str) -> bool:
    digits = re.sub(r"\D", "", candidate)
    if not PHONE_MIN_DIGITS <= len(digits) <= PHONE_MAX_DIGITS:
        return False
    # A run of four-digit years or ranges ("2019-2021 2022") is not a phone number.
    groups = re.split(r"[\s().-]+", candidate.strip("()+ "))
    return not all(len(group) == 4 and group[:2] in {"19", "20"} for group in groups if group)


def contact_details_found(text: str) -> list[str]:
    """The kinds of contact details ("email", "phone", "address") that ``text`` seems to hold."""
    kinds = []
    if EMAIL_RE.search(text):
        kinds.append("email")
    if any(_looks_like_phone(match.group()) for match in PHONE_CANDIDATE_RE.finditer(text)):
        kinds.append("phone")
    if ADDRESS_RE.search(text) or UK_POSTCODE_RE.search(text):
        kinds.append("address")
    return kinds


def privacy_message(kinds: list[str], *, about: str = "reflection") -> str:
    """The calm explanation shown when a reflection (or, ``about="comment"``, a supervisor's
    comment or statement) is refused."""
    labels = [str(KIND_LABELS[kind]) for kind in kinds]
    message = COMMENT_PRIVACY_MESSAGE if about == "comment" else PRIVACY_MESSAGE
    return message % {"kinds": _(" and ").join(labels) if labels else ""}
