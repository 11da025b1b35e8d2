"""The models a site holds in `_models/`: what each file is, and a hash of everything it depends on.

Kinds are told apart without TensorFlow (h5py and zipfile only), because deciding that nothing
needs converting must stay cheap.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import SiteError
from .sidecar import Sidecar, read_sidecar

# Bump when a conversion change must invalidate every cached bundle.
CONVERTER_VERSION = 2

KIND_LABELS = {
    "keras2-h5": "Keras 2 .h5",
    "keras3-h5": "Keras 3 .h5",
    "keras3": "Keras 3 .keras",
    "savedmodel": "SavedModel",
    "tfjs": "TF.js bundle",
}


@dataclass
class ModelSource:
    """One model under `_models/`, with its sidecar options."""

    name: str
    path: Path
    sidecar_path: Path
    sidecar: Sidecar
    kind: str = ""      # told by `detect_kind` only when the bundle is stale (it may need h5py)

    def files(self) -> list[Path]:
        """The source's files in a stable order (a folder model has many)."""
        if self.path.is_dir():
            return sorted(p for p in self.path.rglob("*") if p.is_file())
        return [self.path]

    def digest(self, site_source: Path) -> str:
        """A hash of the source files, the sidecar options and the sample inputs. Within one
        process (`serve` builds again and again) files whose identity, size and mtime are
        unchanged are not read again: models run to hundreds of megabytes."""
        options = json.dumps({"converter": CONVERTER_VERSION, "options": self.sidecar.as_json()},
                             sort_keys=True)
        paths = self.files() + [site_source / s for s in self.sidecar.samples]
        key = (str(self.path), str(site_source), options, tuple(_identity(p) for p in paths))
        if key not in _DIGESTS:
            _DIGESTS[key] = self._hash(site_source, options, paths)
        return _DIGESTS[key]

    def _hash(self, site_source: Path, options: str, paths: list[Path]) -> str:
        h = hashlib.sha256()
        h.update(options.encode())
        for path in paths:
            h.update(str(path.relative_to(self.path if path.is_relative_to(self.path)
                                          else site_source)).encode() + b"\0")
            with path.open("rb") as f:
                for block in iter(lambda: f.read(1 << 20), b""):
                    h.update(block)
        return "sha256:" + h.hexdigest()


_DIGESTS: dict[tuple, str] = {}


def _identity(path: Path) -> tuple:
    """What tells a file's version apart without reading it (a rewrite through a temporary
    file changes the inode; an edit in place changes the mtime or size)."""
    try:
        st = path.stat()
    except OSError:
        return (str(path), None)
    return (str(path), st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def discover(site_source: Path) -> list[ModelSource]:
    """Every model in `site_source/_models`, sorted by name; errors for what cannot be a model."""
    folder = site_source / "_models"
    if not folder.is_dir():
        return []
    models: dict[str, ModelSource] = {}
    sidecars: dict[str, Path] = {}
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith((".", "_")):
            continue
        if entry.suffix in (".yml", ".yaml") and entry.is_file():
            sidecars[entry.stem] = entry
        elif entry.is_dir() or entry.suffix in (".h5", ".keras"):
            name = entry.stem if entry.is_file() else entry.name
            if name in models:
                raise SiteError(f"model '{name}': two sources ({models[name].path.name} and "
                                f"{entry.name}); keep one", str(entry))
            models[name] = ModelSource(name, entry, folder / f"{name}.yml", Sidecar())
    for name, path in sidecars.items():
        if name not in models:
            raise SiteError(f"model '{name}': the sidecar has no model next to it (expected "
                            f"_models/{name}.h5, _models/{name}.keras or _models/{name}/)",
                            str(path))
    for model in models.values():
        model.sidecar_path = sidecars.get(model.name, model.sidecar_path)
        model.sidecar = read_sidecar(model.name, model.sidecar_path)
        for sample in model.sidecar.samples:
            if not (site_source / sample).is_file():
                raise SiteError(f"model '{model.name}': sample input '{sample}' does not exist",
                                str(model.sidecar_path))
    return list(models.values())


def detect_kind(name: str, path: Path) -> str:
    """`keras2-h5`, `keras3-h5`, `keras3`, `savedmodel` or `tfjs`; a corrupt file is an error."""
    if path.is_dir():
        if (path / "model.json").is_file():
            return "tfjs"
        if (path / "saved_model.pb").is_file():
            return "savedmodel"
        raise SiteError(f"model '{name}': the folder holds neither a SavedModel (saved_model.pb) "
                        "nor a TF.js bundle (model.json)", str(path))
    if path.suffix == ".keras":
        try:
            with zipfile.ZipFile(path) as z:
                z.getinfo("config.json")
                bad = z.testzip()
        except (zipfile.BadZipFile, KeyError, OSError) as err:
            raise SiteError(f"model '{name}': not a readable .keras file (truncated or corrupt; "
                            f"{err}); save it again with model.save()", str(path)) from None
        if bad:
            raise SiteError(f"model '{name}': the .keras archive is corrupt at {bad}; save it "
                            "again with model.save()", str(path))
        return "keras3"
    return _h5_kind(name, path)


def _h5_kind(name: str, path: Path) -> str:
    import h5py  # light, and only needed when a site has .h5 models

    try:
        with h5py.File(path, "r") as f:
            version = f.attrs.get("keras_version")
            has_model = "model_config" in f.attrs
    except OSError as err:
        reason = str(err).split("(")[0].strip().rstrip(":") or "unreadable"
        raise SiteError(f"model '{name}': not a readable HDF5 file ({reason}); the file is "
                        "truncated or corrupt, save or copy it again", str(path)) from None
    if not has_model:
        raise SiteError(f"model '{name}': the .h5 file holds weights only; save the whole model "
                        "with model.save('NAME.h5')", str(path))
    if isinstance(version, bytes):
        version = version.decode()
    return "keras3-h5" if str(version or "").startswith("3") else "keras2-h5"
