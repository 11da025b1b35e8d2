"""Sass and SCSS as jekyll-sass-converter 2.2 compiles them (libsass 3.6, like Debian's sassc):
`_sass/` and the theme's `_sass/` on the load path, `compact` style, libsass's own precision
(10), no byte order mark, a source map page."""

from __future__ import annotations

import glob
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import SiteError, line_at, shown
from .ruby import ruby_truthy

STYLES = ("nested", "expanded", "compact", "compressed")
# libsass's default, which sassc keeps unless `sass: precision` is set (libsass-python's is 5)
PRECISION = 10
# The name the page's text is compiled under: Jekyll compiles the text itself, so no import
# may find it; under its own name `@import "main"` in `main.scss` would import itself.
PAGE_STEM = ".sitegen-sass-page"


@dataclass
class SassResult:
    css: str
    source_map: str | None


def load_paths(config: dict[str, Any], source: Path, theme_sass: Path | None) -> list[str]:
    options = config.get("sass") or {}
    sass_dir = str(options.get("sass_dir") or "_sass")
    paths = [str(p) for p in _as_list(options.get("load_paths"))] + [sass_dir]
    found: list[str] = []
    for path in paths:
        for match in sorted(glob.glob(str(source / path))):
            resolved = str(Path(match).resolve())
            if resolved not in found:
                found.append(resolved)
    if theme_sass is not None:
        found.append(str(theme_sass))
    return [p for p in found if Path(p).is_dir()]


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def sourcemap_wanted(config: dict[str, Any], environment: str) -> bool:
    option = str((config.get("sass") or {}).get("sourcemap", "always")).lstrip(":")
    if option == "never":
        return False
    return option != "development" or environment == "development"


def compile_sass(text: str, *, name: str, basename: str, config: dict[str, Any],
                 source: Path, include_paths: list[str], environment: str, relative_path: str,
                 first_line: int) -> SassResult:
    """Compile one Sass page; `name` is its file name (whose extension tells libsass the
    syntax), `basename` without the extension."""
    import sass   # libsass loads only for sites that have Sass pages

    options = config.get("sass") or {}
    style = _style(options)
    with_map = sourcemap_wanted(config, environment)
    with tempfile.TemporaryDirectory(prefix="sitegen-sass-") as tmp:
        # libsass writes source maps only for files; Jekyll compiles the page's text as if it
        # were a file at the site's root, so imports resolve from there first.
        path = Path(tmp) / (PAGE_STEM + Path(name).suffix)
        path.write_text(text, encoding="utf-8")
        kwargs: dict[str, Any] = dict(filename=str(path), output_style=style,
                                      precision=_precision(config),
                                      include_paths=[str(source)] + include_paths)
        if with_map:
            kwargs.update(source_map_filename=str(Path(tmp) / f"{basename}.css.map"),
                          output_filename_hint=str(Path(tmp) / f"{basename}.css"),
                          source_map_contents=True)
        try:
            result = sass.compile(**kwargs)
        except sass.CompileError as err:
            message = str(err).strip()
            first = message.splitlines()[0] if message else "invalid Sass"
            raise _located(f"Sass error: {first.removeprefix('Error: ')}", message, path,
                           text, source, relative_path, first_line) from None
        css, source_map = result if with_map else (result, None)
        css = _without_bom(css, ruby_truthy(options.get("add_charset")))
        if source_map is not None:
            source_map = _relocate_map(source_map, path, source, name)
        return SassResult(css, source_map)


def convert_sass(text: str, *, syntax: str, config: dict[str, Any], source: Path,
                 include_paths: list[str]) -> str:
    """Jekyll's `sassify` and `scssify` filters: `text` through the site's Sass converter, with
    its style, precision and load paths, and no source map (no page goes with it)."""
    import sass

    options = config.get("sass") or {}
    try:
        css = sass.compile(string=text, indented=syntax == "sass", output_style=_style(options),
                           precision=_precision(config),
                           include_paths=[str(source)] + include_paths)
    except sass.CompileError as err:
        first = (str(err).strip().splitlines() or ["invalid Sass"])[0]
        raise ValueError(f"Sass error: {first.removeprefix('Error: ')}") from None
    return _without_bom(css, ruby_truthy(options.get("add_charset")))


def _style(options: dict[str, Any]) -> str:
    style = str(options.get("style", "compact")).lstrip(":")
    return style if style in STYLES else "compact"


def _precision(config: dict[str, Any]) -> int:
    """Jekyll passes `sass: precision` on to sassc (not in safe mode); else libsass's own."""
    value = (config.get("sass") or {}).get("precision")
    if config.get("safe") or not isinstance(value, int) or isinstance(value, bool):
        return PRECISION
    return value


def _without_bom(css: str, add_charset: bool) -> str:
    """libsass starts compressed CSS with non-ASCII text with a byte order mark, which Jekyll
    replaces (its pattern's `^` matches at any line's start, once) by `@charset` or nothing."""
    return re.sub("^\ufeff", '@charset "UTF-8";' if add_charset else "", css, count=1,
                  flags=re.MULTILINE)


def _located(reason: str, message: str, page: Path, text: str, source: Path,
             relative_path: str, first_line: int) -> SiteError:
    """The error at the place libsass names first: the page (compiled from `page`, a copy of
    its `text`), or a partial it imports, whose line is quoted from the file."""
    match = re.search(r"on line (\d+):(\d+) of ([^\n]+)", message)
    if match is None:
        return SiteError(reason, relative_path)
    line, column = int(match.group(1)), int(match.group(2))
    path = Path.cwd() / match.group(3).strip()     # as libsass names it: from here, or absolute
    if path.resolve() == page.resolve():
        return SiteError(reason, relative_path, line + first_line - 1, column,
                         line_at(text, line))
    try:
        quoted = line_at(path.read_text(encoding="utf-8", errors="replace"), line)
    except OSError:
        quoted = None
    return SiteError(reason, shown(path.resolve(), source.resolve()), line, column, quoted)


def _relocate_map(source_map: str, page: Path, source: Path, name: str) -> str:
    """Sources relative to the site's root, as when Jekyll compiles there; the page (compiled
    from `page`) as its `name`."""
    data = json.loads(source_map)
    sources = []
    for entry in data.get("sources", []):
        absolute = (page.parent / entry).resolve()
        sources.append(name if absolute == page.resolve()
                       else os.path.relpath(absolute, source.resolve()))
    data["sources"] = sources
    return _libsass_json(data)


def _libsass_json(data: dict[str, Any]) -> str:
    """The source map as libsass (and so Jekyll) writes it: tab-indented JSON."""
    return json.dumps(data, indent="\t", ensure_ascii=False)
