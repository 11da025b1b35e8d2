"""The Liquid filters behind sitegen's built-in includes: QR codes, video thumbnails and demo
figures. They only run in the includes' printing branches."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .figures import DemoFigures
from .thumbnails import Thumbnails

if TYPE_CHECKING:
    from ..site import Site


def qr_svg(value: Any) -> str:
    """An inline SVG QR code of `value` (a URL), sized to print at about 2.5 cm."""
    import segno

    return segno.make(str(value), error="m").svg_inline(scale=3, border=2,
                                                        svgclass="sitegen-qr", omitsize=True)


def print_filters(site: "Site") -> dict[str, Any]:
    """The filters bound to `site` (its cache folders and models); their `SiteError`s become
    Liquid errors where the environment registers them."""
    thumbnails = Thumbnails(site.source, site.config)
    figures = DemoFigures(site.source, site.models)

    def sitegen_thumbnail(video_id: Any, service: Any = "youtube", title: Any = None) -> str:
        uri = thumbnails.data_uri(str(service), str(video_id), str(title or ""))
        if uri.startswith("data:image/svg+xml"):   # drawn: a later build may fetch the real one
            site.volatile.add("thumbnail")
        return uri

    def sitegen_demo_figure(model: Any, samples: Any = None) -> dict[str, Any]:
        wanted = [s.strip() for s in str(samples).split(",") if s.strip()] if samples else None
        return figures.figure(str(model), wanted)

    return {"sitegen_qr": qr_svg, "sitegen_thumbnail": sitegen_thumbnail,
            "sitegen_demo_figure": sitegen_demo_figure}

