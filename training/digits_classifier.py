"""Train a small CNN that reads handwritten digits, from scikit-learn's bundled digits.

Data: `sklearn.datasets.load_digits()` (1,797 8x8 images with values 0-16, shipped with
scikit-learn, so nothing is downloaded), split 80/20 (stratified) into training and held-out
digits. Each 8x8 digit is scaled up with bicubic interpolation into a 20x20 box centred on a
28x28 canvas, as MNIST digits are. Inputs are floats in [0, 1] with ink = 1 (white digit on
black); a page that shows dark ink on white inverts first (the sidecar says `invert: true`).
The training digits are augmented (shift, scale, rotation +-10 degrees, thinner or thicker
and crisper strokes, slight blur) so that a digit drawn with a mouse on a canvas is read too.

Architecture: Conv2D(16)-Conv2D(16)-MaxPool, Conv2D(32)-Conv2D(32)-MaxPool, Dropout, a
Dense softmax over the 10 classes; about 32 k parameters.

Training: Adam with cross-entropy, on the CPU, about 1-2 minutes on 2 cores. Saved with
tf_keras (Keras 2) as HDF5 without the optimizer: writes `_models/digits.h5` and the sample
inputs `assets/samples/digits/0..9.png` (for each class the held-out digit closest to its
class's mean image, 112x112, dark ink on white). Run from the repository root:

    .venv/bin/python training/digits_classifier.py
"""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np
import tf_keras as keras
from PIL import Image, ImageFilter
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

SIZE = 28              # model input: 28x28x1
BOX = 20               # the digit's box inside the canvas, as in MNIST
SEED = 7
COPIES = 8            # augmented copies of each training digit
EPOCHS = 10
BATCH = 64
MODEL_PATH = Path("_models/digits.h5")
SAMPLE_DIR = Path("assets/samples/digits")
SAMPLE_SIZE = 112


# --- data ---------------------------------------------------------------------------------

