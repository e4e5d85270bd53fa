"""QR images as inline SVG (segno)."""

import io

import segno


def svg(payload: str, *, scale: int = 4, title: str = "") -> str:
    buffer = io.BytesIO()
    segno.make(payload, error="m", micro=False).save(
        buffer,
        kind="svg",
        scale=scale,
        xmldecl=False,
        svgns=True,
        title=title or None,
        svgclass="vietqr",
        lineclass=None,
        border=2,
    )
    return buffer.getvalue().decode("utf-8")
