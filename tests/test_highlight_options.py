"""kramdown's `syntax_highlighter_opts` (line numbers, a default language, the `<pre>` class,
no wrapper, highlighting off) and the site's `highlighter`, for code blocks and spans: each
config converts the same Markdown through real Jekyll and through sitegen; the HTML must be
the same."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sitegen.render.highlight import CodeOptions, code_options
from sitegen.render.markdown import markdown_converter

from .oracle import ruby_json

ORACLE = Path(__file__).parent / "jekyll_oracle.rb"
OPTS = "syntax_highlighter_opts"

# Code of every kind kramdown highlights: fences with and without a language (known to Rouge
# or not), indented blocks, a language from an attribute list, code spans.
TEXTS = [
    "```python\nx = 1\ny = 2\n```\n", "```\nplain\n```\n", "    indented\n    two\n",
    "```unknownlang\nz\n```\n", "```text\nt\n```\n", "```plaintext\nt\n```\n",
    "~~~\ndef what?\n  42\nend\n~~~\n{: .language-ruby}\n",
    "```ruby\nputs 1\n```\n{: .extra #myid}\n", "x `y` z `echo a`{:.language-sh} w\n",
    "`a`{:.foo}\n", "`x`{:.language-unknownlang}\n", "`<b>&`\n", "```\n```\n",
    "```sh\n\n\n```\n", "- item\n\n  ```js\n  var a;\n  ```\n",
    "```guess\n#!/bin/bash\necho\n```\n", "```console\n$ ls\n```\n",
    "```php?start_inline=1\n$x = 1;\n```\n", '<div markdown="1">\n```yaml\na: 1\n```\n</div>\n',
    "```html\n<b>&amp;</b>\n```\n", "```csharp\nvar x = 1.5m;\n```\n",
]

CONFIGS: dict[str, dict[str, Any]] = {
    "chirpy": {"kramdown": {OPTS: {"css_class": "highlight", "span": {"line_numbers": False},
                                   "block": {"line_numbers": True, "start_line": 1}}}},
    "table-options": {"kramdown": {OPTS: {"block": {
        "line_numbers": True, "start_line": 5, "line_format": "%03d", "table_class": "t",
        "gutter_class": "g", "code_class": "c"}}}},
    "numbers-everywhere": {"kramdown": {OPTS: {"line_numbers": True}}},
    "default-lang": {"kramdown": {OPTS: {"default_lang": "ruby"}}},
    "block-default-lang": {"kramdown": {OPTS: {"block": {"default_lang": "console"}}}},
    "css-class": {"kramdown": {OPTS: {"css_class": "code"}}},
    "no-guess": {"kramdown": {"guess_lang": False}},
    "text-no-guess": {"kramdown": {OPTS: {"default_lang": "text"}, "guess_lang": False}},
    "no-wrap": {"kramdown": {OPTS: {"block": {"wrap": False}}}},
    "disable": {"kramdown": {OPTS: {"disable": True}}},
    "disable-blocks": {"kramdown": {OPTS: {"block": {"disable": True}}}},
    "odd-keys": {"kramdown": {OPTS: {":line_numbers": True, " css_class ": "x"}}},
    "highlighter-none": {"highlighter": "none"},
    "kramdown-highlighter-none": {"kramdown": {"syntax_highlighter": "none"}},
}


@pytest.mark.jekyll
@pytest.mark.parametrize("name", CONFIGS)
def test_code_converts_as_kramdown_with_options(name: str) -> None:
    config = CONFIGS[name]
    expected = ruby_json(ORACLE, {"markdown": TEXTS, "config": config})["markdown"]
    convert = markdown_converter(config)
    differing = [(text, want, convert(text)) for text, want in zip(TEXTS, expected)
                 if convert(text) != want]
    assert not differing, f"{len(differing)} of {len(TEXTS)} differ; the first:\n" + \
        "\n".join(repr(x) for x in differing[0])


def test_block_and_span_options_merge_as_kramdown_merges_them() -> None:
    """The shared options, then `block:` or `span:` over them; spans never wrap; Jekyll's
    default language and `guess_lang` always set."""
    options = code_options({"kramdown": {OPTS: {"css_class": "x", "line_numbers": True,
                                                "span": {"line_numbers": False},
                                                "block": {"start_line": 3}}}})
    assert options["code_block"] == CodeOptions(css_class="x", line_numbers=True, start_line=3)
    assert options["code_span"] == CodeOptions(css_class="x", wrap=False)
    assert code_options({})["code_block"] == CodeOptions()
