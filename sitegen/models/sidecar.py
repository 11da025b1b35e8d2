"""`_models/NAME.yml`: what a model author tells sitegen about a model, checked strictly.

A typo in a sidecar would otherwise silently fall back to a default (a float32 bundle where
uint8 was wanted, a wrong input range in the demo), so unknown keys and wrong types are errors.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import SiteError, line_at
from ..read.frontmatter import read_text
from ..read.yamlfile import load_yaml

QUANTIZE = ("none", "float16", "uint8")
OUTPUT_KINDS = ("image", "labels")
# Max absolute error allowed between TensorFlow and TF.js, as a fraction of the output's span
# (its declared range, else the span TensorFlow's output shows, at least 1).
DEFAULT_TOLERANCE = {"none": 1e-3, "float16": 2e-2, "uint8": 8e-2}


@dataclass
class Sidecar:
    """The options of one model; every field has the default a sidecar-less model gets."""

    title: str | None = None
    quantize: str = "none"
    input_size: list[int] | None = None          # [height, width]
    input_channels: int | None = None
    input_range: list[float] = field(default_factory=lambda: [0.0, 1.0])
    input_invert: bool = False
    output_kind: str | None = None                # image | labels
    output_range: list[float] | None = None
    labels: list[str] | None = None
    samples: list[str] = field(default_factory=list)
    tolerance: float | None = None

    def as_json(self) -> dict[str, Any]:
        """The canonical form that goes into the manifest and into the cache hash."""
        return asdict(self)

    @property
    def effective_tolerance(self) -> float:
        return self.tolerance if self.tolerance is not None else DEFAULT_TOLERANCE[self.quantize]


_TOP = {"title", "quantize", "input", "output", "labels", "samples", "tolerance"}
_INPUT = {"size", "channels", "range", "invert"}
_OUTPUT = {"kind", "range"}


class _Checker:
    def __init__(self, name: str, path: Path, text: str):
        self.name, self.path, self.text = name, path, text

    def fail(self, key: str, reason: str) -> SiteError:
        line = _key_line(self.text, key.split("."))
        return SiteError(f"model '{self.name}': sidecar key '{key}' {reason}", str(self.path),
                         line, None, line_at(self.text, line) if line else None)

    def mapping(self, key: str, value: Any, allowed: set[str]) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(key, f"must be a mapping (got {_kind(value)})")
        for k in value:
            if k not in allowed:
                where = f"{key}.{k}" if key else str(k)
                raise self.fail(where, "is unknown; known keys here: " + ", ".join(sorted(allowed)))
        return value

    def number_pair(self, key: str, value: Any, integer: bool = False) -> list:
        kinds = (int,) if integer else (int, float)
        if (not isinstance(value, list) or len(value) != 2
                or not all(isinstance(v, kinds) and not isinstance(v, bool) for v in value)):
            what = "integers" if integer else "numbers"
            raise self.fail(key, f"must be a list of two {what} (got {value!r})")
        if integer and min(value) < 1:
            raise self.fail(key, f"must be positive (got {value!r})")
        if not integer and value[0] >= value[1]:
            raise self.fail(key, f"must be [low, high] with low < high (got {value!r})")
        return [v if integer else float(v) for v in value]

    def choice(self, key: str, value: Any, options: tuple) -> Any:
        if value not in options:
            raise self.fail(key, "must be one of " + ", ".join(map(str, options))
                            + f" (got {value!r})")
        return value

    def strings(self, key: str, value: Any) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
            raise self.fail(key, f"must be a list of strings (got {_kind(value)})")
        return [str(v) for v in value]


def _key_line(text: str, path: list[str]) -> int | None:
    """The line of the key at `path` (`["output", "range"]`), found in the YAML's node tree,
    so that `output.range` is not mistaken for `input.range`."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    line = None
    for part in path:
        if not isinstance(node, yaml.MappingNode):
            return line
        for key, value in node.value:
            if key.value == part:
                node, line = value, key.start_mark.line + 1
                break
        else:
            return line
    return line


def _kind(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "a string", bool: "true/false",
            type(None): "nothing"}.get(type(value), type(value).__name__)


def read_sidecar(name: str, path: Path) -> Sidecar:
    """Parse and check `path`; a missing file means all defaults."""
    if not path.exists():
        return Sidecar()
    text = read_text(path, str(path))
    data = load_yaml(text, str(path)) or {}
    check = _Checker(name, path, text)
    data = check.mapping("", data, _TOP)
    car = Sidecar()
    if "title" in data:
        car.title = str(data["title"])
    if "quantize" in data:
        car.quantize = check.choice("quantize", "none" if data["quantize"] in (None, False)
                                    else data["quantize"], QUANTIZE)
    if "input" in data:
        inp = check.mapping("input", data["input"], _INPUT)
        if "size" in inp:
            car.input_size = check.number_pair("input.size", inp["size"], integer=True)
        if "channels" in inp:
            car.input_channels = check.choice("input.channels", inp["channels"], (1, 3, 4))
        if "range" in inp:
            car.input_range = check.number_pair("input.range", inp["range"])
        if "invert" in inp:
            car.input_invert = check.choice("input.invert", inp["invert"], (True, False))
    if "output" in data:
        out = check.mapping("output", data["output"], _OUTPUT)
        if "kind" in out:
            car.output_kind = check.choice("output.kind", out["kind"], OUTPUT_KINDS)
        if "range" in out:
            car.output_range = check.number_pair("output.range", out["range"])
    if "labels" in data:
        car.labels = check.strings("labels", data["labels"])
        car.output_kind = car.output_kind or "labels"
    if "samples" in data:
        car.samples = check.strings("samples", data["samples"])
    if "tolerance" in data:
        tol = data["tolerance"]
        if isinstance(tol, str):  # YAML 1.1 reads `1e-3` (no dot) as a string
            try:
                tol = float(tol)
            except ValueError:
                pass
        if not isinstance(tol, (int, float)) or isinstance(tol, bool) or tol <= 0:
            raise check.fail("tolerance", f"must be a positive number (got {tol!r})")
        car.tolerance = float(tol)
    return car
