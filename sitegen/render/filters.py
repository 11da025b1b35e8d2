"""Jekyll's Liquid filters (Jekyll 4.3 + Ruby Liquid 5.4 behaviour) for python-liquid, registered
on one environment per build."""

from __future__ import annotations

import json
import random
import re
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, Callable
from urllib.parse import quote, quote_plus

from liquid import Environment
from liquid.builtin.expressions import BooleanExpression, FilteredExpression
from liquid.builtin.expressions._tokenize import tokenize
from liquid.exceptions import FilterArgumentError
from liquid.filter import with_context
from liquid.stream import TokenStream
from liquid.token import Token
from liquid.undefined import Undefined

from ..dates import rfc822, site_timezone, strftime, to_time, xmlschema
from .drops import DocumentDrop, ruby_inspect, to_s
from .markdown import markdown_converter, smartify as smartypants

# --- slugify (also used for permalinks) ------------------------------------------------------

SLUG_MODES = ("raw", "default", "pretty", "ascii", "latin")
_PRETTY_KEEP = set("._~!$&'()+,;=@")


def _keep(char: str, mode: str) -> bool:
    if mode == "raw":
        return not char.isspace()
    if mode == "ascii":
        return char.isascii() and char.isalnum()
    category = unicodedata.category(char)
    if category[0] in "ML" or category == "Nd":
        return True
    return mode == "pretty" and char in _PRETTY_KEEP


def slugify(text: Any, mode: str | None = "default", cased: bool = False) -> str | None:
    """Jekyll's `Utils.slugify`: runs of unwanted characters become one hyphen."""
    if text is None:
        return None
    text = str(text)
    mode = mode or "default"
    if mode not in SLUG_MODES:
        return text if cased else text.lower()
    if mode == "latin":
        text = "".join(c for c in unicodedata.normalize("NFKD", text)
                       if not unicodedata.combining(c))
        text = "".join(c if c.isascii() else "?" for c in text)
        mode = "default"
    out: list[str] = []
    for char in text:
        if _keep(char, mode):
            out.append(char)
        elif not out or out[-1] != "-" or _keep("-", mode):
            out.append("-")
    slug = re.sub(r"^-|-$", "", "".join(out))
    return slug if cased else slug.lower()


# --- helpers ----------------------------------------------------------------------------------

def _nil(value: Any) -> Any:
    return None if isinstance(value, Undefined) else value


def _as_list(value: Any) -> list:
    value = _nil(value)
    if value is None:
        return []
    if isinstance(value, Mapping) and not isinstance(value, DocumentDrop):
        return list(value.values())
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


_INTEGER_LIKE = re.compile(r"\A\s*-?\d+\s*\Z")
_FLOAT_LIKE = re.compile(r"\A\s*-?(?:\d+\.?\d*|\.\d+)\s*\Z")


def _property(item: Any, prop: Any) -> Any:
    """Jekyll's `item_property`: dotted paths into mappings, numbers parsed for sorting."""
    prop = to_s(prop)
    value: Any = item
    for key in prop.split(".") if "." in prop else [prop]:
        if isinstance(value, Mapping):
            value = value.get(key)
        elif isinstance(value, (list, tuple)) and key.lstrip("-").isdigit():
            index = int(key)
            value = value[index] if -len(value) <= index < len(value) else None
        else:
            value = None
        if value is None:
            break
    text = value if isinstance(value, str) else None
    if text is not None:
        if _INTEGER_LIKE.match(text):
            return int(text)
        if _FLOAT_LIKE.match(text):
            return float(text)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return value


def _matches(prop: Any, target: Any) -> bool:
    """Jekyll's `compare_property_vs_target`."""
    if target is None:
        return prop is None
    target = to_s(target)
    if isinstance(prop, str):
        return prop == target
    if prop is None:
        return False
    items = list(prop.items()) if isinstance(prop, Mapping) else (
        prop if isinstance(prop, (list, tuple)) else [prop])
    return any(to_s(p) == target for p in items)


