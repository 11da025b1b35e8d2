"""The demo widget in a real browser: Debian's Chromium (Playwright) on the demo site's posts,
served over HTTP on 127.0.0.1, checked against TensorFlow's own output of the same models."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Iterator

import numpy as np
import pytest
from PIL import Image

from sitegen.serve.folder import serving

from .conftest import ROOT, run_sitegen
from .oracle import jekyll_build
from .test_demo_site import NOT_SITE
from .test_models import tensorflow_shapes
from .test_serve_browser import CHROMIUM, FLAGS

pytestmark = [pytest.mark.browser, pytest.mark.tf]

SHAPES_POST = "/2026/11/pix2pix-on-a-cpu/"
DIGITS_POST = "/2026/11/a-digit-classifier-in-40-kb/"
READY = "f => f.dataset.state === 'done' || f.dataset.state === 'error'"


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("widget") / "src"
    shutil.copytree(ROOT, src, ignore=lambda folder, names: [n for n in names if n in NOT_SITE])
    return src


@pytest.fixture(scope="module")
def site(source: Path) -> Iterator[str]:
    done = run_sitegen("build", "-s", str(source), "-d", str(source / "_site"))
    assert done.returncode == 0, done.stderr
    with serving(source / "_site") as url:
        yield url


@pytest.fixture(scope="module")
def playwright() -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def chromium(playwright) -> Iterator:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
    yield browser
    browser.close()


def open_page(browser, url: str):
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.errors = errors
    return page


def wait_done(page, index: int = 0, timeout: float = 90_000) -> None:
    page.wait_for_function(f"() => {{ const f = document.querySelectorAll('figure.sitegen-demo')"
                           f"[{index}]; return f && ({READY})(f); }}", timeout=timeout)


def output_pixels(page, index: int = 0) -> np.ndarray:
    data = page.evaluate(f"""() => {{
        const c = document.querySelectorAll('figure.sitegen-demo')[{index}]
                  .querySelector('canvas.sitegen-demo-output');
        return {{w: c.width, h: c.height,
                 px: Array.from(c.getContext('2d').getImageData(0, 0, c.width, c.height).data)}};
    }}""")
    return np.asarray(data["px"], dtype=np.float32).reshape(data["h"], data["w"], 4)[..., :3]


def assert_close(actual: np.ndarray, expected: np.ndarray) -> None:
    """Within half a grey level on average and 3 at worst: float32 kernels in TF.js and in
    TensorFlow differ by ~1e-6, so what is left is rounding to 8 bits (measured: 0.07 / 0.5)."""
    diff = np.abs(actual - expected)
    assert diff.mean() < 0.5 and diff.max() <= 3, (diff.mean(), diff.max())


@pytest.mark.parametrize("backend", ["wasm", "cpu", "webgl"])
def test_image_to_image_canvas_matches_tensorflow(site: str, source: Path, chromium,
                                                  tmp_path: Path, backend: str) -> None:
    page = open_page(chromium, site + SHAPES_POST + f"?backend={backend}")
    wait_done(page)
    assert page.get_attribute("figure.sitegen-demo", "data-state") == "done"
    assert f"backend     {backend}" in page.text_content(".sitegen-demo-panel")
    expected = tensorflow_shapes(source, source / "assets/samples/shapes/1.png", tmp_path)
    assert_close(output_pixels(page), expected)
    panel = page.text_content(".sitegen-demo-panel")
    for line in ("backend", "model load", "inference", "tf.memory()"):
        assert line in panel
    assert page.errors == []


def test_output_drawn_from_the_webgl_texture_matches_too(site: str, source: Path, chromium,
                                                         tmp_path: Path) -> None:
    page = open_page(chromium, site + SHAPES_POST + "?backend=webgl")
    wait_done(page)
    figure = page.locator("figure.sitegen-demo").first
    page.evaluate("() => { const c = document.querySelector('canvas.sitegen-demo-output');"
                  " c.getContext('2d').clearRect(0, 0, c.width, c.height); }")
    figure.locator("select.sitegen-demo-draw").select_option("webgl")
    page.wait_for_function("() => document.querySelector('figure.sitegen-demo')"
                           ".sitegenDemo.timings.samples.draw.length >= 2")
    assert figure.get_attribute("data-state") == "done", figure.text_content()
    expected = tensorflow_shapes(source, source / "assets/samples/shapes/1.png", tmp_path)
    assert_close(output_pixels(page), expected)
    # TF.js keeps working on the shared GL context afterwards.
    figure.locator(".sitegen-demo-samples img").nth(1).click()
    page.wait_for_function("() => document.querySelector('figure.sitegen-demo')"
                           ".sitegenDemo.timings.samples.draw.length >= 3")
    expected = tensorflow_shapes(source, source / "assets/samples/shapes/2.png", tmp_path)
    assert_close(output_pixels(page), expected)
    assert page.errors == []


def test_classifier_gives_the_right_top_label(site: str, chromium) -> None:
    page = open_page(chromium, site + DIGITS_POST)
    wait_done(page)
    figure = page.locator("figure.sitegen-demo").first
    samples = figure.locator(".sitegen-demo-samples img")
    assert samples.count() == 10
    for digit in range(10):
        samples.nth(digit).click()
        page.wait_for_function(
            "d => document.querySelector('.sitegen-demo-labels li')?.dataset.label === d",
            arg=str(digit), timeout=20_000)


def test_video_runs_200_frames_without_leaking(site: str, chromium) -> None:
    page = open_page(chromium, site + SHAPES_POST)
    wait_done(page)
    figure = page.locator("figure.sitegen-demo").first
    figure.locator("button.sitegen-demo-play-video").click()
    page.wait_for_function("() => (document.querySelector('figure.sitegen-demo').sitegenDemo"
                           ".stats.frames || 0) >= 10", timeout=120_000)
    early = page.evaluate("document.querySelector('figure.sitegen-demo').sitegenDemo.stats")
    page.wait_for_function("() => document.querySelector('figure.sitegen-demo').sitegenDemo"
                           ".stats.frames >= 200", timeout=300_000)
    late = page.evaluate("document.querySelector('figure.sitegen-demo').sitegenDemo.stats")
    assert late["numTensors"] == early["numTensors"]
    assert late["leaking"] is False
    panel = page.text_content(".sitegen-demo-panel")
    assert "fps" in panel and "p95" in panel and "warning" not in panel


def test_upload_runs_the_chosen_image(site: str, source: Path, chromium, tmp_path: Path) -> None:
    page = open_page(chromium, site + SHAPES_POST)
    wait_done(page)
    sample = source / "assets/samples/shapes/3.png"
    page.locator("figure.sitegen-demo").first.locator(".sitegen-demo-upload input").set_input_files(
        str(sample))
    expected = tensorflow_shapes(source, sample, tmp_path)
    for _ in range(100):
        if np.abs(output_pixels(page) - expected).mean() < 0.5:
            break
        page.wait_for_timeout(100)
    assert_close(output_pixels(page), expected)


def test_own_model_from_disk(site: str, source: Path, chromium) -> None:
    page = open_page(chromium, site + DIGITS_POST)
    wait_done(page)
    bundle = source / "assets/models/digits"
    files = [str(bundle / "model.json")] + [str(p) for p in sorted(bundle.glob("*.bin"))]
    page.locator(".sitegen-demo-own input").first.set_input_files(files)
    page.wait_for_function("() => document.querySelector('.sitegen-demo-message')"
                           ".textContent.includes('model.json')", timeout=30_000)
    page.locator(".sitegen-demo-samples img").nth(7).click()
    page.wait_for_function("() => document.querySelector('.sitegen-demo-labels li')"
                           "?.dataset.label === '7'", timeout=20_000)


def test_without_webgl_the_widget_falls_back_and_says_so(site: str, playwright) -> None:
    browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                         args=FLAGS + ["--disable-webgl", "--disable-3d-apis"])
    try:
        page = open_page(browser, site + SHAPES_POST)
        wait_done(page)
        panel = page.text_content(".sitegen-demo-panel")
    finally:
        browser.close()
    assert "backend     wasm" in panel and "WebGL is not available" in panel


def test_a_model_that_fails_to_load_stays_inside_the_widget(source: Path, chromium) -> None:
    broken = source.parent / "broken"
    shutil.copytree(source / "_site", broken)
    for shard in (broken / "assets/models/shapes").glob("*.bin"):
        shard.unlink()
    with serving(broken) as url:
        page = open_page(chromium, url + SHAPES_POST)
        wait_done(page)
        assert page.get_attribute("figure.sitegen-demo", "data-state") == "error"
        assert "could not start" in page.text_content(".sitegen-demo-message")
        assert page.locator("article h2").count() >= 1   # the rest of the post is there


def test_jekyll_builds_a_working_demo_after_prepare(source: Path, chromium,
                                                    tmp_path: Path) -> None:
    prepared = source.parent / "prepared"
    shutil.copytree(source, prepared, ignore=shutil.ignore_patterns("_site"))
    done = run_sitegen("prepare", "-s", str(prepared))
    assert done.returncode == 0, done.stderr
    built = jekyll_build(prepared, [], {})
    with serving(built) as url:
        page = open_page(chromium, url + SHAPES_POST)
        wait_done(page)
        expected = tensorflow_shapes(prepared, prepared / "assets/samples/shapes/1.png", tmp_path)
        assert_close(output_pixels(page), expected)


def test_without_javascript_the_static_figure_shows(site: str, source: Path, chromium,
                                                    tmp_path: Path) -> None:
    """No JavaScript: the <noscript> text and the sample with the model's output (made by
    TF.js at conversion time) show instead of the widget."""
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + SHAPES_POST)
    figure = page.locator("figure.sitegen-demo").first
    assert "needs JavaScript" in figure.inner_text()
    images = figure.locator("img.sitegen-demo-static")
    assert images.count() == 2 and images.nth(1).is_visible()
    assert page.evaluate("() => [...document.querySelectorAll('img.sitegen-demo-static')]"
                         ".every(i => i.complete && i.naturalWidth === 128)")
    context.close()
    shown = np.asarray(Image.open(source / "_site/assets/models/shapes/output-1.png")
                       .convert("RGB"), dtype=np.float32)
    expected = tensorflow_shapes(source, source / "assets/samples/shapes/1.png", tmp_path)
    assert_close(shown, expected)
