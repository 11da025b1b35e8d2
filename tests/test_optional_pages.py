"""Pages made of Markdown files without front matter (jekyll-optional-front-matter,
jekyll-readme-index) while serving: an edit gives what a full build of the same source gives,
also for the copy of the original file that is still published beside the page. (What the
builds give is checked against real Jekyll by the fixture sites `optional_*` and `readme_*`.)"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sitegen.build import build
from sitegen.config import Options
from sitegen.serve.session import Session

from .conftest import snapshot, write

LAYOUT = ("<html><title>{{ page.title }}</title><body>{{ content }}\n"
          "<ol>{% for p in site.pages %}<li>{{ p.url }} {{ p.title }}</li>{% endfor %}</ol>\n"
          "</body></html>\n")


def make_site(root: Path, config: str) -> None:
    write(root, {
        "_config.yml": "title: Optional\n" + config + "defaults:\n  - scope: {path: \"\"}\n"
                       "    values: {layout: default}\n",
        "_layouts/default.html": LAYOUT,
        "index.html": "---\ntitle: Home\n---\nHome\n",
        "plain.md": "Plain *text* without front matter.\n",
        "docs/README.md": "The docs' readme.\n",
        "docs/guide.md": "# Guide\n\nSee [the readme](README.md).\n",
    })


def served_and_clean(tmp_path: Path, config: str) -> tuple[Path, Session]:
    source = tmp_path / "src"
    make_site(source, config)
    session = Session(Options(source=str(source), destination=str(tmp_path / "served"),
                              parallel=False))
    session.full()
    return source, session


def assert_as_clean_build(tmp_path: Path) -> None:
    clean = tmp_path / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    build(Options(source=str(tmp_path / "src"), destination=str(clean), parallel=False))
    assert snapshot(tmp_path / "served") == snapshot(clean)


PLUGINS = "plugins: [jekyll-optional-front-matter, jekyll-readme-index]\n"
REMOVED = ("optional_front_matter: {remove_originals: true}\n"
           "readme_index: {remove_originals: true}\n")


@pytest.mark.parametrize("name", ["plain.md", "docs/README.md", "docs/guide.md"])
@pytest.mark.parametrize("config,kind", [(PLUGINS, "full"), (PLUGINS + REMOVED, "incremental")])
def test_a_body_edit_gives_what_a_full_build_gives(name: str, config: str, kind: str,
                                                    tmp_path: Path) -> None:
    """A page whose original is copied too is built whole (the copy changes with it); with
    the originals removed, only the page is rendered again."""
    source, session = served_and_clean(tmp_path, config)
    path = source / name
    path.write_text(path.read_text() + "\nAn added *paragraph*.\n")
    assert session.update({path}).kind == kind
    assert_as_clean_build(tmp_path)
    assert "added <em>paragraph</em>" in (tmp_path / "clean" / _output(name)).read_text()


def test_a_file_read_as_two_pages_is_built_whole(tmp_path: Path) -> None:
    """`include:` makes a README a page of jekyll-optional-front-matter too, beside the index
    page jekyll-readme-index makes of it (which takes the original away): an edit must reach
    both."""
    source, session = served_and_clean(tmp_path, PLUGINS + "include: [README.md]\n"
                                       "readme_index: {remove_originals: true}\n")
    path = source / "docs/README.md"
    path.write_text("Edited readme.\n")
    assert session.update({path}).kind == "full"
    assert_as_clean_build(tmp_path)
    assert "Edited readme." in (tmp_path / "clean/docs/README.html").read_text()
    assert "Edited readme." in (tmp_path / "clean/docs/index.html").read_text()


@pytest.mark.parametrize("text", ["---\ntitle: Now with front matter\n---\nPlain.\n",
                                  "# A heading gives a title\n\nPlain.\n"])
def test_front_matter_or_a_heading_added_gives_a_full_build(text: str, tmp_path: Path) -> None:
    """Front matter changes what the page is; with jekyll-titles-from-headings (on by default
    on GitHub Pages) the first heading is the page's title in every listing."""
    config = PLUGINS.replace("[", "[jekyll-titles-from-headings, jekyll-default-layout, ") \
        + REMOVED
    source, session = served_and_clean(tmp_path, config)
    path = source / "plain.md"
    path.write_text(text)
    assert session.update({path}).kind == "full"
    assert_as_clean_build(tmp_path)


def _output(name: str) -> str:
    return {"plain.md": "plain.html", "docs/README.md": "docs/index.html",
            "docs/guide.md": "docs/guide.html"}[name]
