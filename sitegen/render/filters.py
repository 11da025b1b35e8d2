"""Jekyll's Liquid filters for python-liquid: Jekyll 4.3's own and those of Ruby Liquid 5.4 that
python-liquid implements differently (it writes values with Python's `str`, rounds half to
even, keeps trailing empty strings when splitting…). Sites are written against Ruby's
behaviour, so every filter here follows Ruby's, and `register_filters` puts them on one
environment bound to the build's config.

Values are python-liquid's: None for nil, `Undefined` for a missing variable (nil too), lists,
Mappings (Jekyll's hashes and drops), aware datetimes (Ruby's Time), dates (Ruby's Date).
Errors are python-liquid's `FilterArgumentError`, so the renderer can say file:line.
"""

from __future__ import annotations

import base64
import binascii
import functools
import html
import html.entities as html_entities
import json
import math
import random
import re
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, Callable, Iterable
from urllib.parse import quote_plus, unquote_to_bytes

from liquid import Environment
from liquid.builtin.expressions import BooleanExpression, FilteredExpression
from liquid.builtin.expressions._tokenize import tokenize
from liquid.builtin.expressions.primitive import Blank, Empty
from liquid.exceptions import FilterArgumentError, LiquidError
from liquid.filter import with_context
from liquid.stream import TokenStream
from liquid.token import TOKEN_BLANK, TOKEN_EMPTY, TOKEN_WORD, Token
from liquid.undefined import Undefined

from ..dates import rfc822, site_timezone, strftime, to_time, xmlschema
from ..errors import SiteError
from ..read.order import ruby_sort, spaceship
from ..urls import slugify
from . import markdown
from .kramdown_rules import smart_quote
from .drops import CollectionDrop, DocumentDrop, JekyllDrop, SiteDrop, StaticFileDrop
from .ruby import escape_html, join, ruby_float, ruby_inspect, ruby_strip, ruby_to_s, ruby_truthy

Filter = Callable[..., Any]

# --- Ruby's view of values ---------------------------------------------------------------------

_SPACE = " \t\n\v\f\r"
# What Jekyll hands Liquid as a `Jekyll::Drops::Drop` (pages are plain hashes there). A drop is
# Enumerable over its keys, so array filters given one see its keys, not one item.
_DROPS = (DocumentDrop, StaticFileDrop, CollectionDrop, SiteDrop, JekyllDrop)


def _nil(value: Any) -> Any:
    """A missing variable is nil to Ruby's filters."""
    return None if isinstance(value, Undefined) else value


def _input_list(value: Any) -> list:
    """Liquid's `InputIterator`: arrays flattened, a hash or a scalar as a one-item array."""
    value = _nil(value)
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return _flatten(value)
    if isinstance(value, range):
        return list(value)
    if isinstance(value, _DROPS):
        return list(value)
    return [value]


def _flatten(items: Iterable[Any]) -> list:
    out: list = []
    for item in items:
        out.extend(_flatten(item) if isinstance(item, (list, tuple)) else [item])
    return out


