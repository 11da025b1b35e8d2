"""Which documents are published: Jekyll's `Publisher` (the `published` flag, future dates)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..site import Document, Site


def publishable(site: "Site", doc: "Document") -> bool:
    """`published: false` hides unless `unpublished`; a future date hides unless `future`."""
    return not withheld(site, doc.data) and not hidden_in_future(site, doc)


def withheld(site: "Site", data: Mapping[str, Any]) -> bool:
    """`published: false` in `data`, and the build does not render unpublished documents."""
    return data.get("published", True) is False and not site.config.get("unpublished")


def hidden_in_future(site: "Site", doc: "Document") -> bool:
    """Pages have no date; documents later than the build time wait unless `future`. The
    earliest one waiting is when the site changes by itself (`site.expires`)."""
    if doc.is_page or site.config.get("future"):
        return False
    when = doc.date.timestamp()
    if int(when) <= int(site.time.timestamp()):
        return False
    site.expires = when if site.expires is None else min(site.expires, when)
    return True
