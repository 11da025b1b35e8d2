"""`sitegen print`: the whole site as one PDF, rendered by headless Chromium.

The site is built in the printing environment into a scratch folder; every post's rendered
content goes into one book page (cover, contents, posts in date order), which Chromium prints
twice: once to learn on which page each post starts, once with those numbers in the contents.
Posts start on a new page, so the numbers cannot move between the two passes.
"""

from __future__ import annotations

import contextlib
import dataclasses
import html
import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterator
from urllib.parse import urljoin

from ..build import build
from ..config import Options
from ..errors import SiteError
from ..runtime import PRINT_CSS
from ..serve.folder import serving
from ..site import Document, Site

MARK = "SGPOST{:04d}"   # an invisible marker at the top of each post, found in the first pass

BOOK_CSS = """
@page { size: A4; margin: 20mm 18mm 22mm; }
body { font-family: Georgia, 'DejaVu Serif', serif; }
.sg-cover { height: 240mm; display: flex; flex-direction: column; justify-content: center;
  text-align: center; break-after: page; }
.sg-cover h1 { font-size: 30pt; margin: 0 0 0.4em; }
.sg-cover p { margin: 0.3em 0; font-size: 13pt; }
.sg-toc { break-after: page; }
.sg-toc ol { list-style: none; padding: 0; }
.sg-toc li { display: flex; align-items: baseline; margin: 0.35em 0; }
.sg-toc .sg-toc-title { flex: none; max-width: 80%; }
.sg-toc .sg-toc-dots { flex: 1; border-bottom: 1px dotted #777; margin: 0 0.4em; }
.sg-toc .sg-toc-page { flex: none; width: 3em; text-align: right; }
.sg-toc a { color: inherit; text-decoration: none; display: flex; width: 100%; align-items: baseline; }
article.sg-post { break-before: page; }
.sg-post-meta { color: #444; font-size: 0.95em; }
.sg-mark { color: #fff; font-size: 1px; }
"""
FOOTER = ('<div style="font-size:8pt;width:100%;text-align:center;color:#555">'
          '<span class="pageNumber"></span></div>')


@dataclass
class PrintResult:
    output: Path
    pages: int
    posts: int


def print_site(options: Options, output: Path, log: Callable[[str], None] = print) -> PrintResult:
    """Build `options`' site in the printing environment and print it to `output` (a PDF)."""
    scratch = Path(tempfile.mkdtemp(prefix="sitegen-print-"))
    try:
        site_root = scratch / "root"
        log("print: building the site in the printing environment …")
        result = build(dataclasses.replace(options, env="printing",
                                           destination=str(scratch / "site")), log=log)
        site = result.site
        base = str(site.config.get("baseurl") or "").strip("/")
        target = site_root / base if base else site_root
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(scratch / "site"), target)
        posts = sorted(site.posts.docs, key=lambda d: d.date,
                       reverse=_order(site) == "newest-first")
        if not posts:
            raise SiteError("sitegen print: the site has no posts to print")
        log(f"print: laying out {len(posts)} posts …")
        book = site_root / "sitegen-book.html"
        with serving(site_root) as url, _chromium() as print_pdf:
            book.write_text(compose(site, posts, None), encoding="utf-8")
            first = print_pdf(url + "/sitegen-book.html", scratch / "pass1.pdf")
            numbers = _post_pages(first, len(posts))
            log("print: numbering the contents …")
            book.write_text(compose(site, posts, numbers), encoding="utf-8")
            final = print_pdf(url + "/sitegen-book.html", scratch / "book.pdf")
        pages = _page_count(final)
        output.parent.mkdir(parents=True, exist_ok=True)
        tmp_out = output.with_name(f".{output.name}.tmp")
        shutil.copyfile(final, tmp_out)
        tmp_out.replace(output)
        log(f"print: wrote {output} ({pages} pages, {len(posts)} posts)")
        return PrintResult(output, pages, len(posts))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _order(site: Site) -> str:
    options = (site.config.get("sitegen") or {}).get("print") or {}
    order = str(options.get("order", "oldest-first"))
    if order not in ("oldest-first", "newest-first"):
        raise SiteError(f"sitegen.print.order must be oldest-first or newest-first (got {order!r})",
                        "_config.yml")
    return order


