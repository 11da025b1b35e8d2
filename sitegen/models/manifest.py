"""`sitegen-model.json`: what a bundle was made from, and whether it still matches its source."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

MANIFEST = "sitegen-model.json"


def bundle_dir(site_source: Path, name: str) -> Path:
    return site_source / "assets" / "models" / name


def read_manifest(folder: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def is_current(folder: Path, manifest: dict[str, Any] | None, digest: str) -> bool:
    """Whether `manifest` (the bundle's in `folder`) says it was made from `digest`, and the
    bundle is complete."""
    if manifest is None or manifest.get("hash") != digest:
        return False
    return all((folder / name).is_file() and (folder / name).stat().st_size == size
               for name, size in manifest.get("files", {}).items())


def write_manifest(folder: Path, manifest: dict[str, Any]) -> None:
    manifest["files"] = {p.name: p.stat().st_size for p in sorted(folder.iterdir())
                         if p.is_file() and p.name != MANIFEST}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n",
                                   encoding="utf-8")
