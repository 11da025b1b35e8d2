"""Draw the demo video for the shapes model: outlines of shapes moving on white, 128×128.

Three shapes (an ellipse, a rectangle, a triangle) glide and bounce for 6 s at 25 frames per
second; each frame is drawn as the model's training inputs are (2 px outlines of the visible
regions), then encoded as VP8 WebM, which every browser plays. Needs the `ffmpeg` program
(Debian: apt-get install ffmpeg). Writes `assets/samples/shapes/clip.webm`. Run from the
repository root:

    .venv/bin/python training/shapes_clip.py
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from shapes_pix2pix import SIZE, edges_of

FPS = 25
SECONDS = 6
OUT = Path("assets/samples/shapes/clip.webm")


def frame(t: float) -> np.ndarray:
    """The scene at time `t` seconds, as an outline drawing (uint8 RGB)."""
    regions = Image.new("L", (SIZE, SIZE), 0)
    draw = ImageDraw.Draw(regions)
    phase = 2 * np.pi * t / SECONDS
    x = 20 + 45 * (1 + np.sin(phase))
    draw.ellipse([x, 14, x + 40, 50], fill=1)
    y = 50 + 25 * (1 + np.sin(2 * phase + 1))
    draw.rectangle([12, y, 58, y + 30], fill=2)
    cx, cy, r = 88, 88 - 20 * np.cos(phase), 26
    angles = phase + np.array([0, 2.1, 4.2])
    draw.polygon([(cx + r * np.cos(a), cy + r * np.sin(a)) for a in angles], fill=3)
    return edges_of(np.asarray(regions))


def main() -> None:
    frames = np.stack([frame(i / FPS) for i in range(FPS * SECONDS)])
    OUT.parent.mkdir(parents=True, exist_ok=True)
    command = ["ffmpeg", "-y", "-loglevel", "error", "-f", "rawvideo", "-pix_fmt", "rgb24",
               "-s", f"{SIZE}x{SIZE}", "-r", str(FPS), "-i", "-", "-c:v", "libvpx",
               "-b:v", "400k", "-pix_fmt", "yuv420p", "-an", str(OUT)]
    subprocess.run(command, input=frames.tobytes(), check=True)
    print(f"wrote {OUT} ({len(frames)} frames, {OUT.stat().st_size / 1e3:.0f} kB)")


if __name__ == "__main__":
    main()
