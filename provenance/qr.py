"""QR codes for Digital Link URIs (segno)."""

import io

import segno


def make_qr(uri):
    return segno.make_qr(uri, error="m")


def qr_svg(uri, scale=4, border=2) -> bytes:
    buffer = io.BytesIO()
    make_qr(uri).save(buffer, kind="svg", scale=scale, border=border, xmldecl=False, title=uri)
    return buffer.getvalue()


def qr_png(uri, scale=8, border=4) -> bytes:
    buffer = io.BytesIO()
    make_qr(uri).save(buffer, kind="png", scale=scale, border=border)
    return buffer.getvalue()


def qr_svg_inline(uri, scale=3) -> str:
    """An ``<svg>`` element to put straight into a page (label sheets)."""
    return make_qr(uri).svg_inline(scale=scale, border=2, title=uri)
