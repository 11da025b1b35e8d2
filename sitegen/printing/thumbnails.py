"""Video thumbnails for print figures: from a local cache, else fetched once, else drawn.

The build must never hang on the network: one short timeout per thumbnail, and a failure is
remembered for the rest of the build. Offline, a drawn frame with the title stands in.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

from .embed import data_uri

URLS = {
    "youtube": "https://i.ytimg.com/vi/{id}/hqdefault.jpg",
    "vimeo": "https://vimeo.com/api/v2/video/{id}.json",   # JSON naming the thumbnail
}
TIMEOUT = 3.0


class Thumbnails:
    """Thumbnails of one site: `assets/thumbnails/` (the site's own), then `.sitegen-cache/`."""

    def __init__(self, source: Path, config: dict[str, Any]):
        options = (config.get("sitegen") or {}).get("thumbnails") or {}
        self.urls = {**URLS, **{k: v for k, v in options.items() if k in URLS}}
        self.timeout = float(options.get("timeout", TIMEOUT))
        self.own = source / "assets" / "thumbnails"
        self.cache = source / ".sitegen-cache" / "thumbnails"
        self.failed: set[str] = set()

    def data_uri(self, service: str, video_id: str, title: str) -> str:
        """The thumbnail as a data: URI (JPEG, PNG or the drawn SVG placeholder)."""
        key = f"{service}-{re.sub(r'[^A-Za-z0-9_-]', '_', video_id)}"
        for folder in (self.own, self.cache):
            for ext, mime in (("jpg", "image/jpeg"), ("png", "image/png")):
                path = folder / f"{key}.{ext}"
                if path.is_file():
                    return data_uri(path.read_bytes(), mime)
        if key not in self.failed:
            data = self._fetch(service, video_id)
            if data:
                self.cache.mkdir(parents=True, exist_ok=True)
                (self.cache / f"{key}.jpg").write_bytes(data)
                return data_uri(data, "image/jpeg")
            self.failed.add(key)
        return data_uri(placeholder(title or f"{service} video {video_id}").encode(),
                        "image/svg+xml")

    def _fetch(self, service: str, video_id: str) -> bytes | None:
        try:
            url = self.urls[service].format(id=video_id)
            data = self._get(url)
            if service == "vimeo" and url.endswith(".json"):
                info = json.loads(data)
                data = self._get(info[0]["thumbnail_large"])
            return data if data[:3] == b"\xff\xd8\xff" else None   # a JPEG, not an error page
        except Exception:  # noqa: BLE001 - offline, timeout, HTTP error, odd JSON: all "no"
            return None

    def _get(self, url: str) -> bytes:
        import urllib.request   # only when a thumbnail is fetched; builds skip http.client

        request = urllib.request.Request(url, headers={"User-Agent": "sitegen"})
        with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
            return response.read(5_000_000)


def placeholder(title: str) -> str:
    """A 16:9 frame with a play symbol and the title: what prints when there is no thumbnail."""
    words, lines, line = html.escape(title).split(), [], ""
    for word in words:
        if len(line) + len(word) > 34 and line:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    text = "".join(f'<text x="240" y="{205 + 28 * i}" text-anchor="middle">{t}</text>'
                   for i, t in enumerate(lines[:3]))
    return ('<svg xmlns="http://www.w3.org/2000/svg" width="480" height="270" viewBox="0 0 480 270">'
            '<rect x="1" y="1" width="478" height="268" fill="#f2f2f2" stroke="#555" '
            'stroke-width="2"/><polygon points="215,80 215,150 275,115" fill="#555"/>'
            f'<g font-family="sans-serif" font-size="20" fill="#222">{text}</g></svg>')

