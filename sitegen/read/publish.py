"""Which documents are published: Jekyll's `Publisher` (the `published` flag, future dates)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..site import Document, Site


def publishable(site: "Site", doc: "Document") -> bool:
    """`published: false` hides unless `unpublished`; a future date hides unless `future`."""
    if doc.data.get("published", True) is False and not site.config.get("unpublished"):
        return False
    return not hidden_in_future(site, doc)


def hidden_in_future(site: "Site", doc: "Document") -> bool:
    """Pages have no date; documents later than the build time wait unless `future`."""
    if doc.is_page or site.config.get("future"):
        return False
    return int(doc.date.timestamp()) > int(site.time.timestamp())
