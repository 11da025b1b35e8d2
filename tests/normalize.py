"""The forms of output files that comparisons with Jekyll's use: every file exactly as written,
but for the one stamp of the build time and the `../` that depend on where a site was built.
Text files come as lines, so that a difference reads as a diff."""

from __future__ import annotations

import re

TEXT = (".html", ".htm", ".xhtml", ".xml", ".css", ".js", ".json", ".txt", ".md", ".map",
        ".svg", ".yml", ".csv", ".tsv", ".rss", ".atom")


def mask_build_time(name: str, text: str) -> str:
    """The one stamp that differs between any two builds: jekyll-feed's `<updated>` of the
    feed itself (the build time; entries keep theirs)."""
    if name.endswith(".xml") and "<feed" in text:
        return re.sub(r"(<feed\b.*?)<updated>[^<]*</updated>", r"\1<updated>BUILD-TIME</updated>",
                      text, count=1, flags=re.S)
    return text


def canonical(name: str, data: bytes) -> list[str] | bytes:
    """The form of a file that comparison uses: its lines, or its bytes if it is not text."""
    lower = name.lower()
    if not lower.endswith(TEXT):
        return data
    text = mask_build_time(name, data.decode("utf-8"))
    if lower.endswith(".map"):
        # Sources outside the site are relative to where the site was built; the oracle builds
        # a copy elsewhere, so only the number of `../` may differ.
        text = re.sub(r'"(\.\./)+', '"../', text)
    return text.split("\n")
