"""The short path for plain `key: value` front matter must read exactly what PyYAML reads."""

import random
from datetime import date, datetime

import pytest
import yaml

from sitegen.read.yamlfile import _Loader, _simple_mapping, load_yaml

KEYS = ["layout", "title", "date", "tags", "categories", "published", "order", "x_1", "a-b",
        "yes", "No", "null", "on", "y", "_", "1st", "Title", "ke y", "k:", " indented",
        "k" * 1024, "k" * 1025]   # libyaml takes keys of up to 1,024 characters
VALUES = [
    "post", "Hello, world", "Don't panic", 'The "best" model', "a  b", "a ,b", "a}", "a]",
    "C#", "a #b", "a: b", "a:b", "a:", "yes", "Yes", "YES", "yEs", "no", "on", "OFF", "true",
    "False", "null", "Null", "NULL", "~", "~x", "y", "n", "0", "7", "-3", "+4", "007", "0x1f",
    "0b101", "0o17", "1_000", "1:30", "1.5", ".5", "-.5", "1e3", "1.0e+3", ".inf", "-.Inf",
    ".nan", ".NaN", ".hidden", "2020-01-02", "2020-1-2", "2020-01-02 10:00:00",
    "2020-01-02T10:00:00Z", "2020-01-02 10:00:00.5 +01:00", "2020-01-02 10:00:00 +0100",
    "2023-02-30", "2023-02-30 10:00:00", "2023-13-01", "/blog/", "(draft)", "_x", "é tudes",
    "naïve", "日本語", "a\u2028b", "a\x85b", "a\tb", "a\ufffeb", "a\uffffb", "\"\uffff\"",
    "[a\ufffe]", "\ufffd", "0x_", "0b_", "0x1_f", "1_:0", "\"quoted\"", "\"with # and: colon\"",
    "\"esc\\\"aped\"", "\"back\\\\slash\"", "'single'", "'it''s'", "''", "\"\"", "[]", "[ ]",
    "[a]", "[a, b]", "[a,b]", "[ a , b ]", "[a b, c]", "[yes, 1, ~]", "[a, ]", "[a, [b]]",
    "[\"a\", b]", "[a: b]", "[a #b]", "{a: b}", "|", ">", "&anchor x", "*alias", "!tag x",
    "%x", "@x", "`x`", "?x", "-x", "- x", "-1-2", "---", "...", "-", ",x", "a\\b", "",
]
SEPARATORS = [": ", ":  ", ":", ":\t", " : "]
ENDINGS = ["", " ", "  # note", "\r"]


def _line(rng: random.Random) -> str:
    if rng.random() < 0.05:
        return rng.choice(["", "  ", "# comment", "- item", "  - item", "  nested: 1", "\t",
                           "---", "..."])
    value = rng.choice(VALUES)
    separator = rng.choice(SEPARATORS) if rng.random() < 0.3 else ": "
    if value == "" and separator == ": ":
        separator = ":"
    ending = rng.choice(ENDINGS) if rng.random() < 0.1 else ""
    return rng.choice(KEYS) + separator + value + ending


def _pyyaml(text: str):
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass


def _same(a, b) -> bool:
    """Equal, and of the same types all the way down (True == 1, but not for YAML)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and a != a:
        return b != b
    if isinstance(a, (datetime, date)):
        return a == b and getattr(a, "tzinfo", None) == getattr(b, "tzinfo", None)
    return a == b


def test_short_path_reads_what_pyyaml_reads():
    """Random front matter from plain, quoted, typed, malformed and near-miss lines: where the
    short path answers, PyYAML answers the same; where PyYAML fails, the short path declines."""
    rng = random.Random(20261129)
    answered = 0
    for _ in range(50000):
        text = "\n".join(_line(rng) for _ in range(rng.randint(1, 5))) + rng.choice(["\n", ""])
        simple = _simple_mapping(text)
        if simple is None:
            continue
        answered += 1
        try:
            expected = _pyyaml(text)
        except yaml.YAMLError as err:
            pytest.fail(f"short path read {text!r} as {simple!r}; PyYAML: {err}")
        assert _same(simple, expected), (text, simple, expected)
    assert answered > 3000   # the short path is really taken


@pytest.mark.parametrize("text", [
    "layout: post\ntitle: \"Encoder accuracy canvas frame 0\"\ncategories: [tools]\n"
    "tags: [opencv, jekyll]\n",
    "layout: post\ntitle:  \"Welcome to Jekyll!\"\ndate:   2023-01-05 10:00:00 +0100\n"
    "categories: jekyll update\n",
    "title: A U-Net in the browser\ndate: 2024-03-01\npublished: false\norder: 2\nmodel: unet\n",
])
def test_usual_front_matter_takes_the_short_path(text):
    assert _simple_mapping(text) is not None
    assert _same(load_yaml(text, "post.md"), _pyyaml(text))
