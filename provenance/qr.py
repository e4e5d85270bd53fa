"""QR codes for Digital Link URIs (segno).

Every code keeps the quiet zone ISO/IEC 18004 asks for: 4 light modules on each side.
SVGs carry a ``viewBox`` in modules, so CSS can size them (a label prints the code at
``LABEL_QR_MM``) without cutting off modules; the quiet zone is painted light, so a
coloured or patterned label behind it cannot eat into it.
"""

import io

import segno

QUIET_ZONE = 4  # modules, ISO/IEC 18004 section 6.3.8
LABEL_QR_MM = 30
DARK = "#000"
LIGHT = "#fff"


def make_qr(uri):
    return segno.make_qr(uri, error="m")


def _svg(uri, title):
    """An ``<svg>`` one user unit per module, sized only by its viewBox."""
    return make_qr(uri).svg_inline(
        scale=1,
        border=QUIET_ZONE,
        dark=DARK,
        light=LIGHT,
        omitsize=True,
        title=title,
        svgclass="qr",
    )


def modules(uri):
    """The width of the code in modules, quiet zone included."""
    return make_qr(uri).symbol_size(scale=1, border=QUIET_ZONE)[0]


def qr_svg(uri, scale=4) -> bytes:
    """A standalone SVG file: a viewBox in modules and a default size of ``scale`` px
    per module (any CSS size keeps every module)."""
    size = modules(uri) * scale
    svg = _svg(uri, uri).replace(
        "<svg ",
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" ',
        1,
    )
    return svg.encode()


def qr_png(uri, scale=8) -> bytes:
    buffer = io.BytesIO()
    make_qr(uri).save(buffer, kind="png", scale=scale, border=QUIET_ZONE)
    return buffer.getvalue()


def qr_svg_inline(uri) -> str:
    """An ``<svg>`` element to put straight into a page (label sheets); size it with CSS."""
    return _svg(uri, uri).replace("<svg ", '<svg role="img" ', 1)
