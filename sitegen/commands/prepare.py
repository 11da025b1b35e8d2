"""`sitegen prepare`: write what sitegen adds into the site's source, for GitHub Pages' Jekyll.

After it, the built-in includes, the demo runtime and the vendored TF.js/OpenCV.js are ordinary
files of the site, so Jekyll renders `{% include sitegen/demo.html %}` and serves the runtime as
sitegen would. Model bundles are already in the source (`sitegen models` puts them there).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from ..config import Options, in_source_dir, load_config
from ..models import raise_failures, sync_models
from ..runtime import include_files, runtime_files, uses_cdn


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("prepare", help="write sitegen's includes, runtime and vendored libraries "
                       "into the source so that Jekyll builds the same site")
    p.add_argument("-s", "--source", default=".", help="source folder (default: .)")
    p.add_argument("--force", action="store_true", help="overwrite files that differ")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    config = load_config(Options(source=args.source))
    source = Path(config["source"])
    raise_failures(sync_models(source, log=lambda m: print(m, file=sys.stderr)))
    includes_dir = in_source_dir(source, config.get("includes_dir", "_includes"))
    files = {rel.replace("_includes", str(includes_dir.relative_to(source)), 1): path
             for rel, path in include_files().items()}
    files.update(runtime_files(vendored=not uses_cdn(config)))
    written = same = 0
    kept = []
    for rel, path in files.items():
        target = source / rel
        if target.exists() and target.read_bytes() == path.read_bytes():
            same += 1
            continue
        if target.exists() and not args.force:
            kept.append(rel)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        written += 1
    print(f"sitegen prepare: {written} files written, {same} already up to date")
    for rel in kept:
        print(f"  kept your {rel} (it differs from sitegen's; --force replaces it)")
    return 0
