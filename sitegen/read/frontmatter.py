"""Splitting a file into its YAML front matter and body, by Jekyll's own rules."""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Any

from ..errors import SiteError
from .yamlfile import load_yaml

HEADER = re.compile(r"\A---\s*\r?\n")
FRONT_MATTER = re.compile(r"\A(---\s*\n.*?\n?)^((---|\.\.\.)\s*$\n?)", re.M | re.S)


def has_front_matter(path: Path) -> bool:
    """Jekyll's `has_yaml_header?`: the first line is `---` (trailing blanks allowed)."""
    with path.open("rb") as handle:
        first = handle.readline()
    try:
        return bool(HEADER.match(first.decode("utf-8")))
    except UnicodeDecodeError:
        return False


def read_text(path: Path, where: str | None = None) -> str:
    """File text as Jekyll reads it (UTF-8, a BOM dropped). Bytes that are not UTF-8 are an
    error at their line and column; `where` is how the error names the file."""
    data = path.read_bytes().removeprefix(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        start = data.rfind(b"\n", 0, err.start) + 1
        end = data.find(b"\n", err.start)
        line = data[start:end if end >= 0 else len(data)].decode("utf-8", "replace")
        column = len(data[start:err.start].decode("utf-8", "replace")) + 1
        raise SiteError(f"not UTF-8 text: byte 0x{data[err.start]:02x}: {err.reason}",
                        where or str(path), data.count(b"\n", 0, err.start) + 1, column,
                        line) from None


def parse(text: str, path: str) -> tuple[dict[str, Any], str, int]:
    """(front matter, body, line number where the body starts) of a file's text."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text, 1
    yaml_text = match.group(1)
    data = load_yaml(yaml_text[yaml_text.index("\n") + 1:], path, first_line=2,
                     what="YAML front matter")
    if data is None or data is False:
        data = {}
    if not isinstance(data, dict):
        raise SiteError("front matter must be a mapping of keys to values", path, 2)
    if data.get("permalink") == "":
        raise SiteError("invalid permalink: empty", path, 2)
    body_line = text.count("\n", 0, match.end()) + 1
    return data, text[match.end():], body_line
