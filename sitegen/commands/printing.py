"""`sitegen print`: the site, printing environment, as one PDF."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import SiteError
from .build import add_source_arguments, options_from


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("print", help="print every post (printing environment) into one PDF")
    add_source_arguments(p)
    p.add_argument("-o", "--output", help="the PDF to write (default: SOURCE/_site.pdf)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..printing.book import print_site   # builds the site: imported only to print
    options = options_from(args)
    output = Path(args.output) if args.output else Path(args.source) / "_site.pdf"
    try:
        print_site(options, output.resolve(), log=lambda m: print(m, file=sys.stderr))
    except SiteError as err:
        print(f"error: {err}", file=sys.stderr)
        print("print failed; nothing was written", file=sys.stderr)
        return 1
    return 0
