"""Convert one model into a TF.js bundle and verify it; runs in its own process.

`python -m sitegen.models.convert JOB.json` loads TensorFlow (seconds, gigabytes), so the build
process never does: it starts one of these per model that needs work. The bundle is written to
the job's scratch folder; the parent swaps it into place only if everything here succeeded.

Paths per kind, chosen so that TF.js 4.22 loads the result (DESIGN.md, "Facts measured"):
Keras 2 `.h5` → layers-model; Keras 3 `.h5`/`.keras` → SavedModel → graph-model (the layers
path writes InputLayers TF.js rejects); SavedModel → graph-model; TF.js bundle → checked, copied.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from .manifest import MANIFEST, write_manifest
from .samples import load_sample, output_image
from .sidecar import Sidecar
from .sync import RESULT_MARK
from .tfjs import BundleError, run_bundle
SHARD_BYTES = 4 * 1024 * 1024


class ConversionError(Exception):
    """A problem with the model itself, worded for its author."""


def main(job_path: str) -> int:
    job = json.loads(Path(job_path).read_text())
    try:
        manifest = convert(job)
    except ConversionError as err:
        print(RESULT_MARK + json.dumps({"ok": False, "error": str(err)}), flush=True)
        return 1
    print(RESULT_MARK + json.dumps({"ok": True, "manifest": manifest}), flush=True)
    return 0


def convert(job: dict[str, Any]) -> dict[str, Any]:
    started = time.perf_counter()
    kind, src, out = job["kind"], Path(job["path"]), Path(job["out"])
    car = Sidecar(**job["sidecar"])
    out.mkdir(parents=True, exist_ok=True)
    tools: dict[str, str] = {}
    if kind == "tfjs":
        runner = None
        _copy_bundle(src, out, car)
    else:
        import tensorflow as tf  # noqa: F401  (the reason this runs in its own process)
        import tensorflowjs

        tools = {"tensorflow": tf.__version__, "tensorflowjs": tensorflowjs.__version__}
        runner = _CONVERTERS[kind](src, out, car)
    model_json = json.loads((out / "model.json").read_text())
    signature = runner.signature() if runner else _bundle_signature(model_json)
    inputs = _verification_inputs(signature["input"], car, Path(job["site_source"]),
                                  fixed_batch=signature.get("fixed_batch", False))
    try:
        tfjs_out, run = run_bundle(out, inputs)
    except BundleError as err:
        raise ConversionError(str(err)) from None
    output_kind = car.output_kind or ("image" if len(run["shape"]) == 4 else "labels")
    if car.labels is not None and run["shape"][-1] != len(car.labels):
        raise ConversionError(f"the sidecar lists {len(car.labels)} labels but the model has "
                              f"{run['shape'][-1]} outputs")
    verification = {"inputs": int(inputs.shape[0]), "tfjs_backend": run["backend"],
                    "tfjs_ms": round(run["predict_ms"], 1)}
    if runner is not None:
        t0 = time.perf_counter()
        expected = runner.predict(inputs)
        verification["tensorflow_ms"] = round((time.perf_counter() - t0) * 1000, 1)
        verification.update(_compare(expected, tfjs_out.reshape(expected.shape), car,
                                     output_kind))
    else:
        verification.update({"compared": False,
                             "reason": "a TF.js bundle has no TensorFlow model to compare with"})
    manifest = {
        "name": job["name"], "title": car.title or job["name"], "kind": kind,
        "source": job["source_rel"], "hash": job["hash"], "options": car.as_json(),
        "format": model_json.get("format", "graph-model"),
        "input": {"shape": [1, *list(inputs.shape[1:])], "dtype": "float32",
                  "range": car.input_range, "invert": car.input_invert},
        "output": {"shape": [1, *run["shape"][1:]], "kind": output_kind,
                   "range": car.output_range, "labels": car.labels},
        "quantize": car.quantize, "parameters": _parameters(model_json),
        "source_bytes": job["source_bytes"], "verification": verification,
        "tools": {**tools, "tfjs": run["tfjs"]},
        "seconds": None,
    }
    manifest["bundle_bytes"] = sum(p.stat().st_size for p in out.iterdir() if p.is_file())
    if output_kind == "image" and inputs.shape[0] > 1:
        manifest["figures"] = _sample_figures(out, car, Path(job["site_source"]), tfjs_out[1:])
    manifest["seconds"] = round(time.perf_counter() - started, 2)
    write_manifest(out, manifest)
    return manifest


# --- the conversion paths -----------------------------------------------------------------------


def _quantization(car: Sidecar) -> dict[str, bool] | None:
    return None if car.quantize == "none" else {car.quantize: True}


class _KerasRunner:
    """A loaded Keras model (2 or 3) that gives the reference output."""

    def __init__(self, model: Any):
        self.model = model

    def signature(self) -> dict[str, Any]:
        shapes = self.model.input_shape
        if isinstance(shapes, list):
            if len(shapes) != 1:
                raise ConversionError(f"the model has {len(shapes)} inputs; sitegen supports one")
            shapes = shapes[0]
        return {"input": list(shapes)}

    def predict(self, x: np.ndarray) -> np.ndarray:
        y = self.model(x, training=False)
        if isinstance(y, (list, tuple)):
            if len(y) != 1:
                raise ConversionError(f"the model has {len(y)} outputs; sitegen supports one")
            y = y[0]
        return np.asarray(y, dtype=np.float32)


class _SavedModelRunner:
    def __init__(self, path: Path):
        import tensorflow as tf

        self.tf = tf
        loaded = tf.saved_model.load(str(path))
        if "serving_default" not in loaded.signatures:
            raise ConversionError("the SavedModel has no 'serving_default' signature")
        self.loaded, self.fn = loaded, loaded.signatures["serving_default"]
        specs = self.fn.structured_input_signature[1]
        if len(specs) != 1:
            raise ConversionError(f"the SavedModel takes {len(specs)} inputs; sitegen supports one")
        (self.input_name, self.spec), = specs.items()

    def signature(self) -> dict[str, Any]:
        shape = self.spec.shape.as_list()
        return {"input": shape, "fixed_batch": shape[0] is not None}

    def predict(self, x: np.ndarray) -> np.ndarray:
        outputs = self.fn(**{self.input_name: self.tf.constant(x)})
        if len(outputs) != 1:
            raise ConversionError(f"the SavedModel has {len(outputs)} outputs; sitegen "
                                  "supports one")
        return np.asarray(next(iter(outputs.values())), dtype=np.float32)


def _convert_keras2_h5(src: Path, out: Path, car: Sidecar) -> _KerasRunner:
    import tf_keras
    from tensorflowjs.converters import converter

    model = tf_keras.models.load_model(str(src), compile=False)
    converter.dispatch_keras_h5_to_tfjs_layers_model_conversion(
        str(src), str(out), quantization_dtype_map=_quantization(car),
        weight_shard_size_bytes=SHARD_BYTES)
    return _KerasRunner(model)


def _convert_keras3(src: Path, out: Path, car: Sidecar) -> _KerasRunner:
    import keras

    model = keras.models.load_model(str(src), compile=False)
    with tempfile.TemporaryDirectory(prefix="sitegen-savedmodel-") as tmp:
        saved = Path(tmp) / "saved"
        model.export(str(saved), format="tf_saved_model", verbose=False)
        _graph_model(saved, out, car)
    return _KerasRunner(model)


def _convert_savedmodel(src: Path, out: Path, car: Sidecar) -> _SavedModelRunner:
    runner = _SavedModelRunner(src)
    _graph_model(src, out, car)
    return runner


def _graph_model(saved: Path, out: Path, car: Sidecar) -> None:
    from tensorflowjs.converters import tf_saved_model_conversion_v2 as tfsm

    try:
        tfsm.convert_tf_saved_model(str(saved), str(out), quantization_dtype_map=_quantization(car),
                                    weight_shard_size_bytes=SHARD_BYTES)
    except ValueError as err:
        text = str(err)
        if "Unsupported Ops" in text:
            ops = text.split("\n", 1)[-1].strip()
            raise ConversionError(f"TF.js has no kernel for op(s) {ops}; rewrite those parts "
                                  "with supported ops (tfjs-converter/docs/supported_ops.md) "
                                  "or export the model without them") from None
        raise


_CONVERTERS = {"keras2-h5": _convert_keras2_h5, "keras3-h5": _convert_keras3,
               "keras3": _convert_keras3, "savedmodel": _convert_savedmodel}


def _copy_bundle(src: Path, out: Path, car: Sidecar) -> None:
    """Check an existing TF.js bundle (model.json parses, every shard is there) and copy it."""
    if car.quantize != "none":
        raise ConversionError("'quantize' applies to conversions; this is already a TF.js bundle")
    try:
        model_json = json.loads((src / "model.json").read_text())
    except ValueError as err:
        raise ConversionError(f"model.json does not parse: {err}") from None
    if "modelTopology" not in model_json:
        raise ConversionError("model.json has no modelTopology; is it a TF.js model?")
    for group in model_json.get("weightsManifest", []):
        for shard in group.get("paths", []):
            if not (src / shard).is_file():
                raise ConversionError(f"the weight shard '{shard}' named in model.json is missing")
    for path in src.iterdir():
        if path.is_file() and path.name != MANIFEST:
            shutil.copy2(path, out / path.name)


def _bundle_signature(model_json: dict[str, Any]) -> dict[str, Any]:
    """The input shape of a ready bundle, from its graph signature or its InputLayer."""
    sig = model_json.get("signature", {}).get("inputs", {})
    for spec in sig.values():
        dims = [int(d.get("size", -1)) for d in spec.get("tensorShape", {}).get("dim", [])]
        return {"input": [None if d < 0 else d for d in dims]}
    layers = model_json.get("modelTopology", {}).get("model_config", {}).get("config", {})
    for layer in layers.get("layers", []):
        cfg = layer.get("config", {})
        shape = cfg.get("batch_input_shape") or cfg.get("batch_shape")
        if shape:
            return {"input": list(shape)}
    raise ConversionError("cannot tell the bundle's input shape from model.json")


# --- verification -------------------------------------------------------------------------------


def _verification_inputs(shape: list[int | None], car: Sidecar, site_source: Path,
                         fixed_batch: bool) -> np.ndarray:
    """A seeded random input in the declared range, plus the sample inputs when there are any."""
    dims = list(shape[1:])
    if len(dims) == 3:
        for i, (want, name) in enumerate(zip(car.input_size or [None, None], ("height", "width"))):
            if dims[i] is None:
                if want is None:
                    raise ConversionError(f"the model's input {name} is not fixed; set "
                                          "input.size in the sidecar")
                dims[i] = want
            elif want is not None and want != dims[i]:
                raise ConversionError(f"the sidecar's input.size says {name} {want}, the model "
                                      f"takes {dims[i]}")
        if car.input_channels is not None and dims[2] not in (None, car.input_channels):
            raise ConversionError(f"the sidecar's input.channels says {car.input_channels}, the "
                                  f"model takes {dims[2]}")
    if any(d is None for d in dims):
        raise ConversionError(f"the model's input shape {shape} has free dimensions; give "
                              "input.size in the sidecar")
    lo, hi = car.input_range
    batch = [np.random.default_rng(0).uniform(lo, hi, size=dims).astype(np.float32)]
    if car.samples and len(dims) == 3 and not fixed_batch:
        batch += [load_sample(site_source / s, dims, car.input_range, car.input_invert)
                  for s in car.samples]
    return np.stack(batch)


def _compare(expected: np.ndarray, actual: np.ndarray, car: Sidecar,
             output_kind: str) -> dict[str, Any]:
    diff = np.abs(expected.astype(np.float64) - actual.astype(np.float64))
    max_err = float(diff.max()) if diff.size else 0.0
    if car.output_range:
        span = car.output_range[1] - car.output_range[0]
    else:
        span = max(1.0, float(expected.max() - expected.min())) if expected.size else 1.0
    limit = car.effective_tolerance * span
    result: dict[str, Any] = {"compared": True, "max_abs_error": max_err,
                              "mean_abs_error": float(diff.mean()) if diff.size else 0.0,
                              "tolerance": limit, "passed": max_err <= limit}
    if output_kind == "image":
        mse = float((diff ** 2).mean())
        result["psnr_db"] = None if mse == 0 else round(10 * math.log10(span ** 2 / mse), 2)
    if output_kind == "labels" and expected.ndim == 2:
        result["top1_agreement"] = float((expected.argmax(1) == actual.argmax(1)).mean())
    if not result["passed"]:
        advice = ("try quantize: float16 or none" if car.quantize == "uint8" else
                  "try quantize: none" if car.quantize == "float16" else
                  "check for ops TF.js computes differently (e.g. custom layers), or set "
                  "`tolerance` in the sidecar if this error is acceptable")
        raise ConversionError(f"TF.js output differs from TensorFlow's by up to {max_err:.3g} "
                              f"(allowed {limit:.3g}, quantize: {car.quantize}); {advice}")
    return result


def _sample_figures(out: Path, car: Sidecar, site_source: Path,
                    outputs: np.ndarray) -> list[dict[str, str]]:
    """Each sample and the bundle's output on it as PNGs next to the bundle: what a page shows
    without JavaScript (`input-K.png`, `output-K.png`), made by TF.js like the live demo."""
    from PIL import Image

    figures = []
    for k, (sample, output) in enumerate(zip(car.samples, outputs), start=1):
        with Image.open(site_source / sample) as img:
            img.convert("RGB").save(out / f"input-{k}.png", optimize=True)
        output_image(output, car.output_range).save(out / f"output-{k}.png", optimize=True)
        figures.append({"sample": sample, "input": f"input-{k}.png", "output": f"output-{k}.png"})
    return figures


def _parameters(model_json: dict[str, Any]) -> int:
    """The weight count from the bundle's manifest (the same figure for every source kind)."""
    total = 0
    for group in model_json.get("weightsManifest", []):
        for w in group.get("weights", []):
            total += int(np.prod(w.get("shape", []), dtype=np.int64))
    return total


if __name__ == "__main__":
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    sys.exit(main(sys.argv[1]))
