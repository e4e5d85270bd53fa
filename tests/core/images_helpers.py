"""A PNG whose header says it is huge, made without ever holding its pixels."""

import struct
import zlib


def _chunk(kind, data):
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def huge_png(width=12_000, height=12_000):
    """A valid PNG signature and IHDR for ``width`` × ``height`` RGB, a tiny IDAT and
    IEND: about 60 bytes, whatever size it claims."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", ihdr)
        + _chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + _chunk(b"IEND", b"")
    )
