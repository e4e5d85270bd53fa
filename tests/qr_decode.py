"""Decode QR codes in tests with zxing-cpp (a wheel from PyPI: no system zbar needed).

``decode(image)`` takes PNG/JPEG bytes, a path or a PIL image and returns the text of
every QR code found, top to bottom then left to right (the order of a label sheet).
"""

import io
from pathlib import Path

import zxingcpp
from PIL import Image


def _image(source):
    if isinstance(source, Image.Image):
        return source
    if isinstance(source, (bytes, bytearray)):
        return Image.open(io.BytesIO(source))
    return Image.open(Path(source))


def decode_symbols(source):
    """The zxing-cpp results (text, position, error-correction level) for each QR code."""
    image = _image(source).convert("L")
    found = zxingcpp.read_barcodes(
        image,
        formats=zxingcpp.BarcodeFormat.QRCode,
        text_mode=zxingcpp.TextMode.Plain,
    )
    return sorted(
        (symbol for symbol in found if symbol.valid),
        key=lambda s: (s.position.top_left.y // 20, s.position.top_left.x),
    )


def decode(source):
    """The text of every QR code in the image."""
    return [symbol.text for symbol in decode_symbols(source)]
