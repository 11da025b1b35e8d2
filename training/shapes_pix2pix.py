"""Train a small pix2pix-style U-Net that turns edge drawings into filled, coloured shapes.

Data: drawn on the fly with a seeded numpy/Pillow generator, nothing is downloaded. Each
scene is a white 128x128 canvas with 1-4 overlapping filled shapes (ellipses, rectangles,
triangles). The target is the coloured scene; the input is the same scene as 2 px black
outlines on white (the boundaries of the visible regions). Each kind of shape has its own
family of colours (ellipses red, rectangles blue, triangles green, each randomly jittered), so that the colour can be inferred from the outline; with fully random colours an
L1-trained generator could only paint the average colour, a muddy grey.

Architecture: a U-Net generator as in pix2pix (Isola et al. 2017), scaled down: six 4x4
stride-2 Conv2D blocks (BatchNorm, LeakyReLU) down to 2x2, six Conv2DTranspose blocks (BatchNorm,
Dropout in the innermost two, ReLU) back up with skip connections (Concatenate), tanh output.
About 0.9 M parameters; inputs and outputs are in [-1, 1]. Only standard layers, so TF.js
runs the converted model.

Training: L1 loss with Adam, on the CPU, about 5 minutes on 2 cores (no GAN term: it would
double the cost per step, and with shape-dependent colours L1 alone already gives crisp fills).

Writes `_models/shapes.keras` (Keras 3) and the sample inputs `assets/samples/shapes/1..4.png`
(edge drawings from a seed not used in training). Run from the repository root:

    .venv/bin/python training/shapes_pix2pix.py
"""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import keras
import numpy as np
from keras import layers
from PIL import Image, ImageDraw

SIZE = 128
SEED = 1234            # training scenes
VALIDATION_SEED = 99   # held-out scenes for the final loss
SAMPLE_SEED = 2024     # the sample inputs committed to the site
BATCH = 16
STEPS_PER_EPOCH = 150
EPOCHS = 8
MODEL_PATH = Path("_models/shapes.keras")
SAMPLE_DIR = Path("assets/samples/shapes")

# Base colour (RGB) per shape kind; each shape jitters it by up to +-30 per channel.
PALETTE = {"ellipse": (225, 50, 40), "rectangle": (40, 100, 225), "triangle": (40, 165, 60)}


# --- data ---------------------------------------------------------------------------------

def shape_colour(kind: str, rng: np.random.Generator) -> tuple[int, int, int]:
    """A colour from the kind's family, jittered so no two shapes look exactly alike."""
    jitter = rng.uniform(-30, 30, size=3)
    return tuple(int(v) for v in np.clip(np.array(PALETTE[kind]) + jitter, 0, 255))


def shape_geometry(kind: str, rng: np.random.Generator) -> list[tuple[float, float]]:
    """Points for Pillow: a bounding box for ellipses and rectangles, corners for triangles."""
    if kind == "triangle":
        cx, cy = rng.uniform(30, SIZE - 30, size=2)
        radius = rng.uniform(18, 45)
        angles = rng.uniform(0, 2 * np.pi) + np.array([0, 2.1, 4.2]) + rng.uniform(-0.3, 0.3, 3)
        return [(cx + radius * np.cos(a), cy + radius * np.sin(a)) for a in angles]
    w, h = rng.uniform(20, 70, size=2)
    x0 = rng.uniform(4, SIZE - 4 - w)
    y0 = rng.uniform(4, SIZE - 4 - h)
    return [(x0, y0), (x0 + w, y0 + h)]


