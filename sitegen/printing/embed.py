"""Images embedded in a page as data: URIs, so a printed page needs no other file."""

from __future__ import annotations

import base64


def data_uri(data: bytes, mime: str | None = None) -> str:
    """`data` as a data: URI; the type is told from the bytes (PNG, JPEG, else SVG) if not given."""
    if mime is None:
        mime = ("image/png" if data[:4] == b"\x89PNG" else
                "image/jpeg" if data[:3] == b"\xff\xd8\xff" else "image/svg+xml")
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"
