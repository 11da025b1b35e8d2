"""Demo figures for print: the model's real output on the demo's samples, by TF.js (the same
numbers the live demo shows). The outputs on an image model's sidecar samples come with its
bundle (`output-K.png`); other samples are run at build time, cached by model and input hash."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path
from typing import Any

from ..errors import SiteError
from ..models.manifest import bundle_dir
from .embed import data_uri


class DemoFigures:
    def __init__(self, source: Path, models: dict[str, Any]):
        self.source, self.models = source, models
        self.cache = source / ".sitegen-cache" / "figures"

    def figure(self, name: str, samples: list[str] | None = None) -> dict[str, Any]:
        """Title, size, parameters and pairs of `input` and `result` (data: URIs) or `labels`.
        (Not `output`: a template reading `.output` makes rendering order-dependent.)"""
        manifest = self.models.get(name)
        if manifest is None:
            known = ", ".join(sorted(self.models)) or "none"
            raise SiteError(f"sitegen/demo.html: no model named '{name}' in _models/ (models: "
                            f"{known})")
        samples = samples or list(manifest["options"].get("samples") or [])
        if not samples:
            raise SiteError(f"sitegen/demo.html: the print figure of model '{name}' needs a "
                            "sample input: give samples= or list samples in its sidecar")
        made = {f["sample"]: f["output"] for f in manifest.get("figures", [])}
        if all(s in made for s in samples):
            folder = bundle_dir(self.source, name)
            pairs = [{"input": data_uri(self._read(s)), "sample": s,
                      "result": data_uri((folder / made[s]).read_bytes())} for s in samples]
        else:
            pairs = self._cached(name, manifest, samples)
        size = manifest.get("bundle_bytes", 0)
        return {"title": manifest.get("title") or name, "name": name,
                "parameters": f"{manifest.get('parameters', 0):,}",
                "size": f"{size / 1e6:.1f} MB" if size >= 1e5 else f"{size / 1e3:.0f} kB",
                "pairs": pairs}

    def _cached(self, name: str, manifest: dict[str, Any], samples: list[str]) -> list[dict]:
        digest = hashlib.sha256(manifest["hash"].encode())
        for sample in samples:
            digest.update(sample.encode() + b"\0" + self._read(sample))
        cached = self.cache / f"{digest.hexdigest()[:32]}.json"
        if cached.is_file():
            return json.loads(cached.read_text())
        pairs = self._compute(name, manifest, samples)
        self.cache.mkdir(parents=True, exist_ok=True)
        cached.write_text(json.dumps(pairs))
        return pairs

    def _read(self, sample: str) -> bytes:
        path = self.source / sample.lstrip("/")
        if not path.is_file():
            raise SiteError(f"sitegen/demo.html: sample input '{sample}' does not exist")
        return path.read_bytes()

    def _compute(self, name: str, manifest: dict[str, Any], samples: list[str]) -> list[dict]:
        import numpy as np

        from ..models.samples import load_sample, output_image
        from ..models.tfjs import BundleError, run_bundle

        dims = manifest["input"]["shape"][1:]
        batch = np.stack([load_sample(self.source / s.lstrip("/"), dims,
                                      manifest["input"]["range"], manifest["input"]["invert"])
                          for s in samples])
        try:
            outputs, _ = run_bundle(bundle_dir(self.source, name), batch)
        except BundleError as err:
            raise SiteError(f"model '{name}': {err}") from None
        pairs = []
        for sample, output in zip(samples, outputs):
            pair: dict[str, Any] = {"input": data_uri(self._read(sample)), "sample": sample}
            if manifest["output"]["kind"] == "image":
                buffer = io.BytesIO()
                output_image(output, manifest["output"].get("range")).save(buffer, format="PNG")
                pair["result"] = data_uri(buffer.getvalue())
            else:
                labels = manifest["output"].get("labels") or [str(i) for i in range(len(output))]
                top = np.argsort(-output)[:3]
                pair["labels"] = [{"label": labels[i], "percent": f"{output[i] * 100:.1f}"}
                                  for i in top]
            pairs.append(pair)
        return pairs

