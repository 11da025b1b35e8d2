"""Make small real models for the model tests, and run them in TensorFlow as the reference.

Runs as its own process (`python factory.py make DIR KIND:NAME[:WIDTH]…` / `predict …`) so the test
process never imports TensorFlow.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402


def image_model(keras, width: int):
    """A small conv net, image in, image out, with BatchNorm (folded by the graph converter)."""
    keras.utils.set_random_seed(3)
    inp = keras.Input((16, 16, 3))
    x = keras.layers.Conv2D(width, 3, padding="same", activation="relu")(inp)
    x = keras.layers.BatchNormalization()(x)
    x = keras.layers.Conv2D(width, 3, padding="same", activation="relu")(x)
    out = keras.layers.Conv2D(3, 3, padding="same", activation="tanh")(x)
    return keras.Model(inp, out)


def make(folder: str, kind: str, name: str, width: int = 8) -> None:
    path = os.path.join(folder, name)
    if kind == "keras2-h5":
        import tf_keras as keras
        keras.utils.set_random_seed(3)
        model = keras.Sequential([
            keras.layers.Input((12, 12, 1)),
            keras.layers.Conv2D(width, 3, activation="relu"),
            keras.layers.MaxPooling2D(),
            keras.layers.Flatten(),
            keras.layers.Dense(4, activation="softmax"),
        ])
        model.save(path + ".h5")
        return
    if kind == "badop":
        import tensorflow as tf

        class Det(tf.Module):
            @tf.function(input_signature=[tf.TensorSpec([None, 4, 4], tf.float32)])
            def serve(self, x):
                return {"det": tf.linalg.det(x)}

        module = Det()
        tf.saved_model.save(module, path, signatures={"serving_default": module.serve})
        return
    import keras
    model = image_model(keras, width)
    if kind == "keras3":
        model.save(path + ".keras")
    elif kind == "keras3-h5":
        model.save(path + ".h5")
    elif kind == "savedmodel":
        model.export(path, format="tf_saved_model", verbose=False)
    else:
        raise SystemExit(f"unknown kind {kind}")


def predict(source: str, kind: str, inp: str, out: str) -> None:
    x = np.load(inp)
    if kind == "keras2-h5":
        import tf_keras
        y = tf_keras.models.load_model(source, compile=False)(x, training=False)
    elif kind == "savedmodel":
        import tensorflow as tf
        fn = tf.saved_model.load(source).signatures["serving_default"]
        (name, _), = fn.structured_input_signature[1].items()
        y = next(iter(fn(**{name: tf.constant(x)}).values()))
    else:
        import keras
        y = keras.models.load_model(source, compile=False)(x, training=False)
    np.save(out, np.asarray(y, dtype=np.float32))


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    if command == "make":  # make DIR KIND:NAME[:WIDTH] ...
        for spec in args[1:]:
            kind, name, *width = spec.split(":")
            make(args[0], kind, name, *(int(w) for w in width))
    else:
        predict(*args)
