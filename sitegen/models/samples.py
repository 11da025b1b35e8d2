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


def output_image(output: np.ndarray, value_range: list[float] | None):
    """An image model's output (height, width, channels) as a Pillow image: the declared range
    (default [0, 1]) mapped to 0–255, as the demo draws it."""
    from PIL import Image

    lo, hi = value_range or [0.0, 1.0]
    pixels = np.round(np.clip((output - lo) / (hi - lo), 0, 1) * 255).astype(np.uint8)
    return Image.fromarray(pixels[:, :, 0] if pixels.shape[2] == 1 else pixels)