def draw_scene(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """One (edges, target) pair as uint8 RGB arrays of shape (SIZE, SIZE, 3)."""
    target = Image.new("RGB", (SIZE, SIZE), "white")
    regions = Image.new("L", (SIZE, SIZE), 0)          # which shape is visible at each pixel
    paint, label = ImageDraw.Draw(target), ImageDraw.Draw(regions)
    for index in range(1, int(rng.integers(1, 5)) + 1):
        kind = ["ellipse", "rectangle", "triangle"][rng.integers(3)]
        points, colour = shape_geometry(kind, rng), shape_colour(kind, rng)
        for draw, fill in ((paint, colour), (label, index)):
            if kind == "ellipse":
                draw.ellipse(points, fill=fill)
            elif kind == "rectangle":
                draw.rectangle(points, fill=fill)
            else:
                draw.polygon(points, fill=fill)
    return edges_of(np.asarray(regions)), np.asarray(target)


def edges_of(regions: np.ndarray) -> np.ndarray:
    """Black 2 px lines where the visible region changes (one pixel on each side), on white."""
    edge = np.zeros(regions.shape, dtype=bool)
    horizontal = regions[:, 1:] != regions[:, :-1]
    vertical = regions[1:, :] != regions[:-1, :]
    edge[:, 1:] |= horizontal
    edge[:, :-1] |= horizontal
    edge[1:, :] |= vertical
    edge[:-1, :] |= vertical
    gray = np.where(edge, 0, 255).astype(np.uint8)
    return np.repeat(gray[:, :, None], 3, axis=2)


def to_model_range(pixels: np.ndarray) -> np.ndarray:
    """uint8 [0, 255] -> float32 [-1, 1]."""
    return pixels.astype(np.float32) / 127.5 - 1.0


def to_pixels(values: np.ndarray) -> np.ndarray:
    """float [-1, 1] -> uint8 [0, 255]."""
    return np.clip((values + 1.0) * 127.5 + 0.5, 0, 255).astype(np.uint8)


def make_batch(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    pairs = [draw_scene(rng) for _ in range(n)]
    edges = np.stack([to_model_range(e) for e, _ in pairs])
    targets = np.stack([to_model_range(t) for _, t in pairs])
    return edges, targets


class Scenes(keras.utils.PyDataset):
    """Fresh scenes for every step, drawn from one seeded generator (so runs repeat)."""

    def __init__(self, seed: int, steps: int, batch: int):
        super().__init__(workers=1, use_multiprocessing=False)
        self.rng, self.steps, self.batch = np.random.default_rng(seed), steps, batch

    def __len__(self) -> int:
        return self.steps

    def __getitem__(self, index: int) -> tuple[np.ndarray, np.ndarray]:
        return make_batch(self.rng, self.batch)


# --- model --------------------------------------------------------------------------------

def down(x, filters: int, batchnorm: bool = True):
    x = layers.Conv2D(filters, 4, strides=2, padding="same", use_bias=not batchnorm)(x)
    if batchnorm:
        x = layers.BatchNormalization()(x)
    return layers.LeakyReLU(negative_slope=0.2)(x)


def up(x, skip, filters: int, dropout: bool = False):
    x = layers.Conv2DTranspose(filters, 4, strides=2, padding="same", use_bias=False)(x)
    x = layers.BatchNormalization()(x)
    if dropout:
        x = layers.Dropout(0.3)(x)
    x = layers.ReLU()(x)
    return layers.Concatenate()([x, skip])


def build_generator() -> keras.Model:
    """U-Net: 128 -> 64 -> 32 -> 16 -> 8 -> 4 -> 2 and back, skips at every scale."""
    edges = keras.Input((SIZE, SIZE, 3), name="edges")
    d1 = down(edges, 16, batchnorm=False)   # 64
    d2 = down(d1, 32)                       # 32
    d3 = down(d2, 64)                       # 16
    d4 = down(d3, 64)                       # 8
    d5 = down(d4, 96)                       # 4
    d6 = down(d5, 96)                       # 2
    u = up(d6, d5, 96, dropout=True)        # 4
    u = up(u, d4, 64, dropout=True)         # 8
    u = up(u, d3, 64)                       # 16
    u = up(u, d2, 32)                       # 32
    u = up(u, d1, 16)                       # 64
    u = layers.Conv2DTranspose(3, 4, strides=2, padding="same")(u)   # 128
    shapes = layers.Activation("tanh", name="shapes")(u)
    return keras.Model(edges, shapes, name="edges_to_shapes")


# --- main ---------------------------------------------------------------------------------

def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    keras.utils.set_random_seed(seed)


def save_for_inference(model: keras.Model, path: Path) -> None:
    """Save the weights and architecture only: an uncompiled copy leaves out Adam's two
    moment tensors per weight, which would triple the file (about 11 MB instead of 3.8 MB).
    (`keras.models.clone_model` would not do: it copies the compile state as well.)"""
    inference = keras.Model.from_config(model.get_config())
    inference.set_weights(model.get_weights())
    path.parent.mkdir(parents=True, exist_ok=True)
    inference.save(path)


def write_samples(model: keras.Model) -> None:
    """Four held-out edge drawings for the site, and a side-by-side check image in /tmp."""
    SAMPLE_DIR.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(SAMPLE_SEED)
    pairs = [draw_scene(rng) for _ in range(4)]
    for i, (edges, _) in enumerate(pairs, start=1):
        Image.fromarray(edges).save(SAMPLE_DIR / f"{i}.png", optimize=True)
    predicted = to_pixels(model.predict(np.stack([to_model_range(e) for e, _ in pairs]),
                                        verbose=0))
    rows = [np.concatenate([e, p, t], axis=1) for (e, t), p in zip(pairs, predicted)]
    Image.fromarray(np.concatenate(rows, axis=0)).save("/tmp/shapes_check.png")


def main() -> None:
    started = time.time()
    seed_everything(SEED)
    model = build_generator()
    print(f"parameters: {model.count_params():,}")
    total_steps = EPOCHS * STEPS_PER_EPOCH
    schedule = keras.optimizers.schedules.CosineDecay(2e-3, total_steps, alpha=0.05)
    model.compile(optimizer=keras.optimizers.Adam(schedule, beta_1=0.5), loss="mae")
    validation = make_batch(np.random.default_rng(VALIDATION_SEED), 64)
    history = model.fit(Scenes(SEED, STEPS_PER_EPOCH, BATCH), epochs=EPOCHS,
                        validation_data=validation, verbose=2)
    save_for_inference(model, MODEL_PATH)
    write_samples(model)
    print(f"final L1 loss: train {history.history['loss'][-1]:.4f}, "
          f"held-out {history.history['val_loss'][-1]:.4f} (in [-1, 1] units)")
    print(f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size / 1e6:.2f} MB), samples in {SAMPLE_DIR}")
    print(f"wall time: {time.time() - started:.0f} s")


if __name__ == "__main__":
    main()
