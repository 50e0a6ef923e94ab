"""QR codes (segno): inline SVG for pages, a small PNG for PDFs. Nothing to fetch either way."""

import segno

DARK = "#1d2733"
PRINT_MASK = 0


def _qr(url: str, **options):
    return segno.make(url, error="m", micro=False, **options)


def qr_svg(url: str, *, scale: int = 4) -> str:
    """The URL as an inline SVG QR code (error correction M, no XML declaration)."""
    return _qr(url).svg_inline(scale=scale, border=2, dark=DARK, title="Verification QR code")


def qr_png_data_uri(url: str) -> str:
    """The URL as a QR code PNG, one pixel per module, as a data: URI. Printed without
    interpolation (CSS ``image-rendering: pixelated``), so it stays sharp at any size, and
    PDF/A allows it, which forbids interpolated images.

    The mask pattern is fixed: choosing the best of the eight (what segno does by default)
    takes about four fifths of the encoding time, and every mask reads the same; a printed
    code with a quiet zone and error correction M does not need the marginal gain."""
    return _qr(url, mask=PRINT_MASK).png_data_uri(scale=1, border=2, dark=DARK)
