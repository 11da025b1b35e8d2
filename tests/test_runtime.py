"""What sitegen adds to a site with models: the built-in includes and the demo runtime, vendored
from the pinned npm packages or loaded from a CDN. No TensorFlow needed: the model is a ready
TF.js bundle (tests/models/tiny-tfjs, converted once from a Keras 2 model)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from sitegen.node import LOCK_DIR
from sitegen.runtime import SITE_FILES

from .conftest import run_sitegen

TINY = Path(__file__).parent / "models" / "tiny-tfjs"


def make_site(root: Path, config: str = "") -> Path:
    (root / "_models").mkdir(parents=True)
    shutil.copytree(TINY, root / "_models" / "tiny")
    (root / "_config.yml").write_text("title: runtime\n" + config)
    (root / "index.html").write_text('---\n---\n{% include sitegen/demo.html model="tiny" %}\n')
    return root


def test_cdn_versions_are_the_locked_ones() -> None:
    lock = json.loads((LOCK_DIR / "package-lock.json").read_text())["packages"]
    script = (SITE_FILES / "assets/sitegen/demo.js").read_text()
    for package in ("@tensorflow/tfjs", "@tensorflow/tfjs-backend-wasm", "@techstark/opencv-js"):
        version = lock[f"node_modules/{package}"]["version"]
        assert f"npm/{package}@{version}/dist/" in script


def test_vendored_by_default(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    done = run_sitegen("build", "-s", str(site))
    assert done.returncode == 0, done.stderr
    out = site / "_site"
    for name in ("demo.js", "demo.css", "vendor/tf.min.js", "vendor/tfjs-backend-wasm-simd.wasm",
                 "vendor/opencv.js"):
        assert (out / "assets/sitegen" / name).is_file(), name
    assert (out / "assets/models/tiny/model.json").is_file()
    assert 'data-cdn="false"' in (out / "index.html").read_text()


def test_cdn_switch_leaves_the_libraries_out(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", "sitegen:\n  cdn: true\n")
    done = run_sitegen("build", "-s", str(site))
    assert done.returncode == 0, done.stderr
    assert (site / "_site/assets/sitegen/demo.js").is_file()
    assert not (site / "_site/assets/sitegen/vendor").exists()
    assert 'data-cdn="true"' in (site / "_site/index.html").read_text()


def test_the_sites_own_include_wins(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    (site / "_includes/sitegen").mkdir(parents=True)
    (site / "_includes/sitegen/demo.html").write_text("my own demo of {{ include.model }}\n")
    done = run_sitegen("build", "-s", str(site))
    assert done.returncode == 0, done.stderr
    assert (site / "_site/index.html").read_text().strip() == "my own demo of tiny"


def test_prepare_writes_and_keeps_changed_files(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    first = run_sitegen("prepare", "-s", str(site))
    assert first.returncode == 0, first.stderr
    include = site / "_includes/sitegen/demo.html"
    assert include.read_text() == (SITE_FILES / "_includes/sitegen/demo.html").read_text()
    assert (site / "assets/sitegen/vendor/tf.min.js").is_file()
    include.write_text("changed by the author\n")
    again = run_sitegen("prepare", "-s", str(site))
    assert re.search(r"kept your _includes/sitegen/demo.html", again.stdout)
    assert include.read_text() == "changed by the author\n"
    forced = run_sitegen("prepare", "-s", str(site), "--force")
    assert forced.returncode == 0
    assert include.read_text() != "changed by the author\n"


def test_built_in_includes_keep_rendering_parallel() -> None:
    """Every site searches sitegen's includes too: none of them may look like a template that
    reads another document's content, or every build would render serially."""
    from sitegen.render.plan import _may_read_bodies

    for path in (SITE_FILES / "_includes").rglob("*"):
        if path.is_file():
            assert not _may_read_bodies(path.read_text()), path.name
    for reads in ("{{ post.content }}", "{{ p['output'] }}", '{{ site.posts | map: "content" }}',
                  "{{ site.posts | where: 'output', x }}",
                  "{% assign k = 'content' %}{{ p[k] }}",
                  "{% capture k %}output{% endcapture %}{{ p[k] }}",
                  "{% include_relative part.html %}", "{% liquid\n  echo post.content\n%}"):
        assert _may_read_bodies(reads), reads
    for free in ("{{ include.output }}", '<main class="content">{{ content }}</main>',
                 "<style>.post .content { margin: 0 }</style>", "Shows `post.content`.",
                 '<script type="application/ld+json">{"name": {{ page.title | jsonify }}}'):
        assert not _may_read_bodies(free), free
