"""`sitegen serve`: build, serve at http://HOST:PORT{baseurl}/, rebuild on save, live reload."""

from __future__ import annotations

import argparse

from .build import add_site_arguments, options_from


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="build, serve and rebuild on every change")
    add_site_arguments(p)
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=4000, help="port (default 4000)")
    p.add_argument("--no-livereload", action="store_true", help="do not reload open pages")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import asyncio

    from ..serve.server import serve   # aiohttp and watchdog only when serving

    try:
        asyncio.run(serve(options_from(args), args.host, args.port, not args.no_livereload))
    except KeyboardInterrupt:
        pass
    return 0
