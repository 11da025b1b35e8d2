"""A build with nothing changed stops early; any change to what a build reads, or to what it
wrote, builds again, and the output is then what a clean build gives."""

from __future__ import annotations

import os
import shutil
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from .conftest import snapshot, write

SITE = {
    "_config.yml": "title: Unchanged\n",
    "_layouts/default.html": "<main>{% include note.html %}{{ content }}</main>\n",
    "_includes/note.html": "<aside>{{ site.title }}</aside>\n",
    "_data/menu.yml": "- home\n",
    "index.md": "---\nlayout: default\n---\n# Home {{ site.data.menu | size }}\n",
    "_posts/2021-03-04-post.md": "---\nlayout: default\ntitle: A post\n---\nBody\n",
    "style.css": "body { color: black; }\n",
}
UNCHANGED = "nothing changed since the last build"


@pytest.fixture()
def site(tmp_path: Path, sitegen_cli):
    src, dest = tmp_path / "src", tmp_path / "out"
    write(src, SITE)

    def build(*extra: str, env: dict[str, str] | None = None) -> str:
        result = sitegen_cli("build", "-s", str(src), "-d", str(dest), *extra, env=env)
        assert result.returncode == 0, result.stderr
        return result.stdout

    def clean(*extra: str) -> dict[str, bytes]:
        """What a build with no record and no previous output gives."""
        fresh = tmp_path / "fresh"
        shutil.rmtree(fresh, ignore_errors=True)
        shutil.copytree(src, fresh, ignore=shutil.ignore_patterns(".sitegen-cache"))
        result = sitegen_cli("build", "-s", str(fresh), "-d", str(tmp_path / "fresh-out"), *extra)
        assert result.returncode == 0, result.stderr
        return snapshot(tmp_path / "fresh-out")

    assert UNCHANGED not in build()
    return src, dest, build, clean


def test_second_build_writes_nothing(site):
    src, dest, build, _ = site
    stamps = {p: p.stat().st_mtime_ns for p in dest.rglob("*")}
    assert UNCHANGED in build()
    assert {p: p.stat().st_mtime_ns for p in dest.rglob("*")} == stamps


SOURCE_EDITS = {
    "post body": lambda src: (src / "_posts/2021-03-04-post.md").write_text(
        "---\nlayout: default\ntitle: A post\n---\nNew body\n"),
    "include": lambda src: (src / "_includes/note.html").write_text("<aside>changed</aside>\n"),
    "data file": lambda src: (src / "_data/menu.yml").write_text("- home\n- about\n"),
    "config": lambda src: (src / "_config.yml").write_text("title: Renamed\n"),
    "new post": lambda src: (src / "_posts/2021-05-06-second.md").write_text("---\n---\nTwo\n"),
    "deleted static file": lambda src: (src / "style.css").unlink(),
    # Same size and the same mtime as before: only the content tells.
    "same size, same mtime": lambda src: _keep_stat(src / "_includes/note.html",
                                                     "<aside>{{ site.title }}</ASIDE>\n"),
    "touched": lambda src: os.utime(src / "index.md"),
}


def _keep_stat(path: Path, text: str) -> None:
    before = path.stat()
    assert len(text.encode()) == before.st_size
    path.write_text(text)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


@pytest.mark.parametrize("edit", SOURCE_EDITS)
def test_source_change_builds_again(site, edit):
    src, dest, build, clean = site
    SOURCE_EDITS[edit](src)
    assert UNCHANGED not in build()
    assert snapshot(dest) == clean()
    assert UNCHANGED in build()


OUTPUT_EDITS = {
    "deleted": lambda dest: (dest / "index.html").unlink(),
    "edited": lambda dest: (dest / "index.html").write_text("edited by hand"),
    "added": lambda dest: (dest / "stray.html").write_text("not from the source"),
}


@pytest.mark.parametrize("edit", OUTPUT_EDITS)
def test_output_change_builds_again(site, edit):
    src, dest, build, clean = site
    OUTPUT_EDITS[edit](dest)
    assert UNCHANGED not in build()
    assert snapshot(dest) == clean()


