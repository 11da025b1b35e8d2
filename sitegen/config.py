"""Site configuration: Jekyll's defaults, the site's `_config.yml` files, then the options
given on the command line."""

from __future__ import annotations

import copy
import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import SiteError, shown
from .read.frontmatter import read_text
from .read.yamlfile import load_yaml

DEFAULTS: dict[str, Any] = {
    "source": ".",
    "destination": "_site",
    "collections_dir": "",
    "cache_dir": ".jekyll-cache",
    "plugins_dir": "_plugins",
    "layouts_dir": "_layouts",
    "data_dir": "_data",
    "includes_dir": "_includes",
    "collections": {},
    "safe": False,
    "include": [".htaccess"],
    "exclude": [],
    "keep_files": [".git", ".svn"],
    "encoding": "utf-8",
    "markdown_ext": "markdown,mkdown,mkdn,mkd,md",
    "strict_front_matter": False,
    "show_drafts": None,
    "limit_posts": 0,
    "future": False,
    "unpublished": False,
    "whitelist": [],
    "plugins": [],
    "markdown": "kramdown",
    "highlighter": "rouge",
    "lsi": False,
    "excerpt_separator": "\n\n",
    "incremental": False,
    "detach": False,
    "port": "4000",
    "host": "127.0.0.1",
    "baseurl": None,
    "show_dir_listing": False,
    "permalink": "date",
    "paginate_path": "/page:num",
    "timezone": None,
    "quiet": False,
    "verbose": False,
    "defaults": [],
    "liquid": {"error_mode": "warn", "strict_filters": False, "strict_variables": False},
    "kramdown": {
        "auto_ids": True,
        "toc_levels": [1, 2, 3, 4, 5, 6],
        "entity_output": "as_char",
        "smart_quotes": "lsquo,rsquo,ldquo,rdquo",
        "input": "GFM",
        "hard_wrap": False,
        "guess_lang": True,
        "footnote_nr": 1,
        "show_warnings": False,
    },
}

DEFAULT_EXCLUDES = [
    ".sass-cache", ".jekyll-cache", "gemfiles", "Gemfile", "Gemfile.lock", "node_modules",
    "vendor/bundle/", "vendor/cache/", "vendor/gems/", "vendor/ruby/",
]

STYLE_TO_PERMALINK = {
    "none": "/:categories/:title:output_ext",
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
}

@dataclass
class Options:
    """What the command line says; `None` means "not given", so the config files decide."""

    source: str = "."
    destination: str | None = None
    config_files: list[str] | None = None
    drafts: bool = False
    future: bool = False
    unpublished: bool = False
    env: str | None = None
    baseurl: str | None = None
    parallel: bool = True       # may render in forked worker processes
    convert_models: bool = True  # False: stale models keep their bundle (serve converts aside)
    record: bool = False        # keep a build record, so that an unchanged site is not rebuilt


def deep_merge(base: dict, other: dict) -> dict:
    """Jekyll's `Utils.deep_merge_hashes`: nested hashes merge, `nil` never overwrites."""
    out = dict(base)
    for key, value in other.items():
        if value is None and key in out:
            continue
        if isinstance(out.get(key), dict) and isinstance(value, dict):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = value
    return out


def environment(options: Options) -> str:
    """`--env` wins over `JEKYLL_ENV`, which defaults to development."""
    return options.env or os.environ.get("JEKYLL_ENV") or "development"


def output_folder(options: Options, configured: Any = None) -> Path:
    """Where the site is written: `-d`, else the config's `destination`, else `_site` in the
    source folder."""
    dest = options.destination or configured or "_site"
    if options.destination is None and dest == "_site":
        dest = Path(options.source).resolve() / "_site"
    return Path(dest).resolve()


