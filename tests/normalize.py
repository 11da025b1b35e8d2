"""Canonical forms of output files, so that comparisons ignore only what a browser ignores:
whitespace between block-level tags, runs of whitespace in text, attribute order, comments,
`<br>` versus `<br />`. Text inside `<pre>`, `<code>` and `<textarea>` is kept exactly."""

from __future__ import annotations

import re
from html.parser import HTMLParser

BLOCK = {
    "address", "article", "aside", "blockquote", "body", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "head", "header", "hr", "html", "li", "link", "main", "meta", "nav", "noscript", "ol", "p",
    "pre", "script", "section", "style", "summary", "table", "tbody", "td", "tfoot", "th",
    "thead", "title", "tr", "ul", "base", "br", "!doctype", "svg", "source", "video", "iframe",
}
PRESERVE = {"pre", "code", "textarea", "script", "style"}


class _Canon(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.text: list[str] = []
        self.keep = 0

    def _flush(self, next_is_block: bool) -> None:
        text = "".join(self.text)
        self.text = []
        if not text:
            return
        if not self.keep:
            text = re.sub(r"\s+", " ", text)
            previous = self.lines[-1].split(" ")[0].lstrip("</").rstrip(">") if self.lines else ""
            if not self.lines or previous in BLOCK:
                text = text.lstrip()
            if next_is_block:
                text = text.rstrip()
        if text:
            self.lines.append("TEXT " + repr(text))

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self._flush(tag in BLOCK)
        attrs_text = " ".join(f'{k}="{v if v is not None else ""}"' for k, v in sorted(attrs))
        self.lines.append(f"<{tag}{' ' + attrs_text if attrs_text else ''}>")
        if tag in PRESERVE:
            self.keep += 1

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.handle_starttag(tag, attrs)
        if tag in PRESERVE:
            self.keep -= 1

    def handle_endtag(self, tag: str) -> None:
        self._flush(tag in BLOCK)
        self.lines.append(f"</{tag}>")
        if tag in PRESERVE and self.keep:
            self.keep -= 1

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        pass

    def handle_decl(self, decl: str) -> None:
        self._flush(True)
        self.lines.append(f"<!{decl.lower()}>")

    def close(self) -> None:
        super().close()
        self._flush(True)


def canonical_html(text: str) -> list[str]:
    """One line per tag or text run, in a form where insignificant differences vanish."""
    parser = _Canon()
    parser.feed(text)
    parser.close()
    return parser.lines


def canonical_text(text: str) -> list[str]:
    """Other text files (XML, CSS, JSON…): trailing whitespace and blank lines ignored."""
    return [line.rstrip() for line in text.splitlines() if line.strip()]


def mask_build_time(name: str, text: str) -> str:
    """The one stamp that differs between any two builds: jekyll-feed's `<updated>` of the
    feed itself (the build time; entries keep theirs)."""
    if name.endswith(".xml") and "<feed" in text:
        return re.sub(r"(<feed\b.*?)<updated>[^<]*</updated>", r"\1<updated>BUILD-TIME</updated>",
                      text, count=1, flags=re.S)
    return text


def canonical(name: str, data: bytes) -> list[str] | bytes:
    """The form of a file that comparison uses, chosen by its extension."""
    lower = name.lower()
    if lower.endswith(".xml"):
        return canonical_text(mask_build_time(name, data.decode("utf-8")))
    if lower.endswith(".map"):
        # Sources outside the site are relative to where the site was built; the oracle builds
        # a copy elsewhere, so only the number of `../` may differ.
        return canonical_text(re.sub(r'"(\.\./)+', '"../', data.decode("utf-8")))
    if lower.endswith((".html", ".htm", ".xhtml")):
        return canonical_html(data.decode("utf-8"))
    if lower.endswith((".xml", ".css", ".js", ".json", ".txt", ".md", ".map", ".svg", ".yml",
                       ".csv", ".tsv", ".rss", ".atom")):
        return canonical_text(data.decode("utf-8"))
    return data
