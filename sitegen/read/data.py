"""`_data`: YAML, JSON, CSV and TSV files, nested folders becoming nested mappings."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

from ..errors import shown
from .frontmatter import read_text
from .yamlfile import load_yaml

DATA_EXTS = (".yaml", ".yml", ".json", ".csv", ".tsv")


def read_data(folder: Path, root: Path) -> dict[str, Any]:
    """Everything under `folder` keyed by sanitised file and folder names (errors name files
    from `root`, the site's folder), in Jekyll's order: `Dir["*.{yaml,yml,json,csv,tsv}"]`,
    so by extension and then by name, then the folders."""
    data: dict[str, Any] = {}
    if not folder.is_dir() or folder.is_symlink():
        return data
    entries = sorted((p for p in folder.iterdir() if not p.name.startswith(".")),
                     key=lambda p: p.name)
    files = sorted((p for p in entries if p.suffix in DATA_EXTS and p.is_file()
                    and not p.is_symlink()), key=lambda p: DATA_EXTS.index(p.suffix))
    dirs = [p for p in entries if p.is_dir() and not p.is_symlink()]
    for path in files:
        data[sanitize_key(path.stem)] = read_data_file(path, shown(path, root))
    for path in dirs:
        data[sanitize_key(path.name)] = read_data(path, root)
    return data


def read_data_file(path: Path, where: str) -> Any:
    ext = path.suffix.lower()
    text = read_text(path, where)
    if ext in (".csv", ".tsv"):
        rows = csv.DictReader(text.splitlines(), delimiter="\t" if ext == ".tsv" else ",")
        return [{k: (v if v != "" else None) for k, v in row.items()} for row in rows]
    return load_yaml(text, where)


def sanitize_key(name: str) -> str:
    """Jekyll's `sanitize_filename`: drop punctuation, spaces become underscores."""
    name = re.sub(r"[^\w\s-]+", "", name)
    name = re.sub(r"(?<=\s)\s+", "", name.lstrip())
    return re.sub(r"\s+", "_", name)