def load_config(options: Options) -> dict[str, Any]:
    """The merged site configuration with absolute `source` and `destination`."""
    source = Path(options.source).resolve()
    if not source.is_dir():
        raise SiteError(f"source directory does not exist: {source}")
    config = copy.deepcopy(DEFAULTS)
    for path in _config_paths(source, options.config_files):
        data = _read_config_file(path, shown(path, source),
                                 explicit=options.config_files is not None)
        config = deep_merge(config, data)
    if options.drafts:
        config["show_drafts"] = True
    if options.future:
        config["future"] = True
    if options.unpublished:
        config["unpublished"] = True
    if options.baseurl is not None:
        config["baseurl"] = options.baseurl
    config["source"] = str(source)
    config["destination"] = str(output_folder(options, config.get("destination")))
    _add_default_collections(config)
    for key in ("liquid", "kramdown", "sass"):   # read as mappings from here on
        if config.get(key) is not None and not isinstance(config[key], dict):
            raise SiteError(f"`{key}` must be a mapping of options, not "
                            f"{type(config.get(key)).__name__}", "_config.yml")
    config["exclude"] = list(dict.fromkeys([str(e) for e in config.get("exclude") or []]
                                           + DEFAULT_EXCLUDES))
    return config


def _config_paths(source: Path, files: list[str] | None) -> list[Path]:
    if files:
        return [Path(f) if Path(f).is_absolute() else Path.cwd() / f for f in files]
    for ext in ("yml", "yaml"):
        if (source / f"_config.{ext}").exists():
            return [source / f"_config.{ext}"]
    return []


def _read_config_file(path: Path, where: str, explicit: bool) -> dict[str, Any]:
    if not path.exists():
        if explicit:
            raise SiteError(f"configuration file not found: {path}")
        return {}
    data = load_yaml(read_text(path, where), where)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise SiteError("configuration must be a mapping of keys to values", where, 1)
    return data


def _add_default_collections(config: dict[str, Any]) -> None:
    """Jekyll always has a `posts` collection, output on, with the site's permalink style."""
    collections = config.get("collections")
    if collections is None:
        return
    if isinstance(collections, list):
        collections = {name: {} for name in collections}
    if not isinstance(collections, dict):
        raise SiteError("`collections` must be a mapping or a list", "_config.yml")
    collections = deep_merge({"posts": {}}, collections)
    posts = dict(collections["posts"] or {})
    posts["output"] = True
    if config.get("permalink"):
        posts.setdefault("permalink", permalink_template(config["permalink"]))
    collections["posts"] = posts
    config["collections"] = {k: (v or {}) for k, v in collections.items()}


def in_source_dir(source: Path | str, *paths: Any) -> Path:
    """Jekyll's `site.in_source_dir`: each path is taken inside the one before it, whatever it
    says, so a leading `/` or `~`, or `..`, never leaves the source: `data_dir: /docs/_data` is
    SOURCE/docs/_data (a `Path` join would make it /docs/_data)."""
    base = str(source)
    for path in paths:
        base = _sanitized_path(base, path)
    return Path(base)


def _sanitized_path(base: str, questionable: Any) -> str:
    """Jekyll's `PathManager.sanitized_path`; an absolute path already inside `base` stays."""
    if questionable is None:
        return base
    clean = str(questionable)
    clean = posixpath.normpath(posixpath.join("/", "/" + clean if clean.startswith("~") else clean))
    if clean == base:
        return clean
    clean = re.sub("/+", "/", clean)
    if clean.startswith(base.rstrip("/") + "/"):
        return clean
    clean = re.sub(r"\A\w:/", "/", clean)
    return base.rstrip("/") + "/" + clean.lstrip("/")


def markdown_exts(config: dict[str, Any]) -> set[str]:
    """The extensions (with their dot, lower case) that `markdown_ext` names."""
    return {"." + e.strip().lower() for e in str(config.get("markdown_ext", "")).split(",")}


def permalink_template(style: Any) -> str:
    """A built-in style name (`date`, `pretty`…) as its template; a template as itself."""
    return STYLE_TO_PERMALINK.get(str(style), str(style))


def add_permalink_suffix(template: str, style: Any) -> str:
    """Jekyll's `Utils.add_permalink_suffix`: pages and collections follow the site's style."""
    style = str(style)
    if style == "pretty":
        return template + "/"
    if style in ("date", "ordinal", "none"):
        return template + ":output_ext"
    if style.endswith("/"):
        template += "/"
    if style.endswith(":output_ext"):
        template += ":output_ext"
    return template


__all__ = ["Options", "load_config", "deep_merge", "environment", "markdown_exts",
           "permalink_template", "add_permalink_suffix", "in_source_dir"]
