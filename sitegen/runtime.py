"""The files sitegen adds to a site: built-in includes, the demo runtime, vendored libraries.

A build serves them from the package (a site's own file of the same path wins, as with a
theme); `sitegen prepare` writes the same files into the source so that Jekyll builds them too.
"""

from __future__ import annotations

from pathlib import Path

from .node import node_modules

SITE_FILES = Path(__file__).parent / "site_files"
INCLUDES = SITE_FILES / "_includes"
VENDOR_DIR = "assets/sitegen/vendor"

# site path under VENDOR_DIR → file in the pinned npm packages
VENDOR = {
    "tf.min.js": "@tensorflow/tfjs/dist/tf.min.js",
    "tf-backend-wasm.min.js": "@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.min.js",
    "tfjs-backend-wasm.wasm": "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm",
    "tfjs-backend-wasm-simd.wasm": "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm",
    "tfjs-backend-wasm-threaded-simd.wasm":
        "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm",
    "opencv.js": "@techstark/opencv-js/dist/opencv.js",
}


PRINT_CSS = INCLUDES / "sitegen" / "print.css"   # inlined by the includes and the book


def uses_cdn(config: dict) -> bool:
    """`sitegen: {cdn: true}`: the demos load TF.js and OpenCV.js from jsDelivr."""
    return bool((config.get("sitegen") or {}).get("cdn"))


def runtime_files(vendored: bool = True) -> dict[str, Path]:
    """Site-relative path → file, for the demo runtime and (if `vendored`) its libraries."""
    files = {str(p.relative_to(SITE_FILES)): p
             for p in sorted((SITE_FILES / "assets").rglob("*")) if p.is_file()}
    if not vendored:
        return files
    modules = node_modules()
    for name, package_path in VENDOR.items():
        files[f"{VENDOR_DIR}/{name}"] = modules / package_path
    return files


def include_files() -> dict[str, Path]:
    """Site-relative path → file, for the built-in `_includes/sitegen/*`."""
    return {str(p.relative_to(SITE_FILES)): p
            for p in sorted(INCLUDES.rglob("*")) if p.is_file()}
