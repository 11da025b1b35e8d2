"""Incremental rebuilds are provably the same as full builds: random sequences of edits, and
after each one the served output equals a clean full build of the same source, byte for byte."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from sitegen.build import build
from sitegen.config import Options
from sitegen.render.plan import PARALLEL_MIN_DOCS
from sitegen.serve.session import Session

from .conftest import snapshot

LAYOUT = """<html><head>{% seo %}</head><body><nav>{% include nav.html %}</nav>{{ content }}
<p>{% if page.previous %}{{ page.previous.title }}{% endif %}|{% if page.next %}{{ page.next.title }}{% endif %}</p>
<footer>{{ site.data.info.owner }}</footer></body></html>
"""
INDEX = """---
layout: default
title: Home
---
{% for post in site.posts %}<article><h2>{{ post.title }}</h2>{{ post.excerpt }}</article>
{% endfor %}"""
ARCHIVE = """---
layout: default
title: Everything
---
{% for post in site.posts %}<section>{{ post.content }}</section>{% endfor %}"""


def make_site(root: Path) -> None:
    files = {
        "_config.yml": "title: Incremental\nurl: https://example.org\ntime: 2024-01-01\n"
                       "plugins: [jekyll-feed, jekyll-seo-tag, jekyll-sitemap]\n",
        "_layouts/default.html": LAYOUT,
        "_includes/nav.html": "<a href=\"/\">home</a>",
        "_data/info.yml": "owner: Ada\n",
        "index.html": INDEX,
        "archive.html": ARCHIVE,
        "about.md": "---\nlayout: default\ntitle: About\n---\nAbout *us*.\n",
        "assets/site.css": "body { margin: 0 }\n",
    }
    for i in range(6):
        files[f"_posts/2023-0{i + 1}-0{i + 1}-post-{i}.md"] = (
            f"---\nlayout: default\ntitle: Post {i}\ncategories: [c{i % 2}]\n---\n"
            f"First paragraph {i}.\n\nSecond paragraph {i}.\n")
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


def posts(root: Path) -> list[Path]:
    return sorted((root / "_posts").glob("*.md"))


def edit(rng: random.Random, root: Path, step: int) -> set[Path]:
    """One random edit of the kinds an author makes; returns the paths it touched."""
    kind = rng.choice(["body", "body", "body", "page-body", "title", "date", "categories",
                       "layout", "include", "data", "new", "delete", "rename", "static"])
    all_posts = posts(root)
    post = rng.choice(all_posts)
    if kind == "body":
        text = post.read_text()
        post.write_text(text + f"\nAdded paragraph {step} with *emphasis*.\n")
        return {post}
    if kind == "page-body":
        page = root / "about.md"
        page.write_text(page.read_text() + f"\nMore about us, take {step}.\n")
        return {page}
    if kind in ("title", "date", "categories"):
        text = post.read_text()
        head, body = text.split("---\n", 2)[1], text.split("---\n", 2)[2]
        if kind == "title":
            head = "\n".join(l if not l.startswith("title:") else f"title: Renamed {step}"
                             for l in head.splitlines()) + "\n"
        elif kind == "date":
            head += f"date: 2022-12-{10 + step % 18} 10:00:00 +0000\n"
        else:
            head = "\n".join(l if not l.startswith("categories:") else "categories: [moved]"
                             for l in head.splitlines()) + "\n"
        post.write_text(f"---\n{head}---\n{body}")
        return {post}
    if kind == "layout":
        layout = root / "_layouts/default.html"
        layout.write_text(layout.read_text().replace("<body>", f"<body data-step=\"{step}\">", 1))
        return {layout}
    if kind == "include":
        nav = root / "_includes/nav.html"
        nav.write_text(nav.read_text() + f"<a href=\"/s{step}\">s{step}</a>")
        return {nav}
    if kind == "data":
        (root / "_data/info.yml").write_text(f"owner: Owner {step}\n")
        return {root / "_data/info.yml"}
    if kind == "new":
        path = root / f"_posts/2023-08-{1 + step % 27:02d}-new-{step}.md"
        path.write_text(f"---\nlayout: default\ntitle: New {step}\n---\nNew post {step}.\n")
        return {path}
    if kind == "delete" and len(all_posts) > 2:
        post.unlink()
        return {post}
    if kind == "rename":
        target = post.with_name(post.name.replace(".md", f"-r{step}.md"))
        post.rename(target)
        return {post, target}
    css = root / "assets/site.css"
    css.write_text(css.read_text() + f".s{step} {{ color: red }}\n")
    return {css}


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5, 6])
def test_random_edits_match_full_builds(seed: int, tmp_path: Path) -> None:
    source, served, clean = tmp_path / "src", tmp_path / "served", tmp_path / "clean"
    make_site(source)
    session = Session(Options(source=str(source), destination=str(served), parallel=False))
    session.full()
    rng = random.Random(seed)
    kinds, body_edits = set(), 0
    for step in range(14):
        before = {p: p.read_text() for p in posts(source)}
        changed = edit(rng, source, step)
        body_edits += any(p in before and p.exists() and p.read_text().split("---\n", 2)[1]
                          == before[p].split("---\n", 2)[1] for p in changed)
        kinds.add(session.update(changed).kind)
        shutil.rmtree(clean, ignore_errors=True)
        build(Options(source=str(source), destination=str(clean), parallel=False))
        assert snapshot(served) == snapshot(clean), f"seed {seed}, step {step}: {sorted(changed)}"
    assert "full" in kinds
    assert "incremental" in kinds or not body_edits, "body edits take the incremental path"


def test_a_body_edit_rewrites_only_what_shows_it(tmp_path: Path) -> None:
    source, served = tmp_path / "src", tmp_path / "served"
    make_site(source)
    session = Session(Options(source=str(source), destination=str(served), parallel=False))
    session.full()
    post = posts(source)[0]
    post.write_text(post.read_text().replace("Second paragraph", "A new second paragraph"))
    update = session.update({post})
    assert update.kind == "incremental"
    # the post itself, the archive that shows its content and the feed
    assert update.files == 3


@pytest.mark.parametrize("kind", ["layout", "include", "data"])
def test_template_and_data_edits_render_only_their_users(kind: str, tmp_path: Path) -> None:
    source, served, clean = tmp_path / "src", tmp_path / "served", tmp_path / "clean"
    make_site(source)
    (source / "plain.html").write_text("---\ntitle: Plain\n---\n<p>no layout, no data</p>\n")
    session = Session(Options(source=str(source), destination=str(served), parallel=False))
    session.full()
    before = snapshot(served)
    changed = edit(_Fixed(kind), source, 99)
    update = session.update(changed)
    assert update.kind == "incremental"
    build(Options(source=str(source), destination=str(clean), parallel=False))
    after = snapshot(served)
    assert after == snapshot(clean)
    rewritten = {name for name in after if after[name] != before.get(name)}
    assert "plain.html" not in rewritten and "feed.xml" not in rewritten
    assert {"index.html", "about.html"} <= rewritten
    assert update.files == len(rewritten)


def test_a_new_include_is_a_full_build(tmp_path: Path) -> None:
    source, served = tmp_path / "src", tmp_path / "served"
    make_site(source)
    session = Session(Options(source=str(source), destination=str(served), parallel=False))
    session.full()
    extra = source / "_includes/extra.html"
    extra.write_text("<p>extra</p>")
    assert session.update({extra}).kind == "full"


def parallel_session(source: Path, served: Path, aside: str = "") -> Session:
    """A site big enough to render in forked workers, built as `serve` first builds it."""
    make_site(source)
    layout = source / "_layouts/default.html"
    layout.write_text(layout.read_text().replace("{{ content }}", "{{ content }}" + aside))
    for i in range(PARALLEL_MIN_DOCS):
        (source / f"_posts/2022-01-01-more-{i}.md").write_text(
            f"---\nlayout: default\ntitle: More {i}\n---\nMore number {i}.\n")
    session = Session(Options(source=str(source), destination=str(served)))
    session.full(parallel=True)
    return session


def assert_as_clean_build(source: Path, served: Path, clean: Path) -> None:
    shutil.rmtree(clean, ignore_errors=True)
    build(Options(source=str(source), destination=str(clean), parallel=False))
    assert snapshot(served) == snapshot(clean)


def test_a_parallel_first_build_knows_every_user_of_an_include(tmp_path: Path) -> None:
    """After `serve`'s parallel first build, an include edit renders again every document
    that used it, also those a worker rendered."""
    source, served = tmp_path / "src", tmp_path / "served"
    session = parallel_session(source, served)
    assert session.result is not None
    site, renderer = session.result.site, session.result.renderer
    laid_out = {d for d in site.documents() + site.pages if d.data.get("layout")}
    assert set(renderer.dependents[str(source / "_includes/nav.html")]) == laid_out
    assert session.update(edit(_Fixed("include"), source, 1)).kind == "incremental"
    assert_as_clean_build(source, served, tmp_path / "clean")


def test_a_parallel_first_build_knows_every_reader_of_a_body(tmp_path: Path) -> None:
    """A post that shows its neighbour's excerpt was rendered by a worker: a body edit of
    the neighbour must still know that, and build in full (only pages may show a body that
    an incremental update renders again)."""
    source, served = tmp_path / "src", tmp_path / "served"
    session = parallel_session(source, served, "<aside>{{ page.previous.excerpt }}</aside>")
    assert session.result is not None
    posts_in_order = session.result.site.posts.docs
    for previous, doc in zip(posts_in_order, posts_in_order[1:]):
        assert doc in session.result.renderer.content_readers[previous]
    assert session.update(edit(_Fixed("body"), source, 1)).kind == "full"
    assert_as_clean_build(source, served, tmp_path / "clean")


def test_shared_includes_follow_what_they_show(tmp_path: Path) -> None:
    """An include that reads only the site is rendered once per build and replayed on every
    page that shows it; those pages still depend on what it read (the newest post's excerpt,
    `site.data`), so an edit of either reaches all of them."""
    source, served = tmp_path / "src", tmp_path / "served"
    make_site(source)
    latest = source / "_includes/latest.html"
    latest.write_text("{{ site.posts.first.title }}: {{ site.posts.first.excerpt }} "
                      "({{ site.data.info.owner }})")
    (source / "news.md").write_text("---\nlayout: default\ntitle: News\n---\nNews.\n")
    for name in ("about.md", "news.md"):   # pages that show no post but through the include
        page = source / name
        page.write_text(page.read_text() + "\n{% include latest.html %}\n")
    session = Session(Options(source=str(source), destination=str(served), parallel=False))
    session.full()
    assert session.result is not None
    renderer = session.result.renderer
    assert renderer.is_shared(renderer.template(latest.resolve()))
    newest = posts(source)[-1]
    newest.write_text(newest.read_text().replace("First paragraph", "A new first paragraph"))
    assert session.update({newest}).kind == "incremental"
    assert_as_clean_build(source, served, tmp_path / "clean")
    (source / "_data/info.yml").write_text("owner: Grace\n")
    assert session.update({source / "_data/info.yml"}).kind == "incremental"
    assert_as_clean_build(source, served, tmp_path / "clean")


def test_counters_make_every_update_a_full_build(tmp_path: Path) -> None:
    """`increment` counters run on from document to document through the whole build (as in
    Jekyll), so re-rendering one post alone would number it wrongly."""
    source, served = tmp_path / "src", tmp_path / "served"
    make_site(source)
    layout = source / "_layouts/default.html"
    layout.write_text(layout.read_text().replace("<body>", "<body>{% increment shown %}"))
    session = Session(Options(source=str(source), destination=str(served), parallel=False))
    session.full()
    assert session.update(edit(_Fixed("body"), source, 1)).kind == "full"
    assert_as_clean_build(source, served, tmp_path / "clean")


class _Fixed(random.Random):
    """A random source whose edit kind is fixed (the post it picks stays random)."""

    def __init__(self, kind: str):
        super().__init__(0)
        self.kind = kind

    def choice(self, seq):  # type: ignore[override]
        return self.kind if self.kind in seq else super().choice(seq)


def test_plugins_that_rewrite_bodies_rewrite_edited_ones_too(tmp_path: Path) -> None:
    """jekyll-relative-links changes bodies after reading: an incremental rebuild of an edited
    body must change it as the full build does."""
    source, served, clean = tmp_path / "src", tmp_path / "served", tmp_path / "clean"
    make_site(source)
    config = source / "_config.yml"
    config.write_text(config.read_text().replace(
        "plugins: [", "relative_links: {collections: true}\nplugins: [jekyll-relative-links, "))
    session = Session(Options(source=str(source), destination=str(served), parallel=False))
    session.full()
    for path in (source / "about.md", posts(source)[0]):
        path.write_text(path.read_text()
                        + "\nSee [the archive](/archive.html) and [about](/about.md).\n")
        assert session.update({path}).kind == "incremental"
        assert_as_clean_build(source, served, clean)
        assert "/about/" in (clean / "about.html").read_text() or \
            'href="/about.html"' in (clean / "about.html").read_text()


def test_a_plugin_that_makes_titles_from_headings_makes_body_edits_full_builds(
        tmp_path: Path) -> None:
    source, served, clean = tmp_path / "src", tmp_path / "served", tmp_path / "clean"
    make_site(source)
    config = source / "_config.yml"
    config.write_text(config.read_text().replace(
        "plugins: [", "plugins: [jekyll-titles-from-headings, "))
    page = source / "notes.md"
    page.write_text("---\nlayout: default\n---\n# First title\n\nText.\n")
    session = Session(Options(source=str(source), destination=str(served), parallel=False))
    session.full()
    page.write_text("---\nlayout: default\n---\n# Second title\n\nText.\n")
    assert session.update({page}).kind == "full"
    assert_as_clean_build(source, served, clean)
    assert "Second title" in (clean / "notes.html").read_text()


def test_body_edits_keep_what_plugins_did_to_bodies(tmp_path: Path) -> None:
    """A redirecting document shows no body after an edit either, and a collection that is
    not written is neither rewritten by jekyll-relative-links nor written by the edit."""
    source, served, clean = tmp_path / "src", tmp_path / "served", tmp_path / "clean"
    make_site(source)
    config = source / "_config.yml"
    config.write_text(config.read_text().replace(
        "plugins: [", "relative_links: {collections: true}\ncollections: {hidden: {}}\n"
        "plugins: [jekyll-redirect-from, jekyll-relative-links, "))
    moved = source / "_posts/2023-07-01-moved.md"
    moved.write_text("---\nlayout: default\nredirect_to: https://new.example/moved/\n---\nold\n")
    hidden = source / "_hidden/h.md"
    hidden.parent.mkdir()
    hidden.write_text("---\n---\nH [about](../about.md)\n")
    (source / "shows.html").write_text(
        "---\n---\n{% for h in site.hidden %}{{ h.content }}{% endfor %}"
        "{% for p in site.posts %}[{{ p.content }}]{% endfor %}")
    session = Session(Options(source=str(source), destination=str(served), parallel=False))
    session.full()
    for path, text in ((moved, "new text"), (hidden, "H2 [about](../about.md)")):
        path.write_text(path.read_text().rsplit("\n", 2)[0] + f"\n{text}\n")
        assert session.update({path}).kind == "incremental"
        assert_as_clean_build(source, served, clean)
    assert "new text" not in (clean / "shows.html").read_text()
    assert "../about.md" in (clean / "shows.html").read_text()
