"""QR images: inline SVG for pages (segno), PNG for e-mails and tests."""

import io

import segno


def make(payload: str):
    return segno.make(payload, error="m", micro=False)


def svg(payload: str, *, scale: int = 4, title: str = "") -> str:
    buffer = io.BytesIO()
    make(payload).save(
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


def png(payload: str, *, scale: int = 8) -> bytes:
    buffer = io.BytesIO()
    make(payload).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()