def test_options_and_environment_count(site):
    src, dest, build, clean = site
    assert UNCHANGED not in build("--env", "production")
    assert UNCHANGED in build("--env", "production")
    assert UNCHANGED not in build(env={"JEKYLL_ENV": "printing"})
    assert UNCHANGED not in build("--baseurl", "/blog")
    assert snapshot(dest) == clean("--baseurl", "/blog")


@pytest.mark.parametrize("markup", ["{{ site.time }}", "{{ 'now' | date: '%s' }}"])
def test_output_that_depends_on_the_time_is_never_current(site, markup):
    src, dest, build, _ = site
    write(src, {"time.md": f"---\n---\nBuilt at {markup}\n"})
    assert UNCHANGED not in build()
    assert UNCHANGED not in build()


def test_time_used_in_a_worker_process_counts(tmp_path, sitegen_cli):
    """On a big site posts render in forked workers; what they saw must reach the record."""
    src, dest = tmp_path / "src", tmp_path / "out"
    posts = {f"_posts/2020-01-{1 + i % 28:02d}-p{i}.md": f"---\n---\nPost {i}\n" for i in range(300)}
    write(src, {"_config.yml": "title: Big\n", **posts})
    # The second document goes to the first worker (chunks are every other document).
    second = sorted(posts, key=lambda name: (name[7:17], name))[1]
    write(src, {second: "---\n---\nBuilt at {{ site.time }}\n"})
    args = ("build", "-s", str(src), "-d", str(dest))
    for _ in range(2):
        result = sitegen_cli(*args)
        assert result.returncode == 0, result.stderr
        assert UNCHANGED not in result.stdout


def test_future_post_appears_when_its_time_comes(site):
    src, dest, build, _ = site
    soon = datetime.now().astimezone() + timedelta(seconds=3)
    write(src, {"_posts/2099-01-01-soon.md":
                f"---\ndate: {soon:%Y-%m-%d %H:%M:%S %z}\n---\nSoon\n"})
    build()
    assert not any("soon" in name for name in snapshot(dest))
    assert UNCHANGED in build()
    time.sleep(max(0.0, (soon - datetime.now().astimezone()).total_seconds()) + 1.2)
    assert UNCHANGED not in build()
    assert any("soon" in name for name in snapshot(dest))


def test_only_what_jekyll_reads_counts(site):
    """Excluded folders and dot-folders are never read, so editing them changes nothing; a
    dot-folder listed in `include:` is read."""
    src, dest, build, clean = site
    write(src, {"_config.yml": "title: Unchanged\ninclude: [.well-known]\nexclude: [notes/]\n",
                ".well-known/security.txt": "Contact: a\n", ".venv/lib/x.py": "x = 1\n",
                "notes/todo.md": "---\n---\nTodo\n"})
    build()
    write(src, {".venv/lib/x.py": "x = 2\n", "notes/todo.md": "---\n---\nDone\n"})
    assert UNCHANGED in build()
    write(src, {".well-known/security.txt": "Contact: b\n"})
    assert UNCHANGED not in build()
    assert snapshot(dest) == clean()
    assert snapshot(dest)[".well-known/security.txt"] == b"Contact: b\n"


def test_records_of_removed_destinations_are_dropped(site, sitegen_cli, tmp_path):
    src, dest, build, _ = site
    other = tmp_path / "scratch-out"
    assert sitegen_cli("build", "-s", str(src), "-d", str(other)).returncode == 0
    records = src / ".sitegen-cache" / "builds"
    assert len(list(records.glob("*.json"))) == 2
    shutil.rmtree(other)
    write(src, {"index.md": "---\nlayout: default\n---\n# Changed\n"})
    assert UNCHANGED not in build()
    assert len(list(records.glob("*.json"))) == 1


def test_odd_permalinks_are_recorded_where_they_are_written(site):
    """A permalink with `.` parts or doubled slashes lands where Jekyll writes it, and the
    build's record names that file, so that the next build still finds nothing changed."""
    src, dest, build, _ = site
    write(src, {"odd.md": "---\npermalink: /e/%2E/f/%2F%2Fg/\n---\nOdd\n"})
    assert UNCHANGED not in build()
    assert (dest / "e/f/g/index.html").is_file()
    assert UNCHANGED in build()