def _compare(a: Any, b: Any) -> int:
    """Ruby's `<=>`, with the string comparison Jekyll falls back to."""
    try:
        if isinstance(a, (int, float)) and isinstance(b, (int, float)) or type(a) is type(b):
            return (a > b) - (a < b)
    except TypeError:
        pass
    sa, sb = to_s(a), to_s(b)
    return (sa > sb) - (sa < sb)


def _ruby_sort(items: list, key: Callable[[Any], Any]) -> list:
    import functools
    return sorted(items, key=functools.cmp_to_key(lambda x, y: _compare(key(x), key(y))))


def _json_data(value: Any, depth: int = 0) -> Any:
    """What Ruby's `to_json` writes for a Liquid value (drops as hashes, times as strings)."""
    value = _nil(value)
    if isinstance(value, DocumentDrop):
        keys = [k for k in value if not (depth >= 1 and k in ("content", "output", "excerpt",
                                                                "next", "previous"))]
        return {k: _json_data(value[k], depth + 1) for k in keys}
    if isinstance(value, Mapping):
        return {to_s(k): _json_data(v, depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_data(v, depth + 1) for v in value]
    if isinstance(value, (datetime, date)):
        return to_s(value)
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return to_s(value)


def _escape_xml(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&apos;"))


_URI_SAFE = "/:@!$&'()*+,;=-._~%?#[]"


def _normalize_uri(url: str) -> str:
    """Enough of Addressable's `normalize` for site paths: escapes, dot segments."""
    match = re.search(r"[?#]", url)
    path, rest = (url[:match.start()], url[match.start():]) if match else (url, "")
    path = quote(unicodedata.normalize("NFC", path), safe=_URI_SAFE)
    if "/." in path or path.startswith("."):
        segments: list[str] = []
        for seg in path.split("/"):
            if seg == "..":
                if len(segments) > 1:
                    segments.pop()
            elif seg != ".":
                segments.append(seg)
        path = "/".join(segments)
    return path + quote(rest, safe=_URI_SAFE)


def _is_absolute(url: str) -> bool:
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", url))


def _leading_slash(text: str) -> str:
    return text if not text or text.startswith("/") else "/" + text


def _ordinal(day: int) -> str:
    if 11 <= day <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


# --- registration -----------------------------------------------------------------------------

def register_filters(env: Environment, config: Mapping[str, Any]) -> None:
    """Add Jekyll's filters to `env`, bound to this build's site config."""
    tz = site_timezone(config)
    markdown = markdown_converter(config)

    def time_of(value: Any) -> datetime:
        result = to_time(_nil(value), tz)
        if result is None:
            raise FilterArgumentError(f"invalid date: {value!r} is not a valid datetime",
                                      token=None)
        return result

    base = _leading_slash(to_s(config.get("baseurl") or "").rstrip("/"))
    relative_cache: dict[str, str] = {}

    def relative_url(value: Any) -> Any:
        value = _nil(value)
        if value is None:
            return None
        if isinstance(value, Mapping) and "url" in value:
            value = value["url"]
        value = to_s(value)
        if value not in relative_cache:
            relative_cache[value] = value if _is_absolute(value) else _normalize_uri(
                base + _leading_slash(value))
        return relative_cache[value]

    def absolute_url(value: Any) -> Any:
        value = _nil(value)
        if value is None:
            return None
        if isinstance(value, Mapping) and "url" in value:
            value = value["url"]
        if _is_absolute(to_s(value)):
            return to_s(value)
        site_url = config.get("url")
        if not site_url:
            return relative_url(value)
        return _normalize_uri(to_s(site_url) + relative_url(value))

    def date_filter(value: Any, fmt: Any = None) -> Any:
        value = _nil(value)
        if fmt is None or to_s(_nil(fmt)) == "":
            return value
        result = to_time(value, tz) if value is not None else None
        return value if result is None else strftime(result, to_s(fmt))

    def stringify_date(value: Any, month: str, kind: Any, style: Any) -> Any:
        if to_s(_nil(value)) == "":
            return _nil(value)
        t = time_of(value)
        if _nil(kind) == "ordinal":
            day = f"{t.day}{_ordinal(t.day)}"
            if _nil(style) == "US":
                return strftime(t, f"{month} {day}, %Y")
            return strftime(t, f"{day} {month} %Y")
        return strftime(t, f"%d {month} %Y")

    @with_context
    def where_exp(value: Any, variable: Any, expression: Any, *, context: Any) -> Any:
        items = _as_list(value)
        condition = BooleanExpression.parse(env, _tokens(to_s(expression)))
        out = []
        for item in items:
            with context.extend({to_s(variable): item}):
                if condition.evaluate(context):
                    out.append(item)
        return out

    @with_context
    def find_exp(value: Any, variable: Any, expression: Any, *, context: Any) -> Any:
        condition = BooleanExpression.parse(env, _tokens(to_s(expression)))
        for item in _as_list(value):
            with context.extend({to_s(variable): item}):
                if condition.evaluate(context):
                    return item
        return None

    @with_context
    def group_by_exp(value: Any, variable: Any, expression: Any, *, context: Any) -> Any:
        expr = FilteredExpression.parse(env, _tokens(to_s(expression)))
        groups: dict[str, list] = {}
        for item in _as_list(value):
            with context.extend({to_s(variable): item}):
                groups.setdefault(to_s(expr.evaluate(context)), []).append(item)
        return [{"name": k, "items": v, "size": len(v)} for k, v in groups.items()]

    def where(value: Any, prop: Any = None, target: Any = None) -> Any:
        prop, target = _nil(prop), _nil(target)
        if prop is None or isinstance(target, (list, Mapping)):
            return value
        return [i for i in _as_list(value) if _matches(_property(i, prop), target)]

    def find(value: Any, prop: Any = None, target: Any = None) -> Any:
        prop, target = _nil(prop), _nil(target)
        if prop is None or isinstance(target, (list, Mapping)):
            return value
        return next((i for i in _as_list(value) if _matches(_property(i, prop), target)), None)

    def group_by(value: Any, prop: Any) -> Any:
        groups: dict[str, list] = {}
        for item in _as_list(value):
            groups.setdefault(to_s(_property(item, prop)), []).append(item)
        return [{"name": k, "items": v, "size": len(v)} for k, v in groups.items()]

    def sort(value: Any, prop: Any = None, nils: Any = "first") -> Any:
        value = _nil(value)
        if value is None:
            raise FilterArgumentError("cannot sort a null object", token=None)
        items = _as_list(value)
        prop = _nil(prop)
        if prop is None:
            return _ruby_sort(items, lambda x: x)
        if nils not in ("first", "last"):
            raise FilterArgumentError(f"invalid nils order: '{nils}' is not a valid nils "
                                      "order; it must be 'first' or 'last'", token=None)
        order = -1 if nils == "first" else 1
        keyed = [(_property(i, prop), i) for i in items]

        def cmp(a: tuple, b: tuple) -> int:
            if a[0] is not None and b[0] is None:
                return -order
            if a[0] is None and b[0] is not None:
                return order
            if a[0] is None and b[0] is None:
                return 0
            return _compare(a[0], b[0])

        import functools
        return [i for _, i in sorted(keyed, key=functools.cmp_to_key(cmp))]

    def array_op(value: Any, fn: Callable[[list], None]) -> Any:
        if not isinstance(value, list):
            return value
        copy = list(value)
        fn(copy)
        return copy

    def to_integer(value: Any) -> int:
        value = _nil(value)
        if value is True:
            return 1
        if value is False:
            return 0
        if isinstance(value, (int, float)):
            return int(value)
        match = re.match(r"\s*[-+]?\d+", to_s(value))
        return int(match.group()) if match else 0

    def number_of_words(value: Any, mode: Any = None) -> int:
        text = to_s(_nil(value))
        cjk = r"\u4e00-\u9fff\u3400-\u4dbf\u30a0-\u30ff\u3040-\u309f\uac00-\ud7af"
        cjk_count = len(re.findall(f"[{cjk}]", text))
        words = len(re.findall(rf"[^{cjk}\s]+", text))
        if mode == "cjk":
            return cjk_count + words
        if mode == "auto":
            return len(text.split()) if cjk_count == 0 else cjk_count + words
        return len(text.split())

    def array_to_sentence_string(value: Any, connector: Any = "and") -> str:
        items = [to_s(v) for v in _as_list(value)]
        connector = to_s(connector)
        if not items:
            return ""
        if len(items) == 1:
            return items[0]
        if len(items) == 2:
            return f"{items[0]} {connector} {items[1]}"
        return f"{', '.join(items[:-1])}, {connector} {items[-1]}"

    def pop_shift(value: Any, num: Any, front: bool) -> Any:
        n = to_integer(num)

        def edit(items: list) -> None:
            if front:
                del items[:n]
            elif n:
                del items[-n:]
        return array_op(value, edit)

    filters: dict[str, Callable[..., Any]] = {
        "relative_url": relative_url,
        "absolute_url": absolute_url,
        "strip_index": lambda v: None if not to_s(_nil(v)) else re.sub(
            r"/index\.html?$", "/", to_s(v)),
        "date": date_filter,
        "date_to_xmlschema": lambda v: _nil(v) if to_s(_nil(v)) == "" else xmlschema(time_of(v)),
        "date_to_rfc822": lambda v: _nil(v) if to_s(_nil(v)) == "" else rfc822(time_of(v)),
        "date_to_string": lambda v, kind=None, style=None: stringify_date(v, "%b", kind, style),
        "date_to_long_string": lambda v, kind=None, style=None: stringify_date(v, "%B", kind,
                                                                               style),
        "xml_escape": lambda v: _escape_xml(to_s(_nil(v))),
        "cgi_escape": lambda v: quote_plus(to_s(_nil(v)), safe="~"),
        "uri_escape": lambda v: quote(unicodedata.normalize("NFC", to_s(_nil(v))),
                                      safe="!#$&'()*+,/:;=?@[]~%"),
        "jsonify": lambda v: json.dumps(_json_data(v), ensure_ascii=False,
                                        separators=(",", ":")),
        "markdownify": lambda v: markdown(to_s(_nil(v))),
        "smartify": lambda v: smartypants(to_s(_nil(v))),
        "slugify": lambda v, mode=None: slugify(to_s(_nil(v)), _nil(mode)),
        "number_of_words": number_of_words,
        "array_to_sentence_string": array_to_sentence_string,
        "where": where,
        "where_exp": where_exp,
        "find": find,
        "find_exp": find_exp,
        "group_by": group_by,
        "group_by_exp": group_by_exp,
        "sort": sort,
        "push": lambda v, item: array_op(v, lambda items: items.append(item)),
        "pop": lambda v, num=1: pop_shift(v, num, front=False),
        "shift": lambda v, num=1: pop_shift(v, num, front=True),
        "unshift": lambda v, item: array_op(v, lambda items: items.insert(0, item)),
        "sample": lambda v, num=1: (random.choice(v) if to_integer(num) == 1 else random.sample(
            v, min(len(v), to_integer(num)))) if isinstance(v, list) and v else v,
        "inspect": lambda v: _escape_xml(ruby_inspect(_json_data(v))),
        "normalize_whitespace": lambda v: re.sub(r"\s+", " ", to_s(_nil(v))).strip(),
        "to_integer": to_integer,
    }
    for name, func in filters.items():
        env.add_filter(name, func)


def _tokens(expression: str) -> TokenStream:
    parent = Token("TOKEN_EXPRESSION", expression, 0, expression)
    return TokenStream(tokenize(expression, parent_token=parent))


def apply_filter(env: Environment, name: str, value: Any, *args: Any) -> Any:
    """Call a registered filter from Python (plugins build their output with the same filters
    that templates use)."""
    func = env.filters[name]
    kwargs: dict[str, Any] = {}
    if getattr(func, "with_environment", False):
        kwargs["environment"] = env
    return func(value, *args, **kwargs)


class FilterSet:
    """`filters["name"](value, …)` for Python code, backed by an environment's filters."""

    def __init__(self, env: Environment):
        self.env = env

    def __getitem__(self, name: str) -> Callable[..., Any]:
        return lambda value, *args: apply_filter(self.env, name, value, *args)
