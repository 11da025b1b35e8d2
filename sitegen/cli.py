"""The `sitegen` command line."""

from __future__ import annotations

import argparse
import os
import sys
from typing import NoReturn

from . import __version__
from .commands import build as build_command
from .commands import doctor as doctor_command
from .commands import models as models_command
from .commands import new as new_command
from .commands import prepare as prepare_command
from .commands import printing as print_command
from .commands import serve as serve_command
from .errors import SiteError


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="sitegen", description="Build Jekyll sites, plus what an "
                                "ML blog needs.")
    p.add_argument("--version", action="version", version=f"sitegen {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    build_command.add_parser(sub)
    serve_command.add_parser(sub)
    models_command.add_parser(sub)
    prepare_command.add_parser(sub)
    print_command.add_parser(sub)
    new_command.add_parser(sub)
    doctor_command.add_parser(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except SiteError as err:   # what a command did not report in its own words
        print(f"error: {err}", file=sys.stderr)
        return 1


def program() -> NoReturn:
    """The `sitegen` program: `main`, then exit without tearing the interpreter down (freeing
    a big site's objects one by one takes a tenth of a build). Every command has closed its
    files, pools and servers by then."""
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    program()
