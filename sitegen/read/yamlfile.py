"""YAML as Jekyll's Psych reads it, with errors that carry the file and line."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from typing import Any

import yaml

from ..errors import SiteError, line_at


_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser is ~10x faster


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """A safe loader whose timestamps without a zone are UTC, as Psych makes them."""


def _timestamp(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    try:
        value = yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        value = _rolled_on(loader, node)
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value


def _rolled_on(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    """A timestamp that names a day its month does not have, as Psych reads it: with a time,
    Ruby's `Time.utc` rolls days up to the 31st on into the next month; anything else stays
    text (which Jekyll's `Time.parse` then rolls on, or rejects)."""
    text = loader.construct_scalar(node)
    match = loader.timestamp_regexp.match(text)
    if match is None or match["hour"] is None or not 28 < int(match["day"]) <= 31:
        return text
    first = yaml.ScalarNode(node.tag, text[:match.start("day")] + "01" + text[match.end("day"):])
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, first) + \
            timedelta(days=int(match["day"]) - 1)
    except ValueError:
        return text


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


class _RedefiningLoader(yaml.SafeLoader):
    """The pure-Python loader for text that defines an anchor twice, which Psych accepts: a
    later `&X` replaces the earlier one for the aliases after it. libyaml's composer refuses
    that, so this one forgets the old anchor before composing the new one."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if not isinstance(event, yaml.AliasEvent) and event.anchor is not None:
            self.anchors.pop(event.anchor, None)
        return super().compose_node(parent, index)


_RedefiningLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def _parse(text: str) -> Any:
    """`text` through libyaml, or through the Python loader when an anchor is redefined."""
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.composer.ComposerError as err:
        if "duplicate anchor" not in str(err.context):
            raise
    return yaml.load(text, Loader=_RedefiningLoader)  # noqa: S506 - a SafeLoader subclass


def load_yaml(text: str, path: str, first_line: int = 1, what: str = "YAML") -> Any:
    """Parse `text` (which starts at `first_line` of `path`); a syntax error names the line
    and `what` did not parse."""
    simple = _simple_mapping(text)
    if simple is not None:
        return simple
    try:
        return _parse(text)
    except yaml.MarkedYAMLError as err:
        # The context mark is where the broken construct starts (an unclosed `[`); the problem
        # mark is often just the end of the text, which says less.
        mark = err.context_mark or err.problem_mark
        line = (mark.line + first_line) if mark else first_line
        column = (mark.column + 1) if mark else None
        reason = "; ".join(str(p) for p in (err.problem, err.context) if p) or "invalid YAML"
        source = line_at(text, line - first_line + 1)
        raise SiteError(f"{what} does not parse: {reason}", path, line, column,
                        source) from None
    except yaml.YAMLError as err:
        raise SiteError(f"{what} does not parse: {err}", path, first_line) from None
    except ValueError as err:   # a number PyYAML matches but cannot make (`0x_`)
        raise SiteError(f"{what} does not parse: {err}", path, first_line) from None


# --- the usual front matter, read without the YAML machinery --------------------------------
# Most front matter is a few `key: value` lines. PyYAML spends ~30 µs on each post building
# events and nodes in Python; such lines need one regular expression, and their scalars go
# through PyYAML's own resolver and constructors. Anything else goes to PyYAML whole.

# YAML's line breaks and the characters it does not accept (or that read_text cannot give)
_BAD = "\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029\\ud800-\\udfff\\ufeff\\ufffe\\uffff"
# What may start a plain scalar: these ASCII characters, or any that is not ASCII, a C1 control or
# bad (a negated class: the same set spelled as ranges takes 3 ms to compile, each build).
_START = "(?:[A-Za-z0-9_.~(/+]|[^\\x00-\\x9f\\u2028\\u2029\\ud800-\\udfff\\ufeff\\ufffe\\uffff])"
_PLAIN = rf"(?:{_START}|-(?=[0-9.]))(?:[^#:{_BAD}]|:(?=[^ ]))*(?<! )"   # one line, no `#`
_LINE = re.compile(
    rf"(?P<key>[A-Za-z_][A-Za-z0-9_-]{{0,1023}}):(?:[ ]+(?:(?P<plain>{_PLAIN})"
    rf'|"(?P<double>[^"\\\\{_BAD}]*)"|\'(?P<single>[^\'{_BAD}]*)\''
    r"|\[(?P<list>[^\[\]{}]*)\]))?")
_ITEM = re.compile(rf"{_START}[^,\[\]{{}}#:\"'{_BAD}]*(?<! )")
_STR = "tag:yaml.org,2002:str"


def _simple_mapping(text: str) -> dict[str, Any] | None:
    """`text` as PyYAML reads it when it is only `key: value` lines whose values are plain
    scalars on one line, quoted text without escapes or `[a, b]`; None otherwise."""
    data: dict[str, Any] = {}
    for line in text.split("\n"):
        match = _LINE.fullmatch(line)
        if match is None:
            if line.strip(" "):
                return None
            continue
        try:
            key, value = match["key"], _value(match)
        except (_Declined, ValueError):   # ValueError: `0x_`, which PyYAML reports in full
            return None
        data[key] = value
    return data or None


def _value(match: re.Match) -> Any:
    if _scalar(match["key"]) != match["key"]:
        raise _Declined   # `yes:`, `null:`… are not text keys
    if match["double"] is not None or match["single"] is not None:
        return match["double"] if match["double"] is not None else match["single"]
    if match["list"] is not None:
        inside = match["list"].strip(" ")
        items = [item.strip(" ") for item in inside.split(",")] if inside else []
        if not all(_ITEM.fullmatch(item) for item in items):
            raise _Declined
        return [_scalar(item) for item in items]
    return _scalar(match["plain"] or "")


class _Declined(Exception):
    """A line the short path leaves to PyYAML."""


def _scalar(text: str) -> Any:
    """A plain scalar, resolved and constructed by PyYAML's own rules."""
    tag = _SCALARS.resolve(yaml.ScalarNode, text, (True, False))
    if tag == _STR:
        return text
    return _SCALARS.yaml_constructors[tag](_SCALARS, yaml.ScalarNode(tag, text))


_SCALARS = _Loader("")
