"""`sitegen build`: one full build of the site."""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace

from ..config import Options
from ..errors import SiteError
from ..fingerprint import current


def add_source_arguments(p: argparse.ArgumentParser) -> None:
    """What to read, named as Jekyll names it: shared by `build`, `serve` and `print`."""
    p.add_argument("-s", "--source", default=".", help="source folder (default: .)")
    p.add_argument("--config", help="comma-separated config files, merged left to right")
    p.add_argument("--drafts", action="store_true", help="render posts in _drafts")
    p.add_argument("--future", action="store_true", help="publish posts dated in the future")
    p.add_argument("--unpublished", action="store_true", help="render `published: false` posts")


def add_site_arguments(p: argparse.ArgumentParser) -> None:
    """`build`'s and `serve`'s options: what to read, and where and how to write the site."""
    add_source_arguments(p)
    p.add_argument("-d", "--destination", help="output folder (default: SOURCE/_site)")
    p.add_argument("--env", help="jekyll.environment (default: $JEKYLL_ENV or development)")
    p.add_argument("--baseurl",
                   help="the site's URL path prefix (overrides baseurl from the config)")


def options_from(args: argparse.Namespace) -> Options:
    """The build options of parsed arguments (those a command does not take stay unset)."""
    return Options(
        source=args.source, destination=getattr(args, "destination", None),
        config_files=[c.strip() for c in args.config.split(",")] if args.config else None,
        drafts=args.drafts, future=args.future, unpublished=args.unpublished,
        env=getattr(args, "env", None), baseurl=getattr(args, "baseurl", None),
    )


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help="build the site into the destination folder")
    add_site_arguments(p)
    p.add_argument("-q", "--quiet", action="store_true", help="print only errors and warnings")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    options = replace(options_from(args), record=True)
    unchanged = current(options)
    if unchanged is not None:
        if not args.quiet:
            print(f"sitegen: nothing changed since the last build ({unchanged} files) "
                  f"in {time.perf_counter() - started:.2f} s")
        return 0
    from ..build import build   # the whole pipeline, imported only when there is work
    try:
        result = build(options, log=(lambda _: None) if args.quiet else print)
    except SiteError as err:
        print(f"error: {err}", file=sys.stderr)
        print("build failed; the previous output was left as it was", file=sys.stderr)
        return 1
    if not args.quiet:
        print(f"sitegen: {result.files} files written to {result.site.dest} "
              f"in {result.seconds:.2f} s")
    return 0
