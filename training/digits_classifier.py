"""Train a small CNN that reads handwritten digits, from scikit-learn's bundled digits.

Data: `sklearn.datasets.load_digits()` (1,797 8×8 images, shipped with scikit-learn, nothing
is downloaded), scaled up to 28×28 with smooth interpolation and augmented (shift, scale,
rotation, stroke width, blur) so that a digit drawn with a mouse is read too. Inputs are in
[0, 1] with ink = 1 (white on black, as MNIST); the demo inverts dark-on-light drawings first.

Architecture: two Conv2D + MaxPooling blocks, dropout, a dense softmax over 10 classes
(about 30 k parameters). Saved with tf_keras (Keras 2) as HDF5, so the converter takes the
layers-model path, the other route through sitegen besides the pix2pix model's graph-model.

Training: Adam with cross-entropy, on the CPU, about a minute on 2 cores. Writes
`_models/digits.h5` and `assets/samples/digits/0..9.png` (held-out digits, dark on white).
The result is the same on every run (seeded).
Run from the repository root:

    .venv/bin/python training/digits_classifier.py
"""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402
import tf_keras as keras  # noqa: E402
from PIL import Image, ImageFilter  # noqa: E402
from sklearn.datasets import load_digits  # noqa: E402
from sklearn.model_selection import train_test_split  # noqa: E402

SIZE = 28
SEED = 7
EPOCHS = 30
MODEL_PATH = Path("_models/digits.h5")
SAMPLE_DIR = Path("assets/samples/digits")


def upscale(image8: np.ndarray) -> Image.Image:
    """An 8×8 digit (0–16) as a 28×28 greyscale image with a margin, ink white."""
    small = Image.fromarray((image8 / 16.0 * 255).astype(np.uint8))
    digit = small.resize((20, 20), Image.BICUBIC)
    canvas = Image.new("L", (SIZE, SIZE), 0)
    canvas.paste(digit, (4, 4))
    return canvas


def augment(image: Image.Image, rng: np.random.Generator) -> np.ndarray:
    """A random shift, scale, rotation, stroke width and blur: how drawings differ."""
    angle = rng.uniform(-12, 12)
    scale = rng.uniform(0.8, 1.15)
    out = image.rotate(angle, resample=Image.BILINEAR)
    size = max(8, int(SIZE * scale))
    out = out.resize((size, size), Image.BILINEAR)
    canvas = Image.new("L", (SIZE + 16, SIZE + 16), 0)
    canvas.paste(out, ((SIZE + 16 - size) // 2 + int(rng.integers(-3, 4)),
                       (SIZE + 16 - size) // 2 + int(rng.integers(-3, 4))))
    out = canvas.crop((8, 8, SIZE + 8, SIZE + 8))
    stroke = rng.integers(0, 3)
    if stroke == 1:
        out = out.filter(ImageFilter.MaxFilter(3))
    if rng.random() < 0.4:
        out = out.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 1.0)))
    return np.asarray(out, dtype=np.float32) / 255.0


def dataset(images: np.ndarray, labels: np.ndarray, copies: int,
            rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    xs, ys = [], []
    for image, label in zip(images, labels):
        base = upscale(image)
        xs.append(np.asarray(base, dtype=np.float32) / 255.0)
        ys.append(label)
        for _ in range(copies):
            xs.append(augment(base, rng))
            ys.append(label)
    return np.stack(xs)[..., None], np.asarray(ys)


def build_model() -> keras.Model:
    return keras.Sequential([
        keras.layers.Input((SIZE, SIZE, 1)),
        keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dropout(0.2),
        keras.layers.Dense(10, activation="softmax"),
    ], name="digits_cnn")


def write_samples(images: np.ndarray, labels: np.ndarray) -> None:
    """One held-out digit per class, drawn as a reader sees it: dark ink on white, 112 px.
    Each is the most typical of its class (closest to the class mean), chosen without the
    model, so the demo shows ordinary digits rather than the 8×8 set's ambiguous ones."""
    SAMPLE_DIR.mkdir(parents=True, exist_ok=True)
    for digit in range(10):
        members = np.flatnonzero(labels == digit)
        mean = images[members].mean(axis=0)
        index = int(members[np.argmin(((images[members] - mean) ** 2).sum(axis=(1, 2)))])
        ink = np.asarray(upscale(images[index]), dtype=np.uint8)
        Image.fromarray(255 - ink).resize((112, 112), Image.BILINEAR).save(
            SAMPLE_DIR / f"{digit}.png", optimize=True)


def main() -> None:
    started = time.time()
    random.seed(SEED)
    np.random.seed(SEED)
    keras.utils.set_random_seed(SEED)
    digits = load_digits()
    train_img, test_img, train_y, test_y = train_test_split(
        digits.images, digits.target, test_size=0.2, random_state=SEED, stratify=digits.target)
    rng = np.random.default_rng(SEED)
    x_train, y_train = dataset(train_img, train_y, copies=6, rng=rng)
    x_test, y_test = dataset(test_img, test_y, copies=0, rng=rng)
    x_aug, y_aug = dataset(test_img, test_y, copies=2, rng=rng)
    model = build_model()
    print(f"parameters: {model.count_params():,}; training images: {len(x_train):,}")
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    model.fit(x_train, y_train, batch_size=64, epochs=EPOCHS, verbose=2,
              validation_data=(x_test, y_test),
              callbacks=[keras.callbacks.ReduceLROnPlateau(patience=3, factor=0.5)])
    _, accuracy = model.evaluate(x_test, y_test, verbose=0)
    _, augmented = model.evaluate(x_aug, y_aug, verbose=0)
    MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
    model.save(MODEL_PATH, include_optimizer=False)
    write_samples(test_img, test_y)
    print(f"held-out accuracy: {accuracy:.4f} (augmented held-out: {augmented:.4f})")
    print(f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size / 1e3:.0f} kB), samples in {SAMPLE_DIR}")
    print(f"wall time: {time.time() - started:.0f} s")


if __name__ == "__main__":
    main()
