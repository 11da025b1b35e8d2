"""jekyll-include-cache (0.2): `{% include_cached file.html key=value %}` renders an include
once per build for each file and set of parameter values, and every later use gets that
first output, even on another page (themes such as minimal-mistakes cache what they know
does not change), and only that first one sees the variables the include assigns. So the
output may depend on the order of rendering: a site renders in parallel only where it cannot
(`Planner.cached_includes_order_free`), and `serve` rebuilds such a site whole."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any, TextIO

from liquid.undefined import Undefined

from ..render.drops import Drop
from ..render.tags import IncludeNode, IncludeTag

if TYPE_CHECKING:
    from pathlib import Path

    from liquid.context import RenderContext


class IncludeCachedNode(IncludeNode):
    def _render(self, context: "RenderContext", buffer: TextIO, renderer: Any,
                path: "Path") -> None:
        values = [v.evaluate(context) if hasattr(v, "evaluate") else v
                  for _, v in sorted(self.params, key=lambda param: param[0])]
        key = (str(path), tuple(_hashed(v) for v in values) if self.params else None)
        if key not in renderer.cached_includes:
            out = io.StringIO()
            super()._render(context, out, renderer, path)
            renderer.cached_includes[key] = out.getvalue()
        buffer.write(renderer.cached_includes[key])


def _hashed(value: Any) -> Any:
    """The plugin's key for a parameter, as Ruby's `hash` sees the value: a document or page
    by the document itself (its drop is made once per document in Jekyll), `site` as the one
    object it is, nil and undefined alike, any other value by its content and its class
    (Ruby's `1` and `1.0`, or `1` and `true`, are different keys)."""
    if value is None or isinstance(value, Undefined):
        return ("nil",)
    if isinstance(value, Drop):
        document = getattr(value, "doc", None) or getattr(value, "page", None)
        return ("drop", type(value).__name__, id(document) if document is not None else 0)
    if isinstance(value, list):
        return ("list", tuple(_hashed(v) for v in value))
    if isinstance(value, dict):
        return ("hash", frozenset((k, _hashed(v)) for k, v in value.items()))
    try:
        hash(value)
    except TypeError:
        return ("object", id(value))
    return (type(value).__name__, value)


class IncludeCachedTag(IncludeTag):
    name = "include_cached"
    node_class = IncludeCachedNode


TAGS = [IncludeCachedTag]
