"""jekyll-gist (1.5): `{% gist user/id %}`, `{% gist id file.py %}`, either argument a
variable, writes GitHub's embedding script for the gist (`?file=` for one file).

Before the script the gem puts a `<noscript>` copy of the code, which it fetches from
gist.githubusercontent.com while building. sitegen never fetches, so that builds are fast and
the same on every machine: it writes the script alone, as the gem does with
`gist: {noscript: false}`, and says so once per build unless the site set that. (When the
gem's fetch fails, as on a machine without network access, it writes a stray `true` before
the script, the value of its warning call; sitegen does not copy that.)"""

from __future__ import annotations

import re
from typing import Any, TextIO

from liquid.exceptions import LiquidError
from liquid.undefined import Undefined

from ..render.lax import lax_expression
from ..render.ruby import ruby_to_s
from ..render.tags import InlineTag, MarkupNode

# The gem's own pattern: an id without spaces, or anything up to and past a `/`, then a file.
ARGUMENTS = re.compile(r"\A([\S]+|.*(?=/).+)\s?(\S*)\Z")
SYNTAX_HELP = """Syntax error in tag 'gist' while parsing the following markup:

    {markup}

  Valid syntax:
    {{% gist user/1234567 %}}
    {{% gist user/1234567 foo.js %}}
    {{% gist 28949e1d5ee2273f9fd3 %}}
    {{% gist 28949e1d5ee2273f9fd3 best.md %}}"""


def argument(context: Any, markup: str, token: Any) -> str:
    """The gem's `context[markup] if context.key?(markup)`: the value of `markup` read as
    Liquid's `Expression.parse` reads it (a literal reads as itself, quotes taken off), else
    the text itself."""
    value = lax_expression(markup, token).evaluate(context)
    return markup if value is None or isinstance(value, Undefined) else ruby_to_s(value)


def script_tag(gist_id: str, filename: str) -> str:
    url = f"https://gist.github.com/{gist_id}.js"
    url += f"?file={filename}" if filename else ""
    return f'<script src="{url}"> </script>'


def _would_fetch(context: Any) -> bool:
    """Whether the gem would fetch the code for a `<noscript>` copy: unless `noscript: false`."""
    settings = context.env.renderer.site.config.get("gist")
    return not (isinstance(settings, dict) and settings.get("noscript") is False)


def _note_no_code(context: Any) -> None:
    context.env.renderer.warnings[
        "warning: jekyll-gist: sitegen does not fetch gists, so pages embed GitHub's script "
        "without a <noscript> copy of the code (set gist: {noscript: false} in _config.yml to "
        "say that this is wanted)"] = None


class GistNode(MarkupNode):
    def render_to_output(self, context: Any, buffer: TextIO) -> int:
        match = ARGUMENTS.match(self.markup)
        if match is None:
            raise LiquidError(SYNTAX_HELP.format(markup=self.markup), token=self.token)
        gist_id = argument(context, match.group(1).strip(), self.token)
        filename = argument(context, match.group(2).strip(), self.token)
        if _would_fetch(context):
            _check_url(gist_id, filename, self.token)
            _note_no_code(context)
        return buffer.write(script_tag(gist_id, filename))


def _check_url(gist_id: str, filename: str, token: Any) -> None:
    """The gem builds the code's URL before fetching it; one that Ruby's `URI` refuses (a
    space, say: `{% gist user/1 a b %}` is all one id) fails Jekyll's build, so it fails
    here too."""
    raw = f"https://gist.githubusercontent.com/{gist_id}/raw/{filename}"
    bad = re.search(r"[^A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]", raw)
    if bad:
        raise LiquidError(f"bad URI(is not URI?): {raw!r} (gist tag: the character "
                          f"{bad.group(0)!r} cannot be in a gist's id or file name)",
                          token=token)


class GistTag(InlineTag):
    name = "gist"
    node_class = GistNode


TAGS = [GistTag]
