"""`sitegen models`: convert and verify every model, then print a table of their state."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..config import Options, load_config
from ..errors import SiteError
from ..models import ModelState, raise_failures, sync_models
from ..models.source import KIND_LABELS


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("models", help="convert and verify the models in _models/, print a table")
    p.add_argument("-s", "--source", default=".", help="source folder (default: .)")
    p.add_argument("--force", action="store_true", help="convert even up-to-date models")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    source = Path(load_config(Options(source=args.source))["source"])
    states: list[ModelState] = []
    error: SiteError | None = None
    try:
        states = sync_models(source, force=args.force, log=lambda m: print(m, file=sys.stderr))
        raise_failures(states)
    except SiteError as err:
        error = err
    if states:
        print(table(states))
    elif error is None:
        print(f"no models in {source / '_models'}")
    if error is not None:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


COLUMNS = ("model", "source", "state", "bundle", "ratio", "params", "input", "output",
           "quantize", "max error", "time")


def table(states: list[ModelState]) -> str:
    """One row per model, aligned columns, as `sitegen models` prints it."""
    rows = [COLUMNS] + [_row(s) for s in states]
    widths = [max(len(r[i]) for r in rows) for i in range(len(COLUMNS))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _row(s: ModelState) -> tuple[str, ...]:
    m = s.manifest or {}
    v = m.get("verification", {})
    bundle = m.get("bundle_bytes")
    ratio = f"{bundle / m['source_bytes']:.2f}" if bundle and m.get("source_bytes") else "-"
    if v.get("compared"):
        err = f"{v['max_abs_error']:.1e}"
        if v.get("psnr_db") is not None:
            err += f" ({v['psnr_db']:.0f} dB)"
    else:
        err = "not compared" if m else "-"
    return (s.source.name, KIND_LABELS[s.source.kind], s.state,
            _size(bundle) if bundle else "-", ratio,
            f"{m['parameters']:,}" if m.get("parameters") is not None else "-",
            _shape(m.get("input", {}).get("shape")), _shape(m.get("output", {}).get("shape")),
            m.get("quantize", s.source.sidecar.quantize),
            err, f"{s.seconds:.1f} s" if s.seconds else ("cached" if m else "-"))


def _size(n: int) -> str:
    return f"{n / 1e6:.2f} MB" if n >= 1e5 else f"{n / 1e3:.1f} kB"


def _shape(shape: list | None) -> str:
    return "×".join("?" if d is None else str(d) for d in shape) if shape else "-"