def compose(site: Site, posts: list[Document], numbers: list[int] | None) -> str:
    """The book as one HTML page: cover, contents (page numbers once known), the posts."""
    config = site.config
    e = html.escape
    author = config.get("author")
    if isinstance(author, dict):
        author = author.get("name")
    styles = "".join(f'<link rel="stylesheet" href="{e(href)}">' for href in _stylesheets(posts))
    cover = (f'<section class="sg-cover"><h1>{e(str(config.get("title") or "Untitled"))}</h1>'
             + (f'<p>{e(str(config["description"]))}</p>' if config.get("description") else "")
             + (f'<p>{e(str(author))}</p>' if author else "")
             + f'<p>{datetime.now():%-d %B %Y}</p></section>')
    toc = "".join(
        f'<li><a href="#sg-post-{i}"><span class="sg-toc-title">{e(_title(p))}</span>'
        f'<span class="sg-toc-dots"></span><span class="sg-toc-page">'
        f'{numbers[i] if numbers else "&nbsp;"}</span></a></li>' for i, p in enumerate(posts))
    # The includes inline sitegen's print stylesheet once per page; the book has it once.
    css = PRINT_CSS.read_text()
    articles = "".join(_article(i, p).replace(f"<style>{css}</style>", "")
                       for i, p in enumerate(posts))
    return ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f'<title>{e(str(config.get("title") or "Site"))}</title>{styles}'
            f'<style>{css}{BOOK_CSS}</style></head><body>{cover}'
            f'<section class="sg-toc"><h2>Contents</h2><ol>{toc}</ol></section>{articles}'
            '</body></html>')


def _title(doc: Document) -> str:
    return str(doc.data.get("title") or doc.data.get("slug") or doc.basename)


def _article(i: int, doc: Document) -> str:
    categories = doc.data.get("categories") or []
    meta = f"{doc.date:%-d %B %Y}" + (" · " + ", ".join(map(str, categories))
                                       if categories else "")
    return (f'<article class="sg-post" id="sg-post-{i}"><span class="sg-mark">{MARK.format(i)}'
            f'</span><h1 class="sg-post-title">{html.escape(_title(doc))}</h1>'
            f'<p class="sg-post-meta">{html.escape(meta)}</p>'
            f'{_absolute_urls(doc.content, doc.url)}</article>')


def _absolute_urls(content: str, page_url: str) -> str:
    """Relative `src`/`href` in a post resolve against the post's URL, not the book's."""
    def fix(match: re.Match) -> str:
        attr, quote, value = match.group(1), match.group(2), match.group(3)
        return f"{attr}={quote}{urljoin(page_url, value)}{quote}"
    return re.sub(r'\b(src|href)=(["\'])(?![a-z][a-z0-9+.-]*:|/|#)([^"\']*)\2', fix, content,
                  flags=re.I)


def _stylesheets(posts: list[Document]) -> list[str]:
    """The site's own stylesheets, as the first post's page links them, then sitegen's."""
    sheets: list[str] = []
    for match in re.finditer(r"<link\b[^>]*>", posts[0].output or "", re.I):
        tag = match.group(0)
        href = re.search(r'href=["\']([^"\']+)', tag)
        if re.search(r'rel=["\']?stylesheet', tag, re.I) and href and href.group(1) not in sheets:
            sheets.append(href.group(1))
    return sheets


# --- Chromium -------------------------------------------------------------------------------


def chromium_path() -> str | None:
    """The system's Chromium (Debian's package), else None: Playwright's own download."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


@contextlib.contextmanager
def _chromium() -> Iterator[Callable[[str, Path], Path]]:
    """One headless Chromium for both passes: a function that prints a URL to a PDF file."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise SiteError("sitegen print needs Playwright: pip install 'sitegen[print]'") from None
    executable = chromium_path()
    with sync_playwright() as p:
        try:
            browser = p.chromium.launch(executable_path=executable,
                                        args=["--no-sandbox", "--disable-gpu"])
        except Exception as err:  # noqa: BLE001 - Playwright's errors are plain Exceptions
            raise SiteError("sitegen print could not start Chromium (apt-get install chromium, "
                            f"or: playwright install chromium): {str(err).splitlines()[0]}") from None

        def print_pdf(url: str, path: Path) -> Path:
            page = browser.new_page()
            try:
                page.goto(url, wait_until="networkidle")
                page.emulate_media(media="print")
                page.pdf(path=str(path), format="A4", print_background=True,
                         display_header_footer=True, header_template="<div></div>",
                         footer_template=FOOTER, prefer_css_page_size=True)
            finally:
                page.close()
            return path

        try:
            yield print_pdf
        finally:
            browser.close()


def _post_pages(pdf: Path, count: int) -> list[int]:
    """The 1-based page on which each post's marker appears."""
    from pypdf import PdfReader

    texts = [page.extract_text() or "" for page in PdfReader(str(pdf)).pages]
    numbers = []
    start = 0
    for i in range(count):
        mark = MARK.format(i)
        found = next((n for n in range(start, len(texts)) if mark in texts[n]), None)
        if found is None:
            raise SiteError(f"sitegen print: could not find post {i + 1} in the laid-out book")
        numbers.append(found + 1)
        start = found
    return numbers


def _page_count(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(pdf)).pages)
