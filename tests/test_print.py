"""The printing environment and `sitegen print`, read back from the PDF with poppler and zbar.

The site is the hand-written printing fixture plus posts that use the built-in video includes
and a demo of the demo site's real image-to-image model.
"""

from __future__ import annotations

import base64
import io
import re
import shutil
import socket
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from .conftest import ROOT, run_sitegen
from .normalize import canonical
from .oracle import jekyll_build
from .test_models import tensorflow_shapes

pytestmark = [pytest.mark.tf]

SITE_URL = "https://student.example.org/thesis"
EXTRA_POSTS = {
    "_posts/2019-06-01-talk.md": (
        "---\nlayout: post\ntitle: The talk\ncategories: [talks]\n---\nThe recording:\n\n"
        '{% include sitegen/youtube.html id="dQw4w9WgXcQ" title="pix2pix in the browser" %}\n\n'
        '{% include sitegen/vimeo.html id="76979871" %}\n'),
    "_posts/2019-07-01-demo.md": (
        "---\nlayout: post\ntitle: Edges to shapes, live\ncategories: [demos]\n---\n"
        'Draw edges, get shapes:\n\n{% include sitegen/demo.html model="shapes" '
        'samples="assets/samples/shapes/1.png" %}\n\n```python\nprint("code stays whole")\n```\n'),
    "_drafts/an-unfinished-chapter.md": (
        "---\nlayout: post\ntitle: An unfinished chapter\n---\nNot printed without --drafts.\n"),
}
DRAFT = "An unfinished chapter"
TITLES = ["pix2pix in the browser", "Why were my images washed out?", "Results", "The talk",
          "Edges to shapes, live"]


def make_site(root: Path, config_extra: str = "", bundle: Path | None = None) -> Path:
    """The printing fixture site with the shapes model; with `bundle` (see `shapes_bundle`) its
    converted bundle too, so that sitegen finds the model up to date and does not convert it."""
    shutil.copytree(Path(__file__).parent / "sites" / "printing", root)
    for name, text in EXTRA_POSTS.items():
        (root / name).parent.mkdir(exist_ok=True)
        (root / name).write_text(text)
    (root / "_models").mkdir()
    for path in (ROOT / "_models").glob("shapes.*"):
        shutil.copy(path, root / "_models" / path.name)
    shutil.copytree(ROOT / "assets/samples/shapes", root / "assets/samples/shapes")
    if bundle is not None:
        shutil.copytree(bundle, root / "assets/models" / bundle.name)
    with (root / "_config.yml").open("a") as config:
        config.write(config_extra)
    return root


