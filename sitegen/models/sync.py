"""Bring every bundle under `assets/models/` up to date with `_models/`, converting in parallel.

An up-to-date bundle costs one hash of its source; TensorFlow is only ever imported by the
conversion processes started here. Each conversion writes to a scratch folder next to the bundle
and is swapped in only when it verified, so a failure keeps the previous bundle.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from ..errors import SiteError
from ..write import replace_folder
from .manifest import bundle_dir, is_current, read_manifest
from .source import KIND_LABELS, ModelSource, detect_kind, discover

RESULT_MARK = "SITEGEN-RESULT "   # prefixes the converter process's one line of JSON result


@dataclass
class ModelState:
    """The outcome for one model: `up to date`, `converted` or `failed`."""

    source: ModelSource
    state: str
    digest: str                         # of the source, sidecar and samples (see ModelSource)
    manifest: dict[str, Any] | None = None
    error: str | None = None
    seconds: float = 0.0


def sync_models(site_source: Path, force: bool = False,
                log: Callable[[str], None] = print) -> list[ModelState]:
    """Convert what is new or changed; failures are in the states (see `raise_failures`)."""
    states = check_models(site_source, force)
    todo = [s for s in states if s.state == "stale"]
    if todo:
        workers = max(1, min(len(todo), os.cpu_count() or 1))
        with ThreadPoolExecutor(workers) as pool:
            list(pool.map(lambda s: _convert(site_source, s, log), todo))
    return states


def raise_failures(states: list[ModelState]) -> None:
    """A `SiteError` naming the first failed model (and how many more failed), if any did."""
    failed = [s for s in states if s.state == "failed"]
    if failed:
        first = failed[0]
        more = f" (and {len(failed) - 1} more model(s) failed)" if len(failed) > 1 else ""
        raise SiteError(f"model '{first.source.name}': {first.error}{more}; any previous "
                        "bundle was kept", str(first.source.path))


def check_models(site_source: Path, force: bool = False) -> list[ModelState]:
    """Each model's state without converting anything: `up to date`, or `stale` with the
    manifest of the bundle it still has (if any), which stays in use until a conversion."""
    states = []
    for model in discover(site_source):
        folder = bundle_dir(site_source, model.name)
        digest = model.digest(site_source)
        manifest = read_manifest(folder)
        current = not force and is_current(folder, manifest, digest)
        model.kind = manifest["kind"] if current else detect_kind(model.name, model.path)
        states.append(ModelState(model, "up to date" if current else "stale", digest, manifest))
    return states


def _convert(site_source: Path, state: ModelState, log: Callable[[str], None]) -> None:
    model = state.source
    target = bundle_dir(site_source, model.name)
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{model.name}.", dir=target.parent))
    log(f"models: {model.name}: converting {KIND_LABELS[model.kind]} …")
    started = time.perf_counter()
    job = {"name": model.name, "kind": model.kind, "path": str(model.path),
           "out": str(scratch / "bundle"), "site_source": str(site_source),
           "source_rel": str(model.path.relative_to(site_source)),
           "source_bytes": sum(p.stat().st_size for p in model.files()),
           "hash": state.digest, "sidecar": model.sidecar.as_json()}
    (scratch / "job.json").write_text(json.dumps(job))
    try:
        result, output = _run_job(scratch / "job.json")
        state.seconds = time.perf_counter() - started
        if result.get("ok"):
            replace_folder(scratch / "bundle", target)
            state.state, state.manifest = "converted", result["manifest"]
            log(f"models: {model.name}: converted in {state.seconds:.1f} s, "
                f"{_verification_text(state.manifest)}")
        else:
            state.state, state.error = "failed", result.get("error") or _last_lines(output)
            log(f"models: {model.name}: failed: {state.error}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _run_job(job: Path) -> tuple[dict[str, Any], str]:
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2", PYTHONUNBUFFERED="1")
    done = subprocess.run([sys.executable, "-m", "sitegen.models.convert", str(job)], env=env,
                          capture_output=True, text=True)
    output = done.stdout + done.stderr
    for line in reversed(done.stdout.splitlines()):
        if line.startswith(RESULT_MARK):
            return json.loads(line[len(RESULT_MARK):]), output
    return {"ok": False, "error": "the converter stopped without a result: "
            + _last_lines(output)}, output


def _last_lines(output: str, n: int = 3) -> str:
    lines = [ln for ln in output.strip().splitlines() if ln.strip()]
    return " | ".join(lines[-n:]) or "no output"


def _verification_text(manifest: dict[str, Any]) -> str:
    v = manifest.get("verification", {})
    size = manifest.get("bundle_bytes", 0) / 1e6
    if not v.get("compared"):
        return f"{size:.2f} MB, loads in TF.js (nothing to compare with)"
    text = f"{size:.2f} MB, max error {v['max_abs_error']:.2g}"
    if v.get("psnr_db") is not None:
        text += f", PSNR {v['psnr_db']:.1f} dB"
    return text
