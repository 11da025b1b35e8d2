"""One build, the whole pipeline: config → read → render → write."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass

from .config import KNOWN_PLUGINS, Options, environment, load_config
from .read.reader import Reader
from .render.renderer import Renderer
from .site import Site
from .write import write_site


@dataclass
class BuildResult:
    site: Site
    renderer: Renderer
    files: int
    seconds: float


def build(options: Options, log=print) -> BuildResult:
    """Build the site described by `options`; raises `SiteError` and writes nothing on failure."""
    started = time.perf_counter()
    config = load_config(options)
    for plugin in config.get("plugins") or []:
        if plugin not in KNOWN_PLUGINS:
            print(f"warning: plugin '{plugin}' is not supported by sitegen; ignored",
                  file=sys.stderr)
    site = Reader(config, environment(options)).read()
    renderer = Renderer(site)
    renderer.render_all()
    files = write_site(site)
    return BuildResult(site, renderer, files, time.perf_counter() - started)