@pytest.fixture(scope="module")
def shapes_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shapes model converted once, by `sitegen models` on a site like every other here.

    Converting it takes ~17 s and every test's site would do it again. A bundle is up to date
    when its manifest's hash matches the model, sidecar and samples (sitegen/models/manifest.py)
    and those are the same in every site made here, so a copy of it needs no conversion."""
    site = make_site(tmp_path_factory.mktemp("convert") / "site")
    done = run_sitegen("models", "-s", str(site))
    assert done.returncode == 0, done.stderr
    return site / "assets/models/shapes"


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]   # nothing listens there once the socket closes


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory,
            shapes_bundle: Path) -> tuple[Path, Path]:
    """The site printed once, offline (thumbnails come from a port where nothing listens)."""
    tmp = tmp_path_factory.mktemp("print")
    port = closed_port()
    site = make_site(tmp / "site", "sitegen:\n  thumbnails:\n"
                     f"    youtube: http://127.0.0.1:{port}/vi/{{id}}.jpg\n"
                     f"    vimeo: http://127.0.0.1:{port}/v/{{id}}.json\n", bundle=shapes_bundle)
    done = run_sitegen("print", "-s", str(site), "-o", str(tmp / "book.pdf"))
    assert done.returncode == 0, done.stderr
    assert "print: wrote" in done.stderr and "numbering" in done.stderr   # progress shown
    return site, tmp / "book.pdf"


def pdf_text(pdf: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", "-layout", *pages, str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))


def page_of(pdf: Path, title: str, after: int = 2) -> int:
    for n in range(after + 1, page_count(pdf) + 1):
        if title in pdf_text(pdf, n):
            return n
    raise AssertionError(f"{title!r} is on no page after {after}")


def test_every_post_in_date_order_with_contents(printed: tuple[Path, Path]) -> None:
    _, pdf = printed
    text = pdf_text(pdf)
    cover = pdf_text(pdf, 1)
    assert "Deep learning in the" in cover and "A. Student" in cover
    contents = pdf_text(pdf, 2)
    assert "Contents" in contents
    body = text[text.index(pdf_text(pdf, 3)[:40]):]
    positions = [body.index(t) for t in TITLES]
    assert positions == sorted(positions), "posts are in date order"
    for title in TITLES:
        line = next(ln for ln in contents.splitlines() if title in ln)
        listed = int(line.split()[-1])
        assert listed == page_of(pdf, title), f"contents says {title!r} is on page {listed}"
    assert "16 April 2019" not in text   # dates are the posts' own
    assert "10 April 2019 · debugging" in text
    assert DRAFT not in text


def test_print_takes_the_source_options_of_build(tmp_path: Path, shapes_bundle: Path) -> None:
    site = make_site(tmp_path / "site", bundle=shapes_bundle)
    done = run_sitegen("print", "-s", str(site), "--drafts", "-o", str(tmp_path / "book.pdf"))
    assert done.returncode == 0, done.stderr
    assert DRAFT in pdf_text(tmp_path / "book.pdf")


def test_hand_written_printing_branches_are_printed(printed: tuple[Path, Path]) -> None:
    _, pdf = printed
    text = pdf_text(pdf)
    assert "Video: https://youtu.be/dQw4w9WgXcQ" in text
    assert "Table 1 shows the results" in text
    assert "Try the live demo below" not in text
    assert 'print("code stays whole")' in text


@pytest.mark.jekyll
def test_hand_written_parts_build_as_jekyll_builds_them(tmp_path: Path,
                                                        shapes_bundle: Path) -> None:
    """With built-in includes and a demo beside them, the hand-written printing branches still
    come out as Jekyll (after `sitegen prepare`) makes them."""
    site = make_site(tmp_path / "site", bundle=shapes_bundle)
    prepared = run_sitegen("prepare", "-s", str(site))
    assert prepared.returncode == 0, prepared.stderr
    expected = jekyll_build(site, [], {"JEKYLL_ENV": "printing"})
    done = run_sitegen("build", "-s", str(site), "-d", str(tmp_path / "out"),
                       env={"JEKYLL_ENV": "printing"})
    assert done.returncode == 0, done.stderr
    hand_written = ["index.html", "deep-learning/tfjs/2019/pix2pix-in-the-browser/index.html",
                    "debugging/2019/washed-out-images/index.html", "2019/results/index.html"]
    for name in hand_written:
        want = canonical(name, (expected / name).read_bytes())
        assert canonical(name, (tmp_path / "out" / name).read_bytes()) == want, name
    assert "Video: <a href" in (tmp_path / "out" / hand_written[1]).read_text()


def qr_codes(pdf: Path, page: int, tmp: Path) -> list[str]:
    subprocess.run(["pdftoppm", "-r", "200", "-f", str(page), "-l", str(page), "-png", str(pdf),
                    str(tmp / "qr")], check=True)
    image = next(tmp.glob("qr*.png"))
    done = subprocess.run(["zbarimg", "-q", "--raw", str(image)], capture_output=True, text=True)
    image.unlink()
    return sorted(done.stdout.split())


def test_video_figures_have_thumbnail_title_url_and_qr(printed: tuple[Path, Path],
                                                       tmp_path: Path) -> None:
    site, pdf = printed
    page = page_of(pdf, "The talk")
    text = pdf_text(pdf, page)
    assert "pix2pix in the browser — Video: https://youtu.be/dQw4w9WgXcQ" in text
    assert "https://vimeo.com/76979871" in text
    assert qr_codes(pdf, page, tmp_path) == ["https://vimeo.com/76979871",
                                             "https://youtu.be/dQw4w9WgXcQ"]
    assert not (site / "_site").exists(), "printing builds in a scratch folder"


def test_demo_figure_is_the_models_real_output(printed: tuple[Path, Path],
                                               tmp_path: Path) -> None:
    site, pdf = printed
    page = page_of(pdf, "Edges to shapes, live")
    text = pdf_text(pdf, page)
    assert "Model “shapes”" in text and "parameters" in text
    live = f"{SITE_URL}/demos/2019/demo/"
    assert qr_codes(pdf, page, tmp_path) == [live]
    # The output image embedded in the PDF page is the model's output on the sample.
    subprocess.run(["pdfimages", "-png", "-f", str(page), "-l", str(page), str(pdf),
                    str(tmp_path / "img")], check=True)
    images = [np.asarray(Image.open(p).convert("RGB"), dtype=np.float32)
              for p in sorted(tmp_path.glob("img-*.png"))]
    squares = [im for im in images if im.shape[:2] == (128, 128)]
    assert len(squares) == 2, [im.shape for im in images]   # the sample and the output
    sample = np.asarray(Image.open(site / "assets/samples/shapes/1.png").convert("RGB"),
                        dtype=np.float32)
    output = next(im for im in squares if np.abs(im - sample).mean() > 1)
    assert output.std() > 20, "the output region is not blank"
    expected = tensorflow_shapes(site, site / "assets/samples/shapes/1.png", tmp_path)
    assert np.abs(output - expected).mean() < 1.5
    assert np.abs(output - expected).max() <= 6


def test_offline_thumbnail_is_a_drawn_frame_with_the_title(tmp_path: Path,
                                                           shapes_bundle: Path) -> None:
    port = closed_port()
    site = make_site(tmp_path / "site", f"sitegen:\n  thumbnails:\n    youtube: "
                     f"http://127.0.0.1:{port}/{{id}}.jpg\n", bundle=shapes_bundle)
    done = run_sitegen("build", "-s", str(site), "--env", "printing")
    assert done.returncode == 0, done.stderr
    page = (site / "_site/talks/2019/talk/index.html").read_text()
    uri = re.search(r'class="sitegen-print-thumb" src="data:image/svg\+xml;base64,([^"]+)"', page)
    assert uri, "an SVG placeholder stands in"
    assert "pix2pix in the browser" in base64.b64decode(uri.group(1)).decode()


class _Thumbs(BaseHTTPRequestHandler):
    delay = 0.0
    jpeg = b""

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        time.sleep(self.delay)
        self.send_response(200)
        self.send_header("Content-Type", "image/jpeg")
        self.end_headers()
        self.wfile.write(self.jpeg)

    def log_message(self, *args: object) -> None:
        pass


def thumbnail_server(delay: float) -> ThreadingHTTPServer:
    buffer = io.BytesIO()
    Image.new("RGB", (48, 27), (200, 30, 30)).save(buffer, format="JPEG")
    handler = type("Handler", (_Thumbs,), {"delay": delay, "jpeg": buffer.getvalue()})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def test_thumbnail_is_fetched_once_then_cached(tmp_path: Path, shapes_bundle: Path) -> None:
    httpd = thumbnail_server(0)
    port = httpd.server_address[1]
    site = make_site(tmp_path / "site", f"sitegen:\n  thumbnails:\n    youtube: "
                     f"http://127.0.0.1:{port}/vi/{{id}}.jpg\n", bundle=shapes_bundle)
    try:
        done = run_sitegen("build", "-s", str(site), "--env", "printing")
    finally:
        httpd.shutdown()
    assert done.returncode == 0, done.stderr
    cached = site / ".sitegen-cache/thumbnails/youtube-dQw4w9WgXcQ.jpg"
    assert cached.read_bytes() == httpd.RequestHandlerClass.jpeg   # as served, not re-encoded
    page = (site / "_site/talks/2019/talk/index.html").read_text()
    assert base64.b64encode(cached.read_bytes()).decode() in page
    again = run_sitegen("build", "-s", str(site), "--env", "printing")   # server gone
    assert again.returncode == 0
    page = (site / "_site/talks/2019/talk/index.html").read_text()
    assert base64.b64encode(cached.read_bytes()).decode() in page


def test_a_slow_network_does_not_hang_the_build(tmp_path: Path, shapes_bundle: Path) -> None:
    httpd = thumbnail_server(30)
    port = httpd.server_address[1]
    site = make_site(tmp_path / "site", f"sitegen:\n  thumbnails:\n    timeout: 1\n"
                     f"    youtube: http://127.0.0.1:{port}/vi/{{id}}.jpg\n", bundle=shapes_bundle)
    started = time.monotonic()
    try:
        done = run_sitegen("build", "-s", str(site), "--env", "printing")
    finally:
        httpd.shutdown()
    assert done.returncode == 0, done.stderr
    assert time.monotonic() - started < 15, "gave up long before the server's 30 s"
    page = (site / "_site/talks/2019/talk/index.html").read_text()
    assert "data:image/svg+xml;base64," in page


def test_unknown_model_in_a_print_figure_is_a_clear_error(tmp_path: Path,
                                                           shapes_bundle: Path) -> None:
    site = make_site(tmp_path / "site", bundle=shapes_bundle)
    post = site / "_posts/2019-07-01-demo.md"
    post.write_text(post.read_text().replace('model="shapes"', 'model="shapez"'))
    done = run_sitegen("build", "-s", str(site), "--env", "printing")
    assert done.returncode == 1
    assert "demo.html" in done.stderr and "no model named 'shapez'" in done.stderr
