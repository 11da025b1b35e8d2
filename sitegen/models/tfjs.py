"""Running a bundle in TF.js under Node: what verification and the print figures compute with
(the same library and numbers a reader's browser gets on the CPU backend)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import numpy as np

from ..node import run_script

TFJS_RUN = Path(__file__).with_name("tfjs_run.cjs")


class BundleError(Exception):
    """TF.js could not load or run the bundle."""


def run_bundle(bundle: Path, inputs: np.ndarray) -> tuple[np.ndarray, dict]:
    """The bundle's output for the float32 batch `inputs`, and the runner's report (format,
    backend, TF.js version, load and predict milliseconds)."""
    with tempfile.TemporaryDirectory(prefix="sitegen-tfjs-") as tmp:
        folder = Path(tmp)
        (folder / "in.f32").write_bytes(inputs.astype("<f4").tobytes())
        done = run_script(TFJS_RUN, str(bundle), str(folder / "in.f32"),
                          json.dumps(list(inputs.shape)), str(folder / "out.f32"))
        if done.returncode != 0:
            reason = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "no message"
            raise BundleError(f"TF.js could not run the bundle: {reason}")
        info = json.loads(done.stdout.strip().splitlines()[-1])
        data = np.frombuffer((folder / "out.f32").read_bytes(), dtype="<f4")
    return data.reshape(info["shape"]), info
