"""`sitegen new DIR`: a small blog to start from, as `jekyll new` makes one.

The site has its own layouts (no gem theme), so that it builds the same with sitegen, with
Jekyll and on GitHub Pages, on a machine with nothing but sitegen installed. Its welcome post
shows how to add a model, a demo and a video.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

SCAFFOLD = Path(__file__).parent.parent / "site_files" / "new"
GITIGNORE = "_site/\n.sitegen-cache/\n.jekyll-cache/\n.sass-cache/\n"


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("new", help="make a new blog in DIR to start from")
    p.add_argument("directory", metavar="DIR", help="the folder to create")
    p.add_argument("--force", action="store_true", help="write into DIR even if it is not empty")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    target = Path(args.directory)
    if target.exists() and not target.is_dir():
        print(f"error: {target} exists and is not a folder", file=sys.stderr)
        return 1
    # As `jekyll new`: a folder holding only dot files (`git init`'s .git) counts as empty.
    if target.is_dir() and any(not p.name.startswith(".") for p in target.iterdir()) \
            and not args.force:
        print(f"error: {target} is not empty; --force writes into it anyway", file=sys.stderr)
        return 1
    try:
        scaffold(target, datetime.date.today(), _title(target))
    except OSError as err:
        print(f"error: cannot write the new site into {target}: {err.strerror or err}",
              file=sys.stderr)
        return 1
    print(f"New site in {target}. Next:\n  cd {target}\n  sitegen serve")
    return 0


def scaffold(target: Path, today: datetime.date, title: str) -> list[Path]:
    """Write the starter site into `target`; the welcome post is dated `today`."""
    written = []
    for source in sorted(SCAFFOLD.rglob("*")):
        if not source.is_file():
            continue
        relative = str(source.relative_to(SCAFFOLD)).replace("DATE", today.isoformat())
        text = source.read_text(encoding="utf-8").replace("DATE", today.isoformat())
        if relative == "_config.yml":
            text = text.replace("TITLE", title)
        written.append(_write(target / relative, text))
    written.append(_write(target / ".gitignore", GITIGNORE))
    return written


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _title(target: Path) -> str:
    """`my-ml-notes` → `My ml notes`: a title to edit, quoted for YAML."""
    words = target.resolve().name.replace("-", " ").replace("_", " ").strip() or "My blog"
    return '"' + (words[0].upper() + words[1:]).replace("\\", "\\\\").replace('"', '\\"') + '"'
