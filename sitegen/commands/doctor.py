"""`sitegen doctor`: what this machine has for each thing sitegen does, and what a site needs.

Every check says what it is for and, when something is missing, the command that adds it.
The exit status is 1 when something that building the site at hand needs is missing; parts
only some commands need (printing, comparing with Jekyll) are reported without failing.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .. import __version__

# The checks import what they look at when they run: `sitegen build` starts without them.

MODELS_FIX = "pip install 'sitegen[models]'"
NODE_FIX = "apt-get install nodejs npm (Node.js 18 or newer)"


@dataclass
class Check:
    """One line of the report. `needed`: a failed check fails the doctor."""

    ok: bool
    what: str
    detail: str
    needed: bool = True
    fix: str = ""

    def line(self) -> str:
        mark = "ok" if self.ok else ("FAIL" if self.needed else "warn")
        text = f"  {mark:<8} {self.what}: {self.detail}"
        return text + (f"\n           fix: {self.fix}" if not self.ok and self.fix else "")


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("doctor", help="check this machine (and the site in SRC) and say what "
                       "is missing")
    p.add_argument("-s", "--source", default=".", help="site folder (default: .)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    print(f"sitegen {__version__}, Python {sys.version.split()[0]}\n\nThis machine:")
    machine = machine_checks()
    for check in machine:
        print(check.line())
    site: list[Check] = []
    if (Path(args.source) / "_config.yml").is_file() or args.source != ".":
        print(f"\nThe site in {args.source}:")
        site = site_checks(Path(args.source), {c.what: c.ok for c in machine})
        for check in site:
            print(check.line())
    failed = [c for c in machine + site if c.needed and not c.ok]
    print("\nEverything needed is there." if not failed else
          f"\n{len(failed)} problem(s) to fix first: see FAIL above.")
    return 1 if failed else 0


def machine_checks() -> list[Check]:
    from ..node import installed, modules_home
    from ..printing.book import chromium_path

    requirements = _requirements()
    checks = [_packages("building", requirements.get("", []), "pip install sitegen", True)]
    node, npm = _version(["node", "--version"]), _version(["npm", "--version"])
    node_ok = node is not None and int(re.sub(r"\D", "", node.split(".")[0]) or 0) >= 18
    checks.append(Check(node_ok and npm is not None, "node",
                        f"node {node or 'not found'}, npm {npm or 'not found'} (TF.js checks "
                        "of converted models, demo libraries vendored into sites)",
                        needed=False, fix=NODE_FIX))
    home = modules_home()
    checks.append(Check(installed(home), "npm packages",
                        f"pinned TF.js and OpenCV.js in {home}" if installed(home) else
                        "not installed yet; the first build of a site with models runs `npm ci` "
                        "(about 12 s)", needed=False))
    checks.append(_packages("models", requirements.get("models", []), MODELS_FIX, False))
    printing = _packages("print", requirements.get("print", []), "pip install 'sitegen[print]'",
                         False)
    browser = chromium_path()
    checks.append(Check(printing.ok and browser is not None, "print",
                        f"{printing.detail}; Chromium {browser or 'not found'} (sitegen print)",
                        needed=False,
                        fix=printing.fix if not printing.ok else "apt-get install chromium"))
    jekyll = _version(["jekyll", "--version"])
    checks.append(Check(jekyll is not None, "jekyll", (jekyll or "not found") +
                        " (optional: to compare with what GitHub Pages builds)", needed=False,
                        fix="apt-get install jekyll"))
    return checks


def site_checks(source: Path, machine: dict[str, bool]) -> list[Check]:
    from ..config import Options, environment, load_config
    from ..errors import SiteError
    from ..models.sync import check_models
    from ..plugins import active_plugins, unsupported
    from ..read.reader import Reader

    try:
        options = Options(source=str(source))
        reader = Reader(load_config(options), environment(options))
    except SiteError as err:
        return [Check(False, "config", str(err))]
    theme = reader.theme
    config_file = source / "_config.yml"
    checks = [Check(True, "config", (f"{config_file} reads" if config_file.is_file() else
                                     "no _config.yml: Jekyll's defaults") +
                    (f"; theme {theme.name} in {theme.root}" if theme else ""))]
    names = active_plugins(reader.config, theme.root if theme else None)
    missing = unsupported(names)
    checks.append(Check(not missing, "plugins", ", ".join(
        f"{n} (not supported: ignored)" if n in missing else n for n in names) or "none",
        needed=False))
    try:
        states = check_models(source)
    except SiteError as err:
        return checks + [Check(False, "models", str(err))]
    if not states:
        return checks + [Check(True, "models", "none in _models/")]
    stale = [s.source.name for s in states if s.state != "up to date"]
    current = len(states) - len(stale)
    detail = f"{current} up to date" + (f", to convert: {', '.join(stale)}" if stale else "")
    checks.append(Check(not stale or machine["models"], "models",
                        detail + ("" if not stale or machine["models"] else
                                  " (needs TensorFlow and tensorflowjs)"), fix=MODELS_FIX))
    checks.append(Check(machine["node"], "node for this site",
                        "TF.js and OpenCV.js are vendored into sites with models, and "
                        "conversions are checked in TF.js", fix=NODE_FIX))
    return checks


def _requirements() -> dict[str, list[str]]:
    """sitegen's requirements by extra ("" for the base), from its installed metadata."""
    from importlib import metadata

    found: dict[str, list[str]] = {}
    try:
        requirements = metadata.requires("sitegen") or []
    except metadata.PackageNotFoundError:   # run from a source tree that pip never installed
        return {"": ["sitegen"]}
    for requirement in requirements:
        extra = re.search(r"""extra\s*==\s*["']([^"']+)["']""", requirement)
        found.setdefault(extra.group(1) if extra else "", []).append(requirement.split(";")[0])
    return found


def _packages(what: str, requirements: list[str], fix: str, needed: bool) -> Check:
    """Installed versions of `requirements`; an exact pin (`==`) that differs is a problem,
    since the model tools only work as the pinned set."""
    from importlib import metadata

    parts, problems = [], []
    for requirement in requirements:
        name = re.match(r"[A-Za-z0-9_.\-]+", requirement.strip()).group(0)   # type: ignore
        pin = re.search(r"==\s*([^,\s]+)", requirement)
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            problems.append(f"{name} not installed")
            continue
        if pin and version != pin.group(1):
            problems.append(f"{name} {version} (sitegen pins {pin.group(1)})")
        else:
            parts.append(f"{name} {version}")
    detail = "; ".join(problems + parts) or "nothing to install"
    return Check(not problems, what, detail, needed=needed, fix=fix)


def _version(command: list[str]) -> str | None:
    """The first line a tool prints for `--version`, or None when it is not installed."""
    if shutil.which(command[0]) is None:
        return None
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    lines = (done.stdout or done.stderr).strip().splitlines()
    return lines[0].removeprefix(command[0]).strip() if done.returncode == 0 and lines else None
