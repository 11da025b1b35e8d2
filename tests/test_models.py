"""Models → TF.js bundles: every source kind converts, loads in TF.js, and matches TensorFlow.

The models are made by `tests/models/factory.py` with real Keras 2, Keras 3 and TensorFlow; the
reference outputs come from a separate TensorFlow run of the source model and the bundles are
run by the tests' own Node script, so the manifest's recorded error is checked, not trusted.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from .conftest import run_sitegen
from sitegen.node import node_modules

pytestmark = pytest.mark.tf

HERE = Path(__file__).parent / "models"
KINDS = {"k2": "keras2-h5", "k3": "keras3", "k3h5": "keras3-h5", "sm": "savedmodel"}
SOURCES = {"k2": "k2.h5", "k3": "k3.keras", "k3h5": "k3h5.h5", "sm": "sm"}


def factory(*args: str) -> None:
    done = subprocess.run([sys.executable, str(HERE / "factory.py"), *args],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]


_REFERENCES: dict[tuple[str, str], np.ndarray] = {}


def tensorflow_shapes(src: Path, sample: Path, tmp: Path) -> np.ndarray:
    """The shapes model's output in TensorFlow, as 0–255 pixels (its sidecar: range [-1, 1]).

    Each TensorFlow run is a subprocess of several seconds and the widget and print tests ask
    for the same (model, sample) again, so results are kept for the test session, keyed by
    both files' bytes."""
    model = src / "_models/shapes.keras"
    key = (hashlib.sha256(model.read_bytes()).hexdigest(),
           hashlib.sha256(sample.read_bytes()).hexdigest())
    if key not in _REFERENCES:
        x = np.asarray(Image.open(sample).convert("RGB"), dtype=np.float32) / 127.5 - 1
        np.save(tmp / "x.npy", x[None])
        factory("predict", str(model), "keras3", str(tmp / "x.npy"), str(tmp / "y.npy"))
        _REFERENCES[key] = np.clip((np.load(tmp / "y.npy")[0] + 1) / 2, 0, 1) * 255
    return _REFERENCES[key].copy()


def bundle(site: Path, name: str) -> Path:
    return site / "assets" / "models" / name


def manifest(site: Path, name: str) -> dict:
    return json.loads((bundle(site, name) / "sitegen-model.json").read_text())


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def tfjs_predict(folder: Path, x: np.ndarray, tmp: Path) -> np.ndarray:
    (tmp / "input.json").write_text(json.dumps({"shape": list(x.shape),
                                                "data": x.ravel().tolist()}))
    done = subprocess.run(["node", str(HERE / "tfjs_predict.cjs"), str(folder),
                           str(tmp / "input.json")], capture_output=True, text=True,
                          env={**os.environ, "SITEGEN_NODE_MODULES": str(node_modules())})
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    return np.asarray(out["data"], dtype=np.float32).reshape(out["shape"])


