"""QR codes (segno): inline SVG for pages, a small PNG for PDFs. Nothing to fetch either way."""

import segno

DARK = "#1d2733"


def _qr(url: str):
    return segno.make(url, error="m", micro=False)


def qr_svg(url: str, *, scale: int = 4) -> str:
    """The URL as an inline SVG QR code (error correction M, no XML declaration)."""
    return _qr(url).svg_inline(scale=scale, border=2, dark=DARK, title="Verification QR code")


def qr_png_data_uri(url: str) -> str:
    """The URL as a QR code PNG, one pixel per module, as a data: URI. Printed without
    interpolation (CSS ``image-rendering: pixelated``), so it stays sharp at any size, and
    PDF/A allows it, which forbids interpolated images."""
    return _qr(url).png_data_uri(scale=1, border=2, dark=DARK)
