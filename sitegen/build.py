"""One build, the whole pipeline: config → models → read → render → write."""

from __future__ import annotations

import gc
import sys
import time
from dataclasses import dataclass
from types import ModuleType

from . import fingerprint, plugins
from .config import Options, environment, load_config
from .models import check_models, liquid_models, raise_failures, sync_models
from .read.reader import Reader
from .render.renderer import Renderer
from .site import Site
from .write import Staging


@dataclass
class BuildResult:
    site: Site
    renderer: Renderer
    files: int
    seconds: float
    plugins: list[ModuleType]   # the active ones (`serve` asks them to rewrite bodies again)


def build(options: Options, log=print) -> BuildResult:
    """Build the site described by `options`; raises `SiteError` and writes nothing on failure."""
    # A build makes millions of short-lived objects and almost no reference cycles; the cyclic
    # collector would walk the growing site again and again for nothing.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _build(options, log)
    finally:
        if collecting:
            gc.enable()


def _build(options: Options, log) -> BuildResult:
    started = time.perf_counter()
    config = load_config(options)
    reader = Reader(config, environment(options))
    names = plugins.active_plugins(reader.config, reader.theme.root if reader.theme else None)
    for name in plugins.unsupported(names):
        print(f"warning: plugin '{name}' is not supported by sitegen; ignored", file=sys.stderr)
    if gems := plugins.ignored_gems(reader.config, names):
        print(f"warning: 'gems:' is ignored, as Jekyll 4 ignores it ({', '.join(gems)} not "
              "loaded); list plugins under 'plugins:'", file=sys.stderr)
    # Models first: their bundles land in the source's assets/, which the reader then publishes.
    if options.convert_models:
        models = sync_models(reader.source, log=log)
        raise_failures(models)
    else:
        models = check_models(reader.source)
    inputs = fingerprint.inputs(options, config, reader.theme.root if reader.theme else None) \
        if options.record else None
    site = reader.read()
    site.models = liquid_models(models)
    active = plugins.modules(names)
    for plugin in active:
        if hasattr(plugin, "generate"):
            plugin.generate(site)
    renderer = Renderer(site, [t for p in active for t in getattr(p, "TAGS", [])],
                        [p.post_render for p in active if hasattr(p, "post_render")],
                        {n: f for p in active for n, f in getattr(p, "FILTERS", {}).items()})
    staging = Staging(site)
    try:
        renderer.render_all(parallel=options.parallel, on_rendered=staging.write_document)
    except BaseException:
        staging.abort()
        raise
    finally:   # what was met before a failure is worth knowing too
        for warning in renderer.warnings:
            print(warning, file=sys.stderr)
    written = staging.commit()
    if inputs is not None:
        fingerprint.save(site, inputs, written)
    return BuildResult(site, renderer, len(written), time.perf_counter() - started, active)
