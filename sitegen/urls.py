"""URLs as Jekyll makes them: permalink templates filled from placeholders, then sanitised."""

from __future__ import annotations

import re
from typing import Callable
from urllib.parse import quote, unquote

PLACEHOLDER = re.compile(r":([a-z_]+)")
_PLAIN_PATH = re.compile(r"^[a-zA-Z0-9./-]+$")
# What Addressable::URI.encode leaves alone in a path: unreserved, sub-delims, ":@/" and "?#[]%".
_SAFE = "/:@!$&'()*+,;=-._~?#[]"


def escape_path(path: str) -> str:
    """Percent-encode a URL path like Jekyll's `URL.escape_path` (Addressable), `#` as %23."""
    if not path or _PLAIN_PATH.match(path):
        return path
    return quote(path, safe=_SAFE).replace("#", "%23", 1)


def unescape_path(path: str) -> str:
    return unquote(path) if "%" in path else path


def sanitize(url: str) -> str:
    """Jekyll's `sanitize_url`: a leading slash, no `..` or `./`, no doubled slashes."""
    url = ("/" + url).replace("..", "/").replace("./", "")
    return re.sub(r"/{2,}", "/", url)


def from_hash(template: str, placeholders: list[tuple[str, str | None]]) -> str:
    """Pages: substitute in order; a missing value removes `/:key` (Jekyll's hash form)."""
    result = template
    for key, value in placeholders:
        if ":" not in result:
            break
        if value is None:
            result = result.replace(f"/:{key}", "")
        else:
            result = result.replace(f":{key}", escape_path(value))
    return result


def from_lookup(template: str, lookup: Callable[[str], str | None], where: str) -> str:
    """Documents: every `:key` is looked up; an unknown key is the site author's error."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        pool = [name, name.rstrip("_")] if name.endswith("_") else [name]
        for key in pool:
            value = lookup(key)
            if value is not KeyError:
                return escape_path("" if value is None else str(value)) + match.group(0)[
                    1 + len(key):]
        raise KeyError(f"the permalink template of {where} has no placeholder "
                       f"`:{name}`; check your permalink template")

    return PLACEHOLDER.sub(replace, template)


__all__ = ["escape_path", "unescape_path", "sanitize", "from_hash", "from_lookup"]
