"""How Ruby writes values as text: `to_s`, `inspect`, `Array#join` and what Liquid prints.
Jekyll sites are written against these forms (`2021-03-04 10:00:00 +0100` for a time)."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Iterable

from liquid.builtin.expressions.primitive import Blank, Empty
from liquid.undefined import Undefined

from ..dates import strftime, time_to_s

RUBY_SPACE = " \t\n\v\f\r"      # what `\s` matches in Ruby


def ruby_truthy(value: Any) -> bool:
    """Ruby's (and so Liquid's) truth: only nil and false are false; "" and 0 are true."""
    return value is not None and value is not False


def ruby_strip(text: str) -> str:
    """Ruby's `strip`, with which kramdown trims paragraphs, headers and table cells: ASCII
    whitespace only, so a no-break space at either end is text."""
    return text.strip(" \t\n\v\f\r\0")


def escape_html(text: str) -> str:
    """Ruby's `CGI.escapeHTML` (Liquid's `escape`)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") \
        .replace('"', "&quot;").replace("'", "&#39;")


def liquid_output(value: Any) -> str:
    """What `{{ value }}` prints in Ruby's Liquid: arrays joined, nil as nothing."""
    if type(value) is str:         # most of what a site prints; `Undefined` is a slow check
        return value
    if isinstance(value, Undefined):
        return str(value)          # empty, or the error of a strict undefined
    if isinstance(value, (list, tuple)):
        return join(value, "")
    return ruby_to_s(value)


def ruby_float(value: float) -> str:
    """Ruby's `Float#to_s`: `1.0`, `1.0e+20`, `NaN`, `Infinity`."""
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    text = repr(value)
    if "e" in text:
        mantissa, exp = text.split("e")
        if "." not in mantissa:
            mantissa += ".0"
        sign = "-" if exp.startswith("-") else "+"
        return f"{mantissa}e{sign}{exp.lstrip('+-').rjust(2, '0')}"
    return text


def ruby_to_s(value: Any) -> str:
    """Ruby's `to_s`, which filters apply to their input (arrays and hashes as `inspect`)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple, Mapping)):
        own = getattr(value, "to_s", None)    # a drop with a `to_s` of its own
        return own() if own is not None else ruby_inspect(value)
    return _scalar_to_s(value)


def _scalar_to_s(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return ruby_float(value)
    if isinstance(value, Decimal):
        return ruby_float(float(value))
    if isinstance(value, datetime):
        return time_to_s(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, range):
        return f"{value.start}..{value.stop - 1}"
    if isinstance(value, (Empty, Blank)):
        return ""
    return str(value)


def ruby_inspect(value: Any) -> str:
    """Ruby's `inspect` (what `{{ hash }}` and the `inspect` filter show)."""
    if value is None:
        return "nil"
    if isinstance(value, str):
        return _inspect_string(value)
    own = getattr(value, "inspect", None)   # a drop with an `inspect` of its own
    if own is not None:
        return own()
    if isinstance(value, Mapping):
        pairs = (f"{ruby_inspect(k)}=>{ruby_inspect(v)}" for k, v in value.items())
        return "{" + ", ".join(pairs) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(ruby_inspect(v) for v in value) + "]"
    if isinstance(value, datetime):
        text = time_to_s(value)
        if value.microsecond:
            stamp = strftime(value, "%Y-%m-%d %H:%M:%S.%N").rstrip("0")
            text = stamp + text[19:]
        return text
    if isinstance(value, date):
        return f"#<Date: {value.isoformat()} ((" \
               f"{value.toordinal() + 1721425}j,0s,0n),+0s,2299161j)>"
    return _scalar_to_s(value)


_INSPECT_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r", "\f": "\\f", "\v": "\\v",
                    "\a": "\\a", "\b": "\\b", "\x1b": "\\e", '"': '\\"', "\\": "\\\\"}


def _inspect_string(text: str) -> str:
    out = []
    for i, char in enumerate(text):
        if char in _INSPECT_ESCAPES:
            out.append(_INSPECT_ESCAPES[char])
        elif char == "#" and text[i + 1:i + 2] in ("{", "$", "@"):
            out.append("\\#")
        elif unicodedata.category(char) in ("Cc", "Cn", "Cs", "Zl", "Zp"):
            code = ord(char)
            out.append(f"\\u{code:04X}" if code <= 0xFFFF else f"\\u{{{code:X}}}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def join(items: Iterable[Any], glue: str) -> str:
    """Ruby's `Array#join`: nested arrays joined with the same glue, nil as nothing."""
    return glue.join(join(i, glue) if isinstance(i, (list, tuple)) else ruby_to_s(i)
                     for i in items)


