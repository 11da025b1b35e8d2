"""jekyll-archives beyond the fixture sites (which Jekyll checks, see tests/sites/archives*):
`serve`'s rebuilds after edits give what a full build gives, also for archive pages that show
posts' bodies or excerpts, and a parallel build gives what a serial one gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sitegen.build import build
from sitegen.config import Options
from sitegen.render.plan import PARALLEL_MIN_DOCS
from sitegen.serve.session import Session

from .conftest import snapshot

ARCHIVE = """---
layout: default
---
<h1>{{ page.type }} {{ page.title }} {{ page.date | date: "%Y-%m-%d" }}</h1>
{% for post in page.posts %}<article><h2>{{ post.title }}</h2>
{% if page.type == "day" %}{{ post.content }}{% else %}{{ post.excerpt }}{% endif %}</article>
{% endfor %}"""


def make_site(root: Path, count: int = 4) -> None:
    files = {
        "_config.yml": "title: Archives\nplugins: [jekyll-archives]\n"
                       "jekyll-archives:\n  enabled: all\n",
        "_layouts/default.html": "<html><body>{{ content }}</body></html>\n",
        "_layouts/archive.html": ARCHIVE,
        "index.html": "---\nlayout: default\n---\n{% for a in site.archives %}"
                      "<a href=\"{{ a.url }}\">{{ a.type }} {{ a.title }}</a>{% endfor %}\n",
    }
    for i in range(count):
        day = f"2023-{1 + i % 12:02d}-{1 + i % 28:02d}"
        files[f"_posts/{day}-post-{i}.md"] = (
            f"---\nlayout: default\ntitle: Post {i}\ntags: [t{i % 3}, Shared Tag]\n"
            f"categories: [c{i % 2}]\n---\nFirst paragraph {i}.\n\nSecond paragraph {i}.\n")
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


def first_post(root: Path) -> Path:
    return sorted((root / "_posts").glob("*.md"))[0]


@pytest.mark.parametrize("where", ["First paragraph", "Second paragraph"])
def test_a_body_edit_rewrites_the_archives_that_show_it(where: str, tmp_path: Path) -> None:
    """Editing the excerpt changes tag, category, year and month archives; editing the rest
    changes only the day archive (and the post): the rebuild matches a full build."""
    source, served, clean = tmp_path / "src", tmp_path / "served", tmp_path / "clean"
    make_site(source)
    session = Session(Options(source=str(source), destination=str(served), parallel=False))
    session.full()
    before = snapshot(served)
    post = first_post(source)
    post.write_text(post.read_text().replace(where, f"Edited {where.lower()}"))
    update = session.update({post})
    assert update.kind == "incremental"
    build(Options(source=str(source), destination=str(clean), parallel=False))
    after = snapshot(served)
    assert after == snapshot(clean)
    rewritten = {name for name in after if after[name] != before.get(name)}
    assert "2023/01/01/index.html" in rewritten
    assert ("tag/shared-tag/index.html" in rewritten) == (where == "First paragraph")
    assert update.files == len(rewritten)


@pytest.mark.parametrize("edited", ["_layouts/archive.html", "front matter"])
def test_other_edits_still_match_full_builds(edited: str, tmp_path: Path) -> None:
    """An archive layout's edit, or a post's tags, give the pages a full build gives."""
    source, served, clean = tmp_path / "src", tmp_path / "served", tmp_path / "clean"
    make_site(source)
    session = Session(Options(source=str(source), destination=str(served), parallel=False))
    session.full()
    if edited == "front matter":
        path = first_post(source)
        path.write_text(path.read_text().replace("Shared Tag", "New Tag"))
    else:
        path = source / edited
        path.write_text(path.read_text().replace("<h1>", "<h1 class=\"edited\">"))
    session.update({path})
    build(Options(source=str(source), destination=str(clean), parallel=False))
    assert snapshot(served) == snapshot(clean)
    assert (edited == "front matter") == (served / "tag/new-tag/index.html").is_file()


def test_a_parallel_build_matches_a_serial_one(tmp_path: Path) -> None:
    """Posts render in worker processes on big sites when no template reads their bodies
    (excerpts it may): the archives, rendered after them, see their excerpts rendered."""
    source = tmp_path / "src"
    make_site(source, count=PARALLEL_MIN_DOCS)
    layout = source / "_layouts/archive.html"
    layout.write_text(layout.read_text().replace("post.content", "post.title"))
    outputs = []
    for parallel in (False, True):
        out = tmp_path / f"out-{parallel}"
        shutil.rmtree(out, ignore_errors=True)
        build(Options(source=str(source), destination=str(out), parallel=parallel))
        outputs.append(snapshot(out))
    assert outputs[0] == outputs[1]
    assert b"<p>First paragraph 0.</p>" in outputs[0]["tag/shared-tag/index.html"]
