"""`sitegen serve` in a real browser (Debian's Chromium through Playwright): a save reloads the
page, a CSS-only save swaps the stylesheet without a reload, a broken save shows the overlay
and the next good save clears it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--headless=new", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.mark.browser
def test_live_reload_css_swap_and_overlay_in_chromium(server: tuple[str, Path, Path]) -> None:
    base, src, _ = server
    assert Path(CHROMIUM).exists(), "Debian's chromium package is needed (scripts/setup)"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page()
        page.goto(base + "/base/")
        page.wait_for_function("() => document.querySelector('h1')")
        page.wait_for_timeout(300)                       # the live-reload socket connects
        page.evaluate("window.__marker = 'before'")

        (src / "index.md").write_text("---\nlayout: default\n---\n# Edited in the browser test\n")
        page.wait_for_function("() => document.body.innerText.includes('Edited in the browser')",
                               timeout=20000)
        assert page.evaluate("window.__marker") is None, "the page reloaded"

        page.evaluate("window.__marker = 'kept'")
        (src / "style.css").write_text("body { color: rgb(200, 0, 0); }\n")
        page.wait_for_function(
            "() => getComputedStyle(document.body).color === 'rgb(200, 0, 0)'", timeout=20000)
        assert page.evaluate("window.__marker") == "kept", "CSS swapped without a reload"

        (src / "index.md").write_text("---\ntitle: [broken\n---\n# Broken\n")
        overlay = page.wait_for_selector("#sitegen-error-overlay", timeout=20000)
        assert "index.md:2" in overlay.inner_text()

        (src / "index.md").write_text("---\nlayout: default\n---\n# Repaired\n")
        page.wait_for_function("() => document.body.innerText.includes('Repaired')",
                               timeout=20000)
        assert page.query_selector("#sitegen-error-overlay") is None
        browser.close()