def _eql_key(value: Any) -> Any:
    """A key equal for values Ruby's `eql?` holds equal (1 and 1.0 are not)."""
    if isinstance(value, _DROPS):
        return ("object", id(value))   # Jekyll's documents and drops: the same object
    if isinstance(value, Mapping):
        return ("hash", frozenset((_eql_key(k), _eql_key(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return ("array", tuple(_eql_key(v) for v in value))
    if isinstance(value, (int, float, bool, str, type(None), datetime, date, Decimal)):
        return (type(value).__name__, value)
    return ("object", id(value))


# --- numbers -----------------------------------------------------------------------------------

Number = int | Decimal


def _to_number(value: Any) -> Number:
    """Liquid's `Utils.to_number`: floats and "1.5" as exact decimals, other strings as
    `to_i` reads them, anything else 0."""
    value = _nil(value)
    if isinstance(value, bool) or value is None:
        return 0
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return Decimal(ruby_float(value)) if math.isfinite(value) else Decimal(value)
    if isinstance(value, Decimal):
        return value
    if isinstance(value, str):
        if re.fullmatch(r"-?\d+\.\d+", value.strip(_SPACE + "\0")):
            return Decimal(value.strip(_SPACE + "\0"))
        return _string_to_i(value)
    return 0


def _string_to_i(text: str) -> int:
    """Ruby's `String#to_i`: leading digits (underscores allowed between them), else 0."""
    match = re.match(r"[ \t\n\v\f\r]*([-+]?\d+(?:_\d+)*)", text)
    return int(match.group(1).replace("_", "")) if match else 0


def _number_out(value: Number) -> int | float:
    """BigDecimal results leave Liquid's math filters as floats."""
    return float(value) if isinstance(value, Decimal) else value


def _to_integer(value: Any) -> int:
    """Liquid's `Utils.to_integer`: Ruby's strict `Integer()` of the value's string."""
    value = _nil(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = ruby_to_s(value).strip(_SPACE)
    match = re.fullmatch(r"([-+]?)(0[xX][\da-fA-F]+(?:_[\da-fA-F]+)*|0[bB][01]+(?:_[01]+)*|"
                         r"0[oO]?[0-7]+(?:_[0-7]+)*|\d+(?:_\d+)*)", text)
    if not match:
        raise FilterArgumentError("invalid integer", token=None)
    sign, digits = match.groups()
    digits = digits.replace("_", "").lower()
    if digits.startswith("0o"):
        digits = digits[2:]
    base = 16 if digits.startswith("0x") else 2 if digits.startswith("0b") else \
        8 if len(digits) > 1 and digits.startswith("0") else 10
    number = int(digits[2:] if base in (16, 2) else digits, base)
    return -number if sign == "-" else number


def _math(operation: Callable[[Any, Any], Any]) -> Filter:
    """Liquid's `apply_operation`: both sides through `to_number`, BigDecimal out as float."""
    def apply(value: Any, operand: Any) -> Any:
        left, right = _to_number(value), _to_number(operand)
        if isinstance(left, Decimal) or isinstance(right, Decimal):
            left, right = Decimal(left), Decimal(right)
        try:
            return _number_out(operation(left, right))
        except (ZeroDivisionError, InvalidOperation):
            raise FilterArgumentError("divided by 0", token=None) from None
    return apply


def _divide(a: Number, b: Number) -> Number:
    """Integers divide with floor, an error for 0; BigDecimals give ±Infinity or NaN."""
    if isinstance(a, int) and isinstance(b, int):
        return a // b
    if b == 0:
        return Decimal("NaN") if a == 0 else Decimal("Infinity") * (1 if a > 0 else -1)
    return a / b


def _modulo(a: Number, b: Number) -> Number:
    if isinstance(a, int) and isinstance(b, int):
        return a % b
    if b == 0:
        raise ZeroDivisionError
    return a - b * (a / b).to_integral_value(ROUND_FLOOR)


def _round(value: Any, digits: Any = 0) -> Any:
    number, places = _to_number(value), _to_number(digits)
    if isinstance(places, Decimal):
        places = int(places)
    if isinstance(number, int):
        result: Number = number if places >= 0 else int(
            Decimal(number).quantize(Decimal(f"1e{-places}"), ROUND_HALF_UP))
    elif not number.is_finite():
        raise FilterArgumentError(str(float(number)), token=None)
    else:
        result = number.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
        result = int(result) if places <= 0 else result
    return int(result) if _nil(digits) in (0, None) else _number_out(result)


def _integral(rounding: str) -> Filter:
    def apply(value: Any) -> int:
        number = _to_number(value)
        if isinstance(number, Decimal):
            if not number.is_finite():
                raise FilterArgumentError(str(float(number)), token=None)
            return int(number.to_integral_value(rounding))
        return number
    return apply


def _bound(pick: Callable[[Number, Number], Number]) -> Filter:
    def apply(value: Any, limit: Any) -> Any:
        return _number_out(pick(_to_number(value), _to_number(limit)))
    return apply


# --- strings -----------------------------------------------------------------------------------

_HTML_ESCAPE = {"&": "&amp;", ">": "&gt;", "<": "&lt;", '"': "&quot;", "'": "&#39;"}
_ESCAPE_ONCE = re.compile(r"[\"><']|&(?!(?:[a-zA-Z]+|#\d+);)")
_STRIP_BLOCKS = re.compile(r"<script.*?</script>|<!--.*?-->|<style.*?</style>", re.S)


def _escape(value: Any) -> Any:
    value = _nil(value)
    if value is None:
        return None
    return escape_html(ruby_to_s(value))


def _gsub(text: str, pattern: str, replacement: str, count: int = 0) -> str:
    """Ruby's `String#gsub`/`sub` with a string pattern: `\\0`, `\\&`, `\\\\`… in the
    replacement still mean what they mean to Ruby."""
    def expand(match: re.Match) -> str:
        return re.sub(r"\\(.)", lambda e: _backref(e.group(1), match), replacement, flags=re.S)
    return re.sub(re.escape(pattern), expand, text, count=count)


def _backref(char: str, match: re.Match) -> str:
    if char in "0&":
        return match.group()
    if char.isdigit():
        return ""
    return {"`": match.string[:match.start()], "'": match.string[match.end():],
            "\\": "\\"}.get(char, "\\" + char)


def _replace_last(value: Any, target: Any, replacement: Any) -> str:
    text, target = ruby_to_s(_nil(value)), ruby_to_s(_nil(target))
    index = text.rfind(target)
    if index < 0:
        return text
    return text[:index] + ruby_to_s(_nil(replacement)) + text[index + len(target):]


def _split(value: Any, pattern: Any) -> list[str]:
    """Ruby's `String#split`: " " splits on whitespace runs, trailing empty strings go."""
    text, sep = ruby_to_s(_nil(value)), ruby_to_s(_nil(pattern))
    if sep == " ":
        return re.split(r"[ \t\n\v\f\r]+", text.lstrip(_SPACE).rstrip(_SPACE)) if \
            text.strip(_SPACE) else []
    parts = list(text) if sep == "" else text.split(sep)
    while parts and parts[-1] == "":
        parts.pop()
    return parts


def _awk_split(text: str, limit: int) -> list[str]:
    """Ruby's `String#split(" ", limit)`: the last part keeps the rest of the text (an empty
    one too, when whitespace ended the text)."""
    text = text.lstrip(_SPACE)
    if not text:
        return []
    parts: list[str] = []
    while len(parts) < limit - 1:
        match = re.search(r"[ \t\n\v\f\r]+", text)
        if not match:
            break
        parts.append(text[:match.start()])
        text = text[match.end():]
    return parts + [text]


def _truncate(value: Any, length: Any = 50, ellipsis: Any = "...") -> Any:
    value = _nil(value)
    if value is None:
        return None
    text, size, end = ruby_to_s(value), _to_integer(length), ruby_to_s(_nil(ellipsis))
    keep = max(size - len(end), 0)
    return text[:keep] + end if len(text) > size else text


def _truncatewords(value: Any, words: Any = 15, ellipsis: Any = "...") -> Any:
    value = _nil(value)
    if value is None:
        return None
    text, count = ruby_to_s(value), max(_to_integer(words), 1)
    parts = _awk_split(text, count + 1)
    if len(parts) <= count:
        return text
    return " ".join(parts[:-1]) + ruby_to_s(_nil(ellipsis))


def _slice(value: Any, offset: Any, length: Any = None) -> Any:
    start = _to_integer(offset)
    size = 1 if _nil(length) is None else _to_integer(length)
    items = value if isinstance(value, list) else ruby_to_s(_nil(value))
    if start < 0:
        start += len(items)
    if start < 0 or start > len(items) or size < 0:
        return [] if isinstance(items, list) else ""
    return items[start:start + size]


def _url_decode(value: Any) -> Any:
    value = _nil(value)
    if value is None:
        return None
    raw = unquote_to_bytes(ruby_to_s(value).replace("+", " "))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise FilterArgumentError("invalid byte sequence in UTF-8", token=None) from None


def _base64_decode(alphabet: bytes | None) -> Filter:
    def decode(value: Any) -> str:
        text = ruby_to_s(_nil(value))
        try:
            if alphabet is None:
                raw = base64.b64decode(text, validate=True)
            else:
                raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        except (binascii.Error, ValueError):
            raise FilterArgumentError("invalid base64 provided to base64_decode",
                                      token=None) from None
        return raw.decode("utf-8", errors="replace")
    return decode


def _strip(chars: str, side: str) -> Filter:
    def strip(value: Any) -> str:
        text = ruby_to_s(_nil(value))
        return {"both": text.strip, "left": text.lstrip, "right": text.rstrip}[side](chars)
    return strip


def _text_filter(function: Callable[[str], str]) -> Filter:
    return lambda value: function(ruby_to_s(_nil(value)))


# --- arrays ------------------------------------------------------------------------------------

def _index(item: Any, key: Any) -> Any:
    """Ruby's `item[key]` as Liquid's array filters use it."""
    if isinstance(item, Mapping):
        return item.get(key) if isinstance(key, str) else item.get(ruby_to_s(key))
    if isinstance(item, str):
        key = ruby_to_s(key)
        return key if key in item else None
    if isinstance(item, (list, tuple, int, float)) and not isinstance(item, bool):
        raise FilterArgumentError(f"cannot select the property '{ruby_to_s(key)}'", token=None)
    return None


def _first(value: Any) -> Any:
    value = _nil(value)
    if isinstance(value, (list, tuple, range)):
        return value[0] if len(value) else None
    if isinstance(value, Mapping) and not isinstance(value, _DROPS):   # a Ruby hash, not a drop
        return next(([k, v] for k, v in value.items()), None)
    return None


def _last(value: Any) -> Any:
    value = _nil(value)
    if isinstance(value, (list, tuple, range)):
        return value[-1] if len(value) else None
    return None


def _size(value: Any) -> int:
    value = _nil(value)
    if isinstance(value, bool) or value is None or isinstance(value, _DROPS):
        return 0
    if isinstance(value, int):
        return 8 if -(1 << 62) <= value < (1 << 62) else (value.bit_length() + 63) // 64 * 8
    try:
        return len(value)
    except TypeError:
        return 0


def _map(value: Any, prop: Any) -> list:
    out = []
    for item in _input_list(value):
        if prop == "to_liquid":
            out.append(item)
        elif item is None:
            out.append(None)
        else:
            out.append(_index(item, prop))
    return out


def _uniq(value: Any, prop: Any = None) -> list:
    seen: set = set()
    out = []
    for item in _input_list(value):
        key = _eql_key(item if _nil(prop) is None else _index(item, prop))
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _compact(value: Any, prop: Any = None) -> list:
    if _nil(prop) is None:
        return [i for i in _input_list(value) if i is not None]
    return [i for i in _input_list(value) if _index(i, prop) is not None]


def _concat(value: Any, other: Any) -> list:
    if not isinstance(_nil(other), (list, tuple)):
        raise FilterArgumentError("concat filter requires an array argument", token=None)
    return _input_list(value) + list(other)


def _casecmp(a: Any, b: Any) -> int:
    if a is None or b is None:
        return 1 if a is None else -1
    x, y = _ascii_lower(ruby_to_s(a)).encode(), _ascii_lower(ruby_to_s(b)).encode()
    return (x > y) - (x < y)


def _ascii_lower(text: str) -> str:
    return text.translate({c: c + 32 for c in range(65, 91)})


def _sort_natural(value: Any, prop: Any = None) -> Any:
    items = _input_list(value)
    if not items:
        return []
    if _nil(prop) is None:
        return ruby_sort(items, _casecmp)
    if not all(isinstance(i, (Mapping, str, list)) for i in items):
        return None
    return ruby_sort(items, lambda a, b: _casecmp(_index(a, prop), _index(b, prop)))


def _default(value: Any, fallback: Any = "", options: Any = None) -> Any:
    """Liquid's `default(input, default_value = '', options = {})`: keyword arguments arrive
    as the options hash (`allow_false: true`), or as the default itself when alone."""
    value = _nil(value)
    allow_false = options.get("allow_false") if isinstance(options, Mapping) else None
    missing = value is None or (value is False and not ruby_truthy(allow_false))
    empty = isinstance(value, (str, list, tuple, Mapping)) and len(value) == 0
    return fallback if missing or empty else value


def _array_to_sentence(value: Any, connector: Any = "and") -> str:
    """Jekyll's `array_to_sentence_string`; a hash is indexed by position as Ruby would (nil)."""
    value, word = _nil(value), ruby_to_s(_nil(connector))
    if isinstance(value, Mapping):
        if len(value) >= 3:
            raise FilterArgumentError("undefined method `join' for nil", token=None)
        value = [None] * len(value)
    if not isinstance(value, (list, tuple)):
        raise FilterArgumentError(f"undefined method `join' for {ruby_inspect(value)}",
                                  token=None)
    items = list(value)
    if not items:
        return ""
    if len(items) == 1:
        return ruby_to_s(items[0])
    if len(items) == 2:
        return f"{ruby_to_s(items[0])} {word} {ruby_to_s(items[1])}"
    return f"{join(items[:-1], ', ')}, {word} {ruby_to_s(items[-1])}"


def _edited(value: Any, edit: Callable[[list], None]) -> Any:
    """Jekyll's push/pop/shift/unshift: a changed copy of an array, anything else as is."""
    if not isinstance(value, list):
        return value
    copy = list(value)
    edit(copy)
    return copy


def _drop(count: Any, front: bool) -> Callable[[list], None]:
    number = _to_integer(count)
    if number < 0:
        raise FilterArgumentError("negative array size", token=None)

    def edit(items: list) -> None:
        if front:
            del items[:number]
        elif number:
            del items[-number:]
    return edit


def _sample(value: Any, count: Any = 1) -> Any:
    if not isinstance(value, list):
        return value
    try:
        number = _to_integer(count)
    except FilterArgumentError:
        number = 1
    if number == 1:
        return random.choice(value) if value else None
    return random.sample(value, min(max(number, 0), len(value)))


# --- Jekyll's item properties (where, sort, group_by, find) ------------------------------------

_INTEGER_LIKE = re.compile(r"\A[ \t\n\v\f\r]*-?\d+[ \t\n\v\f\r]*\Z")
_FLOAT_LIKE = re.compile(r"\A[ \t\n\v\f\r]*-?(?:\d+\.?\d*|\.\d+)[ \t\n\v\f\r]*\Z")
_NUMBER_START = frozenset(" \t\n\v\f\r-.0123456789")   # where the two above can match


def item_property(item: Any, key: str) -> Any:
    """Jekyll's `item_property`: `a.b.c` paths into mappings, numbers in strings as numbers.
    Past the first step, a value that cannot be indexed gives false (Ruby's `&&`). `key` is
    the property as text (filters make it once per list)."""
    if "." not in key:
        return _sortable(_strict_index(item, key))
    value: Any = item
    for part in key.split("."):
        value = _strict_index(value, part) if _indexable(value) else False
    return _sortable(value)


def _indexable(value: Any) -> bool:
    """Ruby's `respond_to?(:[])`."""
    return isinstance(value, (Mapping, str, list, tuple, int)) and not isinstance(value, bool)


def _strict_index(value: Any, key: str) -> Any:
    """Ruby's `value[key]` with a string key: an error for what has no string index."""
    if type(value) is dict:
        return value.get(key)
    if isinstance(value, Mapping):
        try:
            return value[key]   # what `get` does, without its extra call (drops: hot)
        except KeyError:
            return None
    if isinstance(value, str):
        return key if key in value else None
    raise FilterArgumentError(f"cannot read property '{key}' of {_class_name(value)}",
                              token=None)


def _sortable(value: Any) -> Any:
    """Jekyll's `parse_sort_input`: numbers written as strings become numbers (only a string's
    `to_s` can change what it is; numbers stay the numbers they are)."""
    if not isinstance(value, str) or not value or value[0] not in _NUMBER_START:
        return value
    if _INTEGER_LIKE.match(value):
        return _string_to_i(value)
    if _FLOAT_LIKE.match(value):
        return float(value.strip(_SPACE))
    return value


def _matcher(target: Any) -> Callable[[Any], bool]:
    """Jekyll's `compare_property_vs_target` against `target`, made once for all items."""
    if target is None:
        return lambda prop: prop is None
    if isinstance(target, (Empty, Blank)):
        return lambda prop: prop == "" or join(_ruby_array(prop), "") == ""
    text = ruby_to_s(target)

    def matches(prop: Any) -> bool:
        if isinstance(prop, str):
            return prop == text
        return any(ruby_to_s(p) == text for p in _ruby_array(prop))
    return matches


def _ruby_array(value: Any) -> list:
    """Ruby's `Array()`: nil → [], a hash → its pairs, an array as is, else [value]."""
    if value is None:
        return []
    if isinstance(value, Mapping):
        return [[k, v] for k, v in value.items()]
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


def _enumerable(value: Any) -> list | None:
    """Jekyll's `input.values if input.is_a?(Hash)`; None for what cannot be selected from."""
    value = _nil(value)
    if isinstance(value, _DROPS):
        return [[k, v] for k, v in value.items()]
    if isinstance(value, Mapping):
        return list(value.values())
    if isinstance(value, (list, tuple, range)):
        return list(value)
    return None


def _where(value: Any, prop: Any, target: Any) -> Any:
    prop, target = _nil(prop), _nil(target)
    items = _enumerable(value)
    if prop is None or isinstance(target, (list, tuple, Mapping)) or items is None:
        return value
    matches, key = _matcher(target), ruby_to_s(prop)
    return [i for i in items if matches(item_property(i, key))]


def _find(value: Any, prop: Any, target: Any) -> Any:
    prop, target = _nil(prop), _nil(target)
    items = _enumerable(value)
    if prop is None or isinstance(target, (list, tuple, Mapping)) or items is None:
        return value
    matches, key = _matcher(target), ruby_to_s(prop)
    return next((i for i in items if matches(item_property(i, key))), None)


def _grouped(items: list, key_of: Callable[[Any], Any]) -> list[dict[str, Any]]:
    groups: dict[Any, tuple[Any, list]] = {}
    for item in items:
        name = key_of(item)
        groups.setdefault(_eql_key(name), (name, []))[1].append(item)
    return [{"name": name, "items": members, "size": len(members)}
            for name, members in groups.values()]


def _group_by(value: Any, prop: Any) -> Any:
    items = _groupable(value)
    if items is None:
        return value
    key = ruby_to_s(_nil(prop))
    return _grouped(items, lambda i: ruby_to_s(item_property(i, key)))


def _groupable(value: Any) -> list | None:
    value = _nil(value)
    if isinstance(value, Mapping):
        return [[k, v] for k, v in value.items()]
    if isinstance(value, (list, tuple, range)):
        return list(value)
    return None


def _sort(value: Any, prop: Any = None, nils: Any = "first") -> Any:
    """Jekyll's `sort`: by the value, or by a property with nils first or last."""
    value = _nil(value)
    if value is None:
        raise FilterArgumentError("Cannot sort a null object.", token=None)
    items = [[k, v] for k, v in value.items()] if isinstance(value, Mapping) else \
        list(value) if isinstance(value, (list, tuple, range)) else None
    if items is None:
        raise FilterArgumentError(f"undefined method `sort' for {ruby_inspect(value)}",
                                  token=None)
    if _nil(prop) is None:
        return ruby_sort(items, _strict_compare)
    if nils not in ("first", "last"):
        raise FilterArgumentError(f"Invalid nils order: '{ruby_to_s(nils)}' is not a valid "
                                  "nils order. It must be 'first' or 'last'.", token=None)
    order = -1 if nils == "first" else 1
    key = ruby_to_s(prop)
    keyed = [(item_property(i, key), i) for i in items]
    return [i for _, i in ruby_sort(keyed, lambda a, b: _property_compare(a[0], b[0], order))]


def _strict_compare(a: Any, b: Any) -> int:
    order = spaceship(a, b)
    if order is None:
        raise FilterArgumentError(f"comparison of {_class_name(a)} with {_class_name(b)} "
                                  "failed", token=None)
    return order


def _class_name(value: Any) -> str:
    if value is None:
        return "NilClass"
    return {bool: "TrueClass" if value is True else "FalseClass", int: "Integer",
            float: "Float", str: "String", list: "Array", datetime: "Time",
            date: "Date"}.get(type(value), "Hash" if isinstance(value, Mapping) else "Object")


def _property_compare(a: Any, b: Any, order: int) -> int:
    if a is not None and b is None:
        return -order
    if a is None and b is not None:
        return order
    result = spaceship(a, b)
    if result is None:
        x, y = ruby_to_s(a).encode(), ruby_to_s(b).encode()
        return (x > y) - (x < y)
    return result


# --- Jekyll's text filters ---------------------------------------------------------------------

_CJK = ("\u1100-\u11ff\u2e80-\u2e99\u2e9b-\u2ef3\u2f00-\u2fd5\u3005\u3007\u3021-\u3029"
        "\u302e\u302f\u3038-\u303b\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fd-\u30ff"
        "\u3131-\u318e\u31f0-\u31ff\u3200-\u321e\u3260-\u327e\u32d0-\u32fe\u3300-\u3357"
        "\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97c\uac00-\ud7a3\ud7b0-\ud7c6\ud7cb-\ud7fb"
        "\uf900-\ufa6d\ufa70-\ufad9\uff66-\uff6f\uff71-\uff9d\uffa0-\uffbe\uffc2-\uffc7"
        "\uffca-\uffcf\uffd2-\uffd7\uffda-\uffdc\U0001b000\U0001b001-\U0001b11f"
        "\U0001f200\U00020000-\U0003134a")


@functools.cache
def _cjk_patterns() -> tuple[re.Pattern, re.Pattern]:
    """(one CJK character, a run of other non-space characters); compiled on first use, as
    these big classes cost more to compile than most builds spend counting words."""
    return re.compile(f"[{_CJK}]"), re.compile(f"[^{_CJK} \\t\\n\\v\\f\\r]+")


def _number_of_words(value: Any, mode: Any = None) -> int:
    """Jekyll's count: whitespace-separated words, or with "cjk"/"auto" each Han, kana or
    Hangul character as a word of its own."""
    text = ruby_to_s(_nil(value))
    words = len(_split(text, " "))
    if mode not in ("cjk", "auto"):
        return words
    cjk_char, non_cjk_word = _cjk_patterns()
    cjk = len(cjk_char.findall(text))
    if mode == "auto" and cjk == 0:
        return words
    return cjk + len(non_cjk_word.findall(text))


_XML_ATTR = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;"}


def _xml_escape(value: Any) -> str:
    """Ruby's `encode(xml: :attr)` without the quotes it adds."""
    return re.sub(r"[&<>\"']", lambda m: _XML_ATTR[m.group()], ruby_to_s(_nil(value)))


def _cgi_escape(value: Any) -> str:
    if not isinstance(_nil(value), str):
        raise FilterArgumentError(f"no implicit conversion of {_class_name(_nil(value))} "
                                  "into String", token=None)
    return quote_plus(value, safe="~")


def _uri_escape(value: Any) -> Any:
    """Jekyll's `Addressable::URI.normalize_component`: every escape decoded, the text
    NFKC-normalised, then whatever is not reserved or unreserved escaped again."""
    value = _nil(value)
    if value is None:
        return None
    return normalize_component(ruby_to_s(value), _NOT_URI_CHAR)


# Addressable's character classes, as the bytes each component escapes.
_UNRESERVED, _SUB_DELIMS = rb"A-Za-z0-9\-._~", rb"!$&'()*+,;="
_NOT_URI_CHAR = re.compile(rb"[^" + _UNRESERVED + _SUB_DELIMS + rb":/?#\[\]@]")
_NOT_PCHAR = re.compile(rb"[^" + _UNRESERVED + _SUB_DELIMS + rb":@]")
_NOT_FRAGMENT = re.compile(rb"[^" + _UNRESERVED + _SUB_DELIMS + rb":@/?]")
_NOT_QUERY = re.compile(rb"[^A-Za-z0-9\-._~!$'()*+,=:@/?%]|%(?!2B|2b)")
_ESCAPE = re.compile(rb"%[0-9A-Fa-f]{2}")
# The characters Addressable's own (Unicode 3.0) tables do not know, among those Python's Unicode
# 3.2 tables decompose or give a combining class: for Addressable they are starters that stay.
_UNKNOWN_TO_ADDRESSABLE = re.compile(
    "[\u03f4\u03f5\u0363-\u036f\u1714\u1734\u2047\u2057\u205f\u2071\u20e5-\u20ea"
    "\u213d-\u2140\u2145-\u2149\u2a0c\u2a74-\u2a76\u2adc\u309f\u30ff\u3251-\u325f"
    "\u32b1-\u32bf\ufa30-\ufa6a\ufdfc\uff5f\uff60\U0001d15e-\U0001d169"
    "\U0001d16d-\U0001d172\U0001d17b-\U0001d182\U0001d185-\U0001d18b\U0001d1aa-\U0001d1ad"
    "\U0001d1bb-\U0001d1c0\U0001d400-\U0001d7ff\U0002f800-\U0002fa1d]")
_UCD = unicodedata.ucd_3_2_0


def normalize_component(text: str, unsafe: re.Pattern[bytes], leave: bytes = b"") -> str:
    """`Addressable::URI.normalize_component`: escapes decoded (but those of `leave`), NFKC
    when the bytes are UTF-8, the bytes `unsafe` matches escaped in upper case; bytes that are
    not UTF-8 are escaped as `uri_escape` would, whatever the component."""
    if "%" not in text and text.isascii() and not unsafe.search(text.encode()):
        return text   # nothing to decode, normalise or escape (most URLs of a site)
    raw = _ESCAPE.sub(lambda m: _unescape(m.group(), leave), text.encode("utf-8", "replace"))
    try:
        raw = addressable_nfkc(raw.decode("utf-8")).encode("utf-8")
    except UnicodeDecodeError:
        unsafe = _NOT_URI_CHAR
    raw = unsafe.sub(lambda m: "".join(f"%{b:02X}" for b in m.group()).encode(), raw)
    for byte in leave:   # the escapes left alone, in upper case
        raw = re.sub(rb"%" + f"{byte:02X}".encode(), f"%{byte:02X}".encode(), raw, flags=re.I)
    return raw.decode("utf-8", "replace")


def _unescape(escape: bytes, leave: bytes) -> bytes:
    byte = bytes([int(escape[1:], 16)])
    return escape if byte in leave else byte


def addressable_nfkc(text: str) -> str:
    """NFKC as Addressable's pure-Ruby `unicode_normalize_kc` does it: its Unicode 3.0 tables
    (Python's 3.2 ones less what 3.0 lacked, U+F951 as 3.0 mapped it), and its composition,
    which pairs each character only with the one before it and composes nothing at all when
    the text starts with a combining mark."""
    if text.isascii():
        return text
    chars = [c for ch in text.replace("\uf951", "\u96fb") for c in
             (ch if _UNKNOWN_TO_ADDRESSABLE.match(ch) else _UCD.normalize("NFKD", ch))]
    chars = _sort_marks(chars)
    composing = _combining(chars[0]) == 0
    out, starter = [], chars[0]
    for ch in chars[1:]:
        pair = _composed(starter, ch) if composing else None
        if pair is None:
            out.append(starter)
        starter = pair or ch
    return "".join(out) + starter


def _combining(char: str) -> int:
    return 0 if _UNKNOWN_TO_ADDRESSABLE.match(char) else _UCD.combining(char)


def _sort_marks(chars: list[str]) -> list[str]:
    """Each run of combining marks in canonical order (a stable sort by combining class)."""
    out: list[str] = []
    run: list[str] = []
    for ch in chars:
        if _combining(ch):
            run.append(ch)
            continue
        out += sorted(run, key=_combining) + [ch]
        run = []
    return out + sorted(run, key=_combining)


@functools.lru_cache(maxsize=4096)
def _composed(first: str, second: str) -> str | None:
    """The character the pair composes to in Addressable's table, None when there is none."""
    if first + second == "\u05d9\u05b4":   # excluded from composition only since 3.1
        return "\ufb1d"
    both = _UCD.normalize("NFC", first + second)
    return both if len(both) == 1 and not _UNKNOWN_TO_ADDRESSABLE.match(both) else None


_NESTED_DOC_HIDDEN = frozenset(("content", "output", "excerpt", "next", "previous"))


def _json_value(value: Any, depth: int = 0) -> Any:
    """Ruby's `to_json` of Jekyll's `as_liquid`: times as their `to_s`, drops as hashes. As in
    Jekyll's DocumentDrop#hash_for_json, a document two or more levels deep shows its
    neighbours without their content and neighbours (which would never end)."""
    value = _nil(value)
    if isinstance(value, Mapping):
        items = dict(value.items())
        if depth >= 2 and isinstance(value, DocumentDrop):
            for key in ("previous", "next"):
                if isinstance(items.get(key), Mapping):
                    items[key] = {k: v for k, v in items[key].items()
                                  if k not in _NESTED_DOC_HIDDEN}
        return {ruby_to_s(k): _json_value(v, depth + 1) for k, v in items.items()}
    if isinstance(value, (list, tuple)):
        return [_json_value(v, depth + 1) for v in value]
    if isinstance(value, (datetime, date)):
        return ruby_to_s(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise FilterArgumentError(f"{ruby_float(value)} not allowed in JSON", token=None)
        return value
    if isinstance(value, Decimal):
        return float(value)
    if value is None or isinstance(value, (str, int, bool)):
        return value
    return ruby_to_s(value)


def _jsonify(value: Any) -> str:
    return _to_json(_json_value(value))


def _to_json(value: Any, indent: int | None = None) -> str:
    """JSON as Ruby's generator writes it: UTF-8 kept, floats as Ruby prints them; compact, or
    as `pretty_generate` (two spaces a level) when given an indent level."""
    if isinstance(value, (dict, list)) and value:
        inner = None if indent is None else indent + 1
        if isinstance(value, dict):
            parts = [f"{_to_json(k)}:{' ' if inner is not None else ''}{_to_json(v, inner)}"
                     for k, v in value.items()]
        else:
            parts = [_to_json(v, inner) for v in value]
        opening, closing = ("{", "}") if isinstance(value, dict) else ("[", "]")
        if indent is None:
            return opening + ",".join(parts) + closing
        pad = "\n" + "  " * inner
        return opening + pad + ("," + pad).join(parts) + "\n" + "  " * indent + closing
    if isinstance(value, (dict, list)):
        # Empty: "{}"/"[]" compact; pretty, Ruby's generator still breaks the line.
        empty = "{}" if isinstance(value, dict) else "[]"
        if indent is None:
            return empty
        return empty[0] + ("\n" if empty == "[]" else "") + "\n" + "  " * indent + empty[1]
    if isinstance(value, float):
        return ruby_float(value)
    return json.dumps(value, ensure_ascii=False)


def _normalize_whitespace(value: Any) -> str:
    return re.sub(r"[ \t\n\v\f\r]+", " ", ruby_to_s(_nil(value))).strip(_SPACE + "\0")


def _string_or_nil(value: Any) -> str | None:
    """Jekyll's text filters call String methods: anything else is an error."""
    value = _nil(value)
    if value is not None and not isinstance(value, str):
        raise FilterArgumentError(f"undefined method for {ruby_inspect(value)}", token=None)
    return value


def _to_i(value: Any) -> int:
    """Jekyll's `to_integer`: `to_i`, with true as 1 and false as 0."""
    value = _nil(value)
    if value is True or value is False:
        return int(value)
    if value is None:
        return 0
    if isinstance(value, (int, float)):
        return int(value)
    if isinstance(value, Decimal):
        return int(value)
    if isinstance(value, str):
        return _string_to_i(value)
    raise FilterArgumentError(f"undefined method `to_i' for {ruby_inspect(value)}", token=None)


def _ordinal(day: int) -> str:
    if 11 <= day <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


# --- smartify: kramdown's SmartyPants parser and HTML output --------------------------------

_TYPO_SYMS = [("---", "\u2014"), ("--", "\u2013"), ("...", "\u2026"), ("\\<<", "&lt;&lt;"),
              ("\\>>", "&gt;&gt;"), ("<< ", "\u00ab\u00a0"), (" >>", "\u00a0\u00bb"),
              ("<<", "\u00ab"), (">>", "\u00bb")]
_NAME = r"[\w:][-\w.:]*"
_SPAN_START = re.compile(r"""(?=[^\\]?["']|&|--|\.\.\.|(?:\\| )?(?:<<|>>)|<)""")
_ENTITY = re.compile(r"&([\w:][\-\w.:]*);|&#(\d+);|&#x([0-9a-fA-F]+);")
_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_TAG_CLOSE = re.compile(rf"</({_NAME})\s*>", re.S)
_TAG = re.compile(rf"""<({_NAME})\s*((?:\s+{_NAME}(?:\s*=\s*(?:\w+|(["']).*?\3))?)*)\s*(/)?>""",
                  re.S)
_TAG_ATTR = re.compile(rf"""\s*({_NAME})(?:\s*=\s*(?:(\w+)|(["'])(.*?)\3))?""", re.S)
_BLOCK_TAGS = frozenset(
    "address article aside applet body blockquote caption col colgroup dd div dl dt fieldset "
    "figcaption footer form h1 h2 h3 h4 h5 h6 header hgroup hr html head iframe legend menu li "
    "main map nav ol optgroup p pre section summary table tbody td th thead tfoot tr ul".split())
_SPAN_MODEL = frozenset(
    "a abbr acronym b bdo big button cite caption del dfn dt em h1 h2 h3 h4 h5 h6 i ins label "
    "legend optgroup p q rb rbc rp rt rtc ruby select small span strong sub sup th tt".split())
_VOID_TAGS = frozenset("area base br col command embed hr img input keygen link meta param "
                       "source track wbr".split())


def smartypants(text: str) -> str:
    """Jekyll's `smartify`: kramdown's SmartyPants parser (quotes, dashes, ellipses,
    guillemets; entities and span HTML kept) written out as kramdown's HTML."""
    source = re.sub(r"\r\n?", "\n", text)
    source = (source[:-1] if source.endswith("\n") else source) + "\n"
    html, _, _ = _smart_spans(source, 0, None, parse=True)
    return html[:-1] if html.endswith("\n") else html


def _smart_spans(src: str, pos: int, stop: re.Pattern | None, parse: bool) -> tuple[str, int, bool]:
    """kramdown's `parse_spans` from `pos` up to `stop`: (html, new position, stop found)."""
    out: list[str] = []
    while pos < len(src):
        starts = [m.start() for m in (_SPAN_START.search(src, pos) if parse else
                                      re.compile("(?=<)").search(src, pos),
                                      stop.search(src, pos) if stop else None) if m]
        if not starts:
            out.append(html.escape(src[pos:], quote=False))
            return "".join(out), len(src), False
        nxt = min(starts)
        out.append(html.escape(src[pos:nxt], quote=False))
        pos = nxt
        if stop and stop.match(src, pos):
            return "".join(out), pos, True
        piece, end = _smart_piece(src, pos, parse)
        out.append(piece)
        pos = end
    return "".join(out), pos, False


def _smart_piece(src: str, pos: int, parse: bool) -> tuple[str, int]:
    """One span at `pos`, by the first of kramdown's span parsers whose start matches."""
    if parse and re.match(r"""[^\\]?["']""", src[pos:pos + 2]):
        return _smart_quote(src, pos)
    entity = _ENTITY.match(src, pos) if parse else None
    if entity:
        return _entity_text(entity), entity.end()
    for symbol, replacement in _TYPO_SYMS if parse else ():
        if src.startswith(symbol, pos):
            return replacement, pos + len(symbol)
    if re.match(rf"<(?:{_NAME}|!--|/)", src[pos:pos + 80]):
        return _span_html(src, pos)
    return html.escape(src[pos], quote=False), pos + 1


def _smart_quote(src: str, pos: int) -> tuple[str, int]:
    parts, match = smart_quote(src, pos)
    return "".join(html.escape(match.group(p), quote=False) if isinstance(p, int) else p
                   for p in parts), match.end()


def _entity_text(match: re.Match) -> str:
    """kramdown's `entity_to_str` with Jekyll's `entity_output: as_char`."""
    name, decimal, hexadecimal = match.groups()
    if name is not None:
        if name not in html_entities.name2codepoint:
            return html.escape(match.group(), quote=False)
        code = html_entities.name2codepoint[name]
    else:
        code = int(decimal) if decimal else int(hexadecimal, 16)
    char = chr(code) if code < 0x110000 else "\ufffd"
    return match.group() if char in "<>&" else char


def _span_html(src: str, pos: int) -> tuple[str, int]:
    """kramdown's `parse_span_html`: comments kept, span elements re-written with their content
    parsed (raw for `code`, `pre`…), stray or block tags as text."""
    for pattern in (_COMMENT, _TAG_CLOSE):
        match = pattern.match(src, pos)
        if match:
            text = match.group()
            return (text if pattern is _COMMENT else html.escape(text, quote=False)), match.end()
    match = _TAG.match(src, pos)
    if not match:
        return html.escape(src[pos], quote=False), pos + 1
    name = match.group(1).lower() if match.group(1).lower() in (
        _BLOCK_TAGS | _SPAN_MODEL | _VOID_TAGS) else match.group(1)
    if name in _BLOCK_TAGS:
        return html.escape(match.group(), quote=False), match.end()
    attrs = "".join(f' {key.lower()}="{_escape_attr(bare or quoted or "")}"'
                    for key, bare, _, quoted in _TAG_ATTR.findall(match.group(2)))
    if match.group(4) or name in _VOID_TAGS:
        return f"<{name}{attrs} />" if name in _VOID_TAGS else f"<{name}{attrs}></{name}>", \
            match.end()
    stop = re.compile(rf"</{re.escape(name)}\s*>", re.I)
    inner, end, found = _smart_spans(src, match.end(), stop, parse=name in _SPAN_MODEL)
    if found:
        end = stop.match(src, end).end()
    return f"<{name}{attrs}>{inner}</{name}>", end


def _escape_attr(text: str) -> str:
    return html.escape(text, quote=False).replace('"', "&quot;")


# --- expressions inside filters (where_exp, find_exp, group_by_exp) ----------------------------

class _MethodLiteral(str):
    """`empty`/`blank` as Jekyll's expression filters see them: a Liquid MethodLiteral that
    their conditions never find equal to anything, though `contains` sees its "" in strings."""

    def __eq__(self, other: object) -> bool:
        return False

    def __ne__(self, other: object) -> bool:
        return True

    __hash__ = object.__hash__


_LITERAL_NAME = "__jekyll_method_literal__"
_LITERALS = {_LITERAL_NAME: _MethodLiteral()}


def _tokens(expression: str) -> TokenStream:
    """The expression's tokens, `empty` and `blank` read as `_MethodLiteral`."""
    parent = Token("TOKEN_EXPRESSION", expression, 0, expression)
    return TokenStream([Token(TOKEN_WORD, _LITERAL_NAME, t.start_index, t.source)
                        if t.kind in (TOKEN_EMPTY, TOKEN_BLANK) else t
                        for t in tokenize(expression, parent_token=parent)])


def _expression_filters(env: Environment) -> dict[str, Filter]:
    """Filters that evaluate a Liquid expression per item, each item bound to a variable."""
    parsed: dict[tuple[str, str], Any] = {}

    def parse(kind: str, expression: Any) -> Any:
        key = (kind, ruby_to_s(_nil(expression)))
        if key not in parsed:
            parser = BooleanExpression if kind == "condition" else FilteredExpression
            try:
                parsed[key] = parser.parse(env, _tokens(key[1]))
            except LiquidError as err:
                raise FilterArgumentError(f"invalid expression {key[1]!r}: {err.message}",
                                          token=None) from None
        return parsed[key]

    def each(context: Any, variable: Any, items: list, expr: Any) -> Iterable[tuple[Any, Any]]:
        name = ruby_to_s(_nil(variable))
        for item in items:
            with context.extend({**_LITERALS, name: item}):
                yield item, expr.evaluate(context)

    @with_context
    def where_exp(value: Any, variable: Any, expression: Any, *, context: Any) -> Any:
        items = _enumerable(value)
        if items is None:
            return value
        condition = parse("condition", expression)
        return [i for i, ok in each(context, variable, items, condition) if ok]

    @with_context
    def find_exp(value: Any, variable: Any, expression: Any, *, context: Any) -> Any:
        items = _enumerable(value)
        if items is None:
            return value
        condition = parse("condition", expression)
        return next((i for i, ok in each(context, variable, items, condition) if ok), None)

    @with_context
    def group_by_exp(value: Any, variable: Any, expression: Any, *, context: Any) -> Any:
        items = _groupable(value)
        if items is None:
            return value
        names = dict((id(i), _nil(n)) for i, n in
                     each(context, variable, items, parse("value", expression)))
        return _grouped(items, lambda i: names[id(i)])

    return {"where_exp": where_exp, "find_exp": find_exp, "group_by_exp": group_by_exp}


# --- filters bound to the site -----------------------------------------------------------------

def url_filters(config: Mapping[str, Any]) -> dict[str, Filter]:
    """relative_url and absolute_url: Addressable's `normalize` of baseurl + path."""
    baseurl = _nil(config.get("baseurl"))
    base = "" if baseurl is None else ruby_to_s(baseurl)
    base = base[:-1] if base.endswith("/") else base
    site_url = _nil(config.get("url"))
    cache: dict[str, str] = {}

    def target(value: Any) -> str:
        if isinstance(value, _DROPS) and "url" in value:
            value = value["url"]
        return ruby_to_s(value)

    def relative_url(value: Any) -> Any:
        value = _nil(value)
        if value is None:
            return None
        path = target(value)
        if path not in cache:
            cache[path] = path if _is_absolute(path) else normalize_url(
                _leading_slash(base) + _leading_slash(path))
        return cache[path]

    def absolute_url(value: Any) -> Any:
        value = _nil(value)
        if value is None:
            return None
        path = target(value)
        if _is_absolute(path):
            return path
        if site_url is None or site_url == "":
            return relative_url(path)
        return normalize_url(ruby_to_s(site_url) + relative_url(path))

    def strip_index(value: Any) -> Any:
        value = _nil(value)
        if value is None or ruby_to_s(value) == "":
            return None
        return re.sub(r"/index\.html?$", "/", ruby_to_s(value), count=1, flags=re.M)

    return {"relative_url": relative_url, "absolute_url": absolute_url,
            "strip_index": strip_index}


def _is_absolute(url: str) -> bool:
    """Addressable's `absolute?`: the URL has a scheme."""
    return bool(re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", url))


def _leading_slash(text: str) -> str:
    return text if not text or text.startswith("/") else "/" + text


_URL = re.compile(r"(?:(?P<scheme>[^:/?#]+):)?(?://(?P<authority>[^/?#]*))?(?P<path>[^?#]*)"
                  r"(?:\?(?P<query>[^#]*))?(?:#(?P<fragment>.*))?", re.S)
_DEFAULT_PORTS = {"http": "80", "https": "443", "ftp": "21"}


def normalize_url(url: str) -> str:
    """Addressable's `URI#normalize` for the URLs sites build: lowercase scheme and host,
    no default port, dot segments resolved, characters a URI may not hold escaped."""
    parts = _URL.fullmatch(url)
    assert parts is not None
    scheme, authority, path, query, fragment = parts.group("scheme", "authority", "path",
                                                           "query", "fragment")
    out = ""
    if scheme:
        scheme = scheme.lower()
        out += scheme + ":"
    if authority is not None:
        out += "//" + _normalize_authority(authority, scheme)
        if path == "" and scheme in ("http", "https"):
            path = "/"
    path = "/".join(normalize_component(part, _NOT_PCHAR)
                    for part in ruby_strip(path).split("/"))
    out += _remove_dots(path) if scheme or path.startswith("/") else path
    if query is not None:
        query = "&".join(normalize_component(pair, _NOT_QUERY, b"+")
                         for pair in query.split("&"))
        out += "?" + query if query else ""
    if fragment:
        out += "#" + normalize_component(fragment, _NOT_FRAGMENT)
    return out


def _normalize_authority(authority: str, scheme: str | None) -> str:
    userinfo, _, hostport = authority.rpartition("@")
    host, colon, port = hostport.partition(":")
    if colon and (port == "" or _DEFAULT_PORTS.get(scheme or "") == port):
        colon, port = "", ""
    host = host.lower()
    return (userinfo + "@" if userinfo else "") + host + colon + port


def _remove_dots(path: str) -> str:
    """RFC 3986's remove_dot_segments."""
    if "." not in path:
        return path
    output: list[str] = []
    segments = path.split("/")
    for i, segment in enumerate(segments):
        last = i == len(segments) - 1
        if segment == "..":
            if len(output) > 1:
                output.pop()
            if last:
                output.append("")
        elif segment == ".":
            if last:
                output.append("")
        else:
            output.append(segment)
    result = "/".join(output)
    return result if not path.startswith("/") or result.startswith("/") else "/" + result


def _date_filters(config: Mapping[str, Any], on_now: Callable[[], None]) -> dict[str, Filter]:
    """Liquid's `date` and Jekyll's date filters, in the site's time zone; `on_now` hears of
    "now" and "today", which make the output depend on when the site is built."""
    tz = site_timezone(config)

    def to_moment(value: Any) -> datetime | None:
        if isinstance(value, str) and value.lower() in ("now", "today"):
            on_now()
        return to_time(value, tz)

    def time_of(value: Any) -> datetime:
        """Jekyll's `time`: the value as a time, moved to the local zone."""
        if isinstance(value, date) and not isinstance(value, datetime):
            return datetime(value.year, value.month, value.day, tzinfo=tz)
        moment = to_moment(value)
        if moment is None:
            raise FilterArgumentError(f"Invalid Date: '{ruby_inspect(value)}' is not a valid "
                                      "datetime.", token=None)
        return moment.astimezone(tz)

    def date_filter(value: Any, fmt: Any) -> Any:
        value, fmt = _nil(value), ruby_to_s(_nil(fmt))
        moment = None if fmt == "" else to_moment(value)
        return value if moment is None else strftime(moment, fmt)

    def unless_empty(function: Callable[[datetime], str]) -> Filter:
        def apply(value: Any) -> Any:
            value = _nil(value)
            return value if ruby_to_s(value) == "" else function(time_of(value))
        return apply

    def stringify(month: str) -> Filter:
        def apply(value: Any, kind: Any = None, style: Any = None) -> Any:
            value = _nil(value)
            if ruby_to_s(value) == "":
                return value
            moment = time_of(value)
            if _nil(kind) != "ordinal":
                return strftime(moment, f"%d {month} %Y")
            day = f"{moment.day}{_ordinal(moment.day)}"
            layout = f"{month} {day}, %Y" if _nil(style) == "US" else f"{day} {month} %Y"
            return strftime(moment, layout)
        return apply

    return {"date": date_filter, "date_to_xmlschema": unless_empty(xmlschema),
            "date_to_rfc822": unless_empty(rfc822), "date_to_string": stringify("%b"),
            "date_to_long_string": stringify("%B")}


def _converter_filters(config: Mapping[str, Any], env: Environment) -> dict[str, Filter]:
    """markdownify, through the site's Markdown converter (made on first use), smartify,
    through kramdown's SmartyPants, and scssify and sassify, through the site's Sass
    converter."""
    converter: list[Callable[[str], str]] = []

    def markdownify(value: Any) -> str:
        if not converter:
            converter.append(markdown.markdown_converter(config))
        return converter[0](ruby_to_s(_nil(value)))

    def smartify(value: Any) -> str:
        return smartypants(ruby_to_s(_nil(value)))

    def sass(syntax: str) -> Filter:
        return lambda value: env.renderer.sass_filter(  # type: ignore[attr-defined]
            ruby_to_s(_nil(value)), syntax)

    return {"markdownify": markdownify, "smartify": smartify, "scssify": sass("scss"),
            "sassify": sass("sass")}


# --- the table ---------------------------------------------------------------------------------

STANDARD_FILTERS: dict[str, Filter] = {
    # Liquid 5.4's string filters, with Ruby's to_s and String methods.
    "append": lambda v, s: ruby_to_s(_nil(v)) + ruby_to_s(_nil(s)),
    "prepend": lambda v, s: ruby_to_s(_nil(s)) + ruby_to_s(_nil(v)),
    "capitalize": _text_filter(lambda t: t[:1].upper() + t[1:].lower()),
    "downcase": _text_filter(str.lower),
    "upcase": _text_filter(str.upper),
    "escape": _escape,
    "h": _escape,
    "escape_once": _text_filter(lambda t: _ESCAPE_ONCE.sub(lambda m: _HTML_ESCAPE[m.group()],
                                                           t)),
    "url_encode": lambda v: None if _nil(v) is None else quote_plus(ruby_to_s(v), safe="~"),
    "url_decode": _url_decode,
    "base64_encode": _text_filter(lambda t: base64.b64encode(t.encode()).decode()),
    "base64_decode": _base64_decode(None),
    "base64_url_safe_encode": _text_filter(
        lambda t: base64.urlsafe_b64encode(t.encode()).decode()),
    "base64_url_safe_decode": _base64_decode(b"-_"),
    "slice": _slice,
    "truncate": _truncate,
    "truncatewords": _truncatewords,
    "split": _split,
    "strip": _strip(_SPACE + "\0", "both"),
    "lstrip": _strip(_SPACE, "left"),
    "rstrip": _strip(_SPACE + "\0", "right"),
    "strip_html": _text_filter(lambda t: re.sub(r"<.*?>", "", _STRIP_BLOCKS.sub("", t),
                                                flags=re.S)),
    "strip_newlines": _text_filter(lambda t: re.sub(r"\r?\n", "", t)),
    "newline_to_br": _text_filter(lambda t: re.sub(r"\r?\n", "<br />\n", t)),
    "replace": lambda v, s, r="": _gsub(ruby_to_s(_nil(v)), ruby_to_s(_nil(s)),
                                       ruby_to_s(_nil(r))),
    "replace_first": lambda v, s, r="": _gsub(ruby_to_s(_nil(v)), ruby_to_s(_nil(s)),
                                             ruby_to_s(_nil(r)), count=1),
    "replace_last": _replace_last,
    "remove": lambda v, s: _gsub(ruby_to_s(_nil(v)), ruby_to_s(_nil(s)), ""),
    "remove_first": lambda v, s: _gsub(ruby_to_s(_nil(v)), ruby_to_s(_nil(s)), "", count=1),
    "remove_last": lambda v, s: _replace_last(v, s, ""),
    # Arrays.
    "size": _size,
    "first": _first,
    "last": _last,
    "join": lambda v, glue=" ": join(_input_list(v), ruby_to_s(_nil(glue))),
    "concat": _concat,
    "map": _map,
    "reverse": lambda v: _input_list(v)[::-1],
    "sort_natural": _sort_natural,
    "uniq": _uniq,
    "compact": _compact,
    "default": _default,
    # Maths, on Liquid's `to_number`.
    "plus": _math(lambda a, b: a + b),
    "minus": _math(lambda a, b: a - b),
    "times": _math(lambda a, b: a * b),
    "divided_by": _math(_divide),
    "modulo": _math(_modulo),
    "abs": lambda v: _number_out(abs(_to_number(v))),
    "ceil": _integral(ROUND_CEILING),
    "floor": _integral(ROUND_FLOOR),
    "round": _round,
    "at_least": _bound(max),
    "at_most": _bound(min),
}

JEKYLL_FILTERS: dict[str, Filter] = {
    "slugify": lambda v, mode=None: slugify(_string_or_nil(v), _nil(mode)),
    "xml_escape": _xml_escape,
    "cgi_escape": _cgi_escape,
    "uri_escape": _uri_escape,
    "normalize_whitespace": _normalize_whitespace,
    "number_of_words": _number_of_words,
    "array_to_sentence_string": _array_to_sentence,
    "jsonify": _jsonify,
    "where": _where,
    "find": _find,
    "group_by": _group_by,
    "sort": _sort,
    "to_integer": _to_i,
    "push": lambda v, item: _edited(v, lambda a: a.append(_nil(item))),
    "pop": lambda v, n=1: _edited(v, _drop(n, front=False)) if isinstance(v, list) else v,
    "shift": lambda v, n=1: _edited(v, _drop(n, front=True)) if isinstance(v, list) else v,
    "unshift": lambda v, item: _edited(v, lambda a: a.insert(0, _nil(item))),
    "sample": _sample,
    "inspect": lambda v: _xml_escape(_to_json(_json_value(v), indent=0) if isinstance(v, _DROPS)
                                     else ruby_inspect(_nil(v))),
}


def located_errors(function: Filter) -> Filter:
    """Errors a filter raises where Ruby raises too (a bad number, a bad date…), and the
    `SiteError`s of sitegen's own filters, become python-liquid's, which the renderer reports
    with the template's file and line."""
    @functools.wraps(function)
    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except SiteError as err:
            raise FilterArgumentError(err.message, token=None) from None
        except (ValueError, ArithmeticError, KeyError, IndexError) as err:
            raise FilterArgumentError(str(err) or type(err).__name__, token=None) from err
    for flag in ("with_context", "with_environment"):
        if getattr(function, flag, False):
            setattr(call, flag, True)
    return call


# python-liquid's own filters that Liquid 5.4 and Jekyll 4.3 do not have: to Jekyll they are
# unknown filters, which pass their input on unchanged (see `_JekyllContext.filter`).
NOT_IN_JEKYLL = ("sum", "has", "reject", "find_index", "squish", "escapejs", "safe")


def register_filters(env: Environment, config: Mapping[str, Any]) -> None:
    """Put Jekyll's filters (and Ruby Liquid's versions of the standard ones) on `env`, bound
    to this build's site config."""
    def on_now() -> None:
        renderer = getattr(env, "renderer", None)
        if renderer is not None:
            renderer.site.volatile.add("now")

    table = {**STANDARD_FILTERS, **JEKYLL_FILTERS, **url_filters(config),
             **_date_filters(config, on_now), **_converter_filters(config, env),
             **_expression_filters(env)}
    for name in NOT_IN_JEKYLL:
        env.filters.pop(name, None)
    for name, function in table.items():
        env.add_filter(name, located_errors(function))


def apply_filter(env: Environment, name: str, value: Any, *args: Any) -> Any:
    """Call a registered filter from Python (plugins build their output with the same filters
    that templates use)."""
    function = env.filters[name]
    kwargs: dict[str, Any] = {}
    if getattr(function, "with_environment", False):
        kwargs["environment"] = env
    return function(value, *args, **kwargs)


class FilterSet:
    """`filters["name"](value, …)` for Python code, backed by an environment's filters."""

    def __init__(self, env: Environment):
        self.env = env

    def __getitem__(self, name: str) -> Callable[..., Any]:
        return lambda value, *args: apply_filter(self.env, name, value, *args)
