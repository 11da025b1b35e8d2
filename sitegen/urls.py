"""URLs as Jekyll makes them: permalink templates filled from placeholders, then sanitised."""

from __future__ import annotations

import posixpath
import re
import unicodedata
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


def url_dir(url: str) -> str:
    """A page's `dir` in Jekyll: its URL if that ends in "/", else the URL's folder, with a
    "/" at the end."""
    if url.endswith("/"):
        return url
    folder = posixpath.dirname(url)
    return folder if folder.endswith("/") else folder + "/"


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


# --- slugs: Jekyll's `Utils.slugify`, for URLs and the `slugify` filter -----------------------

SLUG_MODES = ("raw", "default", "pretty", "ascii", "latin")
_PRETTY_KEEP = frozenset("._~!$&'()+,;=@")
# I18n's transliteration of Latin-1 and Latin Extended-A where stripping accents is not enough.
_LATIN_EXTRA = {"Æ": "AE", "Ð": "D", "×": "x", "Ø": "O", "Þ": "Th", "ß": "ss", "æ": "ae",
                "ð": "d", "ø": "o", "þ": "th", "Đ": "D", "đ": "d", "Ħ": "H", "ħ": "h",
                "ı": "i", "Ĳ": "IJ", "ĳ": "ij", "ĸ": "k", "Ŀ": "L", "ŀ": "l", "Ł": "L",
                "ł": "l", "ŉ": "'n", "Ŋ": "NG", "ŋ": "ng", "Œ": "OE", "œ": "oe", "Ŧ": "T",
                "ŧ": "t"}


def _transliterate(text: str) -> str:
    """I18n's `transliterate`: accented Latin letters lose the accent, other non-ASCII → "?"."""
    out = []
    for char in text:
        if char.isascii():
            out.append(char)
        elif char in _LATIN_EXTRA:
            out.append(_LATIN_EXTRA[char])
        elif "\u00c0" <= char <= "\u017e" and char != "\u00f7":
            base = unicodedata.normalize("NFD", char)[0]
            out.append(base if base.isascii() else "?")
        else:
            out.append("?")
    return "".join(out)


def _slug_char(char: str, mode: str) -> bool:
    """Whether `char` stays in a slug of this mode."""
    if mode == "raw":
        return char not in " \t\n\v\f\r"
    if mode == "ascii":
        return char.isascii() and char.isalnum()
    category = unicodedata.category(char)
    if category[0] in "ML" or category == "Nd":
        return True
    return mode == "pretty" and char in _PRETTY_KEEP


def slugify(text: str | None, mode: str | None = "default", cased: bool = False) -> str | None:
    """Jekyll's `Utils.slugify`: each run of characters the mode drops becomes one hyphen,
    hyphens at the ends go, and the slug is lowercased unless `cased`."""
    if text is None:
        return None
    mode = mode or "default"
    if mode not in SLUG_MODES:
        return text if cased else text.lower()
    if mode == "latin":
        text = _transliterate(text)
    pieces: list[str] = []
    dropping = False
    for char in text:
        if _slug_char(char, mode):
            pieces.append(char)
            dropping = False
        elif not dropping:
            pieces.append("-")
            dropping = True
    slug = re.sub(r"^-|-$", "", "".join(pieces))
    return slug if cased else slug.lower()


__all__ = ["slugify", "escape_path", "unescape_path", "sanitize", "from_hash", "from_lookup"]