def tf_predict(source: Path, kind: str, x: np.ndarray, tmp: Path) -> np.ndarray:
    np.save(tmp / "x.npy", x)
    factory("predict", str(source), kind, str(tmp / "x.npy"), str(tmp / "y.npy"))
    return np.load(tmp / "y.npy")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site with one model of each kind plus three sizes-alike models for quantization,
    converted once by `sitegen models`, then a TF.js bundle added and converted again."""
    root = tmp_path_factory.mktemp("models") / "site"
    (root / "_models").mkdir(parents=True)
    (root / "_config.yml").write_text("title: models\nbaseurl: /blog\n")
    (root / "index.html").write_text(
        "---\n---\n{{ site.models.k3.url | relative_url }}|{{ site.models.k3.parameters }}|"
        "{{ site.models.k2.format }}|{{ site.models.sm.output.shape | join: 'x' }}\n")
    factory("make", str(root / "_models"), "keras2-h5:k2", "keras3:k3", "keras3-h5:k3h5",
            "savedmodel:sm", "keras3:f32:48", "keras3:q16:48", "keras3:q8:48")
    (root / "_models/q16.yml").write_text("quantize: float16\n")
    (root / "_models/q8.yml").write_text("quantize: uint8\n")
    (root / "_models/k2.yml").write_text("title: Tiny classifier\nlabels: [a, b, c, d]\n")
    first = run_sitegen("models", "-s", str(root))
    assert first.returncode == 0, first.stderr
    (root / "first-table.txt").write_text(first.stdout)
    shutil.copytree(bundle(root, "k3"), root / "_models/tj",
                    ignore=shutil.ignore_patterns("sitegen-model.json"))
    second = run_sitegen("models", "-s", str(root))
    assert second.returncode == 0, second.stderr
    (root / "second-table.txt").write_text(second.stdout)
    return root


@pytest.mark.parametrize("name", sorted(KINDS))
def test_bundle_loads_in_tfjs_and_its_recorded_error_is_true(site: Path, name: str,
                                                             tmp_path: Path) -> None:
    m = manifest(site, name)
    assert m["kind"] == KINDS[name]
    assert m["format"] == ("layers-model" if name == "k2" else "graph-model")
    # The converter's documented verification input: seeded uniform values in the input range.
    lo, hi = m["input"]["range"]
    x = np.random.default_rng(0).uniform(lo, hi, size=m["input"]["shape"][1:]).astype(np.float32)
    x = x[None]
    expected = tf_predict(site / "_models" / SOURCES[name], KINDS[name], x, tmp_path)
    actual = tfjs_predict(bundle(site, name), x, tmp_path)
    assert actual.shape == expected.shape
    assert float(expected.std()) > 1e-3, "the reference output should not be constant"
    error = float(np.abs(expected - actual).max())
    v = m["verification"]
    assert v["compared"] and v["passed"]
    assert error <= v["tolerance"]
    assert abs(error - v["max_abs_error"]) <= 1e-6 + 0.05 * error


def test_tfjs_bundle_is_validated_and_copied(site: Path) -> None:
    m = manifest(site, "tj")
    assert m["kind"] == "tfjs" and m["verification"]["compared"] is False
    source = snapshot(site / "_models/tj")
    copied = snapshot(bundle(site, "tj"))
    assert {k: v for k, v in copied.items() if k != "sitegen-model.json"} == source


def test_quantized_bundles_are_smaller_by_the_expected_factor(site: Path) -> None:
    def weight_bytes(name: str) -> int:
        return sum(p.stat().st_size for p in bundle(site, name).glob("*.bin"))

    assert 1.9 < weight_bytes("f32") / weight_bytes("q16") < 2.1
    assert 3.6 < weight_bytes("f32") / weight_bytes("q8") < 4.2
    exact = manifest(site, "f32")["verification"]["max_abs_error"]
    for name in ("q16", "q8"):
        v = manifest(site, name)["verification"]
        assert v["passed"] and exact < v["max_abs_error"] <= v["tolerance"]
    assert manifest(site, "q8")["quantize"] == "uint8"


def test_table_and_cache(site: Path) -> None:
    first = (site / "first-table.txt").read_text()
    for name in ("k2", "k3", "k3h5", "sm", "f32", "q16", "q8"):
        row = next(line for line in first.splitlines() if line.startswith(name + " "))
        assert "converted" in row
    second = (site / "second-table.txt").read_text()
    rows = {line.split()[0]: line for line in second.splitlines()[2:]}
    assert "converted" in rows["tj"] and "TF.js bundle" in rows["tj"]
    assert all("up to date" in rows[n] for n in KINDS)
    assert "Keras 2 .h5" in rows["k2"] and "1×4" in rows["k2"]


def test_unchanged_models_build_without_tensorflow(site: Path, tmp_path: Path) -> None:
    """A copy of the site on a 'machine' where importing TensorFlow fails still builds."""
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    blocker = tmp_path / "no-tf"
    for module in ("tensorflow", "keras", "tf_keras", "tensorflowjs"):
        (blocker / module).mkdir(parents=True)
        (blocker / module / "__init__.py").write_text(
            f"raise ImportError('{module} is blocked in this test')\n")
    env = {"PYTHONPATH": f"{blocker}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    done = run_sitegen("build", "-s", str(copy), env=env)
    assert done.returncode == 0, done.stderr
    assert "converting" not in done.stdout + done.stderr
    page = (copy / "_site/index.html").read_text()
    assert page.strip() == (f"/blog/assets/models/k3/model.json|"
                            f"{manifest(site, 'k3')['parameters']}|layers-model|1x16x16x3")
    assert (copy / "_site/assets/models/k3/model.json").is_file()
    # The block is real: a changed sidecar needs a conversion, which now fails.
    (copy / "_models/k3.yml").write_text("title: changed\n")
    again = run_sitegen("build", "-s", str(copy), env=env)
    assert again.returncode == 1
    assert "model 'k3'" in again.stderr and "blocked" in again.stderr


# --- bad input: one clear error, exit status 1, the previous bundle intact ----------------------


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("bad") / "site"
    (root / "_models").mkdir(parents=True)
    (root / "_config.yml").write_text("title: bad\n")
    (root / "index.md").write_text("---\n---\nhello\n")
    factory("make", str(root / "_models"), "keras2-h5:m", "keras3:n")
    (root / "_models/m.yml").write_text("title: M\nquantize: none\n")
    done = run_sitegen("build", "-s", str(root))
    assert done.returncode == 0, done.stderr
    return root


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _scramble(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 3: len(data) // 3 + 64] = bytes(range(64, 128))
    path.write_bytes(bytes(data))


BAD = {
    "truncated-h5": ("m", lambda s: _truncate(s / "_models/m.h5"),
                     ["model 'm'", "m.h5", "truncated or corrupt"]),
    "corrupt-keras": ("n", lambda s: _scramble(s / "_models/n.keras"),
                      ["model 'n'", "n.keras", "corrupt"]),
    "missing-file": ("m", lambda s: (s / "_models/m.h5").unlink(),
                     ["model 'm'", "m.yml", "no model next to it"]),
    "unsupported-ops": ("m", lambda s: factory("make", str(s / "_models"), "badop:badop"),
                        ["model 'badop'", "no kernel for op(s) MatrixDeterminant"]),
    "unknown-key": ("m", lambda s: (s / "_models/m.yml").write_text("title: M\nquantise: uint8\n"),
                    ["m.yml:2", "model 'm'", "'quantise' is unknown"]),
    "wrong-type": ("m", lambda s: (s / "_models/m.yml").write_text("input:\n  size: 12\n"),
                   ["m.yml:2", "'input.size' must be a list of two integers"]),
    "nested-key": ("m", lambda s: (s / "_models/m.yml").write_text(
        "input:\n  range: [0, 1]\noutput:\n  range: [2, 1]\n"),
        ["m.yml:4", "'output.range' must be [low, high]"]),
    "past-tolerance": ("m", lambda s: (s / "_models/m.yml").write_text(
        "quantize: uint8\ntolerance: 0.000000001\n"),
        ["model 'm'", "differs from TensorFlow's", "quantize: float16"]),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_model_input(good: Path, case: str, tmp_path: Path) -> None:
    name, spoil, words = BAD[case]
    site = tmp_path / "site"
    shutil.copytree(good, site)
    before = snapshot(bundle(site, name))
    page = (site / "_site/index.html").read_bytes()
    spoil(site)
    done = run_sitegen("build", "-s", str(site))
    assert done.returncode == 1
    for word in words:
        assert word in done.stderr, done.stderr
    assert snapshot(bundle(site, name)) == before
    assert (site / "_site/index.html").read_bytes() == page
    leftovers = [p.name for p in (site / "assets/models").iterdir() if p.name.startswith(".")]
    assert leftovers == []
    assert not (site / "assets/models/badop").exists()
