"""The demo widget per backend: model load, per-stage times and JS weight, in headless Chromium.

    python bench/widget.py [--runs 30]

Builds the demo site, serves it on 127.0.0.1 and opens each demo post once per TF.js backend
(`?backend=webgl|wasm|cpu`), runs the first widget `--runs` times on its first sample and
prints mean and p95 per stage, plus the JavaScript a reader downloads with and without OpenCV.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from sitegen.serve.folder import serving

ROOT = Path(__file__).resolve().parent.parent
POSTS = {"shapes": "/2026/11/pix2pix-on-a-cpu/",
         "digits": "/2026/11/a-digit-classifier-in-40-kb/"}
FLAGS = ["--no-sandbox", "--headless=new", "--disable-background-networking"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    out = Path(tempfile.mkdtemp(prefix="sitegen-widget-bench-"))
    subprocess.run([sys.executable, "-m", "sitegen", "build", "-s", str(ROOT), "-d", str(out),
                    "-q"], check=True)
    from playwright.sync_api import sync_playwright

    try:
        with serving(out) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=FLAGS)
            print(f"{'model':8} {'backend':8} {'load ms':>8} {'pre ms':>12} {'infer ms':>14} "
                  f"{'post ms':>12} {'draw ms':>12}")
            for model, path in POSTS.items():
                for backend in ("webgl", "wasm", "cpu"):
                    print(row(browser, base + path + f"?backend={backend}", model, args.runs))
            for label, path in (("without OpenCV", POSTS["digits"]),
                                ("with OpenCV", POSTS["shapes"])):
                print(f"JS loaded {label}: {js_weight(browser, base + path) / 1e6:.2f} MB")
            browser.close()
    finally:
        shutil.rmtree(out, ignore_errors=True)


def row(browser, url: str, model: str, runs: int) -> str:
    page = browser.new_page()
    page.goto(url)
    page.wait_for_function("() => document.querySelector('figure.sitegen-demo')"
                           "?.dataset.state === 'done'", timeout=120_000)
    stats = page.evaluate(f"""async () => {{
        const demo = document.querySelector('figure.sitegen-demo').sitegenDemo;
        for (let i = 0; i < {runs}; i++) await demo.runOnce();
        const t = demo.timings;
        return {{backend: demo.tf.getBackend(), load: demo.loadMs,
                 stages: ['preprocess', 'inference', 'postprocess', 'draw']
                   .map(s => t.summary(s))}};
    }}""")
    page.close()
    cells = " ".join(f"{s['mean']:6.1f}/{s['p95']:5.1f}" for s in stats["stages"])
    return f"{model:8} {stats['backend']:8} {stats['load']:8.0f} {cells}"


def js_weight(browser, url: str) -> int:
    """Bytes of JavaScript and WASM a reader's browser fetches to get the first output."""
    page = browser.new_page()
    sizes: list[int] = []

    def count(response) -> None:
        if response.url.endswith((".js", ".wasm", ".mjs")):
            sizes.append(len(response.body()))

    page.on("response", count)
    page.goto(url)
    page.wait_for_function("() => [...document.querySelectorAll('figure.sitegen-demo')]"
                           ".every(f => f.dataset.state === 'done')", timeout=120_000)
    page.close()
    return sum(sizes)


if __name__ == "__main__":
    main()
