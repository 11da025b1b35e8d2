"""Sample images as a model sees them; shared by verification and the print figures, so both
feed the model exactly what the sidecar describes."""

from __future__ import annotations

from pathlib import Path

import numpy as np


def load_sample(path: Path, dims: list[int], value_range: list[float],
                invert: bool = False) -> np.ndarray:
    """An image file resized to `dims` (height, width, channels), inverted if asked (dark ink
    on white → ink = 1), then scaled from [0, 1] into `value_range`."""
    from PIL import Image

    h, w, c = dims
    mode = {1: "L", 3: "RGB", 4: "RGBA"}[c]
    with Image.open(path) as img:
        pixels = np.asarray(img.convert(mode).resize((w, h), Image.BILINEAR), dtype=np.float32)
    x = pixels.reshape(h, w, c) / 255.0
    if invert:
        x = 1.0 - x
    lo, hi = value_range
    return (lo + x * (hi - lo)).astype(np.float32)
