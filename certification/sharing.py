"""What a holder shares: the LinkedIn "add to profile" link and the programme's badge image.

Both are built from the certificate (or programme) alone, without asking anyone: the LinkedIn
link is a plain URL of LinkedIn's documented "Add to profile" form, opened only if the holder
follows it, and the badge is an SVG drawn here, the same bytes every time."""

import colorsys
import hashlib
import textwrap
from urllib.parse import quote, urlencode
from xml.sax.saxutils import escape

from django.urls import reverse
from django.utils.translation import gettext as _

LINKEDIN_ADD_TO_PROFILE = "https://www.linkedin.com/profile/add"


def linkedin_add_to_profile_url(
    *, certificate, organisation_name: str, verification_url: str
) -> str:
    """LinkedIn's "Add licence or certification" form, filled in with the certificate: its
    name, the organisation, the issue and expiry month, the public verification page and the
    serial. Only a link: nothing is sent to LinkedIn unless the holder opens it."""
    programme = (certificate.evidence or {}).get("programme", {}).get("name")
    params = {
        "startTask": "CERTIFICATION_NAME",
        "name": programme or certificate.programme.name,
        "organizationName": organisation_name,
        "issueYear": certificate.valid_from.year,
        "issueMonth": certificate.valid_from.month,
        "expirationYear": certificate.valid_until.year,
        "expirationMonth": certificate.valid_until.month,
        "certUrl": verification_url,
        "certId": certificate.serial,
    }
    return f"{LINKEDIN_ADD_TO_PROFILE}?{urlencode(params, quote_via=quote)}"


def badge_path(slug: str) -> str:
    return reverse("certification:credential_badge", kwargs={"slug": slug})


def badge_caption(programme_name: str) -> str:
    return _("Badge of the certification “%(programme)s”") % {"programme": programme_name}


BADGE_LINES = 4
BADGE_LINE_CHARS = 16


def badge_svg(*, programme_name: str, organisation_name: str) -> str:
    """The programme's badge: a 400 × 400 seal with the programme's name (wrapped, at most four
    lines) and the organisation's, in the reader's own sans-serif font (no web font is
    fetched). The colour of its ring comes from the name, so programmes look different; it is
    dark (25 % lightness, at least 6:1 on white), and the other text is dark on white."""
    hue = int(hashlib.sha256(programme_name.encode()).hexdigest()[:4], 16) / 0xFFFF
    ring = "#" + "".join(f"{round(c * 255):02x}" for c in colorsys.hls_to_rgb(hue, 0.25, 0.55))
    lines = textwrap.wrap(programme_name, BADGE_LINE_CHARS, break_long_words=True)
    if len(lines) > BADGE_LINES:
        lines = [
            *lines[: BADGE_LINES - 1],
            textwrap.shorten(" ".join(lines[3:]), 15, placeholder="…"),
        ]
    first = 200 - 16 * (len(lines) - 1)
    text = "".join(
        f'<tspan x="200" y="{first + 32 * number}">{escape(line)}</tspan>'
        for number, line in enumerate(lines)
    )
    title = escape(badge_caption(programme_name))
    organisation = escape(textwrap.shorten(organisation_name, 24, placeholder="…"))
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" '
        'viewBox="0 0 400 400" role="img" aria-labelledby="title">'
        f'<title id="title">{title}</title>'
        f'<circle cx="200" cy="200" r="190" fill="{ring}"/>'
        '<circle cx="200" cy="200" r="160" fill="#ffffff"/>'
        f'<circle cx="200" cy="200" r="150" fill="none" stroke="{ring}" stroke-width="3"/>'
        '<g font-family="sans-serif" text-anchor="middle" fill="#1d2733">'
        f'<text font-size="26" font-weight="700">{text}</text>'
        f'<text x="200" y="110" font-size="18">{organisation}</text>'
        f'<text x="200" y="320" font-size="16" font-weight="700" fill="{ring}">'
        f"{escape(_('CERTIFIED'))}</text>"
        "</g></svg>\n"
    )


def badge_for_programme(slug: str) -> str | None:
    """The badge SVG of the programme with this slug, or None if there is none."""
    from certification.models import CertificationProgramme
    from cms.selectors import organisation_name

    programme = CertificationProgramme.objects.filter(slug=slug).only("name").first()
    if programme is None:
        return None
    return badge_svg(programme_name=programme.name, organisation_name=organisation_name())