def render(image8: np.ndarray, canvas: int = SIZE, box: int = BOX) -> Image.Image:
    """An 8x8 digit (0-16) scaled smoothly into a centred `box` on a black `canvas`, ink white."""
    small = Image.fromarray(np.round(image8 / 16.0 * 255).astype(np.uint8))
    digit = small.resize((box, box), Image.BICUBIC)
    out = Image.new("L", (canvas, canvas), 0)
    out.paste(digit, ((canvas - box) // 2, (canvas - box) // 2))
    return out


def to_input(image: Image.Image) -> np.ndarray:
    """A greyscale image (ink white) as a float array in [0, 1]."""
    return np.asarray(image, dtype=np.float32) / 255.0


def augment(image8: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """One random variation of a digit: how drawings differ in place, size, slant and pen."""
    big = render(image8, canvas=SIZE * 4, box=BOX * 4)        # work at 4x to keep it smooth
    big = big.rotate(rng.uniform(-10, 10), resample=Image.BICUBIC)
    scale = rng.uniform(0.75, 1.2)
    size = int(round(SIZE * 4 * scale))
    big = big.resize((size, size), Image.BICUBIC)
    canvas = Image.new("L", (SIZE * 8, SIZE * 8), 0)
    dx, dy = rng.integers(-12, 13, size=2)                    # +-3 px at 28x28
    canvas.paste(big, ((SIZE * 8 - size) // 2 + int(dx), (SIZE * 8 - size) // 2 + int(dy)))
    big = canvas.crop((SIZE * 2, SIZE * 2, SIZE * 6, SIZE * 6))
    pen = rng.integers(0, 4)                                  # stroke width
    if pen == 1:
        big = big.filter(ImageFilter.MaxFilter(5))
    elif pen == 2:
        big = big.filter(ImageFilter.MinFilter(5))
    x = to_input(big.resize((SIZE, SIZE), Image.BILINEAR))
    if rng.random() < 0.5:                                    # crisp, saturated strokes
        low = rng.uniform(0.05, 0.3)
        x = np.clip((x - low) / rng.uniform(0.3, 0.7), 0.0, 1.0)
    if rng.random() < 0.3:
        blurred = Image.fromarray((x * 255).astype(np.uint8)).filter(
            ImageFilter.GaussianBlur(rng.uniform(0.3, 0.8)))
        x = to_input(blurred)
    return x


def training_set(images: np.ndarray, labels: np.ndarray,
                 rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Each digit once as it is and COPIES times augmented."""
    xs, ys = [], []
    for image, label in zip(images, labels):
        xs.append(to_input(render(image)))
        xs.extend(augment(image, rng) for _ in range(COPIES))
        ys.extend([label] * (COPIES + 1))
    return np.stack(xs)[..., None], np.asarray(ys)


def held_out_set(images: np.ndarray) -> np.ndarray:
    return np.stack([to_input(render(image)) for image in images])[..., None]


# --- model --------------------------------------------------------------------------------

def build_model() -> keras.Model:
    layers = keras.layers
    return keras.Sequential([
        layers.Input((SIZE, SIZE, 1)),
        layers.Conv2D(16, 3, padding="same", activation="relu"),
        layers.Conv2D(16, 3, padding="same", activation="relu"),
        layers.MaxPooling2D(),
        layers.Conv2D(32, 3, padding="same", activation="relu"),
        layers.Conv2D(32, 3, padding="same", activation="relu"),
        layers.MaxPooling2D(),
        layers.Flatten(),
        layers.Dropout(0.4),
        layers.Dense(10, activation="softmax"),
    ], name="digits_cnn")


# --- main ---------------------------------------------------------------------------------

def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    keras.utils.set_random_seed(seed)


def write_samples(images: np.ndarray, labels: np.ndarray) -> None:
    """For each class the held-out digit nearest its class mean (a typical one, chosen without
    looking at the model), drawn as a reader sees it: dark ink on white, SAMPLE_SIZE px."""
    SAMPLE_DIR.mkdir(parents=True, exist_ok=True)
    scale = SAMPLE_SIZE // SIZE
    for digit in range(10):
        group = images[labels == digit]
        distances = ((group - group.mean(axis=0)) ** 2).sum(axis=(1, 2))
        ink = render(group[int(np.argmin(distances))], canvas=SAMPLE_SIZE, box=BOX * scale)
        Image.fromarray(255 - np.asarray(ink)).save(SAMPLE_DIR / f"{digit}.png", optimize=True)


def main() -> None:
    started = time.time()
    seed_everything(SEED)
    digits = load_digits()
    train_images, test_images, train_labels, test_labels = train_test_split(
        digits.images, digits.target, test_size=0.2, random_state=SEED, stratify=digits.target)
    x_train, y_train = training_set(train_images, train_labels, np.random.default_rng(SEED))
    x_test = held_out_set(test_images)
    model = build_model()
    print(f"parameters: {model.count_params():,}; training images: {len(x_train):,} "
          f"({len(train_images)} digits), held out: {len(x_test)}")
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    history = model.fit(x_train, y_train, batch_size=BATCH, epochs=EPOCHS, verbose=2,
                        validation_data=(x_test, test_labels),
                        callbacks=[keras.callbacks.ReduceLROnPlateau(patience=2, factor=0.5)])
    loss, accuracy = model.evaluate(x_test, test_labels, verbose=0)
    MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
    model.save(MODEL_PATH, include_optimizer=False)
    write_samples(test_images, test_labels)
    print(f"final training loss {history.history['loss'][-1]:.4f}, "
          f"accuracy {history.history['accuracy'][-1]:.4f} (augmented)")
    print(f"held-out: loss {loss:.4f}, accuracy {accuracy:.4f} "
          f"({round(accuracy * len(x_test))}/{len(x_test)})")
    print(f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size / 1e3:.0f} kB), samples in {SAMPLE_DIR}")
    print(f"wall time: {time.time() - started:.0f} s")


if __name__ == "__main__":
    main()
